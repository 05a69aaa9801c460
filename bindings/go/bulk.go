package imagekit

/*
#include <stdint.h>
#include <stdlib.h>
#include "imagekit.h"

extern int ikGoBulkProgress(uintptr_t handle, uint64_t done, uint64_t total, uint64_t sent, uint64_t bytesTotal, char *key);

// Not static: Go takes its address as the ik_bulk_progress_callback.
int ik_go_bulk_progress(void *userdata, uint64_t done, uint64_t total, uint64_t sent, uint64_t bytes_total, const char *key) {
	return ikGoBulkProgress((uintptr_t)userdata, done, total, sent, bytes_total, (char *)key);
}
static void *ik_go_bulk_handle(uintptr_t h) { return (void *)h; }
*/
import "C"

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime/cgo"
)

// BulkItem is one file of a BulkUpload: a local Path (streamed from disk) or File (a URL, base64
// text or data URI ImageKit fetches), with its upload options (FileName required; Progress is
// not used here: BulkOptions.Progress covers the batch).
type BulkItem struct {
	Path string `json:"path,omitempty"`
	File string `json:"file,omitempty"`
	// Key names the item in its result and in progress reports (default: Path, else FileName).
	Key string `json:"key,omitempty"`
	// ReplaceFileID, when set, stores a new version of that file instead of a new file.
	ReplaceFileID string        `json:"replaceFileId,omitempty"`
	Options       UploadOptions `json:"options"`
}

// BulkProgress is the whole batch's progress.
type BulkProgress struct {
	FilesDone, FilesTotal uint64
	BytesSent, BytesTotal uint64 // file bytes (a retry takes its file's share back to 0)
	Key                   string // the item the report is about
}

// BulkOptions tune a BulkUpload.
type BulkOptions struct {
	// Concurrency is how many uploads are in flight (1-64; 0 means 8).
	Concurrency int
	// Progress, if set, is called from the library's threads, one call at a time.
	Progress func(BulkProgress)
	// Journal, if set, makes the batch a resumable upload of a local tree (see BulkJournal).
	Journal *BulkJournal
}

// BulkJournal makes a BulkUpload resumable: each file of Root goes to Folder + its path under
// Root, every confirmed upload is appended to the journal file at Path, and a re-run uploads
// only what the journal does not confirm (a file whose content changed becomes a new version).
// The items of such a batch give only a Path (relative to Root, or absolute under it); no items
// (nil) means every regular file under Root, filtered by Include / Exclude. A journal that is
// not one, is corrupt, or records another folder is refused (ErrInvalidArgument) and left as it
// was, before anything is sent.
type BulkJournal struct {
	Path   string // the journal file (created when missing)
	Root   string // the local directory
	Folder string // the remote folder ("" means "/")
	// Include and Exclude are globs on the path relative to Root (a bare name matches at any depth).
	Include, Exclude []string
	// HashField, if set, also keeps each file's content hash in this custom metadata field.
	HashField string
	// UploadOptions every file gets (e.g. {"tags": ["a"]}); not fileName or folder.
	UploadOptions map[string]any
}

// bulkOptionsJSON is the options_json of ik_bulk_upload.
func bulkOptionsJSON(opts BulkOptions) ([]byte, error) {
	doc := map[string]any{}
	if opts.Concurrency != 0 {
		doc["concurrency"] = opts.Concurrency
	}
	if j := opts.Journal; j != nil {
		doc["journal"] = j.Path
		doc["root"] = j.Root
		if j.Folder != "" {
			doc["folder"] = j.Folder
		}
		if len(j.Include) > 0 {
			doc["include"] = j.Include
		}
		if len(j.Exclude) > 0 {
			doc["exclude"] = j.Exclude
		}
		if j.HashField != "" {
			doc["hashField"] = j.HashField
		}
		if len(j.UploadOptions) > 0 {
			doc["uploadOptions"] = j.UploadOptions
		}
	}
	return json.Marshal(doc)
}

// bulkItemsJSON is the items_json of ik_bulk_upload; ok is false for NULL (a journaled batch
// of every file under its root).
func bulkItemsJSON(items []BulkItem, journaled bool) (doc []byte, ok bool, err error) {
	if !journaled {
		if items == nil {
			items = []BulkItem{}
		}
		doc, err = json.Marshal(items)
		return doc, true, err
	}
	if items == nil {
		return nil, false, nil
	}
	paths := make([]string, len(items))
	for i, it := range items {
		if it.Path == "" || it.File != "" || it.Key != "" || it.ReplaceFileID != "" || it.Options.FileName != "" || it.Options.Folder != "" {
			return nil, false, &Error{Status: StatusInvalidArgument, Name: "invalid_argument",
				Message: fmt.Sprintf("items[%d]: with a journal an item gives only a Path (under the journal's Root)", i)}
		}
		paths[i] = it.Path
	}
	doc, err = json.Marshal(paths)
	return doc, true, err
}

// BulkItemResult is how one item ended: Status is "uploaded", "replaced", "already_there" (a file
// of that name and size was already stored: not sent again), "failed" (Error set, nothing known
// stored) or "cancelled".
type BulkItemResult struct {
	Key    string
	Status string
	Size   uint64
	File   *UploadResult // the stored file, for uploaded, replaced and already_there
	Error  *Error        // for failed
	// Warning is something to know although the item is done (with a journal: a file that
	// changed while it was sent, or a stored file that could not be recorded).
	Warning string
}

// BulkSummary counts the outcomes.
type BulkSummary struct {
	Uploaded     int  `json:"uploaded"`
	Replaced     int  `json:"replaced"`
	AlreadyThere int  `json:"alreadyThere"`
	Failed       int  `json:"failed"`
	Cancelled    int  `json:"cancelled"`
	WasCancelled bool `json:"wasCancelled"`
	// Unchanged counts the files a journal confirmed (not sent; their Status is "unchanged").
	Unchanged int `json:"unchanged"`
}

// BulkResult is a result per item (in the order they finished) and the counts.
type BulkResult struct {
	Results []BulkItemResult
	Summary BulkSummary
	// JournalError is set when the journal could not be written to (the uploads went on; the
	// next run finds those files on the server by name and size).
	JournalError string
}

// BulkUpload uploads many files at once over the client's kept-alive connections; a retry can
// never store a file twice (see ik_bulk_upload). It fails only when the batch could not run
// (bad items, a closed client); items that failed are reported in their results. Cancelling ctx
// stops the batch: uploads in flight stop before the server has them whole and the rest are
// reported "cancelled".
func (c *Client) BulkUpload(ctx context.Context, items []BulkItem, opts BulkOptions) (*BulkResult, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	doc, haveItems, err := bulkItemsJSON(items, opts.Journal != nil)
	if err != nil {
		return nil, err
	}
	optDoc, err := bulkOptionsJSON(opts)
	if err != nil {
		return nil, err
	}
	// Runs to the end even when ctx is cancelled: the callback cancels the batch, and the
	// results say which items were stored.
	out, err := c.network(context.Background(), func(p *C.ik_client) (C.ik_status, *C.char) {
		state := &bulkState{ctx: ctx, progress: opts.Progress}
		h := cgo.NewHandle(state)
		defer h.Delete()
		var out *C.char
		call := func(i *C.char) C.ik_status {
			return withString(string(optDoc), func(o *C.char) C.ik_status {
				return C.ik_bulk_upload(p, i, o, C.ik_bulk_progress_callback(C.ik_go_bulk_progress), C.ik_go_bulk_handle(C.uintptr_t(h)), &out)
			})
		}
		var st C.ik_status
		if haveItems {
			st = withString(string(doc), call)
		} else {
			st = call(nil)
		}
		if state.panicked != nil {
			C.ik_string_free(out)
			panic(state.panicked)
		}
		return st, out
	})
	if err != nil {
		return nil, err
	}
	var raw struct {
		Results []struct {
			Key     string          `json:"key"`
			Status  string          `json:"status"`
			Size    uint64          `json:"size"`
			File    *UploadResult   `json:"file"`
			Error   json.RawMessage `json:"error"`
			Warning string          `json:"warning"`
		} `json:"results"`
		Summary      BulkSummary `json:"summary"`
		JournalError string      `json:"journalError"`
	}
	if err := decode(out, &raw, "bulk upload"); err != nil {
		return nil, err
	}
	r := &BulkResult{Summary: raw.Summary, JournalError: raw.JournalError, Results: make([]BulkItemResult, len(raw.Results))}
	for i, x := range raw.Results {
		r.Results[i] = BulkItemResult{Key: x.Key, Status: x.Status, Size: x.Size, File: x.File, Warning: x.Warning}
		if len(x.Error) > 0 {
			var code struct {
				Code uint32 `json:"code"`
			}
			_ = json.Unmarshal(x.Error, &code)
			r.Results[i].Error = newError(Status(code.Code), x.Error)
		}
	}
	return r, nil
}

// SyncPlanOptions tune a SyncPlan. Zero values are left out.
type SyncPlanOptions struct {
	// Journal is the journal of earlier uploads of this tree to this folder (only read).
	Journal string
	// HashField is the custom metadata field that keeps each remote file's content hash.
	HashField string
	// Include and Exclude are globs on the path relative to the local directory.
	Include, Exclude []string
}

// PlanFile is a local file the plan would send: its path relative to the local directory and
// size; for a replacement, the remote file that gets a new version.
type PlanFile struct {
	Path   string `json:"path"`
	Size   uint64 `json:"size"`
	FileID string `json:"fileId,omitempty"`
}

// PlanRemoteFile is a remote file with no local counterpart.
type PlanRemoteFile struct {
	FilePath string `json:"path"`
	FileID   string `json:"fileId"`
	Size     uint64 `json:"size"`
}

// PlanUnreadable is a local file that could not be read (neither compared nor sent).
type PlanUnreadable struct {
	Path  string `json:"path"`
	Error string `json:"error"`
}

// SyncPlan is what uploading a local tree to a remote folder would change.
type SyncPlan struct {
	Folder             string // the remote folder, normalized ("/a/b")
	RemoteFolderExists bool   // false: everything is to be uploaded
	Upload             []PlanFile
	Replace            []PlanFile
	RemoteOnly         []PlanRemoteFile
	Unreadable         []PlanUnreadable
	Unchanged          int
	Raw                json.RawMessage // the library's plan document
}

// SyncPlan works out what uploading localDir to remoteFolder would change, without changing
// anything on the server or in the journal (see ik_sync_plan): files to upload, to replace
// (content changed), unchanged (by the journal, by name and size, or by a content hash kept in
// HashField) and remote-only (nothing here deletes them). A journal that is not one, is corrupt
// or records another folder gives ErrInvalidArgument.
func (c *Client) SyncPlan(ctx context.Context, localDir, remoteFolder string, opts SyncPlanOptions) (*SyncPlan, error) {
	doc := map[string]any{}
	if opts.Journal != "" {
		doc["journal"] = opts.Journal
	}
	if opts.HashField != "" {
		doc["hashField"] = opts.HashField
	}
	if len(opts.Include) > 0 {
		doc["include"] = opts.Include
	}
	if len(opts.Exclude) > 0 {
		doc["exclude"] = opts.Exclude
	}
	optDoc, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	out, err := c.network(ctx, func(p *C.ik_client) (C.ik_status, *C.char) {
		var out *C.char
		st := withString(localDir, func(d *C.char) C.ik_status {
			return withString(remoteFolder, func(f *C.char) C.ik_status {
				return withString(string(optDoc), func(o *C.char) C.ik_status {
					return C.ik_sync_plan(p, d, f, o, &out)
				})
			})
		})
		return st, out
	})
	if err != nil {
		return nil, err
	}
	var raw struct {
		Actions []struct {
			Action string `json:"action"`
			Path   string `json:"path"`
			Size   uint64 `json:"size"`
			FileID string `json:"fileId"`
			Error  string `json:"error"`
		} `json:"actions"`
		Summary struct {
			Unchanged int `json:"unchanged"`
		} `json:"summary"`
		Folder             string `json:"folder"`
		RemoteFolderExists bool   `json:"remoteFolderExists"`
	}
	if err := decode(out, &raw, "sync plan"); err != nil {
		return nil, err
	}
	plan := &SyncPlan{Folder: raw.Folder, RemoteFolderExists: raw.RemoteFolderExists, Unchanged: raw.Summary.Unchanged, Raw: out}
	for _, a := range raw.Actions {
		switch a.Action {
		case "upload":
			plan.Upload = append(plan.Upload, PlanFile{Path: a.Path, Size: a.Size})
		case "replace":
			plan.Replace = append(plan.Replace, PlanFile{Path: a.Path, Size: a.Size, FileID: a.FileID})
		case "remote-only":
			plan.RemoteOnly = append(plan.RemoteOnly, PlanRemoteFile{FilePath: a.Path, FileID: a.FileID, Size: a.Size})
		case "unreadable":
			plan.Unreadable = append(plan.Unreadable, PlanUnreadable{Path: a.Path, Error: a.Error})
		}
	}
	return plan, nil
}
