package imagekit

/*
#include <stdint.h>
#include <stdlib.h>
#include "imagekit.h"
*/
import "C"

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"
	"unsafe"
)

// Reasons a webhook fails verification: the Reason of the *Error WebhooksUnwrap returns (its
// Status is StatusInvalidArgument). The checks run in this order.
const (
	WebhookMissingHeader       = "missing_header"        // a header the scheme needs is absent
	WebhookMalformedHeader     = "malformed_header"      // a header cannot be parsed, or is given twice
	WebhookNoMatchingSignature = "no_matching_signature" // no signature matches the body under the secret
	WebhookStaleTimestamp      = "stale_timestamp"       // older than the tolerance
	WebhookFutureTimestamp     = "future_timestamp"      // further ahead than the tolerance
	WebhookBodyNotJSON         = "body_not_json"         // authentic, but not a JSON object
)

// WebhookOptions tunes WebhooksUnwrap; the zero value (or nil) is the default.
type WebhookOptions struct {
	// Tolerance is how far the signed timestamp may be from now, either way, in whole seconds;
	// 0 means the default, 5 minutes.
	Tolerance time.Duration
	// Now replaces the current time (for tests); the zero Time reads the clock.
	Now time.Time
	// Scheme pins one signature scheme: "standard" (webhook-id/-timestamp/-signature) or
	// "legacy" (x-ik-signature). Empty: chosen from the headers present.
	Scheme string
	// SecretEncoding pins how the secret becomes the HMAC key: "raw" (its bytes) or "whsec"
	// (the base64 after "whsec_"). Empty: a signature made with either is accepted.
	SecretEncoding string
}

func (o *WebhookOptions) json() ([]byte, error) {
	doc := map[string]any{}
	if o != nil {
		if o.Tolerance != 0 {
			doc["tolerance_seconds"] = int64(o.Tolerance / time.Second)
		}
		if !o.Now.IsZero() {
			doc["now"] = o.Now.Unix()
		}
		if o.Scheme != "" {
			doc["scheme"] = o.Scheme
		}
		if o.SecretEncoding != "" {
			doc["secret_encoding"] = o.SecretEncoding
		}
	}
	return json.Marshal(doc)
}

// WebhookEvent is a verified webhook event. The common fields are decoded; Raw is the whole
// event (the request body) for the type-specific ones.
type WebhookEvent struct {
	ID        string          `json:"id"`
	Type      string          `json:"type"` // e.g. "video.transformation.ready", "file.created"
	CreatedAt string          `json:"created_at"`
	Data      json.RawMessage `json:"data"`
	Request   json.RawMessage `json:"request"`
	Raw       json.RawMessage `json:"-"`
}

// WebhooksUnwrap verifies that a webhook request comes from ImageKit and is fresh, and returns
// its event (ik_webhooks_unwrap; webhooks.unwrap in the newest SDKs). secret is the endpoint's
// signing secret (e.g. "whsec_…"); body the raw request body exactly as received; headers the
// request's headers (r.Header; names in any case). Both ImageKit schemes are understood:
// Standard Webhooks and the older x-ik-signature. A failed check is an *Error with
// StatusInvalidArgument whose Reason is one of the Webhook* constants. It needs no Client.
//
//	body, _ := io.ReadAll(r.Body)
//	event, err := imagekit.WebhooksUnwrap(secret, body, r.Header, nil)
func WebhooksUnwrap(secret string, body []byte, headers http.Header, opts *WebhookOptions) (*WebhookEvent, error) {
	if headers == nil {
		headers = http.Header{}
	}
	hdoc, err := json.Marshal(headers)
	if err != nil {
		return nil, err
	}
	odoc, err := opts.json()
	if err != nil {
		return nil, err
	}
	if err := noNUL("secret", secret); err != nil {
		return nil, err
	}
	csecret, cheaders, coptions := C.CString(secret), C.CString(string(hdoc)), C.CString(string(odoc))
	defer C.free(unsafe.Pointer(csecret))
	defer C.free(unsafe.Pointer(cheaders))
	defer C.free(unsafe.Pointer(coptions))
	var cbody *C.uint8_t
	if len(body) > 0 {
		cbody = (*C.uint8_t)(unsafe.Pointer(&body[0])) // read in place during the call
	}
	var out *C.char
	st := C.ik_webhooks_unwrap(csecret, cbody, C.size_t(len(body)), cheaders, coptions, &out)
	doc, err := result(st, out)
	if err != nil {
		return nil, err
	}
	var ev WebhookEvent
	if err := json.Unmarshal(doc, &ev); err != nil {
		return nil, fmt.Errorf("imagekit: decoding the webhook event: %w", err)
	}
	ev.Raw = json.RawMessage(doc)
	return &ev, nil
}

// UploadTokenOptions tunes UploadV2Token; the zero value (or nil) is the default.
type UploadTokenOptions struct {
	// Expire is the token's lifetime, in whole seconds: 1 s to 1 h; 0 means 30 minutes.
	Expire time.Duration
	// Now replaces the current time as the token's iat (for tests); the zero Time reads the clock.
	Now time.Time
}

// UploadV2Token makes the one-time JWT a browser or app sends as `token` with a client-side
// upload to /api/v2/files/upload (ik_upload_v2_token). params holds every upload parameter the
// client will send except file and token, under the API's names (fileName is required): a map,
// a struct or raw JSON that marshals to a JSON object. Values are written as the upload form
// carries them (booleans "true"/"false", tag lists joined with ",", objects as JSON text). The
// token is HS256 with the private key, kid = the public key, iat = now, exp = now + Expire.
// No network call.
func (c *Client) UploadV2Token(params any, opts *UploadTokenOptions) (string, error) {
	pdoc, err := json.Marshal(params)
	if err != nil {
		return "", err
	}
	o := map[string]int64{}
	if opts != nil {
		if opts.Expire != 0 {
			o["expire_seconds"] = int64(opts.Expire / time.Second)
		}
		if !opts.Now.IsZero() {
			o["now"] = opts.Now.Unix()
		}
	}
	odoc, err := json.Marshal(o)
	if err != nil {
		return "", err
	}
	out, err := c.offline(func(p *C.ik_client) (C.ik_status, *C.char) {
		cp, co := C.CString(string(pdoc)), C.CString(string(odoc))
		defer C.free(unsafe.Pointer(cp))
		defer C.free(unsafe.Pointer(co))
		var out *C.char
		return C.ik_upload_v2_token(p, cp, co, &out), out
	})
	return string(out), err
}
