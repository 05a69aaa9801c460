package imagekit

/*
#include <stdlib.h>
#include "imagekit.h"
*/
import "C"

import (
	"bytes"
	"encoding/json"
	"unsafe"
)

// The modern URL builder: ik_build_url, ik_build_transformation and
// ik_responsive_image_attributes, with the newest official SDKs' semantics (src + URL endpoint,
// transformations in the query by default, typed layers). Options are typed structs marshalled
// to the JSON document the C functions take; see the README's "Modern URL builder" section.

// Transformation is one step of a transformation chain (steps are joined with ":"). Fields
// typed `any` take a number or a string (e.g. Width: 300 or Width: "iw_div_2"); nil leaves the
// parameter out. The on/off effects (Grayscale, AIUpscale, …) are emitted only when true. A
// *bool parameter (set it with Bool(true) / Bool(false)) is emitted as given, false included. Parameters appear in the URL in the
// order of the fields below, then Extra in its own order; Raw is appended as it is.
type Transformation struct {
	Width                      any      `json:"width,omitempty"`
	Height                     any      `json:"height,omitempty"`
	AspectRatio                any      `json:"aspectRatio,omitempty"`
	Quality                    any      `json:"quality,omitempty"`
	Crop                       string   `json:"crop,omitempty"`
	CropMode                   string   `json:"cropMode,omitempty"`
	Focus                      string   `json:"focus,omitempty"`
	X                          any      `json:"x,omitempty"`
	Y                          any      `json:"y,omitempty"`
	XCenter                    any      `json:"xCenter,omitempty"`
	YCenter                    any      `json:"yCenter,omitempty"`
	Format                     string   `json:"format,omitempty"`
	VideoCodec                 string   `json:"videoCodec,omitempty"`
	AudioCodec                 string   `json:"audioCodec,omitempty"`
	Radius                     any      `json:"radius,omitempty"`
	Background                 string   `json:"background,omitempty"`
	Border                     string   `json:"border,omitempty"`
	Rotation                   any      `json:"rotation,omitempty"`
	Blur                       any      `json:"blur,omitempty"`
	Named                      string   `json:"named,omitempty"`
	DefaultImage               string   `json:"defaultImage,omitempty"`
	Dpr                        any      `json:"dpr,omitempty"`
	Flip                       string   `json:"flip,omitempty"`
	Opacity                    any      `json:"opacity,omitempty"`
	Zoom                       any      `json:"zoom,omitempty"`
	Trim                       any      `json:"trim,omitempty"`
	Page                       any      `json:"page,omitempty"`
	StartOffset                any      `json:"startOffset,omitempty"`
	EndOffset                  any      `json:"endOffset,omitempty"`
	Duration                   any      `json:"duration,omitempty"`
	StreamingResolutions       []string `json:"streamingResolutions,omitempty"`
	Progressive                *bool    `json:"progressive,omitempty"`
	Lossless                   *bool    `json:"lossless,omitempty"`
	ColorProfile               *bool    `json:"colorProfile,omitempty"`
	Metadata                   *bool    `json:"metadata,omitempty"`
	Original                   *bool    `json:"original,omitempty"`
	Grayscale                  bool     `json:"grayscale,omitempty"`
	ContrastStretch            bool     `json:"contrastStretch,omitempty"`
	AIUpscale                  bool     `json:"aiUpscale,omitempty"`
	AIRetouch                  bool     `json:"aiRetouch,omitempty"`
	AIVariation                bool     `json:"aiVariation,omitempty"`
	AIRemoveBackground         bool     `json:"aiRemoveBackground,omitempty"`
	AIRemoveBackgroundExternal bool     `json:"aiRemoveBackgroundExternal,omitempty"`
	AIDropShadow               any      `json:"aiDropShadow,omitempty"` // true or parameters such as "az-45"
	AIChangeBackground         string   `json:"aiChangeBackground,omitempty"`
	AIEdit                     string   `json:"aiEdit,omitempty"`
	Sharpen                    any      `json:"sharpen,omitempty"`     // true or a number
	Shadow                     any      `json:"shadow,omitempty"`      // true or parameters
	UnsharpMask                any      `json:"unsharpMask,omitempty"` // true or parameters
	Gradient                   any      `json:"gradient,omitempty"`    // true or parameters
	ColorReplace               string   `json:"colorReplace,omitempty"`
	Colorize                   string   `json:"colorize,omitempty"`
	Distort                    string   `json:"distort,omitempty"`
	FontSize                   any      `json:"fontSize,omitempty"`
	FontFamily                 string   `json:"fontFamily,omitempty"`
	FontColor                  string   `json:"fontColor,omitempty"`
	InnerAlignment             string   `json:"innerAlignment,omitempty"`
	Padding                    any      `json:"padding,omitempty"`
	Alpha                      any      `json:"alpha,omitempty"`
	Typography                 string   `json:"typography,omitempty"`
	LineHeight                 any      `json:"lineHeight,omitempty"`
	Color                      string   `json:"color,omitempty"` // subtitle layers
	FontOutline                string   `json:"fontOutline,omitempty"`
	FontShadow                 string   `json:"fontShadow,omitempty"`
	Overlay                    *Overlay `json:"overlay,omitempty"`
	Raw                        string   `json:"raw,omitempty"`
	Extra                      []Param  `json:"-"` // any other parameter, by its SDK name or URL key
}

// MarshalJSON writes the step as the JSON object ik_build_url reads (Extra after the typed
// parameters, in its order).
func (t Transformation) MarshalJSON() ([]byte, error) {
	type plain Transformation
	b, err := json.Marshal(plain(t))
	if err != nil || len(t.Extra) == 0 {
		return b, err
	}
	extra, err := Step(t.Extra).MarshalJSON()
	if err != nil {
		return nil, err
	}
	return joinObjects(b, extra), nil
}

// Overlay is a layer placed by a transformation step: Type is "text" (needs Text), "image",
// "video" or "subtitle" (need Input, a path such as "/logos/brand.png") or "solidColor" (needs
// Color). Encoding is "auto" (default), "plain" or "base64"; LayerMode "multiply", "cutter",
// "cutout" or "displace". Use the TextOverlay, ImageOverlay, … helpers for the common case.
type Overlay struct {
	Type           string           `json:"type"`
	Text           string           `json:"text,omitempty"`
	Input          string           `json:"input,omitempty"`
	Color          string           `json:"color,omitempty"`
	Encoding       string           `json:"encoding,omitempty"`
	LayerMode      string           `json:"layerMode,omitempty"`
	Position       *OverlayPosition `json:"position,omitempty"`
	Timing         *OverlayTiming   `json:"timing,omitempty"`
	Transformation []Transformation `json:"transformation,omitempty"`
}

// OverlayPosition places a layer; numbers or strings (expressions such as "bw_mul_0.5"). A
// zero is emitted (lx-0 is the left edge).
type OverlayPosition struct {
	X           any    `json:"x,omitempty"`
	Y           any    `json:"y,omitempty"`
	XCenter     any    `json:"xCenter,omitempty"`
	YCenter     any    `json:"yCenter,omitempty"`
	Focus       string `json:"focus,omitempty"`
	AnchorPoint string `json:"anchorPoint,omitempty"`
}

// OverlayTiming shows a layer of a video for part of its length (seconds, numbers or strings).
type OverlayTiming struct {
	Start    any `json:"start,omitempty"`
	End      any `json:"end,omitempty"`
	Duration any `json:"duration,omitempty"`
}

// TextOverlay is a text layer.
func TextOverlay(text string, steps ...Transformation) *Overlay {
	return &Overlay{Type: "text", Text: text, Transformation: steps}
}

// ImageOverlay is an image layer (input is a path in the media library).
func ImageOverlay(input string, steps ...Transformation) *Overlay {
	return &Overlay{Type: "image", Input: input, Transformation: steps}
}

// VideoOverlay is a video layer.
func VideoOverlay(input string, steps ...Transformation) *Overlay {
	return &Overlay{Type: "video", Input: input, Transformation: steps}
}

// SubtitleOverlay is a subtitle layer (an .srt or .vtt file).
func SubtitleOverlay(input string, steps ...Transformation) *Overlay {
	return &Overlay{Type: "subtitle", Input: input, Transformation: steps}
}

// SolidColorOverlay is a solid colour block (size it with Width/Height steps).
func SolidColorOverlay(color string, steps ...Transformation) *Overlay {
	return &Overlay{Type: "solidColor", Color: color, Transformation: steps}
}

// BuildURLOptions are the newest SDKs' buildSrc options. Src is a path under the URL endpoint or
// an absolute http(s) URL; an empty Src gives an empty URL.
type BuildURLOptions struct {
	Src            string           `json:"src"`
	URLEndpoint    string           `json:"urlEndpoint,omitempty"` // default: the client's
	Transformation []Transformation `json:"transformation,omitempty"`
	// TransformationPosition is "query" (the default: ?tr=w-300) or "path" (/tr:w-300/…); an
	// absolute Src always uses the query.
	TransformationPosition string  `json:"transformationPosition,omitempty"`
	QueryParameters        []Param `json:"-"` // appended to the query, form-encoded, in order
	Signed                 bool    `json:"signed,omitempty"`
	// ExpiresIn > 0 signs the URL (even without Signed) and makes it expire this many seconds
	// from now.
	ExpiresIn int64 `json:"expiresIn,omitempty"`
	// Now, when not zero, is the clock (unix seconds) for ExpiresIn: for tests and caches.
	Now int64 `json:"now,omitempty"`
}

// MarshalJSON gives the options document ik_build_url reads.
func (o BuildURLOptions) MarshalJSON() ([]byte, error) {
	type plain BuildURLOptions
	b, err := json.Marshal(plain(o))
	if err != nil || len(o.QueryParameters) == 0 {
		return b, err
	}
	q, err := Step(o.QueryParameters).MarshalJSON()
	if err != nil {
		return nil, err
	}
	return joinObjects(b, []byte(`{"queryParameters":`+string(q)+`}`)), nil
}

// joinObjects merges the members of two JSON objects, a's first.
func joinObjects(a, b []byte) []byte {
	a = bytes.TrimSpace(a)
	b = bytes.TrimSpace(b)
	inner := b[1 : len(b)-1]
	if len(bytes.TrimSpace(inner)) == 0 {
		return a
	}
	out := append([]byte(nil), a[:len(a)-1]...)
	if len(bytes.TrimSpace(a[1:len(a)-1])) > 0 {
		out = append(out, ',')
	}
	out = append(out, inner...)
	return append(out, '}')
}

// callJSON runs fn with a C copy of doc.
func callJSON(doc []byte, fn func(*C.char) C.ik_status) C.ik_status {
	cs := C.CString(string(doc))
	defer C.free(unsafe.Pointer(cs))
	return fn(cs)
}

// BuildURL builds a delivery URL the way the newest official SDKs do, signed when asked. It does
// no I/O. Bad options give an *Error with StatusInvalidArgument whose message names the
// problem (e.g. "transformation[0].overlay.type").
func (c *Client) BuildURL(opts BuildURLOptions) (string, error) {
	doc, err := json.Marshal(opts)
	if err != nil {
		return "", err
	}
	out, err := c.offline(func(p *C.ik_client) (C.ik_status, *C.char) {
		var out *C.char
		st := callJSON(doc, func(o *C.char) C.ik_status { return C.ik_build_url(p, o, &out) })
		return st, out
	})
	return string(out), err
}

// BuildTransformation is the transformation string alone, e.g. "w-300,h-200:rt-90".
func BuildTransformation(steps []Transformation) (string, error) {
	if steps == nil {
		steps = []Transformation{}
	}
	doc, err := json.Marshal(steps)
	if err != nil {
		return "", err
	}
	var out *C.char
	st := callJSON(doc, func(t *C.char) C.ik_status { return C.ik_build_transformation(t, &out) })
	res, err := result(st, out)
	return string(res), err
}

// ResponsiveImageOptions are BuildURLOptions plus what the browser SDK's
// getResponsiveImageAttributes takes. Src is required.
type ResponsiveImageOptions struct {
	BuildURLOptions
	// Width is the display width in CSS pixels: without Sizes it gives 1x/2x candidates.
	Width float64
	// Sizes is the <img sizes> attribute: it gives w candidates.
	Sizes string
	// DeviceBreakpoints and ImageBreakpoints replace the defaults
	// ([640 750 828 1080 1200 1920 2048 3840] and [16 32 48 64 96 128 256 384]).
	DeviceBreakpoints []int
	ImageBreakpoints  []int
}

// MarshalJSON gives the options document ik_responsive_image_attributes reads.
func (o ResponsiveImageOptions) MarshalJSON() ([]byte, error) {
	b, err := o.BuildURLOptions.MarshalJSON()
	if err != nil {
		return nil, err
	}
	extra, err := json.Marshal(struct {
		Width             float64 `json:"width,omitempty"`
		Sizes             string  `json:"sizes,omitempty"`
		DeviceBreakpoints []int   `json:"deviceBreakpoints,omitempty"`
		ImageBreakpoints  []int   `json:"imageBreakpoints,omitempty"`
	}{o.Width, o.Sizes, o.DeviceBreakpoints, o.ImageBreakpoints})
	if err != nil {
		return nil, err
	}
	return joinObjects(b, extra), nil
}

// ResponsiveImage holds the attributes of a responsive <img>. Sizes is empty and Width zero when
// they do not apply; Raw is the library's JSON document.
type ResponsiveImage struct {
	Src    string          `json:"src"`
	SrcSet string          `json:"srcSet"`
	Sizes  string          `json:"sizes"`
	Width  float64         `json:"width"`
	Raw    json.RawMessage `json:"-"`
}

// ResponsiveImageAttributes computes src, srcSet and sizes for an <img>, as the browser SDK does
// (every candidate is signed too when Signed or ExpiresIn asks for it).
func (c *Client) ResponsiveImageAttributes(opts ResponsiveImageOptions) (*ResponsiveImage, error) {
	doc, err := json.Marshal(opts)
	if err != nil {
		return nil, err
	}
	out, err := c.offline(func(p *C.ik_client) (C.ik_status, *C.char) {
		var out *C.char
		st := callJSON(doc, func(o *C.char) C.ik_status { return C.ik_responsive_image_attributes(p, o, &out) })
		return st, out
	})
	if err != nil {
		return nil, err
	}
	var r ResponsiveImage
	if err := json.Unmarshal(out, &r); err != nil {
		return nil, err
	}
	r.Raw = json.RawMessage(out)
	return &r, nil
}
