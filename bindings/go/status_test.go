package imagekit

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"
)

// Every Go Status constant equals the C enum value of the same name, and the Go list is complete.
func TestStatusConstantsMatchHeader(t *testing.T) {
	goValues := goStatuses()
	c := cStatuses()
	if len(c) != len(goValues) {
		t.Fatalf("%d C statuses, %d Go statuses", len(c), len(goValues))
	}
	for name, v := range c {
		if got, ok := goValues[name]; !ok || uint32(got) != v {
			t.Errorf("IK_STATUS_%s = %d, Go constant = %d (present: %v)", name, v, got, ok)
		}
	}
	// The library knows exactly these codes: any other value is "unknown status".
	known := map[Status]bool{}
	for _, v := range goValues {
		known[v] = true
	}
	unknown := Status(1000).String()
	for s := Status(0); s < 256; s++ {
		if isKnown := s.String() != unknown; isKnown != known[s] {
			t.Errorf("status %d: library knows it = %v, Go knows it = %v (%q)", s, isKnown, known[s], s.String())
		}
	}
	if StatusNotFound.String() == unknown || StatusNotFound.String() == "" {
		t.Errorf("StatusNotFound.String() = %q", StatusNotFound.String())
	}
}

func TestErrorFromDocument(t *testing.T) {
	doc := `{"status":"rate_limited","message":"Too many requests","http_status":429,"help":"slow down",` +
		`"reason":"limit","request_id":"req-1","rate_limit":{"limit":10,"reset_ms":1500,"interval_ms":60000},` +
		`"attempts":3,"body":{"message":"Too many requests"},"code":26}`
	e := newError(StatusRateLimited, []byte(doc))
	want := &Error{
		Status: StatusRateLimited, Name: "rate_limited", HTTPStatus: 429, Message: "Too many requests",
		Help: "slow down", Reason: "limit", RequestID: "req-1",
		RateLimit: &RateLimit{Limit: 10, Reset: 1500 * time.Millisecond, Interval: time.Minute},
		Attempts:  3, Body: json.RawMessage(`{"message":"Too many requests"}`), Raw: json.RawMessage(doc),
	}
	if fmt.Sprintf("%+v %+v", e, e.RateLimit) != fmt.Sprintf("%+v %+v", want, want.RateLimit) {
		t.Fatalf("got  %+v %+v\nwant %+v %+v", e, e.RateLimit, want, want.RateLimit)
	}
	if got := e.Error(); got != "imagekit: rate_limited (HTTP 429): Too many requests" {
		t.Errorf("Error() = %q", got)
	}
	if e.OutcomeUnknown {
		t.Errorf("OutcomeUnknown without an outcome in the document")
	}
	unknownDoc := `{"status":"network","message":"closed (outcome unknown: …)","attempts":1,"outcome":"unknown","code":10}`
	if u := newError(StatusNetwork, []byte(unknownDoc)); !u.OutcomeUnknown {
		t.Errorf("OutcomeUnknown not read from %s", unknownDoc)
	}
	wrapped := fmt.Errorf("listing: %w", e)
	if !errors.Is(wrapped, ErrRateLimited) || errors.Is(wrapped, ErrNotFound) {
		t.Errorf("errors.Is does not follow the status")
	}
	var asErr *Error
	if !errors.As(wrapped, &asErr) || asErr.RequestID != "req-1" {
		t.Errorf("errors.As failed: %v", asErr)
	}
}
