package imagekit

import (
	"errors"
	"strings"
	"sync"
	"testing"
)

func testConfig() Config {
	return Config{
		PrivateKey:  "private_key_test",
		PublicKey:   "public_key_test",
		URLEndpoint: "https://ik.imagekit.io/your_imagekit_id",
	}
}

func TestVersion(t *testing.T) {
	if v := Version(); !strings.HasPrefix(v, "libimagekit/") {
		t.Fatalf("Version() = %q", v)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	cfg := testConfig()
	cfg.URLEndpoint = ""
	cfg.PrivateKey = "very_secret_key"
	c, err := New(cfg)
	if c != nil || err == nil {
		t.Fatalf("New with no url_endpoint: client %v, err %v", c, err)
	}
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("want an *Error with StatusInvalidArgument, got %#v", err)
	}
	if e.Name != "invalid_argument" || !strings.Contains(e.Message, "url_endpoint") {
		t.Errorf("error does not name the problem: %+v", e)
	}
	if strings.Contains(string(e.Raw), "very_secret_key") {
		t.Errorf("the private key leaked into the error: %s", e.Raw)
	}

	cfg = testConfig()
	cfg.TransformationPosition = "sideways"
	if _, err := New(cfg); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("transformation_position sideways: %v", err)
	}
}

func TestCloseIsIdempotentAndConcurrent(t *testing.T) {
	c, err := New(testConfig())
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := c.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		}()
	}
	wg.Wait()
	if err := c.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func TestConfigDocument(t *testing.T) {
	cfg := testConfig()
	cfg.MaxRetries = -1
	cfg.Timeout = 1500_000_000 // 1.5s
	doc, err := cfg.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	want := `{"private_key":"private_key_test","public_key":"public_key_test",` +
		`"url_endpoint":"https://ik.imagekit.io/your_imagekit_id","timeout_ms":1500,"max_retries":0}`
	if string(doc) != want {
		t.Errorf("config document\n got %s\nwant %s", doc, want)
	}
}
