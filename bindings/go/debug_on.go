//go:build imagekit_debug

package imagekit

import "runtime"

// maybeGC collects garbage before every call under the imagekit_debug build tag, so that a
// missing runtime.KeepAlive or a premature finalizer shows up in tests (as wasmtime-go does).
func maybeGC() { runtime.GC() }
