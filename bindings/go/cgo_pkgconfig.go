//go:build !imagekit_intree && !imagekit_static && !imagekit_external

package imagekit

// Default linking: the installed shared library (`make install`) through `pkg-config imagekit`.
// Set PKG_CONFIG_PATH for a non-standard prefix, and LD_LIBRARY_PATH (or an rpath through
// CGO_LDFLAGS) if the library directory is not known to the dynamic loader. The tag
// imagekit_pkgconfig names this choice explicitly; it is the same as no tag.
//
// Other ways to link (see README.md):
//   -tags imagekit_intree     this repository's own debug build (target/debug, after `cargo build`)
//   -tags imagekit_static     the installed static archive through `pkg-config imagekit-static`
//   -tags imagekit_external   no flags at all: set CGO_CFLAGS / CGO_LDFLAGS yourself, e.g. for
//                             target/release or a CARGO_TARGET_DIR elsewhere

// #cgo pkg-config: imagekit
import "C"
