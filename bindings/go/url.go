package imagekit

/*
#include <stdlib.h>
#include "imagekit.h"
*/
import "C"

import (
	"bytes"
	"encoding/json"
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
func (s Step) MarshalJSON() ([]byte, error) { return orderedObject(s) }

func orderedObject(params []Param) ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, p := range params {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(p.Key)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(p.Value)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// URLOptions are the seed SDK's url() options. Path (relative to the URL endpoint) or Src (a
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
func (o URLOptions) MarshalJSON() ([]byte, error) {
	var fields []Param
	add := func(key string, value any, set bool) {
		if set {
			fields = append(fields, Param{key, value})
		}
	}
	add("path", o.Path, o.Path != "")
	add("src", o.Src, o.Src != "")
	add("url_endpoint", o.URLEndpoint, o.URLEndpoint != "")
	add("transformation", o.Transformation, len(o.Transformation) > 0)
	add("transformation_position", o.TransformationPosition, o.TransformationPosition != "")
	if len(o.QueryParameters) > 0 {
		q, err := orderedObject(o.QueryParameters)
		if err != nil {
			return nil, err
		}
		add("query_parameters", json.RawMessage(q), true)
	}
	add("signed", true, o.Signed)
	add("expire_seconds", o.ExpireSeconds, o.ExpireSeconds != 0)
	return orderedObject(fields)
}

// URL builds an ImageKit URL (signed if asked) exactly as the seed SDK's url() does. It does
// no I/O. Bad options give an *Error with StatusInvalidArgument.
func (c *Client) URL(opts URLOptions) (string, error) {
	doc, err := json.Marshal(opts)
	if err != nil {
		return "", err
	}
	out, err := c.offline(func(p *C.ik_client) (C.ik_status, *C.char) {
		var out *C.char
		st := withString(string(doc), func(o *C.char) C.ik_status { return C.ik_url(p, o, &out) })
		return st, out
	})
	return string(out), err
}

// AuthParams are the token, expiry and signature a browser or app needs for a client-side upload.
type AuthParams struct {
	Token     string
	Expire    int64
	Signature string
	Raw       json.RawMessage
}

// UnmarshalJSON decodes the library's document; expire may be a number or a string of digits.
func (a *AuthParams) UnmarshalJSON(b []byte) error {
	var d struct {
		Token     string          `json:"token"`
		Expire    json.RawMessage `json:"expire"`
		Signature string          `json:"signature"`
	}
	if err := json.Unmarshal(b, &d); err != nil {
		return err
	}
	expire := string(bytes.Trim(d.Expire, `"`))
	n, err := strconv.ParseInt(expire, 10, 64)
	if err != nil {
		return err
	}
	*a = AuthParams{Token: d.Token, Expire: n, Signature: d.Signature, Raw: append(json.RawMessage(nil), b...)}
	return nil
}

// AuthenticationParameters signs token+expire for a client-side upload. An empty token picks a
// random one; expire 0 means 30 minutes from now (Unix seconds otherwise).
func (c *Client) AuthenticationParameters(token string, expire int64) (*AuthParams, error) {
	out, err := c.offline(func(p *C.ik_client) (C.ik_status, *C.char) {
		var out *C.char
		if token == "" {
			return C.ik_get_authentication_parameters(p, nil, C.int64_t(expire), &out), out
		}
		st := withString(token, func(t *C.char) C.ik_status {
			return C.ik_get_authentication_parameters(p, t, C.int64_t(expire), &out)
		})
		return st, out
	})
	if err != nil {
		return nil, err
	}
	var a AuthParams
	return &a, decode(out, &a, "authentication parameters")
}

// PHashDistance is the Hamming distance between two perceptual hashes (hexadecimal strings, as
// in Metadata.PHash): 0 for identical images, larger for more different ones.
func PHashDistance(first, second string) (int, error) {
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
