// imagekit-go v2's side of the side-by-side benchmark (bench/run.py copies this file into the
// throwaway install folder, where `go get` pins the SDK version the module proxy serves).
//
//	gosdk verify ID JSON [ID JSON ...] auth TOKEN EXPIRE [auth_defaults]
//	gosdk time MIN_SECONDS RUNS ID JSON [ID JSON ...] auth TOKEN EXPIRE [auth_defaults]
//	gosdk count N ID JSON | count N auth TOKEN EXPIRE | count N auth_defaults
//	gosdk details BASE_URL FILE_ID N WARMUP
//	gosdk upload BASE_URL FILE
//
// The seed-style options of bench/workloads.json are mapped once onto shared.SrcOptionsParam
// (only the keys the workloads use); a URL call is client.Helper.BuildURL(opts), an auth call
// client.Helper.GetAuthenticationParameters(token, expire).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/imagekit-developer/imagekit-go/v2"
	"github.com/imagekit-developer/imagekit-go/v2/option"
	"github.com/imagekit-developer/imagekit-go/v2/packages/param"
	"github.com/imagekit-developer/imagekit-go/v2/shared"
)

const clientEndpoint = "https://ik.imagekit.io/your_imagekit_id"

type workload struct {
	id     string
	opts   shared.SrcOptionsParam
	auth   bool
	token  string
	expire int64
}

func fail(f string, a ...any) {
	fmt.Fprintf(os.Stderr, "gosdk: "+f+"\n", a...)
	os.Exit(1)
}

// union gives the SDK's float-or-string union fields from a JSON value.
func union(v any) (param.Opt[float64], param.Opt[string]) {
	switch x := v.(type) {
	case float64:
		return param.NewOpt(x), param.Opt[string]{}
	case string:
		return param.Opt[float64]{}, param.NewOpt(x)
	}
	fail("unsupported value %v", v)
	return param.Opt[float64]{}, param.Opt[string]{}
}

func options(doc string) shared.SrcOptionsParam {
	var o struct {
		Path                   string            `json:"path"`
		URLEndpoint            string            `json:"url_endpoint"`
		Transformation         []map[string]any  `json:"transformation"`
		TransformationPosition string            `json:"transformation_position"`
		QueryParameters        map[string]string `json:"query_parameters"`
		Signed                 bool              `json:"signed"`
		ExpireSeconds          float64           `json:"expire_seconds"`
	}
	if err := json.Unmarshal([]byte(doc), &o); err != nil {
		fail("options %s: %v", doc, err)
	}
	p := shared.SrcOptionsParam{Src: o.Path, URLEndpoint: o.URLEndpoint, QueryParameters: o.QueryParameters,
		TransformationPosition: shared.TransformationPositionPath}
	if p.URLEndpoint == "" {
		p.URLEndpoint = clientEndpoint
	}
	if o.TransformationPosition == "query" {
		p.TransformationPosition = shared.TransformationPositionQuery
	}
	if o.Signed {
		p.Signed = param.NewOpt(true)
	}
	if o.ExpireSeconds > 0 {
		p.ExpiresIn = param.NewOpt(o.ExpireSeconds)
	}
	// Steps keep their keys' order in the seed; each workload step has at most one key per field.
	for _, step := range o.Transformation {
		var t shared.TransformationParam
		for k, v := range step {
			f, s := union(v)
			switch k {
			case "height":
				t.Height = shared.TransformationHeightUnionParam{OfFloat: f, OfString: s}
			case "width":
				t.Width = shared.TransformationWidthUnionParam{OfFloat: f, OfString: s}
			case "rotation":
				t.Rotation = shared.TransformationRotationUnionParam{OfFloat: f, OfString: s}
			default:
				fail("unsupported transformation key %q", k)
			}
		}
		p.Transformation = append(p.Transformation, t)
	}
	return p
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

func newClient(base string) imagekit.Client {
	opts := []option.RequestOption{option.WithPrivateKey("private_key_test")}
	if base != "" {
		opts = append(opts, option.WithBaseURL(base+"/"), option.WithMaxRetries(0))
	}
	return imagekit.NewClient(opts...)
}

func run(c *imagekit.Client, w *workload) string {
	if w.auth {
		a, err := c.Helper.GetAuthenticationParameters(w.token, w.expire)
		if err != nil {
			fail("auth: %v", err)
		}
		return a["signature"].(string)
	}
	return c.Helper.BuildURL(w.opts)
}

// timeRuns calibrates a call count so one run lasts at least min, then returns the best run.
func timeRuns(min time.Duration, runs int, f func()) (calls int, best time.Duration) {
	n := 100
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
				a, err := c.Helper.GetAuthenticationParameters(w.token, w.expire)
				if err != nil {
					fail("auth: %v", err)
				}
				fmt.Printf("OUT %s token=%v expire=%v signature=%v\n", w.id, a["token"], a["expire"], a["signature"])
			} else {
				fmt.Printf("OUT %s %s\n", w.id, run(&c, &w))
			}
		}
	case "time":
		min, _ := strconv.ParseFloat(args[0], 64)
		runs, _ := strconv.Atoi(args[1])
		c := newClient("")
		var sink int
		for _, w := range parse(args[2:]) {
			calls, best := timeRuns(time.Duration(min*float64(time.Second)), runs, func() { sink += len(run(&c, &w)) })
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
			sink += len(run(&c, &ws[0]))
		}
		_ = sink
	case "details":
		base, id := args[0], args[1]
		n, _ := strconv.Atoi(args[2])
		warm, _ := strconv.Atoi(args[3])
		c := newClient(base)
		ctx := context.Background()
		call := func() bool {
			f, err := c.Files.Get(ctx, id)
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
		f, err := os.Open(path)
		if err != nil {
			fail("%v", err)
		}
		defer f.Close()
		t0 := time.Now()
		r, err := c.Files.Upload(context.Background(), imagekit.FileUploadParams{File: f, FileName: "big.bin"})
		s := time.Since(t0).Seconds()
		if err != nil {
			fail("upload: %v", err)
		}
		fmt.Printf("RESULT seconds=%.6f size=%d\n", s, int64(r.Size))
	default:
		fail("unknown mode %q", os.Args[1])
	}
}
