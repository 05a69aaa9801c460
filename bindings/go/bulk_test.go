package imagekit

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"
)

func bulkItems(t *testing.T, folder string, n int) []BulkItem {
	dir := t.TempDir()
	items := make([]BulkItem, n)
	for i := range items {
		p := filepath.Join(dir, fmt.Sprintf("f%d.bin", i))
		if err := os.WriteFile(p, make([]byte, 100+i), 0o600); err != nil {
			t.Fatal(err)
		}
		items[i] = BulkItem{Path: p, Key: fmt.Sprintf("f%d", i), Options: UploadOptions{FileName: fmt.Sprintf("f%d.bin", i), Folder: folder}}
	}
	return items
}

func TestBulkUpload(t *testing.T) {
	c := networkClient(t)
	ctx := context.Background()
	folder := fmt.Sprintf("/go-bulk-%d", time.Now().UnixNano())
	items := bulkItems(t, folder, 20)
	var calls, last atomic.Uint64
	r, err := c.BulkUpload(ctx, items, BulkOptions{Concurrency: 4, Progress: func(p BulkProgress) {
		calls.Add(1)
		if p.FilesDone > last.Load() {
			last.Store(p.FilesDone)
		}
		if p.FilesTotal != 20 || p.BytesSent > p.BytesTotal || p.Key == "" {
			t.Errorf("progress %+v", p)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if r.Summary.Uploaded != 20 || len(r.Results) != 20 || last.Load() != 20 || calls.Load() < 20 {
		t.Fatalf("summary %+v, %d results, last %d, %d calls", r.Summary, len(r.Results), last.Load(), calls.Load())
	}
	for _, x := range r.Results {
		if x.Status != "uploaded" || x.File == nil || x.File.FilePath != folder+"/"+x.Key+".bin" {
			t.Fatalf("result %+v", x)
		}
	}
	// Again: already there, nothing stored twice.
	r, err = c.BulkUpload(ctx, items, BulkOptions{})
	if err != nil || r.Summary.AlreadyThere != 20 {
		t.Fatalf("second run: %+v, %v", r, err)
	}
	// A failing item fails alone, with its error.
	items = append(bulkItems(t, folder+"-2", 2), BulkItem{Path: filepath.Join(t.TempDir(), "missing"), Options: UploadOptions{FileName: "missing"}})
	r, err = c.BulkUpload(ctx, items, BulkOptions{})
	if err != nil || r.Summary.Failed != 1 || r.Summary.Uploaded != 2 {
		t.Fatalf("with a missing file: %+v, %v", r, err)
	}
	for _, x := range r.Results {
		if x.Status == "failed" && (x.Error == nil || !errors.Is(x.Error, ErrIO)) {
			t.Fatalf("failed item %+v (%v)", x, x.Error)
		}
	}
	// Bad items are refused before anything is sent.
	_, err = c.BulkUpload(ctx, []BulkItem{{Path: "x"}}, BulkOptions{})
	if !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("item without a file name: %v", err)
	}
}

func TestBulkUploadCancel(t *testing.T) {
	c := networkClient(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	folder := fmt.Sprintf("/go-bulk-cancel-%d", time.Now().UnixNano())
	r, err := c.BulkUpload(ctx, bulkItems(t, folder, 40), BulkOptions{Concurrency: 2, Progress: func(p BulkProgress) {
		if p.FilesDone >= 3 {
			cancel()
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Summary.WasCancelled || r.Summary.Cancelled == 0 || len(r.Results) != 40 {
		t.Fatalf("summary %+v", r.Summary)
	}
}
