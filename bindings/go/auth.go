package imagekit

/*
#include <stdint.h>
#include "imagekit.h"
*/
import "C"

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"strconv"
	"unsafe"
)

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

// authBox is one allocation for a result: the parameters and the bytes behind them. The
// library writes the document (Raw) at the start of data, and its length into n; the
// signature and a generated token are then copied behind it, where the strings point, so
// that writing into Raw cannot change them. A given token is returned as the caller's own
// string.
type authBox struct {
	p    AuthParams
	n    C.size_t
	data [authData]byte
}

// authData holds the document for a generated token or for a given one of up to 78 bytes,
// and the strings: 288 bytes in all, a size class of Go's allocator.
const authData = 216

// AuthenticationParameters signs token+expire for a client-side upload. An empty token picks a
// random one; expire 0 means 30 minutes from now (Unix seconds otherwise).
//
// One cgo call and, for the usual token lengths, one allocation: the library writes the
// document into the result itself (ik_get_authentication_parameters_into), where it is read
// without encoding/json.
func (c *Client) AuthenticationParameters(token string, expire int64) (*AuthParams, error) {
	if err := noNUL("token", token); err != nil {
		return nil, err
	}
	box := new(authBox)
	room := len(box.data) - 40
	if token == "" {
		room -= 36
	}
	// No error document on this path (an out-pointer into the box would make cgo check the
	// whole box on every call): a failure is asked again in authLong, which has one.
	st, err := c.authInto(token, expire, box.data[:room], &box.n, nil)
	if err != nil {
		return nil, err
	}
	if st != C.IK_STATUS_OK {
		return c.authLong(token, expire, max(int(box.n), room))
	}
	n := int(box.n)
	doc := box.data[:n:n]
	var l authLayout
	if !l.read(doc) {
		return decodeAuth(bytes.Clone(doc))
	}
	strs := box.data[n:]
	copy(strs, doc[l.sigStart:l.sigStart+40])
	box.p = AuthParams{Token: token, Expire: l.expire, Signature: unsafe.String(&strs[0], 40), Raw: json.RawMessage(doc)}
	if token == "" {
		t := copy(strs[40:], doc[l.tokenStart:l.tokenEnd])
		box.p.Token = unsafe.String(&strs[40], t)
	}
	return &box.p, nil
}

// authLong is AuthenticationParameters with a buffer of size bytes and an error document: for
// a token whose document does not fit in an authBox (the library said how many bytes it
// needs), and to report a failure.
func (c *Client) authLong(token string, expire int64, size int) (*AuthParams, error) {
	buf := make([]byte, size)
	var n C.size_t
	var cerr *C.char
	st, err := c.authInto(token, expire, buf, &n, &cerr)
	if err != nil {
		return nil, err
	}
	if st != C.IK_STATUS_OK {
		return nil, newError(Status(st), takeString(cerr))
	}
	return decodeAuth(buf[:n])
}

// authInto runs ik_get_authentication_parameters_into under the client's read lock. token
// is read in place (the library takes its length and never writes to it).
func (c *Client) authInto(token string, expire int64, buf []byte, n *C.size_t, cerr **C.char) (C.ik_status, error) {
	t := (*C.char)(unsafe.Pointer(unsafe.StringData(token)))
	b := (*C.char)(unsafe.Pointer(unsafe.SliceData(buf)))
	c.mu.RLock()
	if c.ptr == nil {
		c.mu.RUnlock()
		return 0, ErrClosed
	}
	maybeGC()
	st := C.ik_get_authentication_parameters_into(c.ptr, t, C.size_t(len(token)), C.int64_t(expire), b,
		C.size_t(len(buf)), n, cerr)
	runtime.KeepAlive(c)
	c.mu.RUnlock()
	return st, nil
}

func decodeAuth(doc []byte) (*AuthParams, error) {
	var a AuthParams
	if err := a.UnmarshalJSON(doc); err != nil {
		return nil, fmt.Errorf("imagekit: decoding the authentication parameters answer: %w", err)
	}
	return &a, nil
}
