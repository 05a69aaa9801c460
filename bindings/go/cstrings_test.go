package imagekit

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// A NUL byte in a string argument is refused before the library sees it: a C string would end
// there and the call would act on a different id, path or secret.
func TestNULInStringArgumentsIsRefused(t *testing.T) {
	c, err := New(Config{PrivateKey: "private_key_test", PublicKey: "public_key_test",
		URLEndpoint: "https://ik.imagekit.io/demo", APIBaseURL: "http://127.0.0.1:9"})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	check := func(what string, err error) {
		t.Helper()
		var e *Error
		if !errors.As(err, &e) || e.Status != StatusInvalidArgument || !strings.Contains(e.Message, "NUL") {
			t.Errorf("%s: %v", what, err)
		}
	}
	err = c.FilesDelete(ctx, "victim\x00-not-this-one")
	check("FilesDelete", err)
	_, err = c.FilesVersionsGet(ctx, "a", "v\x00")
	check("FilesVersionsGet", err)
	_, err = c.FilesCopy(ctx, `{"sourceFilePath":"/a`+"\x00"+`","destinationPath":"/b"}`)
	check("FilesCopy raw params", err)
	_, err = c.UploadPath(ctx, "/tmp/a\x00b", UploadOptions{FileName: "x"})
	check("UploadPath", err)
	_, err = c.Request(ctx, "GET", "/v1/files/a\x00b", nil)
	check("Request", err)
	_, err = WebhooksUnwrap("whsec_\x00", []byte("{}"), nil, nil)
	check("WebhooksUnwrap", err)
	_, err = c.AuthenticationParameters("tok\x00en", 0)
	check("AuthenticationParameters", err)
	_, err = PHashDistance("f\x00", "f")
	check("PHashDistance", err)
}
