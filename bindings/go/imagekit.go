// Package imagekit is the Go binding of libimagekit, the ImageKit.io SDK written in Rust and
// shipped as a C library: URL generation and signing, authentication parameters for client-side
// uploads, pHash distance, uploads with progress and cancellation, and media-library management.
//
// A Client is safe for concurrent use by multiple goroutines. Close releases it; a finalizer
// releases a forgotten one, but calling Close (or defer client.Close()) is the rule.
//
// Linking: by default the package links the installed shared library through
// `pkg-config imagekit` (`make install`). Build tags select another: imagekit_static (static
// archive, through pkg-config imagekit-static), imagekit_intree (this repository's
// `cargo build`, target/debug) or imagekit_external (CGO_CFLAGS/CGO_LDFLAGS only). See README.md.
package imagekit

/*
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "imagekit.h"

extern void ikGoLog(uintptr_t handle, uint32_t level, char *message);

// Not static: Go takes its address as the ik_log_callback.
void ik_go_log(void *userdata, uint32_t level, const char *message) {
	ikGoLog((uintptr_t)userdata, level, (char *)message);
}
static void *ik_go_log_handle(uintptr_t h) { return (void *)h; }
*/
import "C"

import (
	"context"
	"encoding/json"
	"io"
	"runtime"
	"runtime/cgo"
	"sync"
	"time"
	"unsafe"
)

// Version is the library's version string, e.g. "libimagekit/0.1.0".
func Version() string {
	return C.GoString(C.ik_version())
}

// LogLevel is the severity of a log record.
type LogLevel uint32

const (
	LogError LogLevel = 1
	LogWarn  LogLevel = 2
	LogInfo  LogLevel = 3
	LogDebug LogLevel = 4
)

// Config configures a Client. PrivateKey, PublicKey and URLEndpoint are required; every other
// field has a zero value that means "the library's default".
type Config struct {
	PrivateKey  string
	PublicKey   string
	URLEndpoint string // e.g. "https://ik.imagekit.io/your_imagekit_id"

	// TransformationPosition is where URL() puts transformations: "path" (default) or "query".
	TransformationPosition string

	APIBaseURL    string // default https://api.imagekit.io
	UploadBaseURL string // default https://upload.imagekit.io

	ConnectTimeout    time.Duration // default 5s
	Timeout           time.Duration // whole request, default 60s
	MaxRetries        int           // 0: the default (2); negative: no retries
	RetryInitialDelay time.Duration // default 500ms
	RetryMaxDelay     time.Duration // default 8s

	CAPEM     string // extra trusted CA certificates, PEM text
	CAFile    string // path to a PEM file of extra trusted CA certificates
	Proxy     string // proxy URL; default: from the environment
	UserAgent string // appended to the library's User-Agent

	// Logger, if set, receives the library's trace of requests, responses and retries, up to
	// LogLevel (default LogInfo). It may be called from several goroutines at once and must not
	// call back into the Client. A panic in it is recovered and the record dropped.
	Logger   func(level LogLevel, message string)
	LogLevel LogLevel
}

func millis(d time.Duration) *int64 {
	if d <= 0 {
		return nil
	}
	ms := int64((d + time.Millisecond - 1) / time.Millisecond)
	return &ms
}

// MarshalJSON gives the configuration document ik_client_new reads.
func (c Config) MarshalJSON() ([]byte, error) {
	type doc struct {
		PrivateKey             string `json:"private_key"`
		PublicKey              string `json:"public_key"`
		URLEndpoint            string `json:"url_endpoint"`
		TransformationPosition string `json:"transformation_position,omitempty"`
		APIBaseURL             string `json:"api_base_url,omitempty"`
		UploadBaseURL          string `json:"upload_base_url,omitempty"`
		ConnectTimeoutMS       *int64 `json:"connect_timeout_ms,omitempty"`
		TimeoutMS              *int64 `json:"timeout_ms,omitempty"`
		MaxRetries             *int   `json:"max_retries,omitempty"`
		RetryInitialDelayMS    *int64 `json:"retry_initial_delay_ms,omitempty"`
		RetryMaxDelayMS        *int64 `json:"retry_max_delay_ms,omitempty"`
		CAPEM                  string `json:"ca_pem,omitempty"`
		CAFile                 string `json:"ca_file,omitempty"`
		Proxy                  string `json:"proxy,omitempty"`
		UserAgent              string `json:"user_agent,omitempty"`
	}
	d := doc{
		PrivateKey: c.PrivateKey, PublicKey: c.PublicKey, URLEndpoint: c.URLEndpoint,
		TransformationPosition: c.TransformationPosition,
		APIBaseURL:             c.APIBaseURL, UploadBaseURL: c.UploadBaseURL,
		ConnectTimeoutMS: millis(c.ConnectTimeout), TimeoutMS: millis(c.Timeout),
		RetryInitialDelayMS: millis(c.RetryInitialDelay), RetryMaxDelayMS: millis(c.RetryMaxDelay),
		CAPEM: c.CAPEM, CAFile: c.CAFile, Proxy: c.Proxy, UserAgent: c.UserAgent,
	}
	switch {
	case c.MaxRetries > 0:
		d.MaxRetries = &c.MaxRetries
	case c.MaxRetries < 0:
		zero := 0
		d.MaxRetries = &zero
	}
	return json.Marshal(d)
}

// Client is an ImageKit client: keys, URL endpoint, transport settings and a connection pool.
// It is safe for concurrent use. Close waits for calls in flight, then releases the library's
// client; later calls return ErrClosed.
type Client struct {
	mu     sync.RWMutex
	ptr    *C.ik_client
	logger cgo.Handle // 0 when no Logger is installed
}

var _ io.Closer = (*Client)(nil)

// New creates a client. Configuration errors are *Error values with StatusInvalidArgument that
// name the problem (never the private key).
func New(cfg Config) (*Client, error) {
	doc, err := json.Marshal(cfg)
	if err != nil {
		return nil, err
	}
	cdoc := C.CString(string(doc))
	defer C.free(unsafe.Pointer(cdoc))
	var ptr *C.ik_client
	var cerr *C.char
	if st := C.ik_client_new(cdoc, &ptr, &cerr); st != C.IK_STATUS_OK {
		return nil, newError(Status(st), takeString(cerr))
	}
	c := &Client{ptr: ptr}
	if cfg.Logger != nil {
		level := cfg.LogLevel
		if level == 0 {
			level = LogInfo
		}
		c.logger = cgo.NewHandle(cfg.Logger)
		st := C.ik_client_set_logger(ptr, C.ik_log_callback(C.ik_go_log), C.uint32_t(level),
			C.ik_go_log_handle(C.uintptr_t(c.logger)))
		if st != C.IK_STATUS_OK {
			c.release()
			return nil, newError(Status(st), nil)
		}
	}
	runtime.SetFinalizer(c, (*Client).Close)
	return c, nil
}

// Close releases the client. It waits for calls in flight to return, and is idempotent: calling
// it again (or from several goroutines) is harmless. It always returns nil.
func (c *Client) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ptr != nil {
		runtime.SetFinalizer(c, nil)
		c.release()
	}
	return nil
}

// release frees the C client and the logger handle; c.mu is held or c is not yet shared.
func (c *Client) release() {
	C.ik_client_free(c.ptr)
	c.ptr = nil
	if c.logger != 0 {
		c.logger.Delete()
		c.logger = 0
	}
}

// takeString copies a string the library returned and releases it. NULL gives nil.
func takeString(s *C.char) []byte {
	if s == nil {
		return nil
	}
	defer C.ik_string_free(s)
	return C.GoBytes(unsafe.Pointer(s), C.int(C.strlen(s)))
}

// result turns a status and the out_json string of a call into the result document or an *Error,
// releasing the string.
func result(st C.ik_status, out *C.char) ([]byte, error) {
	doc := takeString(out)
	if st != C.IK_STATUS_OK {
		return nil, newError(Status(st), doc)
	}
	return doc, nil
}

// offline runs a call that does no I/O (URL building, signing) under the read lock.
func (c *Client) offline(work func(p *C.ik_client) (C.ik_status, *C.char)) ([]byte, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.ptr == nil {
		return nil, ErrClosed
	}
	maybeGC()
	st, out := work(c.ptr)
	runtime.KeepAlive(c)
	return result(st, out)
}

// network runs a call that may block on the network. ctx is checked first; if ctx can be
// cancelled, the call runs on its own goroutine and network returns ctx.Err() as soon as ctx is
// done, while the library finishes (or times out) in the background and Close waits for it.
// work must allocate and free its own C arguments, since it may outlive the caller. A panic in
// work reaches the caller (unless the caller has already returned).
func (c *Client) network(ctx context.Context, work func(p *C.ik_client) (C.ik_status, *C.char)) ([]byte, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	c.mu.RLock()
	if c.ptr == nil {
		c.mu.RUnlock()
		return nil, ErrClosed
	}
	maybeGC()
	ptr := c.ptr
	run := func() ([]byte, error) {
		defer c.mu.RUnlock()
		st, out := work(ptr)
		runtime.KeepAlive(c)
		return result(st, out)
	}
	if ctx.Done() == nil {
		return run()
	}
	type answer struct {
		doc      []byte
		err      error
		panicked any // a panic in a callback, re-raised on the caller's goroutine
	}
	done := make(chan answer, 1)
	go func() {
		var a answer
		defer func() {
			a.panicked = recover()
			done <- a
		}()
		a.doc, a.err = run()
	}()
	select {
	case a := <-done:
		if a.panicked != nil {
			panic(a.panicked)
		}
		return a.doc, a.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
