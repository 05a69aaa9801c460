package imagekit

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestUploadV2(t *testing.T) {
	c := networkClient(t)
	ctx := context.Background()
	r, err := c.UploadV2Bytes(ctx, []byte("v2 bytes"), UploadOptions{FileName: "v2.txt", Folder: "/go-v2"})
	if err != nil || r.FileID == "" || r.Size != 8 {
		t.Fatalf("UploadV2Bytes: %+v, %v", r, err)
	}
	path := filepath.Join(t.TempDir(), "v2.bin")
	if err := os.WriteFile(path, make([]byte, 100_000), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err = c.UploadV2Path(ctx, path, UploadOptions{FileName: "v2.bin"})
	if err != nil || r.Size != 100_000 {
		t.Fatalf("UploadV2Path: %+v, %v", r, err)
	}
	r, err = c.UploadV2File(ctx, "data:text/plain;base64,aGVsbG8=", UploadOptions{FileName: "hello.txt"})
	if err != nil || r.FileID == "" {
		t.Fatalf("UploadV2File: %+v, %v", r, err)
	}
	// Idempotent mode goes through to the library: a second upload of the same name is refused
	// as "already exists" instead of stored twice. (A folder of its own: the server is shared by
	// the test runs.)
	folder := fmt.Sprintf("/go-v2-idempotent-%d", time.Now().UnixNano())
	if _, err := c.UploadV2Bytes(ctx, []byte("once"), UploadOptions{FileName: "once.txt", Folder: folder, Idempotent: true}); err != nil {
		t.Fatal(err)
	}
	_, err = c.UploadV2Bytes(ctx, []byte("once"), UploadOptions{FileName: "once.txt", Folder: folder, Idempotent: true})
	var e *Error
	if !errors.As(err, &e) || !strings.Contains(e.Message, "already exists") {
		t.Fatalf("second idempotent upload: %v", err)
	}
}
