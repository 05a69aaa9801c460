package imagekit

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
)

func modernClient(t *testing.T, key string) *Client {
	t.Helper()
	c, err := New(Config{PrivateKey: key, PublicKey: "public_key_test", URLEndpoint: "https://ik.imagekit.io/demo"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// Cases of tests/data/url_modern_official.json (@imagekit/nodejs 7.11), written with the typed
// options; each names its vector, whose output is checked to be the one asserted here.
func TestBuildURLVectors(t *testing.T) {
	raw, err := os.ReadFile("../../tests/data/url_modern_official.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Cases []struct {
			ID         string `json:"id"`
			PrivateKey string `json:"private_key"`
			Now        int64  `json:"now"`
			Output     any    `json:"output"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	vector := map[string]string{}
	for _, c := range doc.Cases {
		if s, ok := c.Output.(string); ok {
			vector[c.ID] = s
		}
	}
	const ep = "https://ik.imagekit.io/test_url_endpoint"
	// Typed fields come in the struct's order (width before height); Extra keeps any order.
	hw := Transformation{Extra: []Param{P("height", "300"), P("width", "400")}}
	cases := []struct {
		id, key string
		opts    BuildURLOptions
	}{
		{"new-0218", "My Private API Key", BuildURLOptions{URLEndpoint: ep, Src: "/test_path.jpg",
			Transformation: []Transformation{hw, {Rotation: 90}}}},
		{"new-0219", "My Private API Key", BuildURLOptions{URLEndpoint: ep, Src: "/test_path.jpg",
			Transformation: []Transformation{hw}, TransformationPosition: "path"}},
		{"new-0228", "My Private API Key", BuildURLOptions{URLEndpoint: ep,
			Src:             "https://ik.imagekit.io/test_url_endpoint/test_path_alt.jpg?t1=v1",
			QueryParameters: []Param{P("t2", "v2"), P("t3", "v3")}, Transformation: []Transformation{hw}}},
		{"new-0244", "My Private API Key", BuildURLOptions{URLEndpoint: ep, Src: "/test_path1.jpg",
			Transformation: []Transformation{{AIRemoveBackground: true}}}},
		{"new-0293", "My Private API Key", BuildURLOptions{URLEndpoint: ep, Src: "/test_path.jpg",
			Transformation: []Transformation{{Width: 400, Height: 300, Radius: "10_max_20_30"}}}},
		{"new-0309", "My Private API Key", BuildURLOptions{URLEndpoint: ep, Src: "/base-image.jpg", TransformationPosition: "path",
			Transformation: []Transformation{{Overlay: &Overlay{Type: "image", Input: "displacement-map.png", LayerMode: "displace",
				Position: &OverlayPosition{X: "50", Y: "50"}}}}}},
		{"new-0314", "My Private API Key", BuildURLOptions{URLEndpoint: "https://ik.imagekit.io/demo", Src: "/medium_cafe_B1iTdD0C.jpg",
			TransformationPosition: "path", Transformation: []Transformation{{Overlay: TextOverlay("Manu",
				Transformation{FontFamily: "nested-path/Poppins-Regular_Q15GrYWmL.ttf"})}}}},
		{"new-0326", "dummy-key", BuildURLOptions{URLEndpoint: "https://ik.imagekit.io/demo/", Src: "sdk-testing-files/future-search.png",
			Signed: true, ExpiresIn: 3600, Now: 1735689600}},
		{"new-0334", "dummy-key", BuildURLOptions{URLEndpoint: "https://ik.imagekit.io/demo/", Src: "sdk-testing-files/future-search.png",
			Transformation: []Transformation{{Width: 300, Height: 200}}, TransformationPosition: "path",
			QueryParameters: []Param{P("version", "2.0")}, Signed: true}},
	}
	for _, tc := range cases {
		want, ok := vector[tc.id]
		if !ok {
			t.Fatalf("%s is not a vector", tc.id)
		}
		got, err := modernClient(t, tc.key).BuildURL(tc.opts)
		if err != nil || got != want {
			t.Errorf("%s:\n got %q, %v\nwant %q", tc.id, got, err, want)
		}
	}
}

func TestBuildURLSignatureVerifies(t *testing.T) {
	c := modernClient(t, "private_key_test")
	got, err := c.BuildURL(BuildURLOptions{Src: "/a b/é.jpg", Transformation: []Transformation{
		{Width: 300, Progressive: Bool(false), Extra: []Param{P("unknownKey", "v")}},
		{Overlay: &Overlay{Type: "text", Text: "Hi there", Position: &OverlayPosition{X: 0}}}}, ExpiresIn: 60, Now: 1000})
	if err != nil {
		t.Fatal(err)
	}
	const rel = "a%20b/%C3%A9.jpg?tr=w-300,pr-false,unknownKey-v:l-text,i-Hi%20there,lx-0,l-end"
	mac := hmac.New(sha1.New, []byte("private_key_test"))
	mac.Write([]byte(rel + "1060"))
	want := "https://ik.imagekit.io/demo/" + rel + "&ik-t=1060&ik-s=" + hex.EncodeToString(mac.Sum(nil))
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestBuildTransformation(t *testing.T) {
	got, err := BuildTransformation([]Transformation{{Width: 300, Grayscale: true, Sharpen: 10},
		{Overlay: SolidColorOverlay("FF0000", Transformation{Width: 10}), Raw: "h-5"}})
	if want := "w-300,e-grayscale,e-sharpen-10:l-image,i-ik_canvas,bg-FF0000,w-10,l-end,h-5"; err != nil || got != want {
		t.Errorf("got %q, %v; want %q", got, err, want)
	}
	if got, err := BuildTransformation(nil); err != nil || got != "" {
		t.Errorf("empty: %q, %v", got, err)
	}
	_, err = BuildTransformation([]Transformation{{Overlay: &Overlay{Type: "gif", Input: "x"}}})
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrInvalidArgument) || !strings.Contains(e.Message, "transformation[0].overlay.type") {
		t.Errorf("want an invalid-argument error naming the overlay type, got %v", err)
	}
}

func TestResponsiveImageAttributes(t *testing.T) {
	c := modernClient(t, "private_key_test")
	r, err := c.ResponsiveImageAttributes(ResponsiveImageOptions{BuildURLOptions: BuildURLOptions{Src: "/a.jpg"}, Width: 400})
	if err != nil {
		t.Fatal(err)
	}
	u := func(w string) string { return "https://ik.imagekit.io/demo/a.jpg?tr=w-" + w + ",c-at_max" }
	if r.Src != u("828") || r.SrcSet != u("640")+" 1x, "+u("828")+" 2x" || r.Width != 400 || r.Sizes != "" {
		t.Errorf("got %+v", r)
	}
	r, err = c.ResponsiveImageAttributes(ResponsiveImageOptions{BuildURLOptions: BuildURLOptions{Src: "/a.jpg"},
		Sizes: "50vw", DeviceBreakpoints: []int{1000, 500}, ImageBreakpoints: []int{100}})
	if err != nil || r.SrcSet != u("500")+" 500w, "+u("1000")+" 1000w" || r.Sizes != "50vw" || r.Src != u("1000") {
		t.Errorf("got %+v, %v", r, err)
	}
	if _, err := c.ResponsiveImageAttributes(ResponsiveImageOptions{Width: 10}); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("missing src: %v", err)
	}
}

func TestBuildURLAfterClose(t *testing.T) {
	c := modernClient(t, "private_key_test")
	c.Close()
	if _, err := c.BuildURL(BuildURLOptions{Src: "/a.jpg"}); !errors.Is(err, ErrClosed) {
		t.Errorf("got %v", err)
	}
}
