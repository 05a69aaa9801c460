//go:build imagekit_static && !imagekit_external

package imagekit

// Links the installed static archive (`make install`): `go build -tags imagekit_static`. The
// resulting program does not need libimagekit.so at run time.

// #cgo pkg-config: imagekit-static
import "C"
