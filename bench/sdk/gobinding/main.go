// The Go binding's side of the side-by-side benchmark (bench/run.py drives it).
//
//	gobinding verify ID JSON [ID JSON ...] auth TOKEN EXPIRE [auth_defaults]
//	gobinding time MIN_SECONDS RUNS ID JSON [ID JSON ...] auth TOKEN EXPIRE [auth_defaults]
//	gobinding count N ID JSON | count N auth TOKEN EXPIRE | count N auth_defaults
//	gobinding details BASE_URL FILE_ID N WARMUP
//	gobinding upload BASE_URL FILE
//
// Output lines as bench/sdk/cabi.c prints them (OUT, RATE) and RESULT for the network modes.
// A URL call is client.URL(URLOptions) with the options built once, as an application holds
// them; an auth call is client.AuthenticationParameters(token, expire).
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	imagekit "github.com/imagekit-developer/libimagekit/bindings/go"
)

type workload struct {
	id     string
	opts   imagekit.URLOptions
	auth   bool
	token  string
	expire int64
}

// ordered decodes a JSON object into parameters, keeping the member order.
func ordered(raw json.RawMessage) []imagekit.Param {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	if t, err := d.Token(); err != nil || t != json.Delim('{') {
		fail("expected an object: %s", raw)
	}
	var out []imagekit.Param
	for d.More() {
		k, _ := d.Token()
		var v any
		if err := d.Decode(&v); err != nil {
			fail("%v", err)
		}
		if n, ok := v.(json.Number); ok {
			if i, err := n.Int64(); err == nil {
				v = i
			}
		}
		out = append(out, imagekit.P(k.(string), v))
	}
	return out
}

func options(doc string) imagekit.URLOptions {
	var o struct {
		Path, Src, URLEndpoint string
		Transformation         []json.RawMessage
		TransformationPosition string          `json:"transformation_position"`
		QueryParameters        json.RawMessage `json:"query_parameters"`
		Signed                 bool
		ExpireSeconds          int64  `json:"expire_seconds"`
		URLEndpointSnake       string `json:"url_endpoint"`
	}
	if err := json.Unmarshal([]byte(doc), &o); err != nil {
		fail("options %s: %v", doc, err)
	}
	u := imagekit.URLOptions{Path: o.Path, Src: o.Src, URLEndpoint: o.URLEndpointSnake,
		TransformationPosition: o.TransformationPosition, Signed: o.Signed, ExpireSeconds: o.ExpireSeconds}
	for _, s := range o.Transformation {
		u.Transformation = append(u.Transformation, imagekit.Step(ordered(s)))
	}
	if len(o.QueryParameters) > 0 {
		u.QueryParameters = ordered(o.QueryParameters)
	}
	return u
}

func parse(args []string) []workload {
	var ws []workload
	for i := 0; i < len(args); {
		if args[i] == "auth_defaults" {
			// No token and expire 0: the SDK's defaults (a new token, expire now + 1800).
			ws = append(ws, workload{id: "auth_defaults", auth: true})
			i++
		} else if args[i] == "auth" && i+2 < len(args) {
			e, _ := strconv.ParseInt(args[i+2], 10, 64)
			ws = append(ws, workload{id: "auth", auth: true, token: args[i+1], expire: e})
			i += 3
		} else if i+1 < len(args) {
			ws = append(ws, workload{id: args[i], opts: options(args[i+1])})
			i += 2
		} else {
			fail("bad workload list")
		}
	}
	return ws
}

func fail(f string, a ...any) {
	fmt.Fprintf(os.Stderr, "gobinding: "+f+"\n", a...)
	os.Exit(1)
}

func newClient(base string) *imagekit.Client {
	cfg := imagekit.Config{PrivateKey: "private_key_test", PublicKey: "public_key_test",
		URLEndpoint: "https://ik.imagekit.io/your_imagekit_id"}
	if base != "" {
		cfg.APIBaseURL, cfg.Proxy, cfg.MaxRetries = base, "", -1
	}
	c, err := imagekit.New(cfg)
	if err != nil {
		fail("New: %v", err)
	}
	return c
}

func run(c *imagekit.Client, w *workload) string {
	if w.auth {
		a, err := c.AuthenticationParameters(w.token, w.expire)
		if err != nil {
			fail("auth: %v", err)
		}
		return a.Signature
	}
	u, err := c.URL(w.opts)
	if err != nil {
		fail("%s: %v", w.id, err)
	}
	return u
}

// timeRuns calibrates a call count so one run lasts at least min, then returns the best run.
func timeRuns(min time.Duration, runs int, f func()) (calls int, best time.Duration) {
	n := 1000
	for {
		t0 := time.Now()
		for i := 0; i < n; i++ {
			f()
		}
		if dt := time.Since(t0); dt >= min/4 {
			calls = int(float64(n)*float64(min)/float64(dt)) + 1
			break
		}
		n *= 4
	}
	best = time.Duration(1 << 62)
	for r := 0; r < runs; r++ {
		t0 := time.Now()
		for i := 0; i < calls; i++ {
			f()
		}
		if dt := time.Since(t0); dt < best {
			best = dt
		}
	}
	return calls, best
}

func main() {
	if len(os.Args) < 2 {
		fail("usage: see the comment at the top of main.go")
	}
	args := os.Args[2:]
	switch os.Args[1] {
	case "verify":
		c := newClient("")
		for _, w := range parse(args) {
			if w.auth {
				a, err := c.AuthenticationParameters(w.token, w.expire)
				if err != nil {
					fail("auth: %v", err)
				}
				fmt.Printf("OUT %s token=%s expire=%d signature=%s\n", w.id, a.Token, a.Expire, a.Signature)
			} else {
				fmt.Printf("OUT %s %s\n", w.id, run(c, &w))
			}
		}
	case "time":
		min, _ := strconv.ParseFloat(args[0], 64)
		runs, _ := strconv.Atoi(args[1])
		c := newClient("")
		var sink int
		for _, w := range parse(args[2:]) {
			calls, best := timeRuns(time.Duration(min*float64(time.Second)), runs, func() { sink += len(run(c, &w)) })
			fmt.Printf("RATE %s %.1f %.2f\n", w.id, float64(calls)/best.Seconds(), float64(best.Nanoseconds())/float64(calls))
		}
		_ = sink
	case "count":
		// N calls of one workload and nothing else (for callgrind's instruction counts).
		n, _ := strconv.Atoi(args[0])
		ws := parse(args[1:])
		c := newClient("")
		var sink int
		for i := 0; i < n; i++ {
			sink += len(run(c, &ws[0]))
		}
		_ = sink
	case "details":
		base, id := args[0], args[1]
		n, _ := strconv.Atoi(args[2])
		warm, _ := strconv.Atoi(args[3])
		c := newClient(base)
		ctx := context.Background()
		call := func() bool {
			f, err := c.GetFileDetails(ctx, id)
			return err == nil && f.FileID == id
		}
		for i := 0; i < warm; i++ {
			call()
		}
		ok := 0
		t0 := time.Now()
		for i := 0; i < n; i++ {
			if call() {
				ok++
			}
		}
		s := time.Since(t0).Seconds()
		fmt.Printf("RESULT calls=%d ok=%d errors=%d seconds=%.6f calls_per_s=%.1f\n", n, ok, n-ok, s, float64(n)/s)
	case "upload":
		base, path := args[0], args[1]
		c := newClient(base)
		t0 := time.Now()
		r, err := c.UploadPath(context.Background(), path, imagekit.UploadOptions{FileName: "big.bin"})
		s := time.Since(t0).Seconds()
		if err != nil {
			fail("upload: %v", err)
		}
		fmt.Printf("RESULT seconds=%.6f size=%d\n", s, int64(r.Size))
	default:
		fail("unknown mode %q", strings.Join(os.Args[1:2], ""))
	}
}
