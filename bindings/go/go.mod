module github.com/imagekit-developer/libimagekit/bindings/go

go 1.22
