package imagekit

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// The Go surface holds exactly the operation table's methods: each row's method exists with
// (ctx, one string per path id, params when the row takes them) and returns its typed result (or
// json.RawMessage) and an error, or only an error where success is the whole answer.
func TestEveryTableOperationHasAMethod(t *testing.T) {
	typ := reflect.TypeOf(&Client{})
	if len(operations) < 50 {
		t.Fatalf("only %d operations", len(operations))
	}
	for _, op := range operations {
		m, ok := typ.MethodByName(op[0])
		if !ok {
			t.Errorf("%s (%s, %s): no method", op[0], op[1], op[2])
			continue
		}
		last := m.Type.Out(m.Type.NumOut() - 1).String()
		switch {
		case op[3] == "" && (m.Type.NumOut() != 1 || last != "error"):
			t.Errorf("%s returns %v, want only an error", op[0], m.Type)
		case op[3] != "" && (m.Type.NumOut() != 2 || m.Type.Out(0).String() != op[3] || last != "error"):
			t.Errorf("%s returns %v, want (%s, error)", op[0], m.Type, op[3])
		}
		if m.Type.In(1).String() != "context.Context" {
			t.Errorf("%s takes %v first", op[0], m.Type.In(1))
		}
	}
}

// A closed client refuses table operations, and bad params come back as the library's error.
func TestOperationErrors(t *testing.T) {
	c, err := New(Config{PrivateKey: "private_key_test", PublicKey: "public_key_test",
		URLEndpoint: "https://ik.imagekit.io/demo", APIBaseURL: "http://127.0.0.1:9"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.FilesCopy(context.Background(), map[string]any{"sourceFilePath": "/a.jpg", "nope": 1})
	var e *Error
	if !errors.As(err, &e) || e.Status != StatusInvalidArgument || !strings.Contains(e.Message, "`nope`") {
		t.Fatalf("unknown option: %v", err)
	}
	_, err = c.FilesVersionsGet(context.Background(), "abc", "")
	if !errors.Is(err, ErrInvalidArgument) || !strings.Contains(err.Error(), "version_id") {
		t.Fatalf("empty id: %v", err)
	}
	_, err = c.FilesBulkDelete(context.Background(), nil)
	if !errors.Is(err, ErrNullArgument) {
		t.Fatalf("nil params for a required body: %v", err)
	}
	c.Close()
	if _, err := c.FilesGet(context.Background(), "abc"); !errors.Is(err, ErrClosed) {
		t.Fatalf("after Close: %v", err)
	}
}
