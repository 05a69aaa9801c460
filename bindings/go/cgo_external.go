//go:build imagekit_external

package imagekit

// No cgo flags: the build takes them from CGO_CFLAGS and CGO_LDFLAGS, e.g.
//
//	CGO_CFLAGS="-I$REPO/include" \
//	CGO_LDFLAGS="-L$REPO/target/release -Wl,-rpath,$REPO/target/release -limagekit" \
//	go test -tags imagekit_external ./...

import "C"
