package imagekit

/*
#include <stdlib.h>
#include "imagekit.h"
*/
import "C"

import (
	"context"
	"encoding/json"
	"fmt"
	"unsafe"
)

// decode parses a result document into v.
func decode(doc []byte, v any, what string) error {
	if err := json.Unmarshal(doc, v); err != nil {
		return fmt.Errorf("imagekit: decoding the %s answer: %w", what, err)
	}
	return nil
}

// withString runs f with a C copy of s, freed afterwards.
func withString(s string, f func(*C.char) C.ik_status) C.ik_status {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	return f(cs)
}

// ListFilesOptions filters and pages ListFiles. Zero values are left out.
type ListFilesOptions struct {
	Type          string   `json:"type,omitempty"` // "file" (default), "file-version", "folder", "all"
	Sort          string   `json:"sort,omitempty"` // e.g. "ASC_CREATED", "DESC_NAME"
	Path          string   `json:"path,omitempty"` // limit to a folder, e.g. "/products/"
	SearchQuery   string   `json:"searchQuery,omitempty"`
	FileType      string   `json:"fileType,omitempty"` // "all", "image", "non-image"
	Tags          []string `json:"tags,omitempty"`
	IncludeFolder *bool    `json:"includeFolder,omitempty"`
	Skip          int      `json:"skip,omitempty"`
	Limit         int      `json:"limit,omitempty"` // 1..1000
}

// ListFiles lists and searches the media library (GET /v1/files): AssetsList, decoded.
func (c *Client) ListFiles(ctx context.Context, opts ListFilesOptions) ([]File, error) {
	out, err := c.AssetsList(ctx, opts)
	if err != nil {
		return nil, err
	}
	var files []File
	return files, decode(out, &files, "list files")
}

// GetFileDetails returns a file's details (GET /v1/files/{fileId}/details): FilesGet, decoded.
func (c *Client) GetFileDetails(ctx context.Context, fileID string) (*File, error) {
	out, err := c.FilesGet(ctx, fileID)
	if err != nil {
		return nil, err
	}
	var f File
	return &f, decode(out, &f, "file details")
}

// GetFileMetadata returns an uploaded file's metadata (GET /v1/files/{fileId}/metadata):
// FilesMetadataGet, decoded.
func (c *Client) GetFileMetadata(ctx context.Context, fileID string) (*Metadata, error) {
	out, err := c.FilesMetadataGet(ctx, fileID)
	if err != nil {
		return nil, err
	}
	var m Metadata
	return &m, decode(out, &m, "file metadata")
}

// GetRemoteFileURLMetadata returns the metadata of a file by its URL on one of the account's
// URL endpoints (GET /v1/metadata?url=…): FilesMetadataGetFromURL, decoded.
func (c *Client) GetRemoteFileURLMetadata(ctx context.Context, remoteURL string) (*Metadata, error) {
	out, err := c.FilesMetadataGetFromURL(ctx, map[string]string{"url": remoteURL})
	if err != nil {
		return nil, err
	}
	var m Metadata
	return &m, decode(out, &m, "remote file metadata")
}

// FileUpdate is the change UpdateFileDetails applies. Nil fields are left unchanged; a non-nil
// empty Tags clears the tags.
type FileUpdate struct {
	Tags              []string
	CustomCoordinates *string
	CustomMetadata    map[string]any
	RemoveAITags      []string // or RemoveAllAITags
	RemoveAllAITags   bool
	WebhookURL        string
	Extensions        []map[string]any
	Publish           *Publish
	Description       *string
}

// Publish changes a file's publication status.
type Publish struct {
	IsPublished         bool `json:"isPublished"`
	IncludeFileVersions bool `json:"includeFileVersions,omitempty"`
}

// MarshalJSON gives the API's update document.
func (u FileUpdate) MarshalJSON() ([]byte, error) {
	m := map[string]any{}
	if u.Tags != nil {
		m["tags"] = u.Tags
	}
	if u.CustomCoordinates != nil {
		m["customCoordinates"] = *u.CustomCoordinates
	}
	if u.CustomMetadata != nil {
		m["customMetadata"] = u.CustomMetadata
	}
	if u.RemoveAllAITags {
		m["removeAITags"] = "all"
	} else if u.RemoveAITags != nil {
		m["removeAITags"] = u.RemoveAITags
	}
	if u.WebhookURL != "" {
		m["webhookUrl"] = u.WebhookURL
	}
	if u.Extensions != nil {
		m["extensions"] = u.Extensions
	}
	if u.Publish != nil {
		m["publish"] = u.Publish
	}
	if u.Description != nil {
		m["description"] = *u.Description
	}
	return json.Marshal(m)
}

// UpdateFileDetails changes a file's tags, custom coordinates, custom metadata, AI tags,
// extensions, publication status or description (PATCH /v1/files/{fileId}/details) and
// returns the updated file: FilesUpdate, decoded.
func (c *Client) UpdateFileDetails(ctx context.Context, fileID string, update FileUpdate) (*File, error) {
	out, err := c.FilesUpdate(ctx, fileID, update)
	if err != nil {
		return nil, err
	}
	var f File
	return &f, decode(out, &f, "update file details")
}

// DeleteFile deletes a file and all its versions (DELETE /v1/files/{fileId}): FilesDelete. The
// CDN's cached copies stay until purged (PurgeCache).
func (c *Client) DeleteFile(ctx context.Context, fileID string) error {
	_, err := c.FilesDelete(ctx, fileID)
	return err
}

// PurgeCache asks the CDN and ImageKit to drop their cached copies of url (POST /v1/files/purge):
// CacheInvalidationNew, decoded. The purge is asynchronous: follow it with GetPurgeCacheStatus.
func (c *Client) PurgeCache(ctx context.Context, url string) (*PurgeRequest, error) {
	out, err := c.CacheInvalidationNew(ctx, map[string]string{"url": url})
	if err != nil {
		return nil, err
	}
	var r PurgeRequest
	return &r, decode(out, &r, "purge cache")
}

// GetPurgeCacheStatus returns the state of a purge request (GET /v1/files/purge/{requestId}):
// CacheInvalidationGet, decoded.
func (c *Client) GetPurgeCacheStatus(ctx context.Context, requestID string) (*PurgeStatus, error) {
	out, err := c.CacheInvalidationGet(ctx, requestID)
	if err != nil {
		return nil, err
	}
	var s PurgeStatus
	return &s, decode(out, &s, "purge status")
}

// Request calls any ImageKit API endpoint with the client's authentication, retries and error
// mapping. pathAndQuery starts with "/" (e.g. "/v1/files/abc/versions"); body is nil for no body,
// a json.RawMessage or []byte sent as is, or any value to marshal as JSON. The answer is the
// API's JSON ("{}" when it has no body).
func (c *Client) Request(ctx context.Context, method, pathAndQuery string, body any) (json.RawMessage, error) {
	var doc []byte
	switch b := body.(type) {
	case nil:
	case json.RawMessage:
		doc = b
	case []byte:
		doc = b
	default:
		var err error
		if doc, err = json.Marshal(b); err != nil {
			return nil, err
		}
	}
	if err := noNUL("method", method, "pathAndQuery", pathAndQuery, "body", string(doc)); err != nil {
		return nil, err
	}
	out, err := c.network(ctx, func(p *C.ik_client) (C.ik_status, *C.char) {
		var out *C.char
		st := withString(method, func(m *C.char) C.ik_status {
			return withString(pathAndQuery, func(pq *C.char) C.ik_status {
				if doc == nil {
					return C.ik_request(p, m, pq, nil, &out)
				}
				return withString(string(doc), func(b *C.char) C.ik_status {
					return C.ik_request(p, m, pq, b, &out)
				})
			})
		})
		return st, out
	})
	return json.RawMessage(out), err
}
