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

// opCall is the C call of one table-driven operation (ops_gen.go), given the C copies of its ids
// and of its params JSON (nil when there are none).
type opCall func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status

// op runs one table-driven operation: ids and params are copied to C for the call (and freed after
// it, on the goroutine that runs it), params is encoded by paramsJSON.
func (c *Client) op(ctx context.Context, ids []string, params any, call opCall) (json.RawMessage, error) {
	doc, err := paramsJSON(params)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if err := noNUL("id", id); err != nil {
			return nil, err
		}
	}
	if err := noNUL("params", string(doc)); err != nil {
		return nil, err
	}
	out, err := c.network(ctx, func(p *C.ik_client) (C.ik_status, *C.char) {
		cids := make([]*C.char, len(ids))
		for i, id := range ids {
			cids[i] = C.CString(id)
		}
		defer func() {
			for _, s := range cids {
				C.free(unsafe.Pointer(s))
			}
		}()
		var cparams *C.char
		if doc != nil {
			cparams = C.CString(string(doc))
			defer C.free(unsafe.Pointer(cparams))
		}
		var out *C.char
		st := call(p, cids, cparams, &out)
		return st, out
	})
	if err != nil {
		return nil, err
	}
	return json.RawMessage(out), nil
}

// paramsJSON encodes an operation's params: nil stays nil (no params), JSON text passes as is,
// anything else is marshalled.
func paramsJSON(params any) ([]byte, error) {
	switch p := params.(type) {
	case nil:
		return nil, nil
	case json.RawMessage:
		return p, nil
	case []byte:
		return p, nil
	case string:
		return []byte(p), nil
	default:
		doc, err := json.Marshal(p)
		if err != nil {
			return nil, fmt.Errorf("imagekit: encoding params: %w", err)
		}
		if string(doc) == "null" { // a nil map or pointer: no params
			return nil, nil
		}
		return doc, nil
	}
}

// Decode parses an operation's JSON answer into a value of type T, e.g.
// imagekit.Decode[[]imagekit.File](raw).
func Decode[T any](raw json.RawMessage) (T, error) {
	var v T
	err := json.Unmarshal(raw, &v)
	return v, err
}
