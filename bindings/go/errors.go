package imagekit

/*
#include "imagekit.h"
*/
import "C"

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Status is the library's ik_status code. The values are those of the C enum (part of the ABI);
// a test checks each constant against the header.
type Status uint32

// The Status* constants and Err* values are generated from the library's status list
// (status_gen.go).

// String is the library's description of the code (ik_status_str), e.g. "not found".
func (s Status) String() string {
	return C.GoString(C.ik_status_str(C.uint32_t(s)))
}

// Error is a failed call: the status code plus the library's error document. Use errors.Is with
// the Err* values to branch on the kind, or errors.As to read the details.
type Error struct {
	Status     Status     // the ik_status code
	Name       string     // its stable name, e.g. "not_found"
	HTTPStatus int        // the HTTP status when ImageKit answered, else 0
	Message    string     // what went wrong (ImageKit's message for HTTP errors)
	Help       string     // ImageKit's help text, if any
	Reason     string     // ImageKit's reason code, if any
	RequestID  string     // the x-ik-requestId response header, if any
	RateLimit  *RateLimit // rate-limit headers, if any
	Attempts   int        // how many requests were sent (retries included), if known
	// OutcomeUnknown: the call changes state and an attempt reached the server whose answer was
	// lost or was a 5xx, so the change may have been applied ("outcome": "unknown"); check before
	// repeating it.
	OutcomeUnknown bool
	Body           json.RawMessage // the response body as ImageKit sent it, if any
	Raw            json.RawMessage // the whole error document
}

// RateLimit carries ImageKit's X-RateLimit-* headers from a failed response.
type RateLimit struct {
	Limit    int64         // X-RateLimit-Limit: requests allowed per interval
	Reset    time.Duration // X-RateLimit-Reset: wait this long before retrying
	Interval time.Duration // X-RateLimit-Interval: the length of the interval
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("imagekit: ")
	if e.Name != "" {
		b.WriteString(e.Name)
	} else {
		b.WriteString(e.Status.String())
	}
	if e.HTTPStatus != 0 {
		fmt.Fprintf(&b, " (HTTP %d)", e.HTTPStatus)
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	return b.String()
}

// Is reports whether target is the Err* value for e's status, so that
// errors.Is(err, imagekit.ErrNotFound) works through any wrapping.
func (e *Error) Is(target error) bool {
	k, ok := target.(*kind)
	return ok && k.status == e.Status
}

// kind is the type of the Err* values: one per status code.
type kind struct {
	status Status
}

func (k *kind) Error() string { return "imagekit: " + k.status.String() }

// ErrClosed is returned by every method of a Client after Close.
var ErrClosed = errors.New("imagekit: client is closed")

// newError builds an *Error from a status and the library's error document (which may be empty
// when the library had nowhere to write it).
func newError(status Status, doc []byte) *Error {
	e := &Error{Status: status}
	if len(doc) == 0 {
		return e
	}
	e.Raw = json.RawMessage(doc)
	var d struct {
		Status     string          `json:"status"`
		Message    string          `json:"message"`
		HTTPStatus int             `json:"http_status"`
		Help       string          `json:"help"`
		Reason     string          `json:"reason"`
		RequestID  string          `json:"request_id"`
		Attempts   int             `json:"attempts"`
		Outcome    string          `json:"outcome"`
		Body       json.RawMessage `json:"body"`
		RateLimit  *struct {
			Limit      *int64 `json:"limit"`
			ResetMS    *int64 `json:"reset_ms"`
			IntervalMS *int64 `json:"interval_ms"`
		} `json:"rate_limit"`
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		e.Message = string(doc)
		return e
	}
	e.Name, e.Message, e.HTTPStatus = d.Status, d.Message, d.HTTPStatus
	e.Help, e.Reason, e.RequestID, e.Attempts, e.Body = d.Help, d.Reason, d.RequestID, d.Attempts, d.Body
	e.OutcomeUnknown = d.Outcome == "unknown"
	if rl := d.RateLimit; rl != nil {
		e.RateLimit = &RateLimit{}
		if rl.Limit != nil {
			e.RateLimit.Limit = *rl.Limit
		}
		if rl.ResetMS != nil {
			e.RateLimit.Reset = time.Duration(*rl.ResetMS) * time.Millisecond
		}
		if rl.IntervalMS != nil {
			e.RateLimit.Interval = time.Duration(*rl.IntervalMS) * time.Millisecond
		}
	}
	return e
}
