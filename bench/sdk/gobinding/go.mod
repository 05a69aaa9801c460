module ikbench/gobinding

go 1.22

require github.com/imagekit-developer/libimagekit/bindings/go v0.0.0

replace github.com/imagekit-developer/libimagekit/bindings/go => ../../../bindings/go
