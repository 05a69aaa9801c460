package imagekit

/*
#include <stdlib.h>
#include "imagekit.h"
*/
import "C"

import (
	"bytes"
	"strconv"
	"unsafe"
)

// Param is one key/value pair of a transformation step or of the query parameters.
type Param struct {
	Key   string
	Value any // a string, number or bool; in a transformation, "-" emits the key alone
}

// P is shorthand for Param{key, value}.
func P(key string, value any) Param { return Param{Key: key, Value: value} }

// Step is one transformation step. Its parameters keep their order in the URL, which is why
// it is a list and not a map. Steps are chained with ":" (e.g. "tr:w-300,h-200:rt-90").
type Step []Param

// MarshalJSON writes the step as a JSON object whose members keep the step's order.
func (s Step) MarshalJSON() ([]byte, error) { return appendOrderedObject(nil, s) }

// URLOptions are the original Python SDK's url() options. Path (relative to the URL endpoint) or Src (a
// full URL) names the image; the rest is optional.
type URLOptions struct {
	Path           string
	Src            string
	URLEndpoint    string // overrides the client's
	Transformation []Step
	// TransformationPosition is "path" (the client's default unless configured) or "query";
	// Src always uses the query.
	TransformationPosition string
	QueryParameters        []Param // appended to the query, in order
	Signed                 bool
	ExpireSeconds          int64 // with Signed: the URL expires this many seconds from now
}

// MarshalJSON gives the options document ik_url reads.
func (o URLOptions) MarshalJSON() ([]byte, error) { return o.appendJSON(nil) }

// appendJSON appends the options document ik_url reads: only the options that are set, in a
// fixed order, transformation steps and query parameters in their given order.
func (o *URLOptions) appendJSON(b []byte) ([]byte, error) {
	b = append(b, '{')
	start := len(b)
	field := func(b []byte, key string) []byte {
		if len(b) > start {
			b = append(b, ',')
		}
		b = append(b, key...)
		return append(b, ':')
	}
	if o.Path != "" {
		b = appendJSONString(field(b, `"path"`), o.Path)
	}
	if o.Src != "" {
		b = appendJSONString(field(b, `"src"`), o.Src)
	}
	if o.URLEndpoint != "" {
		b = appendJSONString(field(b, `"url_endpoint"`), o.URLEndpoint)
	}
	var err error
	if len(o.Transformation) > 0 {
		b = append(field(b, `"transformation"`), '[')
		for i, step := range o.Transformation {
			if i > 0 {
				b = append(b, ',')
			}
			if b, err = appendOrderedObject(b, step); err != nil {
				return nil, err
			}
		}
		b = append(b, ']')
	}
	if o.TransformationPosition != "" {
		b = appendJSONString(field(b, `"transformation_position"`), o.TransformationPosition)
	}
	if len(o.QueryParameters) > 0 {
		if b, err = appendOrderedObject(field(b, `"query_parameters"`), o.QueryParameters); err != nil {
			return nil, err
		}
	}
	if o.Signed {
		b = append(field(b, `"signed"`), "true"...)
	}
	if o.ExpireSeconds != 0 {
		b = strconv.AppendInt(field(b, `"expire_seconds"`), o.ExpireSeconds, 10)
	}
	return append(b, '}'), nil
}

// URL builds an ImageKit URL (signed if asked) exactly as the original Python SDK's url() does. It does
// no I/O. Bad options give an *Error with StatusInvalidArgument.
//
// One cgo call per URL: the options are written into a pooled buffer that the library reads in
// place, and the URL comes back in the same buffer (see direct.go).
func (c *Client) URL(opts URLOptions) (string, error) {
	buf := getScratch()
	defer putScratch(buf)
	doc, err := opts.appendJSON(buf.b[:0])
	if err != nil {
		return "", err
	}
	buf.b = append(doc, 0)
	out, st, err := c.direct(buf.b[:cap(buf.b)])
	if err != nil {
		return "", err
	}
	if st != C.IK_STATUS_OK {
		return "", newError(Status(st), bytes.Clone(out))
	}
	return string(out), nil
}

// PHashDistance is the Hamming distance between two perceptual hashes (hexadecimal strings, as
// in Metadata.PHash): 0 for identical images, larger for more different ones.
func PHashDistance(first, second string) (int, error) {
	if err := noNUL("first", first, "second", second); err != nil {
		return 0, err
	}
	a, b := C.CString(first), C.CString(second)
	defer C.free(unsafe.Pointer(a))
	defer C.free(unsafe.Pointer(b))
	var distance C.uint32_t
	var cerr *C.char
	if st := C.ik_phash_distance(a, b, &distance, &cerr); st != C.IK_STATUS_OK {
		return 0, newError(Status(st), takeString(cerr))
	}
	return int(distance), nil
}
