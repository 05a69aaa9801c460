package imagekit

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
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

// journalTree writes n files under a new directory (two in a sub-folder).
func journalTree(t *testing.T, n int) string {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o700); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		rel := fmt.Sprintf("t%d.bin", i)
		if i < 2 {
			rel = filepath.Join("sub", rel)
		}
		if err := os.WriteFile(filepath.Join(dir, rel), make([]byte, 40+i), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// folderCount is how many files the server has under folder (sub-folders included).
func folderCount(t *testing.T, c *Client, folder string) int {
	plan, err := c.SyncPlan(context.Background(), t.TempDir(), folder, SyncPlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return len(plan.RemoteOnly)
}

func TestBulkUploadJournalResumesAndSyncPlan(t *testing.T) {
	c := networkClient(t)
	ctx := context.Background()
	folder := fmt.Sprintf("/go-journal-%d", time.Now().UnixNano())
	dir := journalTree(t, 6)
	journal := filepath.Join(t.TempDir(), "upload.journal")
	opts := BulkOptions{Concurrency: 3, Journal: &BulkJournal{Path: journal, Root: dir, Folder: folder,
		UploadOptions: map[string]any{"tags": []string{"go"}}}}
	r, err := c.BulkUpload(ctx, nil, opts)
	if err != nil || r.Summary.Uploaded != 6 || r.Summary.Failed != 0 {
		t.Fatalf("first run: %+v, %v", r, err)
	}
	for _, x := range r.Results {
		if x.File == nil || x.File.FilePath != folder+"/"+x.Key {
			t.Fatalf("result %+v", x)
		}
	}
	if n := folderCount(t, c, folder); n != 6 {
		t.Fatalf("%d files on the server, want 6", n)
	}
	// Again: the journal confirms everything, nothing is sent.
	r, err = c.BulkUpload(ctx, nil, opts)
	if err != nil || r.Summary.Unchanged != 6 || r.Summary.Uploaded != 0 || len(r.Results) != 6 || r.Results[0].Status != "unchanged" {
		t.Fatalf("second run: %+v, %v", r, err)
	}
	if n := folderCount(t, c, folder); n != 6 {
		t.Fatalf("%d files on the server after the second run, want 6", n)
	}
	// A change and a new file: the plan says so and changes nothing; then only they are sent.
	if err := os.WriteFile(filepath.Join(dir, "t3.bin"), []byte("changed"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "new.jpg"), []byte("new"), 0o600); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(journal)
	plan, err := c.SyncPlan(ctx, dir, folder, SyncPlanOptions{Journal: journal})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Upload) != 1 || plan.Upload[0].Path != "new.jpg" || plan.Upload[0].Size != 3 ||
		len(plan.Replace) != 1 || plan.Replace[0].Path != "t3.bin" || plan.Replace[0].FileID == "" ||
		plan.Unchanged != 5 || len(plan.RemoteOnly) != 0 || !plan.RemoteFolderExists || plan.Folder != folder || len(plan.Raw) == 0 {
		t.Fatalf("plan %+v", plan)
	}
	plan, err = c.SyncPlan(ctx, dir, folder, SyncPlanOptions{Journal: journal, Exclude: []string{"*.jpg"}})
	if err != nil || len(plan.Upload) != 0 || len(plan.Replace) != 1 {
		t.Fatalf("plan with exclude: %+v, %v", plan, err)
	}
	if after, _ := os.ReadFile(journal); string(after) != string(before) {
		t.Fatal("the plan changed the journal")
	}
	if n := folderCount(t, c, folder); n != 6 {
		t.Fatalf("%d files on the server after the plan, want 6", n)
	}
	r, err = c.BulkUpload(ctx, []BulkItem{{Path: "t3.bin"}, {Path: filepath.Join(dir, "new.jpg")}}, opts)
	if err != nil || r.Summary.Replaced != 1 || r.Summary.Uploaded != 1 {
		t.Fatalf("third run: %+v, %v", r, err)
	}
	if n := folderCount(t, c, folder); n != 7 {
		t.Fatalf("%d files on the server after the third run, want 7", n)
	}
	// Remote-only: a file removed locally.
	if err := os.Remove(filepath.Join(dir, "t5.bin")); err != nil {
		t.Fatal(err)
	}
	plan, err = c.SyncPlan(ctx, dir, folder, SyncPlanOptions{Journal: journal})
	if err != nil || len(plan.RemoteOnly) != 1 || plan.RemoteOnly[0].FilePath != folder+"/t5.bin" || plan.RemoteOnly[0].FileID == "" {
		t.Fatalf("plan after a local delete: %+v, %v", plan, err)
	}
}

func TestBulkUploadRefusesBadJournals(t *testing.T) {
	c := networkClient(t)
	ctx := context.Background()
	folder := fmt.Sprintf("/go-badjournal-%d", time.Now().UnixNano())
	dir := journalTree(t, 3)
	journal := filepath.Join(t.TempDir(), "upload.journal")
	if _, err := c.BulkUpload(ctx, nil, BulkOptions{Journal: &BulkJournal{Path: journal, Root: dir, Folder: folder}}); err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(journal)
	check := func(what string, content []byte, dest, want string) {
		t.Helper()
		if err := os.WriteFile(journal, content, 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := c.BulkUpload(ctx, nil, BulkOptions{Journal: &BulkJournal{Path: journal, Root: dir, Folder: dest}})
		var e *Error
		if !errors.As(err, &e) || !errors.Is(err, ErrInvalidArgument) || !strings.Contains(e.Message, want) {
			t.Fatalf("%s: %v", what, err)
		}
		if _, err := c.SyncPlan(ctx, dir, dest, SyncPlanOptions{Journal: journal}); !errors.Is(err, ErrInvalidArgument) {
			t.Fatalf("%s (plan): %v", what, err)
		}
		if after, _ := os.ReadFile(journal); string(after) != string(content) {
			t.Fatalf("%s: the journal was changed", what)
		}
	}
	check("other folder", good, folder+"-other", "not to folder")
	check("corrupt", append(append([]byte{}, good...), []byte("{\"x\":1}\n{}\n")...), folder, "corrupt")
	check("foreign", []byte("hello\n"), folder, "not an imagekit upload journal")
	if n := folderCount(t, c, folder); n != 3 {
		t.Fatalf("%d files on the server, want 3", n)
	}
	// Items with a journal give only a path.
	_, err := c.BulkUpload(ctx, []BulkItem{{Path: "t2.bin", Key: "k"}}, BulkOptions{Journal: &BulkJournal{Path: journal, Root: dir}})
	if !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("item with a key: %v", err)
	}
	if _, err := c.SyncPlan(ctx, filepath.Join(dir, "missing"), folder, SyncPlanOptions{}); !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("missing directory: %v", err)
	}
}
