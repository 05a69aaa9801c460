package imagekit

// The Go functions the library calls back. cgo forbids C definitions in a file with //export,
// so the C shims that adapt their signatures live in the preambles of imagekit.go and upload.go.

/*
#include <stdint.h>
#include <string.h>
*/
import "C"

import (
	"context"
	"encoding/json"
	"runtime/cgo"
	"unsafe"
)

//export ikGoLog
func ikGoLog(handle C.uintptr_t, level C.uint32_t, message *C.char) {
	defer func() { _ = recover() }() // a Go panic must never unwind into the library's frames
	fn := cgo.Handle(handle).Value().(func(LogLevel, string))
	fn(LogLevel(level), C.GoString(message))
}

// uploadState is what the progress trampoline sees through its cgo.Handle.
type uploadState struct {
	ctx      context.Context
	progress func(sent, total uint64)
	panicked any
}

//export ikGoProgress
func ikGoProgress(handle C.uintptr_t, sent, total C.uint64_t) (cancel C.int) {
	// The recover comes first: a Go panic must never unwind into the library's frames, not even
	// one from a handle that is no longer valid.
	var st *uploadState
	defer func() {
		if r := recover(); r != nil {
			if st != nil {
				st.panicked = r
			}
			cancel = 1
		}
	}()
	st = cgo.Handle(handle).Value().(*uploadState)
	if st.ctx.Err() != nil {
		return 1
	}
	if st.progress != nil {
		st.progress(uint64(sent), uint64(total))
	}
	return 0
}

//export ikGoPage
func ikGoPage(handle C.uintptr_t, page *C.char) (stop C.int) {
	var st *pageState
	defer func() {
		if r := recover(); r != nil {
			if st != nil {
				st.panicked = r
			}
			stop = 1
		}
	}()
	st = cgo.Handle(handle).Value().(*pageState)
	if st.ctx.Err() != nil {
		return 1
	}
	doc := C.GoBytes(unsafe.Pointer(page), C.int(C.strlen(page)))
	if !st.fn(json.RawMessage(doc)) {
		return 1
	}
	return 0
}

// bulkState is what the batch progress trampoline sees through its cgo.Handle.
type bulkState struct {
	ctx      context.Context
	progress func(BulkProgress)
	panicked any
}

//export ikGoBulkProgress
func ikGoBulkProgress(handle C.uintptr_t, done, total, sent, bytesTotal C.uint64_t, key *C.char) (cancel C.int) {
	var st *bulkState
	defer func() {
		if r := recover(); r != nil {
			if st != nil {
				st.panicked = r
			}
			cancel = 1
		}
	}()
	st = cgo.Handle(handle).Value().(*bulkState)
	if st.ctx.Err() != nil {
		return 1
	}
	if st.progress != nil {
		st.progress(BulkProgress{uint64(done), uint64(total), uint64(sent), uint64(bytesTotal), C.GoString(key)})
	}
	return 0
}
