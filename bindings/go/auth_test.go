package imagekit

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// hmacHex is the signature computed independently, with Go's own HMAC-SHA1.
func hmacHex(key, msg string) string {
	m := hmac.New(sha1.New, []byte(key))
	m.Write([]byte(msg))
	return hex.EncodeToString(m.Sum(nil))
}

var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// checkAuth checks a result against its own Raw document and an independent signature.
func checkAuth(t *testing.T, what string, a *AuthParams, token string, expire int64) {
	t.Helper()
	if token != "" && a.Token != token {
		t.Fatalf("%s: token %q, want %q", what, a.Token, token)
	}
	if expire != 0 && a.Expire != expire {
		t.Fatalf("%s: expire %d, want %d", what, a.Expire, expire)
	}
	if want := hmacHex("private_key_test", a.Token+strconv.FormatInt(a.Expire, 10)); a.Signature != want {
		t.Fatalf("%s: signature %s, want %s", what, a.Signature, want)
	}
	var doc struct {
		Token     string `json:"token"`
		Expire    int64  `json:"expire"`
		Signature string `json:"signature"`
	}
	if err := json.Unmarshal(a.Raw, &doc); err != nil || doc.Token != a.Token || doc.Expire != a.Expire ||
		doc.Signature != a.Signature {
		t.Fatalf("%s: Raw %s disagrees with %+v (%v)", what, a.Raw, a, err)
	}
	// The strings do not share memory with Raw.
	tok, sig := a.Token, a.Signature
	for i := range a.Raw {
		a.Raw[i] = 'X'
	}
	if a.Token != tok || a.Signature != sig {
		t.Fatalf("%s: the strings changed with Raw: %+v", what, a)
	}
}

func TestAuthenticationParametersEveryTokenLength(t *testing.T) {
	c := seedClient(t)
	// Across the limit of the one-allocation path (78 bytes), plain and with bytes JSON escapes.
	for n := 0; n <= 300; n++ {
		for _, tok := range []string{strings.Repeat("t", n), strings.Repeat("\"\\\n", n/3)} {
			a, err := c.AuthenticationParameters(tok, 1582269249)
			if err != nil {
				t.Fatalf("token of %d bytes: %v", len(tok), err)
			}
			checkAuth(t, "token of "+strconv.Itoa(len(tok))+" bytes", a, tok, 1582269249)
		}
	}
}

func TestAuthenticationParametersGeneratedTokens(t *testing.T) {
	c := seedClient(t)
	seen := map[string]bool{}
	for i := 0; i < 300; i++ {
		expire := int64(0)
		if i%2 == 1 {
			expire = -7
		}
		a, err := c.AuthenticationParameters("", expire)
		if err != nil {
			t.Fatal(err)
		}
		if !uuidV4.MatchString(a.Token) || seen[a.Token] {
			t.Fatalf("call %d: token %q (fresh UUIDv4 expected)", i, a.Token)
		}
		seen[a.Token] = true
		checkAuth(t, "generated token", a, "", expire)
	}
}

func TestAuthenticationParametersErrors(t *testing.T) {
	c := seedClient(t)
	_, err := c.AuthenticationParameters("bad\xff", 1)
	var e *Error
	if !errors.Is(err, ErrInvalidArgument) || !errors.As(err, &e) || !strings.Contains(e.Message, "not valid UTF-8") {
		t.Errorf("invalid UTF-8: %v", err)
	}
	c.Close()
	if _, err := c.AuthenticationParameters("t", 1); !errors.Is(err, ErrClosed) {
		t.Errorf("after Close: %v", err)
	}
}
