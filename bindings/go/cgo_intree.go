//go:build imagekit_intree && !imagekit_static && !imagekit_external

package imagekit

// Links the library built in this repository by `cargo build` (debug profile), found through
// ${SRCDIR}, with an rpath so test binaries run without LD_LIBRARY_PATH:
// `go test -tags imagekit_intree ./...`. This is how the repository's own tests build the
// package (tests/it/go_binding.rs); programs outside it link the installed library (the default).

/*
#cgo CFLAGS: -I${SRCDIR}/../../include
#cgo LDFLAGS: -L${SRCDIR}/../../target/debug -Wl,-rpath,${SRCDIR}/../../target/debug -limagekit
*/
import "C"
