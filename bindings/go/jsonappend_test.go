package imagekit

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"
)

// referenceObject is the binding's former encoder (encoding/json for every key and value), kept
// here as the reference the appender must agree with.
func referenceObject(params []Param) ([]byte, error) {
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

// sameJSON reports whether a and b are the same JSON document member for member, in order
// (encoding/json escapes <, >, & and U+2028 where the appender does not; both decode alike).
func sameJSON(t *testing.T, a, b []byte) bool {
	t.Helper()
	tokens := func(doc []byte) []any {
		d := json.NewDecoder(bytes.NewReader(doc))
		d.UseNumber()
		var out []any
		for {
			tok, err := d.Token()
			if err != nil {
				if err.Error() != "EOF" {
					t.Fatalf("invalid JSON %q: %v", doc, err)
				}
				return out
			}
			out = append(out, tok)
		}
	}
	ta, tb := tokens(a), tokens(b)
	if len(ta) != len(tb) {
		return false
	}
	for i := range ta {
		if ta[i] != tb[i] {
			return false
		}
	}
	return true
}

type namedWidth int

func TestAppenderAgreesWithEncodingJSON(t *testing.T) {
	values := []any{
		"", "plain", "300", "-", "é☃😀", "quote\" back\\slash", "ctl\x00\x01\x1f\n\r\t\b\f", "<&>",
		"\u2028\u2029", "bad utf8 \xff\xfe end", "\xc3", strings.Repeat("x", 300),
		0, 1, -1, 90, math.MaxInt64, math.MinInt64, int8(-8), int16(300), int32(-70000), int64(1 << 40),
		uint(7), uint8(255), uint16(65535), uint32(1 << 31), uint64(math.MaxUint64),
		0.0, 0.5, -0.25, 1.0, 100.0, 1e20, 1e21, 1e-6, 1e-7, 123456789.125, math.SmallestNonzeroFloat64,
		math.MaxFloat64, float32(0.1), float32(1e21), float32(1e-7), float32(3.4e38),
		true, false, nil, namedWidth(400), json.Number("12.5"), []int{1, 2}, map[string]int{"a": 1},
	}
	for _, v := range values {
		params := []Param{P("key", v), P("k\"2", v)}
		want, werr := referenceObject(params)
		got, gerr := appendOrderedObject(nil, params)
		if werr != nil || gerr != nil {
			t.Fatalf("%#v: errors %v / %v", v, werr, gerr)
		}
		if !sameJSON(t, got, want) {
			t.Errorf("%#v:\n got %s\nwant %s", v, got, want)
		}
		// Plain ASCII and numbers come out byte for byte as before.
		if s, ok := v.(string); !ok || !strings.ContainsAny(s, "<>&\u2028\u2029\x00\x01\x1f\b\f") {
			if !bytes.Equal(got, want) {
				t.Errorf("%#v: bytes differ:\n got %s\nwant %s", v, got, want)
			}
		}
	}
	for _, bad := range []any{math.NaN(), math.Inf(1), float32(math.Inf(-1)), make(chan int)} {
		if _, err := appendOrderedObject(nil, []Param{P("k", bad)}); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
}

func TestURLOptionsDocument(t *testing.T) {
	opts := URLOptions{
		Path: "/a b.jpg", Src: "https://x/y.jpg", URLEndpoint: "https://e/",
		Transformation:         []Step{{P("height", "300"), P("width", 400)}, {P("rotation", 90)}, nil},
		TransformationPosition: "query",
		QueryParameters:        []Param{P("v", "123"), P("b", true)},
		Signed:                 true, ExpireSeconds: -300,
	}
	got, err := json.Marshal(opts)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"path":"/a b.jpg","src":"https://x/y.jpg","url_endpoint":"https://e/",` +
		`"transformation":[{"height":"300","width":400},{"rotation":90},{}],"transformation_position":"query",` +
		`"query_parameters":{"v":"123","b":true},"signed":true,"expire_seconds":-300}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got, _ := json.Marshal(URLOptions{}); string(got) != `{}` {
		t.Errorf("empty options: %s", got)
	}
	if got, _ := json.Marshal(URLOptions{ExpireSeconds: 5}); string(got) != `{"expire_seconds":5}` {
		t.Errorf("expire only: %s", got)
	}
	if _, err := json.Marshal(URLOptions{Path: "/a", Transformation: []Step{{P("w", math.NaN())}}}); err == nil {
		t.Error("NaN accepted")
	}
}

func TestURLThroughTheDirectCall(t *testing.T) {
	c := seedClient(t)
	// Longer than the pooled buffer: the answer comes back as the library's own string.
	long := "/" + strings.Repeat("p", 3*scratchSize) + ".jpg"
	got, err := c.URL(URLOptions{Path: long})
	if want := "https://test-domain.com/test-endpoint" + long; err != nil || got != want {
		t.Errorf("long path: %v, %d bytes, want %d", err, len(got), len(want))
	}
	// An options document longer than the buffer grows it.
	q := []Param{}
	for i := 0; i < 200; i++ {
		q = append(q, P("k", strings.Repeat("v", 20)))
	}
	if got, err := c.URL(URLOptions{Path: "/a.jpg", QueryParameters: q}); err != nil || !strings.HasPrefix(got, "https://test-domain.com/test-endpoint/a.jpg?k=vvvv") {
		t.Errorf("many query parameters: %v %.80q", err, got)
	}
	// Errors come back as *Error with the library's message; the result of a later call is not
	// disturbed by the buffer reuse.
	_, err = c.URL(URLOptions{Path: "/a.jpg", TransformationPosition: "fake"})
	var e *Error
	if !errors.As(err, &e) || e.Status != StatusInvalidArgument || !strings.Contains(e.Message, "transformation_position") {
		t.Fatalf("bad position: %#v", err)
	}
	raw := string(e.Raw)
	if got, _ := c.URL(URLOptions{Path: "/b.jpg"}); got != "https://test-domain.com/test-endpoint/b.jpg" {
		t.Errorf("after an error: %q", got)
	}
	if string(e.Raw) != raw {
		t.Errorf("error document changed by a later call: %s", e.Raw)
	}
	// Control characters and invalid UTF-8 in options reach the library as valid JSON.
	if got, err := c.URL(URLOptions{Path: "/a\xff.jpg"}); err != nil || got != "https://test-domain.com/test-endpoint/a\uFFFD.jpg" {
		t.Errorf("invalid UTF-8: %q %v", got, err)
	}
}

func TestAuthParamsDecoding(t *testing.T) {
	doc := `{"token":"your_token","expire":1582269249,"signature":"e71bcd6031016b060d349d212e23e85c791decdd"}`
	p, ok := parseAuthParams([]byte(doc))
	if !ok || p.Token != "your_token" || p.Expire != 1582269249 || p.Signature != "e71bcd6031016b060d349d212e23e85c791decdd" || string(p.Raw) != doc {
		t.Fatalf("fast path: %v %+v", ok, p)
	}
	if n, ok := parseAuthParams([]byte(`{"token":"t","expire":-5,"signature":"` + strings.Repeat("a", 40) + `"}`)); !ok || n.Expire != -5 {
		t.Errorf("negative expire: %v %+v", ok, n)
	}
	// The layout is read from both ends: digits ending the token are not the expiry's.
	if n, ok := parseAuthParams([]byte(`{"token":"tok123","expire":77,"signature":"` + strings.Repeat("b", 40) + `"}`)); !ok ||
		n.Token != "tok123" || n.Expire != 77 || n.Signature != strings.Repeat("b", 40) {
		t.Errorf("token ending in digits: %v %+v", ok, n)
	}
	// Other layouts are left to encoding/json, with the same result.
	for _, d := range []string{
		`{"token":"a\"b","expire":1,"signature":"` + strings.Repeat("a", 40) + `"}`,
		`{"token":"t","expire":"1582269249","signature":"s"}`,
		`{ "expire": 7, "token": "t", "signature": "s" }`,
		`{"token":"t","expire":1,"signature":"` + strings.Repeat("a", 41) + `"}`,
		`{"token":"t","expire":1 ,"signature":"` + strings.Repeat("a", 40) + `"}`,
	} {
		if _, ok := parseAuthParams([]byte(d)); ok {
			t.Errorf("fast path took %s", d)
		}
		var a AuthParams
		if err := json.Unmarshal([]byte(d), &a); err != nil || a.Token == "" || a.Expire == 0 || string(a.Raw) != d {
			t.Errorf("%s: %v %+v", d, err, a)
		}
	}
	var a AuthParams
	if err := json.Unmarshal([]byte(`{"token":"t","expire":"x","signature":"s"}`), &a); err == nil {
		t.Error("bad expire accepted")
	}
	// Raw is a copy: changing it does not change the strings.
	p.Raw[11] = 'X'
	if p.Token != "your_token" {
		t.Errorf("token aliased to Raw: %q", p.Token)
	}

	c := seedClient(t)
	// Every token length around the single-allocation limit (78 bytes), and a negative expire.
	for n := 70; n <= 90; n++ {
		tok := strings.Repeat("t", n)
		got, err := c.AuthenticationParameters(tok, -1582269249)
		if err != nil {
			t.Fatalf("token of %d bytes: %v", n, err)
		}
		checkAuth(t, "token of "+strconv.Itoa(n)+" bytes", got, tok, -1582269249)
	}
	got, err := c.AuthenticationParameters("tok\"en\\é", 1582269249)
	if err != nil || got.Token != "tok\"en\\é" || got.Expire != 1582269249 || len(got.Signature) != 40 {
		t.Errorf("escaped token: %+v %v", got, err)
	}
}

// Benchmarks of the hot paths (go test -run ^$ -bench . -benchmem); bench/ has the full
// side-by-side comparison.
func BenchmarkURLExample5(b *testing.B) {
	c, err := New(Config{PrivateKey: "private_key_test", PublicKey: "p", URLEndpoint: "https://ik.imagekit.io/your_imagekit_id"})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	opts := URLOptions{Path: "/default-image.jpg", QueryParameters: []Param{P("v", "123")},
		Transformation: []Step{{P("height", "300"), P("width", "400")}}, Signed: true, ExpireSeconds: 300}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := c.URL(opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAuthenticationParameters(b *testing.B) {
	c, err := New(Config{PrivateKey: "private_key_test", PublicKey: "p", URLEndpoint: "https://ik.imagekit.io/your_imagekit_id"})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := c.AuthenticationParameters("your_token", 1582269249); err != nil {
			b.Fatal(err)
		}
	}
}

func TestStringsAroundTheWordBoundaries(t *testing.T) {
	for n := 0; n <= 40; n++ {
		for pos := 0; pos <= n; pos++ {
			for _, bad := range []byte{0, 0x1f, '"', '\\', 0x80, 0xff, 'z'} {
				b := []byte(strings.Repeat("a~ /9Z{", 6)[:n])
				if pos < n {
					b[pos] = bad
				}
				want, _ := json.Marshal(string(b))
				got := appendJSONString([]byte("x"), string(b))
				if !sameJSON(t, got[1:], want) || got[0] != 'x' {
					t.Fatalf("appendJSONString(%q) = %s, want %s", b, got, want)
				}
			}
		}
	}
}

func TestLeadingInt(t *testing.T) {
	for _, tc := range []struct {
		in string
		n  int
		v  int64
		ok bool
	}{
		{"0,", 1, 0, true}, {"1582269249,", 10, 1582269249, true}, {"-5", 2, -5, true},
		{"999999999999999999", 18, 999999999999999999, true}, {"-999999999999999999x", 19, -999999999999999999, true},
		{"9999999999999999999", 0, 0, false}, {"", 0, 0, false}, {"-", 0, 0, false}, {",1", 0, 0, false},
	} {
		n, v, ok := leadingInt([]byte(tc.in))
		if n != tc.n || v != tc.v || ok != tc.ok {
			t.Errorf("leadingInt(%q) = %d, %d, %v", tc.in, n, v, ok)
		}
	}
}
