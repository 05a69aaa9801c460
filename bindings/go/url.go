package imagekit

/*
#include <stdlib.h>
#include "imagekit.h"
*/
import "C"

import (
	"bytes"
	"encoding/json"
	"fmt"
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

// URL builds an ImageKit URL (signed if asked) exactly as the seed SDK's url() does. It does
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
	out, st, err := c.direct(buf.b[:cap(buf.b)], directURL, false, 0)
	if err != nil {
		return "", err
	}
	if st != C.IK_STATUS_OK {
		return "", newError(Status(st), bytes.Clone(out))
	}
	return string(out), nil
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
	if p, ok := parseAuthParams(b); ok {
		*a = p
		return nil
	}
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

// The library's authentication parameters document, in its fixed layout:
// {"token":"…","expire":1582269249,"signature":"<40 hex>"}.
const (
	authTokenKey     = `{"token":"`
	authExpireKey    = `","expire":`
	authSignatureKey = `,"signature":"`
	authEnd          = `"}`
)

// parseAuthParams reads the document in the library's fixed layout without encoding/json. A
// token with escapes, or any other layout, gives ok false (UnmarshalJSON then decodes it in
// full). The strings share one allocation; Raw is its own copy.
func parseAuthParams(doc []byte) (p AuthParams, ok bool) {
	var l authLayout
	if !l.read(doc) {
		return p, false
	}
	text := string(doc)
	return AuthParams{Token: text[l.tokenStart:l.tokenEnd], Expire: l.expire,
		Signature: text[l.sigStart : l.sigStart+40], Raw: append(json.RawMessage(nil), doc...)}, true
}

// authLayout locates the parts of the fixed-layout document.
type authLayout struct {
	tokenStart, tokenEnd, sigStart int
	expire                         int64
}

// read checks the layout from both ends, so only the token itself is scanned (for a
// backslash: an escaped token is left to encoding/json).
func (l *authLayout) read(doc []byte) bool {
	const tail = len(authSignatureKey) + 40 + len(authEnd)
	n := len(doc)
	if n < len(authTokenKey)+len(authExpireKey)+1+tail ||
		string(doc[:len(authTokenKey)]) != authTokenKey ||
		string(doc[n-len(authEnd):]) != authEnd ||
		string(doc[n-tail:n-tail+len(authSignatureKey)]) != authSignatureKey {
		return false
	}
	digitsEnd := n - tail
	start := digitsEnd
	for start > 0 && doc[start-1]-'0' <= 9 {
		start--
	}
	if start > 0 && doc[start-1] == '-' {
		start--
	}
	used, expire, ok := leadingInt(doc[start:digitsEnd])
	if !ok || used != digitsEnd-start {
		return false
	}
	tokenEnd := start - len(authExpireKey)
	if tokenEnd < len(authTokenKey) || string(doc[tokenEnd:start]) != authExpireKey ||
		bytes.IndexByte(doc[len(authTokenKey):tokenEnd], '\\') >= 0 {
		return false
	}
	l.tokenStart, l.tokenEnd, l.sigStart, l.expire = len(authTokenKey), tokenEnd, n-40-len(authEnd), expire
	return true
}

// leadingInt reads the decimal integer (optional '-', 1 to 18 digits, so it cannot overflow) at
// the start of b: its length and value.
func leadingInt(b []byte) (n int, v int64, ok bool) {
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		n = 1
	}
	start := n
	for ; n < len(b); n++ {
		d := b[n] - '0'
		if d > 9 {
			break
		}
		v = v*10 + int64(d)
	}
	if n == start || n-start > 18 {
		return 0, 0, false
	}
	if neg {
		v = -v
	}
	return n, v, true
}

// authBox is one allocation for a result: the parameters and the bytes behind them. The first
// half of data is the buffer of the library call (the token in, the document out) and then
// Raw; the second half holds a copy of the document that the strings point into, and that is
// never written again.
type authBox struct {
	p    AuthParams
	data [2 * authHalf]byte
}

const authHalf = 160

// AuthenticationParameters signs token+expire for a client-side upload. An empty token picks a
// random one; expire 0 means 30 minutes from now (Unix seconds otherwise).
//
// One cgo call and, for the usual token lengths, one allocation: the token goes to the library
// from the result's own buffer and the document comes back in it, where it is read without
// encoding/json.
func (c *Client) AuthenticationParameters(token string, expire int64) (*AuthParams, error) {
	if err := noNUL("token", token); err != nil {
		return nil, err
	}
	if len(token) < authHalf-100 {
		box := new(authBox)
		in := box.data[:authHalf]
		in[copy(in, token)] = 0
		out, st, err := c.direct(in, directAuth, token != "", expire)
		if err != nil {
			return nil, err
		}
		if st != C.IK_STATUS_OK {
			return nil, newError(Status(st), bytes.Clone(out))
		}
		var l authLayout
		if len(out) > 0 && len(out) <= authHalf && &out[0] == &in[0] && l.read(out) {
			n := copy(box.data[authHalf:], out)
			text := unsafe.String(&box.data[authHalf], n)
			box.p = AuthParams{Token: text[l.tokenStart:l.tokenEnd], Expire: l.expire,
				Signature: text[l.sigStart : l.sigStart+40], Raw: json.RawMessage(box.data[:n:n])}
			return &box.p, nil
		}
		return decodeAuth(bytes.Clone(out))
	}
	buf := getScratch()
	defer putScratch(buf)
	buf.b = append(append(buf.b[:0], token...), 0)
	out, st, err := c.direct(buf.b[:cap(buf.b)], directAuth, token != "", expire)
	if err != nil {
		return nil, err
	}
	if st != C.IK_STATUS_OK {
		return nil, newError(Status(st), bytes.Clone(out))
	}
	return decodeAuth(out)
}

func decodeAuth(doc []byte) (*AuthParams, error) {
	var a AuthParams
	if err := a.UnmarshalJSON(doc); err != nil {
		return nil, fmt.Errorf("imagekit: decoding the authentication parameters answer: %w", err)
	}
	return &a, nil
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
