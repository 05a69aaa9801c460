package imagekit

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func networkClient(t *testing.T, mutate ...func(*Config)) *Client {
	t.Helper()
	base := mockURL(t)
	cfg := Config{
		PrivateKey: "private_key_test", PublicKey: "public_key_test",
		URLEndpoint: "https://ik.imagekit.io/mock",
		APIBaseURL:  base, UploadBaseURL: base,
		RetryInitialDelay: 10 * time.Millisecond, RetryMaxDelay: 50 * time.Millisecond,
	}
	for _, m := range mutate {
		m(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// queueFault scripts the local server's next answers (its /__mock/faults control API).
func queueFault(t *testing.T, fault map[string]any) {
	t.Helper()
	body, _ := json.Marshal(fault)
	resp, err := http.Post(mockURL(t)+"/__mock/faults", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("queueing fault %s: HTTP %d", body, resp.StatusCode)
	}
	t.Cleanup(func() {
		req, _ := http.NewRequest(http.MethodDelete, mockURL(t)+"/__mock/faults", nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
	})
}

func TestFileLifecycle(t *testing.T) {
	var logMu sync.Mutex
	var logs []string
	c := networkClient(t, func(cfg *Config) {
		cfg.LogLevel = LogDebug
		cfg.Logger = func(level LogLevel, msg string) {
			logMu.Lock()
			defer logMu.Unlock()
			logs = append(logs, fmt.Sprintf("%d %s", level, msg))
		}
	})
	ctx := context.Background()
	tag := fmt.Sprintf("go-%d", time.Now().UnixNano())

	// Upload bytes, reporting progress.
	payload := bytes.Repeat([]byte("imagekit "), 10000)
	var calls int
	var lastSent, lastTotal uint64
	up, err := c.UploadBytes(ctx, payload, UploadOptions{
		FileName: "go-bytes.txt", Folder: "/go", Tags: []string{tag, "bytes"},
		UseUniqueFileName: Bool(false), CustomMetadata: map[string]any{"n": 1},
		Progress: func(sent, total uint64) { calls++; lastSent, lastTotal = sent, total },
	})
	if err != nil {
		t.Fatal(err)
	}
	if up.FileID == "" || up.Name != "go-bytes.txt" || up.FilePath != "/go/go-bytes.txt" || up.Size != float64(len(payload)) {
		t.Errorf("upload result %+v", up)
	}
	if !bytes.Contains(up.Raw, []byte(up.FileID)) {
		t.Errorf("Raw does not hold the answer: %s", up.Raw)
	}
	if calls < 2 || lastSent != lastTotal || lastTotal <= uint64(len(payload)) {
		t.Errorf("progress: %d calls, last %d/%d", calls, lastSent, lastTotal)
	}
	logMu.Lock()
	if len(logs) == 0 {
		t.Error("the logger received nothing")
	}
	logMu.Unlock()

	// Upload a local file by path, and a data URI.
	path := filepath.Join(t.TempDir(), "local.bin")
	if err := os.WriteFile(path, bytes.Repeat([]byte{7}, 50000), 0o600); err != nil {
		t.Fatal(err)
	}
	fromPath, err := c.UploadPath(ctx, path, UploadOptions{FileName: "go-path.bin", Tags: []string{tag}})
	if err != nil || fromPath.Size != 50000 {
		t.Fatalf("UploadPath: %+v, %v", fromPath, err)
	}
	fromText, err := c.UploadFile(ctx, "data:text/plain;base64,aGVsbG8=", UploadOptions{FileName: "go-uri.txt", Tags: []string{tag}})
	if err != nil || fromText.Size != 5 {
		t.Fatalf("UploadFile: %+v, %v", fromText, err)
	}

	// Details, update, list.
	f, err := c.FilesGet(ctx, up.FileID)
	if err != nil {
		t.Fatal(err)
	}
	if f.FileID != up.FileID || f.Type != "file" || !slices.Contains(f.Tags, tag) || f.CreatedAt.IsZero() || len(f.Raw) == 0 {
		t.Errorf("details %+v", f)
	}
	updated, err := c.FilesUpdate(ctx, up.FileID, FileUpdate{
		Tags: []string{tag, "updated"}, CustomCoordinates: String("10,10,20,20"), Description: String("from Go"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(updated.Tags, "updated") || updated.CustomCoordinates == nil ||
		*updated.CustomCoordinates != "10,10,20,20" || updated.Description != "from Go" {
		t.Errorf("updated %+v", updated)
	}
	files, err := c.AssetsList(ctx, ListFilesOptions{Tags: []string{tag}, Sort: "ASC_CREATED"})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, f := range files {
		ids = append(ids, f.FileID)
	}
	if want := []string{up.FileID, fromPath.FileID, fromText.FileID}; !slices.Equal(ids, want) {
		t.Errorf("listed %v, want %v", ids, want)
	}
	page, err := c.AssetsList(ctx, ListFilesOptions{Tags: []string{tag}, Sort: "ASC_CREATED", Skip: 1, Limit: 1})
	if err != nil || len(page) != 1 || page[0].FileID != fromPath.FileID {
		t.Errorf("page: %v, %v", page, err)
	}

	// Metadata.
	if _, err := c.FilesMetadataGet(ctx, up.FileID); err != nil {
		t.Errorf("GetFileMetadata: %v", err)
	}
	remote, err := c.FilesMetadataGetFromURL(ctx, map[string]string{"url": "https://example.com/photo.jpg"})
	if err != nil || remote.Format != "jpg" || remote.PHash == "" {
		t.Errorf("GetRemoteFileURLMetadata: %+v, %v", remote, err)
	}

	// Purge and its status.
	purge, err := c.CacheInvalidationNew(ctx, map[string]string{"url": up.URL})
	if err != nil || purge.RequestID == "" {
		t.Fatalf("CacheInvalidationNew: %+v, %v", purge, err)
	}
	status, err := c.CacheInvalidationGet(ctx, purge.RequestID)
	if err != nil || (status.Status != "Pending" && status.Status != "Completed") {
		t.Errorf("GetPurgeCacheStatus: %+v, %v", status, err)
	}

	// The generic request.
	raw, err := c.Request(ctx, "GET", "/v1/files/"+up.FileID+"/details", nil)
	if err != nil || !bytes.Contains(raw, []byte(up.FileID)) {
		t.Errorf("Request: %s, %v", raw, err)
	}

	// Delete, then the file is gone: a typed 404.
	for _, id := range []string{up.FileID, fromPath.FileID, fromText.FileID} {
		if err := c.FilesDelete(ctx, id); err != nil {
			t.Errorf("FilesDelete(%s): %v", id, err)
		}
	}
	_, err = c.FilesGet(ctx, up.FileID)
	var e *Error
	if !errors.Is(err, ErrNotFound) || !errors.As(err, &e) || e.HTTPStatus != 404 || e.Message == "" {
		t.Fatalf("after delete: %#v", err)
	}
	if err := c.FilesDelete(ctx, up.FileID); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
}

func TestErrorsCarryTheServersAnswer(t *testing.T) {
	c := networkClient(t, func(cfg *Config) { cfg.MaxRetries = -1 })
	queueFault(t, map[string]any{
		"path": "/v1/files", "status": 429,
		"headers": map[string]any{"X-RateLimit-Limit": "10", "X-RateLimit-Reset": "1500",
			"X-RateLimit-Interval": "60000"},
	})
	_, err := c.AssetsList(context.Background(), ListFilesOptions{})
	var e *Error
	if !errors.Is(err, ErrRateLimited) || !errors.As(err, &e) {
		t.Fatalf("want a rate-limit *Error, got %v", err)
	}
	if e.HTTPStatus != 429 || e.RequestID == "" || e.RateLimit == nil || e.RateLimit.Limit != 10 ||
		e.RateLimit.Reset != 1500*time.Millisecond || e.Message == "" || len(e.Body) == 0 {
		t.Errorf("error details: %+v rate limit %+v", e, e.RateLimit)
	}

	bad := networkClient(t, func(cfg *Config) { cfg.PrivateKey = "wrong_key" })
	// ImageKit (and the local server) answer 403 to a wrong private key.
	if _, err := bad.AssetsList(context.Background(), ListFilesOptions{}); !errors.Is(err, ErrForbidden) {
		t.Errorf("wrong key: %v", err)
	}
	if _, err := c.AssetsList(context.Background(), ListFilesOptions{Type: "nonsense"}); err == nil {
		t.Errorf("bad list type accepted")
	}
}

func TestContext(t *testing.T) {
	c := networkClient(t)

	// A context that is already done: nothing is sent.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.AssetsList(ctx, ListFilesOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: %v", err)
	}

	// A deadline shorter than the server's delay: the call returns at the deadline.
	queueFault(t, map[string]any{"path": "/v1/files", "action": "delay", "delay_ms": 2000})
	ctx, cancel = context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.AssetsList(ctx, ListFilesOptions{})
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > time.Second {
		t.Errorf("deadline: %v after %v", err, time.Since(start))
	}

	// Cancelling during an upload stops it from the progress callback.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	_, err = c.UploadBytes(ctx, bytes.Repeat([]byte("x"), 1<<20), UploadOptions{
		FileName: "cancelled.bin",
		Progress: func(sent, total uint64) { cancel() },
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled upload: %v", err)
	}
}

// A panic in the progress callback reaches the caller instead of crashing in C, whether the
// call ran on the caller's goroutine (no cancellation possible) or on its own.
func TestProgressPanicPropagates(t *testing.T) {
	c := networkClient(t)
	cancellable, cancel := context.WithCancel(context.Background())
	defer cancel()
	for _, ctx := range []context.Context{context.Background(), cancellable} {
		func() {
			defer func() {
				if r := recover(); r != "boom" {
					t.Errorf("recovered %v, want boom", r)
				}
			}()
			c.UploadBytes(ctx, []byte("data"), UploadOptions{
				FileName: "panic.txt", Progress: func(sent, total uint64) { panic("boom") },
			})
			t.Error("UploadBytes returned instead of panicking")
		}()
		// The client still works (the read lock was released).
		if _, err := c.AssetsList(context.Background(), ListFilesOptions{Limit: 1}); err != nil {
			t.Errorf("after the panic: %v", err)
		}
	}
}

// One client shared by many goroutines, closed while calls are in flight.
func TestConcurrentUseAndClose(t *testing.T) {
	c := networkClient(t)
	ctx := context.Background()
	tag := fmt.Sprintf("concurrent-%d", time.Now().UnixNano())
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			up, err := c.UploadBytes(ctx, []byte(strings.Repeat("z", 1000+i)), UploadOptions{
				FileName: fmt.Sprintf("c-%d.txt", i), Tags: []string{tag}})
			if err != nil {
				errs <- err
				return
			}
			if f, err := c.FilesGet(ctx, up.FileID); err != nil || f.Size != float64(1000+i) {
				errs <- fmt.Errorf("details: %+v, %v", f, err)
			}
		}(i)
	}
	wg.Wait()
	files, err := c.AssetsList(ctx, ListFilesOptions{Tags: []string{tag}})
	if err != nil || len(files) != 8 {
		t.Errorf("listed %d files, %v", len(files), err)
	}
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	// Close waits for the call in flight, which completes; later calls get ErrClosed.
	queueFault(t, map[string]any{"path": "/v1/files", "action": "delay", "delay_ms": 300})
	result := make(chan error, 1)
	go func() {
		_, err := c.AssetsList(ctx, ListFilesOptions{Tags: []string{tag}})
		result <- err
	}()
	time.Sleep(100 * time.Millisecond)
	c.Close()
	if err := <-result; err != nil {
		t.Errorf("the call in flight during Close: %v", err)
	}
	if _, err := c.AssetsList(ctx, ListFilesOptions{}); !errors.Is(err, ErrClosed) {
		t.Errorf("after Close: %v", err)
	}
	if _, err := c.UploadBytes(ctx, []byte("x"), UploadOptions{FileName: "x"}); !errors.Is(err, ErrClosed) {
		t.Errorf("upload after Close: %v", err)
	}
}

func TestUploadURLValidates(t *testing.T) {
	c := networkClient(t)
	if _, err := c.UploadURL(context.Background(), "ftp://example.com/a.jpg", UploadOptions{FileName: "a.jpg"}); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("ftp URL: %v", err)
	}
	if _, err := c.UploadBytes(context.Background(), []byte("x"), UploadOptions{}); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("no file name: %v", err)
	}
}
