//go:build imagekit_pkgconfig && !imagekit_static && !imagekit_external

package imagekit

// Links the installed shared library (`make install`): `go build -tags imagekit_pkgconfig`.
// Set PKG_CONFIG_PATH for a non-standard prefix, and LD_LIBRARY_PATH (or an rpath through
// CGO_LDFLAGS) if the library directory is not known to the dynamic loader.

// #cgo pkg-config: imagekit
import "C"
