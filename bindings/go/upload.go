package imagekit

/*
#include <stdint.h>
#include <stdlib.h>
#include "imagekit.h"

extern int ikGoProgress(uintptr_t handle, uint64_t sent, uint64_t total);

// Not static: Go takes its address as the ik_progress_callback.
int ik_go_progress(void *userdata, uint64_t sent, uint64_t total) {
	return ikGoProgress((uintptr_t)userdata, sent, total);
}
static void *ik_go_progress_handle(uintptr_t h) { return (void *)h; }
*/
import "C"

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"runtime/cgo"
	"unsafe"
)

// UploadOptions are the upload API's fields (FileUploadV1). FileName is required; zero values
// are left out, so the API's defaults apply.
type UploadOptions struct {
	FileName                string                `json:"fileName"`
	UseUniqueFileName       *bool                 `json:"useUniqueFileName,omitempty"` // API default true
	Tags                    []string              `json:"tags,omitempty"`
	Folder                  string                `json:"folder,omitempty"`
	IsPrivateFile           *bool                 `json:"isPrivateFile,omitempty"`
	IsPublished             *bool                 `json:"isPublished,omitempty"`
	CustomCoordinates       string                `json:"customCoordinates,omitempty"` // "x,y,width,height"
	ResponseFields          []string              `json:"responseFields,omitempty"`
	Extensions              []map[string]any      `json:"extensions,omitempty"`
	WebhookURL              string                `json:"webhookUrl,omitempty"`
	OverwriteFile           *bool                 `json:"overwriteFile,omitempty"`
	OverwriteAITags         *bool                 `json:"overwriteAITags,omitempty"`
	OverwriteTags           *bool                 `json:"overwriteTags,omitempty"`
	OverwriteCustomMetadata *bool                 `json:"overwriteCustomMetadata,omitempty"`
	CustomMetadata          map[string]any        `json:"customMetadata,omitempty"`
	Transformation          *UploadTransformation `json:"transformation,omitempty"`
	Checks                  string                `json:"checks,omitempty"`
	Description             string                `json:"description,omitempty"`
	// Token is the one-time JWT of a client-side upload through upload API v2 (UploadV2Token).
	Token string `json:"token,omitempty"`
	// Idempotent makes a retried upload unable to store the file twice: it is sent with
	// useUniqueFileName=false and overwriteFile=false, and a retry told "already exists" returns
	// the stored file (see the library's docs/network.md).
	Idempotent bool `json:"idempotent,omitempty"`

	// Progress, if set, is called as the request body goes out: sent bytes of total (the whole
	// multipart body). It runs on the uploading goroutine; a retry starts again from 0.
	Progress func(sent, total uint64) `json:"-"`
}

// UploadTransformation asks ImageKit to transform the file before (Pre) or after (Post) storing it.
type UploadTransformation struct {
	Pre  string           `json:"pre,omitempty"`
	Post []map[string]any `json:"post,omitempty"`
}

// upload runs one of the library's upload calls with the progress trampoline installed when a
// Progress callback is set or ctx can be cancelled (cancellation stops the transfer at the next
// progress report; the call itself returns as soon as ctx is done).
func (c *Client) upload(ctx context.Context, opts UploadOptions, file *string,
	call func(p *C.ik_client, options *C.char, cb C.ik_progress_callback, ud unsafe.Pointer, out **C.char) C.ik_status,
) (*UploadResult, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	doc, err := uploadDocument(opts, file)
	if err != nil {
		return nil, err
	}
	out, err := c.network(ctx, func(p *C.ik_client) (C.ik_status, *C.char) {
		var cb C.ik_progress_callback
		var ud unsafe.Pointer
		var state *uploadState
		if opts.Progress != nil || ctx.Done() != nil {
			state = &uploadState{ctx: ctx, progress: opts.Progress}
			h := cgo.NewHandle(state)
			defer h.Delete()
			cb, ud = C.ik_progress_callback(C.ik_go_progress), C.ik_go_progress_handle(C.uintptr_t(h))
		}
		var out *C.char
		st := withString(string(doc), func(o *C.char) C.ik_status { return call(p, o, cb, ud, &out) })
		if state != nil && state.panicked != nil {
			C.ik_string_free(out)
			panic(state.panicked)
		}
		return st, out
	})
	if err != nil {
		if errors.Is(err, ErrCancelled) && ctx.Err() != nil {
			return nil, fmt.Errorf("%w (%w)", ctx.Err(), err)
		}
		return nil, err
	}
	var r UploadResult
	return &r, decode(out, &r, "upload")
}

// uploadDocument is the options JSON, with "file" when the file is given as text.
func uploadDocument(opts UploadOptions, file *string) ([]byte, error) {
	doc, err := json.Marshal(opts)
	if err != nil || file == nil {
		return doc, err
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(doc, &fields); err != nil {
		return nil, err
	}
	f, _ := json.Marshal(*file)
	fields["file"] = f
	return json.Marshal(fields)
}

// UploadBytes uploads data as the file (POST /api/v1/files/upload).
//
// When ctx cannot be cancelled the library reads data in place; otherwise it works on a copy,
// so UploadBytes can return as soon as ctx is done and data is never read afterwards.
func (c *Client) UploadBytes(ctx context.Context, data []byte, opts UploadOptions) (*UploadResult, error) {
	return c.uploadBytes(ctx, data, opts, false)
}

// uploadBytes is UploadBytes (v2 false) and UploadV2Bytes (v2 true).
func (c *Client) uploadBytes(ctx context.Context, data []byte, opts UploadOptions, v2 bool) (*UploadResult, error) {
	copied := ctx != nil && ctx.Done() != nil
	return c.upload(ctx, opts, nil, func(p *C.ik_client, o *C.char, cb C.ik_progress_callback, ud unsafe.Pointer, out **C.char) C.ik_status {
		var ptr *C.uint8_t
		if len(data) > 0 {
			if copied {
				cp := C.CBytes(data)
				defer C.free(cp)
				ptr = (*C.uint8_t)(cp)
			} else {
				ptr = (*C.uint8_t)(unsafe.Pointer(unsafe.SliceData(data)))
			}
		}
		if v2 {
			return C.ik_beta_v2_files_upload_bytes(p, ptr, C.size_t(len(data)), o, cb, ud, out)
		}
		return C.ik_files_upload_bytes(p, ptr, C.size_t(len(data)), o, cb, ud, out)
	})
}

// UploadPath uploads the local file at path, streamed from disk (memory use does not grow
// with its size). opts.FileName is required; it is not taken from path.
func (c *Client) UploadPath(ctx context.Context, path string, opts UploadOptions) (*UploadResult, error) {
	if err := noNUL("path", path); err != nil {
		return nil, err
	}
	return c.upload(ctx, opts, nil, func(p *C.ik_client, o *C.char, cb C.ik_progress_callback, ud unsafe.Pointer, out **C.char) C.ik_status {
		return withString(path, func(cp *C.char) C.ik_status {
			return C.ik_files_upload_path(p, cp, o, cb, ud, out)
		})
	})
}

// UploadFile uploads a file given as text: a public http(s) URL for ImageKit to fetch, a
// base64 string, or a data: URI.
func (c *Client) UploadFile(ctx context.Context, file string, opts UploadOptions) (*UploadResult, error) {
	return c.upload(ctx, opts, &file, func(p *C.ik_client, o *C.char, cb C.ik_progress_callback, ud unsafe.Pointer, out **C.char) C.ik_status {
		return C.ik_files_upload(p, o, cb, ud, out)
	})
}

// UploadURL has ImageKit fetch the file from a public http(s) URL and store it.
func (c *Client) UploadURL(ctx context.Context, fileURL string, opts UploadOptions) (*UploadResult, error) {
	u, err := url.Parse(fileURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, &Error{Status: StatusInvalidArgument, Name: "invalid_argument",
			Message: fmt.Sprintf("UploadURL needs an http(s) URL, got %q", fileURL)}
	}
	return c.UploadFile(ctx, fileURL, opts)
}
