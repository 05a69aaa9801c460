package imagekit

/*
#include <stdint.h>
#include <string.h>
#include "imagekit.h"

// The answer of one direct call: the status, the length of the library's output string and,
// when that did not fit in the caller's buffer, the string itself (the caller copies and frees it).
typedef struct {
	ik_status status;
	size_t len;
	char *big;
} ik_go_answer;

// Copies the library's output string into buf (when it fits) and frees it, so that a Go caller
// needs no second cgo call for strlen or ik_string_free.
static ik_go_answer ik_go_take(ik_status status, char *out, char *buf, size_t cap) {
	ik_go_answer a = {status, 0, NULL};
	if (out == NULL) return a;
	a.len = strlen(out);
	if (a.len <= cap) {
		memcpy(buf, out, a.len);
		ik_string_free(out);
	} else {
		a.big = out;
	}
	return a;
}

// ik_url with the NUL-terminated options in buf; the URL (or error document) comes back in buf.
static ik_go_answer ik_go_url(const ik_client *client, char *buf, size_t cap) {
	char *out = NULL;
	ik_status st = ik_url(client, buf, &out);
	return ik_go_take(st, out, buf, cap);
}

*/
import "C"

import (
	"runtime"
	"sync"
	"unsafe"
)

// URL building is the binding's hot path: one cgo call per URL. The input is written into a pooled Go buffer that the library reads in place (no
// C.CString copy, no malloc/free), and a C helper copies the output string back into the same
// buffer and frees it within that call (no cgo round trips for strlen and ik_string_free).

// scratchSize is a new buffer's capacity: room for the usual options document and URL.
const scratchSize = 1024

// scratchMax bounds the buffers kept for reuse, so one huge call does not pin its memory.
const scratchMax = 64 << 10

type scratch struct{ b []byte }

var scratchPool = sync.Pool{New: func() any { return &scratch{b: make([]byte, 0, scratchSize)} }}

func getScratch() *scratch { return scratchPool.Get().(*scratch) }

func putScratch(s *scratch) {
	if cap(s.b) <= scratchMax {
		s.b = s.b[:0]
		scratchPool.Put(s)
	}
}

// direct runs ik_url on b (the NUL-terminated options; all of b may be overwritten with the
// output) under the client's read lock. The output is returned as a view of b, or as a fresh
// copy when it was larger than b.
func (c *Client) direct(b []byte) ([]byte, C.ik_status, error) {
	p := (*C.char)(unsafe.Pointer(unsafe.SliceData(b)))
	c.mu.RLock()
	if c.ptr == nil {
		c.mu.RUnlock()
		return nil, 0, ErrClosed
	}
	maybeGC()
	a := C.ik_go_url(c.ptr, p, C.size_t(len(b)))
	runtime.KeepAlive(c)
	c.mu.RUnlock()
	if a.big != nil {
		out := C.GoBytes(unsafe.Pointer(a.big), C.int(a.len))
		C.ik_string_free(a.big)
		return out, a.status, nil
	}
	return b[:a.len], a.status, nil
}
