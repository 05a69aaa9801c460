module libimagekit/bindings/go

go 1.22
