package imagekit

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The cases of tests/data/webhook_vectors.json (computed by a Python stdlib script, independently
// of the library) through WebhooksUnwrap, with the headers as an http.Header.
func TestWebhookVectors(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "tests", "data", "webhook_vectors.json"))
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Cases []struct {
			Name    string                     `json:"name"`
			Secret  string                     `json:"secret"`
			Body    *string                    `json:"body"`
			BodyB64 string                     `json:"body_b64"`
			Headers map[string]json.RawMessage `json:"headers"`
			Options struct {
				Now            int64  `json:"now"`
				Tolerance      int64  `json:"tolerance_seconds"`
				Scheme         string `json:"scheme"`
				SecretEncoding string `json:"secret_encoding"`
			} `json:"options"`
			Expect string `json:"expect"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, c := range v.Cases {
		// An http.Header holds strings only: the one case with a JSON number as a header value
		// is the library's JSON-input check, covered by the Rust and C tests.
		h, ok := toHeader(c.Headers)
		if !ok {
			continue
		}
		ran++
		body := []byte(nil)
		if c.Body != nil {
			body = []byte(*c.Body)
		} else if body, err = base64.StdEncoding.DecodeString(c.BodyB64); err != nil {
			t.Fatal(err)
		}
		opts := &WebhookOptions{Now: time.Unix(c.Options.Now, 0), Tolerance: time.Duration(c.Options.Tolerance) * time.Second,
			Scheme: c.Options.Scheme, SecretEncoding: c.Options.SecretEncoding}
		ev, err := WebhooksUnwrap(c.Secret, body, h, opts)
		if c.Expect == "ok" {
			if err != nil {
				t.Errorf("%s: %v", c.Name, err)
			} else if !bytes.Equal(ev.Raw, body) {
				t.Errorf("%s: event %s, want the body", c.Name, ev.Raw)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Reason != c.Expect || !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("%s: want %s, got %v (%#v)", c.Name, c.Expect, err, e)
		}
	}
	if ran < 40 {
		t.Fatalf("only %d of %d vectors ran", ran, len(v.Cases))
	}
}

func toHeader(m map[string]json.RawMessage) (http.Header, bool) {
	h := http.Header{}
	for k, raw := range m {
		var one string
		var list []string
		switch {
		case json.Unmarshal(raw, &one) == nil:
			h[k] = append(h[k], one) // the key as given: the library matches any case
		case json.Unmarshal(raw, &list) == nil:
			h[k] = append(h[k], list...)
		default:
			return nil, false
		}
	}
	return h, true
}

func standardSignature(key []byte, id string, ts int64, body []byte) string {
	m := hmac.New(sha256.New, key)
	fmt.Fprintf(m, "%s.%d.", id, ts)
	m.Write(body)
	return "v1," + base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// A webhook POSTed to a local HTTP server is verified from r.Header and the raw body, with the
// real clock; signatures are made here with crypto/hmac.
func TestWebhooksUnwrapInAHandler(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	secret := "whsec_" + base64.StdEncoding.EncodeToString(key)
	type answer struct {
		ev  *WebhookEvent
		err error
	}
	got := make(chan answer, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		ev, err := WebhooksUnwrap(secret, body, r.Header, nil)
		got <- answer{ev, err}
	}))
	defer srv.Close()
	post := func(body []byte, hdr map[string]string) answer {
		req, _ := http.NewRequest("POST", srv.URL, bytes.NewReader(body))
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return <-got
	}

	body := []byte(`{"id":"evt_1","type":"file.created","created_at":"2026-01-01T00:00:00Z","data":{"fileId":"f1"}}`)
	now := time.Now().Unix()
	a := post(body, map[string]string{"webhook-id": "msg_1", "webhook-timestamp": strconv.FormatInt(now, 10),
		"webhook-signature": "v1,bm9wZQ== " + standardSignature(key, "msg_1", now, body)})
	if a.err != nil {
		t.Fatal(a.err)
	}
	if a.ev.ID != "evt_1" || a.ev.Type != "file.created" || a.ev.CreatedAt != "2026-01-01T00:00:00Z" ||
		string(a.ev.Data) != `{"fileId":"f1"}` || !bytes.Equal(a.ev.Raw, body) {
		t.Errorf("event %+v", a.ev)
	}

	// Ten minutes old: stale under the default tolerance.
	old := now - 600
	a = post(body, map[string]string{"webhook-id": "msg_1", "webhook-timestamp": strconv.FormatInt(old, 10),
		"webhook-signature": standardSignature(key, "msg_1", old, body)})
	var e *Error
	if !errors.As(a.err, &e) || e.Reason != WebhookStaleTimestamp {
		t.Errorf("stale: %v", a.err)
	}

	// The legacy header, keyed with the secret string itself.
	t1 := time.Now().UnixMilli()
	m := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(m, "%d.", t1)
	m.Write(body)
	a = post(body, map[string]string{"X-Ik-Signature": fmt.Sprintf("t=%d,v1=%s", t1, hex.EncodeToString(m.Sum(nil)))})
	if a.err != nil || a.ev.ID != "evt_1" {
		t.Errorf("legacy: %v", a.err)
	}

	// No signature headers at all.
	a = post(body, nil)
	if !errors.As(a.err, &e) || e.Reason != WebhookMissingHeader {
		t.Errorf("unsigned: %v", a.err)
	}
}

func TestWebhooksUnwrapArguments(t *testing.T) {
	var e *Error
	_, err := WebhooksUnwrap("", []byte("{}"), http.Header{"X-Ik-Signature": {"t=1,v1=00"}}, nil)
	if !errors.As(err, &e) || e.Status != StatusInvalidArgument || !strings.Contains(e.Message, "secret is empty") {
		t.Errorf("empty secret: %v", err)
	}
	_, err = WebhooksUnwrap("s", nil, nil, &WebhookOptions{Scheme: "other"})
	if !errors.As(err, &e) || !strings.Contains(e.Message, "scheme") {
		t.Errorf("bad scheme: %v", err)
	}
	_, err = WebhooksUnwrap("s", nil, nil, nil)
	if !errors.As(err, &e) || e.Reason != WebhookMissingHeader {
		t.Errorf("nil body and headers: %v", err)
	}
}

// verifyHS256 checks a JWT with crypto/hmac alone and returns its decoded header and payload.
func verifyHS256(t *testing.T, token string, key []byte) (map[string]any, map[string]any) {
	t.Helper()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("%q: want three parts", token)
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(parts[0] + "." + parts[1]))
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil || !hmac.Equal(sig, m.Sum(nil)) {
		t.Fatalf("HS256 signature does not verify (%v)", err)
	}
	var header, payload map[string]any
	for i, into := range []*map[string]any{&header, &payload} {
		b, err := base64.RawURLEncoding.DecodeString(parts[i])
		if err != nil {
			t.Fatal(err)
		}
		d := json.NewDecoder(bytes.NewReader(b))
		d.UseNumber()
		if err := d.Decode(into); err != nil {
			t.Fatal(err)
		}
	}
	return header, payload
}

func TestUploadV2Token(t *testing.T) {
	c := seedClient(t)
	params := map[string]any{"fileName": "dress.jpg", "useUniqueFileName": false, "tags": []string{"summer", "dress"},
		"customMetadata": map[string]any{"brand": "Acme"}}
	token, err := c.UploadV2Token(params, &UploadTokenOptions{Expire: 10 * time.Minute, Now: time.Unix(1714035985, 0)})
	if err != nil {
		t.Fatal(err)
	}
	header, payload := verifyHS256(t, token, []byte("private_key_test"))
	if fmt.Sprint(header) != fmt.Sprint(map[string]any{"alg": "HS256", "typ": "JWT", "kid": "public_key_test"}) {
		t.Errorf("header %v", header)
	}
	want := map[string]any{"fileName": "dress.jpg", "useUniqueFileName": "false", "tags": "summer,dress",
		"customMetadata": `{"brand":"Acme"}`, "iat": json.Number("1714035985"), "exp": json.Number("1714036585")}
	if fmt.Sprint(payload) != fmt.Sprint(want) {
		t.Errorf("payload %v\nwant    %v", payload, want)
	}

	// Defaults: the real clock, 30 minutes.
	before := time.Now().Unix()
	token, err = c.UploadV2Token(map[string]string{"fileName": "a.png"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, payload = verifyHS256(t, token, []byte("private_key_test"))
	iat, _ := payload["iat"].(json.Number).Int64()
	exp, _ := payload["exp"].(json.Number).Int64()
	if iat < before || iat > time.Now().Unix() || exp-iat != 1800 {
		t.Errorf("iat %d exp %d", iat, exp)
	}

	// Errors: lifetime over an hour, no fileName, a non-object, a closed client.
	var e *Error
	if _, err := c.UploadV2Token(params, &UploadTokenOptions{Expire: 61 * time.Minute}); !errors.As(err, &e) ||
		!strings.Contains(e.Message, "1..=3600") {
		t.Errorf("61 min: %v", err)
	}
	if _, err := c.UploadV2Token(map[string]string{"folder": "/"}, nil); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("no fileName: %v", err)
	}
	if _, err := c.UploadV2Token([]string{"fileName"}, nil); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("array: %v", err)
	}
	c.Close()
	if _, err := c.UploadV2Token(params, nil); !errors.Is(err, ErrClosed) {
		t.Errorf("closed: %v", err)
	}
}
