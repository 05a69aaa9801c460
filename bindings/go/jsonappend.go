package imagekit

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"
	"unsafe"
)

// A small JSON appender for the option documents the library reads. URL() runs once per image
// on busy servers, and encoding/json (reflection, one buffer per value, a validity re-scan of
// every Marshaler's output) cost several times the library call itself. The appender writes the
// same JSON values straight into one reused buffer; only values of types it does not know
// (rare: named types, structs, maps) go through json.Marshal.

// appendJSONString appends s as a JSON string. Invalid UTF-8 becomes U+FFFD, as encoding/json
// does; unlike encoding/json it leaves <, > and & alone (the library is not an HTML page).
//
// Option strings are mostly URLs and names with nothing to escape, and a byte-at-a-time loop
// cost more than the library call itself: plain bytes are checked and copied eight at a time.
func appendJSONString(b []byte, s string) []byte {
	n := len(s)
	b = slices.Grow(b, n+2)
	b = append(b, '"')
	start := len(b)
	dst := b[start : start+n]
	if n < 8 {
		for i := 0; i < n; i++ {
			c := s[i]
			if !plainByte[c] {
				return appendEscaped(b[:start+i], s, i)
			}
			dst[i] = c
		}
		return append(b[:start+n], '"')
	}
	// A read-only byte view of s: binary.LittleEndian.Uint64 compiles to one load.
	raw := unsafe.Slice(unsafe.StringData(s), n)
	for i := 0; i+8 <= n; i += 8 {
		x := binary.LittleEndian.Uint64(raw[i:])
		if !plain8(x) {
			return appendEscaped(b[:start+i], s, i)
		}
		binary.LittleEndian.PutUint64(dst[i:], x)
	}
	// The last (overlapping) eight bytes cover the tail.
	if n%8 != 0 {
		x := binary.LittleEndian.Uint64(raw[n-8:])
		if !plain8(x) {
			return appendEscaped(b[:start+n-8], s, n-8)
		}
		binary.LittleEndian.PutUint64(dst[n-8:], x)
	}
	return append(b[:start+n], '"')
}

// appendEscaped appends s[i:] with escapes and the closing quote; s[:i] is already appended.
func appendEscaped(b []byte, s string, i int) []byte {
	start := i
	for i < len(s) {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			b = appendEscapedASCII(b, c)
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// plainByte[c] is true for the bytes JSON takes verbatim in a string: printable ASCII other
// than '"' and '\\'.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// plain8 reports whether all eight bytes of x are plain: a high bit in a lane of the expression
// flags a byte < 0x20, a quote, a backslash or a non-ASCII byte.
func plain8(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	q := x ^ (ones * '"')
	bs := x ^ (ones * '\\')
	return ((x-ones*0x20)|(q-ones)|(bs-ones)|x)&highs == 0
}

// appendEscapedASCII appends the escape of a quote, backslash or control byte.
func appendEscapedASCII(b []byte, c byte) []byte {
	switch c {
	case '"', '\\':
		return append(b, '\\', c)
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	case '\t':
		return append(b, '\\', 't')
	}
	const hex = "0123456789abcdef"
	return append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
}

// appendJSONFloat appends f as encoding/json writes it (shortest representation; exponent form
// below 1e-6 and from 1e21 on, with e-07 shortened to e-7). NaN and ±Inf are not JSON: ok false.
func appendJSONFloat(b []byte, f float64, bits int) ([]byte, bool) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return b, false
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	b = strconv.AppendFloat(b, f, format, -1, bits)
	if format == 'e' {
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, true
}

// appendJSONValue appends v as JSON. The usual option values (strings, integers, floats, bools,
// nil) are written directly; any other type goes through json.Marshal, so it gives the same
// bytes and the same errors as before.
func appendJSONValue(b []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case string:
		return appendJSONString(b, x), nil
	case int:
		return strconv.AppendInt(b, int64(x), 10), nil
	case int64:
		return strconv.AppendInt(b, x, 10), nil
	case int32:
		return strconv.AppendInt(b, int64(x), 10), nil
	case int16:
		return strconv.AppendInt(b, int64(x), 10), nil
	case int8:
		return strconv.AppendInt(b, int64(x), 10), nil
	case uint:
		return strconv.AppendUint(b, uint64(x), 10), nil
	case uint64:
		return strconv.AppendUint(b, x, 10), nil
	case uint32:
		return strconv.AppendUint(b, uint64(x), 10), nil
	case uint16:
		return strconv.AppendUint(b, uint64(x), 10), nil
	case uint8:
		return strconv.AppendUint(b, uint64(x), 10), nil
	case bool:
		return strconv.AppendBool(b, x), nil
	case nil:
		return append(b, "null"...), nil
	case float64:
		if out, ok := appendJSONFloat(b, x, 64); ok {
			return out, nil
		}
	case float32:
		if out, ok := appendJSONFloat(b, float64(x), 32); ok {
			return out, nil
		}
	}
	m, err := json.Marshal(v)
	if err != nil {
		return b, err
	}
	return append(b, m...), nil
}

// appendOrderedObject appends params as a JSON object whose members keep their order.
func appendOrderedObject(b []byte, params []Param) ([]byte, error) {
	b = append(b, '{')
	for i, p := range params {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, p.Key)
		b = append(b, ':')
		var err error
		if b, err = appendJSONValue(b, p.Value); err != nil {
			return b, err
		}
	}
	return append(b, '}'), nil
}
