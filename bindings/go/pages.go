package imagekit

/*
#include <stdint.h>
#include <stdlib.h>
#include "imagekit.h"

extern int ikGoPage(uintptr_t handle, char *page);

// Not static: Go takes its address as the ik_page_callback.
int ik_go_page(void *userdata, const char *page) {
	return ikGoPage((uintptr_t)userdata, (char *)page);
}
static void *ik_go_page_handle(uintptr_t h) { return (void *)h; }
*/
import "C"

import (
	"context"
	"encoding/json"
	"runtime/cgo"
	"unsafe"
)

// pageState is what the page trampoline sees through its cgo.Handle.
type pageState struct {
	ctx      context.Context
	fn       func(page json.RawMessage) bool
	panicked any
}

// AssetsListEach lists and searches the media library page by page (GET /v1/files with skip/limit):
// fn gets each page's JSON array and returns false to stop. params is as for AssetsList; its
// "skip" is where the walk starts and its "limit" (default 1000) the page size. The walk also
// stops when ctx is done (checked between pages). It returns how many pages and items it saw.
func (c *Client) AssetsListEach(ctx context.Context, params any, fn func(page json.RawMessage) bool) (pages, items int, err error) {
	if ctx == nil {
		ctx = context.Background()
	}
	doc, err := paramsJSON(params)
	if err != nil {
		return 0, 0, err
	}
	out, err := c.network(ctx, func(p *C.ik_client) (C.ik_status, *C.char) {
		// The handle lives exactly as long as the C call: when ctx is done, network returns at
		// once while the walk finishes in the background, and the callback must still find it.
		st := &pageState{ctx: ctx, fn: fn}
		h := cgo.NewHandle(st)
		defer h.Delete()
		var cparams *C.char
		if doc != nil {
			cparams = C.CString(string(doc))
			defer C.free(unsafe.Pointer(cparams))
		}
		var out *C.char
		s := C.ik_assets_list_each(p, cparams, C.ik_page_callback(C.ik_go_page), C.ik_go_page_handle(C.uintptr_t(h)), &out)
		if st.panicked != nil {
			C.ik_string_free(out)
			panic(st.panicked) // network re-raises it on the caller's goroutine
		}
		return s, out
	})
	if err != nil {
		return 0, 0, err
	}
	var summary struct{ Pages, Items int }
	if err := json.Unmarshal(out, &summary); err != nil {
		return 0, 0, err
	}
	return summary.Pages, summary.Items, ctx.Err()
}

// AssetsListAll returns every item of every page (GET /v1/files with skip/limit) in one JSON
// array, at most maxItems of them (0: no cap; exactly maxItems items may have been cut).
func (c *Client) AssetsListAll(ctx context.Context, params any, maxItems uint64) (json.RawMessage, error) {
	doc, err := paramsJSON(params)
	if err != nil {
		return nil, err
	}
	return c.network(ctx, func(p *C.ik_client) (C.ik_status, *C.char) {
		var cparams *C.char
		if doc != nil {
			cparams = C.CString(string(doc))
			defer C.free(unsafe.Pointer(cparams))
		}
		var out *C.char
		s := C.ik_assets_list_all(p, cparams, C.uint64_t(maxItems), &out)
		return s, out
	})
}
