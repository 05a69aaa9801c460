package imagekit

/*
#include <stdint.h>
#include <stdlib.h>
#include "imagekit.h"
*/
import "C"

import (
	"context"
	"unsafe"
)

// Upload API v2 (POST /api/v2/files/upload, beta.v2.files.upload in the official SDKs): the same
// form, streaming, progress, cancellation and answer checks as v1. A client-side v2 upload
// authenticates with a JWT Token (UploadV2Token); v1's PublicKey/Signature/Expire are refused.

// UploadV2Bytes uploads data as the file through upload API v2 (see UploadBytes).
func (c *Client) UploadV2Bytes(ctx context.Context, data []byte, opts UploadOptions) (*UploadResult, error) {
	return c.uploadBytes(ctx, data, opts, true)
}

// UploadV2Path uploads the local file at path, streamed from disk, through upload API v2 (see
// UploadPath).
func (c *Client) UploadV2Path(ctx context.Context, path string, opts UploadOptions) (*UploadResult, error) {
	if err := noNUL("path", path); err != nil {
		return nil, err
	}
	return c.upload(ctx, opts, nil, func(p *C.ik_client, o *C.char, cb C.ik_progress_callback, ud unsafe.Pointer, out **C.char) C.ik_status {
		return withString(path, func(cp *C.char) C.ik_status {
			return C.ik_beta_v2_files_upload_path(p, cp, o, cb, ud, out)
		})
	})
}

// UploadV2File uploads a file given as text (URL, base64 or data: URI) through upload API v2
// (see UploadFile).
func (c *Client) UploadV2File(ctx context.Context, file string, opts UploadOptions) (*UploadResult, error) {
	return c.upload(ctx, opts, &file, func(p *C.ik_client, o *C.char, cb C.ik_progress_callback, ud unsafe.Pointer, out **C.char) C.ik_status {
		return C.ik_beta_v2_files_upload(p, o, cb, ud, out)
	})
}
