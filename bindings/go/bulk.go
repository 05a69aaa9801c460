package imagekit

/*
#include <stdint.h>
#include <stdlib.h>
#include "imagekit.h"

extern int ikGoBulkProgress(uintptr_t handle, uint64_t done, uint64_t total, uint64_t sent, uint64_t bytesTotal, char *key);

// Not static: Go takes its address as the ik_bulk_progress_callback.
int ik_go_bulk_progress(void *userdata, uint64_t done, uint64_t total, uint64_t sent, uint64_t bytes_total, const char *key) {
	return ikGoBulkProgress((uintptr_t)userdata, done, total, sent, bytes_total, (char *)key);
}
static void *ik_go_bulk_handle(uintptr_t h) { return (void *)h; }
*/
import "C"

import (
	"context"
	"encoding/json"
	"runtime/cgo"
)

// BulkItem is one file of a BulkUpload: a local Path (streamed from disk) or File (a URL, base64
// text or data URI ImageKit fetches), with its upload options (FileName required; Progress is
// not used here: BulkOptions.Progress covers the batch).
type BulkItem struct {
	Path string `json:"path,omitempty"`
	File string `json:"file,omitempty"`
	// Key names the item in its result and in progress reports (default: Path, else FileName).
	Key string `json:"key,omitempty"`
	// ReplaceFileID, when set, stores a new version of that file instead of a new file.
	ReplaceFileID string        `json:"replaceFileId,omitempty"`
	Options       UploadOptions `json:"options"`
}

// BulkProgress is the whole batch's progress.
type BulkProgress struct {
	FilesDone, FilesTotal uint64
	BytesSent, BytesTotal uint64 // file bytes (a retry takes its file's share back to 0)
	Key                   string // the item the report is about
}

// BulkOptions tune a BulkUpload.
type BulkOptions struct {
	// Concurrency is how many uploads are in flight (1-64; 0 means 8).
	Concurrency int
	// Progress, if set, is called from the library's threads, one call at a time.
	Progress func(BulkProgress)
}

// BulkItemResult is how one item ended: Status is "uploaded", "replaced", "already_there" (a file
// of that name and size was already stored: not sent again), "failed" (Error set, nothing known
// stored) or "cancelled".
type BulkItemResult struct {
	Key    string
	Status string
	Size   uint64
	File   *UploadResult // the stored file, for uploaded, replaced and already_there
	Error  *Error        // for failed
}

// BulkSummary counts the outcomes.
type BulkSummary struct {
	Uploaded     int  `json:"uploaded"`
	Replaced     int  `json:"replaced"`
	AlreadyThere int  `json:"alreadyThere"`
	Failed       int  `json:"failed"`
	Cancelled    int  `json:"cancelled"`
	WasCancelled bool `json:"wasCancelled"`
}

// BulkResult is a result per item (in the order they finished) and the counts.
type BulkResult struct {
	Results []BulkItemResult
	Summary BulkSummary
}

// BulkUpload uploads many files at once over the client's kept-alive connections; a retry can
// never store a file twice (see ik_bulk_upload). It fails only when the batch could not run
// (bad items, a closed client); items that failed are reported in their results. Cancelling ctx
// stops the batch: uploads in flight stop before the server has them whole and the rest are
// reported "cancelled".
func (c *Client) BulkUpload(ctx context.Context, items []BulkItem, opts BulkOptions) (*BulkResult, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if items == nil {
		items = []BulkItem{}
	}
	doc, err := json.Marshal(items)
	if err != nil {
		return nil, err
	}
	optDoc := []byte("{}")
	if opts.Concurrency != 0 {
		optDoc, _ = json.Marshal(map[string]int{"concurrency": opts.Concurrency})
	}
	// Runs to the end even when ctx is cancelled: the callback cancels the batch, and the
	// results say which items were stored.
	out, err := c.network(context.Background(), func(p *C.ik_client) (C.ik_status, *C.char) {
		state := &bulkState{ctx: ctx, progress: opts.Progress}
		h := cgo.NewHandle(state)
		defer h.Delete()
		var out *C.char
		st := withString(string(doc), func(i *C.char) C.ik_status {
			return withString(string(optDoc), func(o *C.char) C.ik_status {
				return C.ik_bulk_upload(p, i, o, C.ik_bulk_progress_callback(C.ik_go_bulk_progress), C.ik_go_bulk_handle(C.uintptr_t(h)), &out)
			})
		})
		if state.panicked != nil {
			C.ik_string_free(out)
			panic(state.panicked)
		}
		return st, out
	})
	if err != nil {
		return nil, err
	}
	var raw struct {
		Results []struct {
			Key    string          `json:"key"`
			Status string          `json:"status"`
			Size   uint64          `json:"size"`
			File   *UploadResult   `json:"file"`
			Error  json.RawMessage `json:"error"`
		} `json:"results"`
		Summary BulkSummary `json:"summary"`
	}
	if err := decode(out, &raw, "bulk upload"); err != nil {
		return nil, err
	}
	r := &BulkResult{Summary: raw.Summary, Results: make([]BulkItemResult, len(raw.Results))}
	for i, x := range raw.Results {
		r.Results[i] = BulkItemResult{Key: x.Key, Status: x.Status, Size: x.Size, File: x.File}
		if len(x.Error) > 0 {
			var code struct {
				Code uint32 `json:"code"`
			}
			_ = json.Unmarshal(x.Error, &code)
			r.Results[i].Error = newError(Status(code.Code), x.Error)
		}
	}
	return r, nil
}
