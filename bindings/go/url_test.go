package imagekit

import (
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func seedClient(t *testing.T) *Client {
	t.Helper()
	c, err := New(Config{PrivateKey: "private_key_test", PublicKey: "public_key_test",
		URLEndpoint: "https://test-domain.com/test-endpoint"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// Cases from shared/vectors/url_official.json (the original Python SDK's own tests).
func TestURLVectors(t *testing.T) {
	c := seedClient(t)
	hw := Step{P("height", "300"), P("width", "400")}
	cases := []struct {
		name string
		opts URLOptions
		want string
	}{
		{"path", URLOptions{Path: "/default-image.jpg", Transformation: []Step{hw}},
			"https://test-domain.com/test-endpoint/tr:h-300,w-400/default-image.jpg"},
		{"query parameters keep their order",
			URLOptions{Path: "/default-image.jpg", Transformation: []Step{hw},
				QueryParameters: []Param{P("param2", "value2"), P("param1", "value1")}},
			"https://test-domain.com/test-endpoint/tr:h-300,w-400/default-image.jpg?param2=value2&param1=value1"},
		{"chained on src",
			URLOptions{Src: "https://ik.imagekit.io/ldt7znpgpjs/test_YhNhoRxWt.jpg", Transformation: []Step{
				{P("height", "300"), P("width", "400"), P("format", "jpg"), P("progressive", "true"), P("effect_contrast", "1")},
				{P("rotation", 90)}}},
			"https://ik.imagekit.io/ldt7znpgpjs/test_YhNhoRxWt.jpg?tr=h-300%2Cw-400%2Cf-jpg%2Cpr-true%2Ce-contrast-1%3Art-90"},
		{"sharpen without a value",
			URLOptions{Path: "/default-image.jpg", TransformationPosition: "path", Transformation: []Step{
				{P("height", "300"), P("width", "400"), P("format", "jpg"), P("progressive", "true"),
					P("effect_sharpen", "-"), P("effect_contrast", "1")}, {P("rotation", 90)}}},
			"https://test-domain.com/test-endpoint/tr:h-300,w-400,f-jpg,pr-true,e-sharpen,e-contrast-1:rt-90/default-image.jpg"},
		{"query position and endpoint override",
			URLOptions{Path: "/default-image.jpg", URLEndpoint: "https://ik.imagekit.io/your_imagekit_id/endpoint/",
				Transformation: []Step{{P("height", "300")}}, TransformationPosition: "query"},
			"https://ik.imagekit.io/your_imagekit_id/endpoint/default-image.jpg?tr=h-300"},
		{"signed", URLOptions{Path: "/test-signed-url.jpg", Signed: true, Transformation: []Step{{P("width", 100)}}},
			"https://test-domain.com/test-endpoint/tr:w-100/test-signed-url.jpg?ik-s=6b33c23fadbc24d0461f286e4fc335f692551a60"},
	}
	for _, tc := range cases {
		got, err := c.URL(tc.opts)
		if err != nil || got != tc.want {
			t.Errorf("%s:\n got %q, %v\nwant %q", tc.name, got, err, tc.want)
		}
	}

	// Steps keep their order; reordering changes the URL.
	a, _ := c.URL(URLOptions{Path: "/a.jpg", Transformation: []Step{{P("width", 1), P("height", 2)}}})
	b, _ := c.URL(URLOptions{Path: "/a.jpg", Transformation: []Step{{P("height", 2), P("width", 1)}}})
	if !strings.Contains(a, "tr:w-1,h-2") || !strings.Contains(b, "tr:h-2,w-1") {
		t.Errorf("order lost: %s %s", a, b)
	}

	_, err := c.URL(URLOptions{Path: "/a.jpg", TransformationPosition: "fake"})
	if !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("bad position: %v", err)
	}
}

func TestSignedURLWithExpiry(t *testing.T) {
	c := seedClient(t)
	before := time.Now().Unix()
	got, err := c.URL(URLOptions{Path: "/default-image.jpg", Signed: true, ExpireSeconds: 100,
		Transformation: []Step{{P("width", "400")}}})
	after := time.Now().Unix()
	if err != nil {
		t.Fatal(err)
	}
	prefix := "https://test-domain.com/test-endpoint/tr:w-400/default-image.jpg?ik-t="
	rest, ok := strings.CutPrefix(got, prefix)
	parts := strings.Split(rest, "&ik-s=")
	if !ok || len(parts) != 2 || len(parts[1]) != 40 {
		t.Fatalf("unexpected signed URL %q", got)
	}
	expiry, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil || expiry < before+100 || expiry > after+100 {
		t.Errorf("ik-t=%s, want %d..%d", parts[0], before+100, after+100)
	}
}

func TestAuthenticationParameters(t *testing.T) {
	c := seedClient(t)
	a, err := c.AuthenticationParameters("your_token", 1582269249)
	if err != nil {
		t.Fatal(err)
	}
	if a.Token != "your_token" || a.Expire != 1582269249 || a.Signature != "e71bcd6031016b060d349d212e23e85c791decdd" {
		t.Errorf("got %+v", a)
	}
	if len(a.Raw) == 0 {
		t.Error("Raw is empty")
	}
	now := time.Now().Unix()
	r, err := c.AuthenticationParameters("", 0)
	if err != nil {
		t.Fatal(err)
	}
	if r.Token == "" || r.Expire < now+1700 || r.Expire > now+1900 || len(r.Signature) != 40 {
		t.Errorf("defaults: %+v", r)
	}
}

func TestPHashDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"f06830ca9f1e3e90", "f06830ca9f1e3e90", 0},
		{"2d5ad3936d2e015b", "2d6ed293db36a4fb", 17},
		{"a4a65595ac94518b", "7838873e791f8400", 37},
		{"33699c96619cc69e", "968e978414fe04ea", 30},
	} {
		if got, err := PHashDistance(tc.a, tc.b); err != nil || got != tc.want {
			t.Errorf("PHashDistance(%s, %s) = %d, %v; want %d", tc.a, tc.b, got, err, tc.want)
		}
	}
	if _, err := PHashDistance("not hex", "f06830ca9f1e3e90"); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("bad hash: %v", err)
	}
}

// Calls racing with Close either succeed or return ErrClosed; nothing crashes (run with -race).
func TestCloseRacesWithCalls(t *testing.T) {
	for round := 0; round < 20; round++ {
		c, err := New(testConfig())
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				for j := 0; j < 50; j++ {
					u, err := c.URL(URLOptions{Path: "/a.jpg", Transformation: []Step{{P("w", j)}}})
					if err != nil && !errors.Is(err, ErrClosed) {
						t.Errorf("URL: %v", err)
						return
					}
					if err == nil && !strings.HasSuffix(u, "/a.jpg") {
						t.Errorf("URL: %q", u)
						return
					}
				}
			}()
		}
		close(start)
		c.Close()
		wg.Wait()
		if _, err := c.URL(URLOptions{Path: "/a.jpg"}); !errors.Is(err, ErrClosed) {
			t.Fatalf("after Close: %v", err)
		}
	}
}
