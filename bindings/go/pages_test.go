package imagekit

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

func TestAssetsListEveryPage(t *testing.T) {
	c := networkClient(t)
	ctx := context.Background()
	folder := fmt.Sprintf("/go-pages-%d", time.Now().UnixNano()) // the server is shared by the test runs
	for i := 0; i < 5; i++ {
		no := false
		if _, err := c.UploadBytes(ctx, []byte("x"), UploadOptions{FileName: fmt.Sprintf("g%d.txt", i), Folder: folder, UseUniqueFileName: &no}); err != nil {
			t.Fatal(err)
		}
	}
	var sizes []int
	pages, items, err := c.AssetsListEach(ctx, map[string]any{"path": folder, "limit": 2}, func(page json.RawMessage) bool {
		var files []map[string]any
		if err := json.Unmarshal(page, &files); err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(files))
		return true
	})
	if err != nil || pages != 3 || items != 5 || fmt.Sprint(sizes) != "[2 2 1]" {
		t.Fatalf("pages=%d items=%d sizes=%v err=%v", pages, items, sizes, err)
	}
	pages, _, err = c.AssetsListEach(ctx, map[string]any{"path": folder, "limit": 2}, func(json.RawMessage) bool { return false })
	if err != nil || pages != 1 {
		t.Fatalf("early stop: pages=%d err=%v", pages, err)
	}
	all, err := c.AssetsListAll(ctx, map[string]any{"path": folder, "limit": 2}, 4)
	if err != nil {
		t.Fatal(err)
	}
	files, err := Decode[[]File](all)
	if err != nil || len(files) != 4 {
		t.Fatalf("AssetsListAll: %d files, %v", len(files), err)
	}
	func() {
		defer func() {
			if r := recover(); r != "boom" {
				t.Fatalf("a panic in the callback reaches the caller: got %v", r)
			}
		}()
		_, _, _ = c.AssetsListEach(ctx, map[string]any{"path": folder}, func(json.RawMessage) bool { panic("boom") })
	}()
}
