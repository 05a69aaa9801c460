//go:build !imagekit_debug

package imagekit

func maybeGC() {}
