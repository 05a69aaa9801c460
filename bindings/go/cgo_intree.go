//go:build !imagekit_pkgconfig && !imagekit_static && !imagekit_external

package imagekit

// Default linking: the library built in this repository by `cargo build` (debug profile), found
// through ${SRCDIR}, with an rpath so test binaries run without LD_LIBRARY_PATH.
//
// Other ways to link (see README.md):
//   -tags imagekit_pkgconfig   the installed library through `pkg-config imagekit` (`make install`)
//   -tags imagekit_static      the installed static archive through `pkg-config imagekit-static`
//   -tags imagekit_external    no flags at all: set CGO_CFLAGS / CGO_LDFLAGS yourself, e.g. for
//                              target/release or a CARGO_TARGET_DIR elsewhere

/*
#cgo CFLAGS: -I${SRCDIR}/../../include
#cgo LDFLAGS: -L${SRCDIR}/../../target/debug -Wl,-rpath,${SRCDIR}/../../target/debug -limagekit
*/
import "C"
