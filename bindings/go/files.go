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

// ListFilesOptions filters and pages AssetsList (and its walkers). Zero values are left out.
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

// FileUpdate is the change FilesUpdate applies. Nil fields are left unchanged; a non-nil
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
