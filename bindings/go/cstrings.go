package imagekit

import (
	"fmt"
	"strings"
)

// noNUL refuses a string argument with a NUL byte: a C string ends at the first NUL, so the
// library would act on a shorter id, path or secret than the one given (deleting "a" for
// "a\x00b"). Each pair is (argument name, value).
func noNUL(args ...string) error {
	for i := 0; i+1 < len(args); i += 2 {
		if strings.IndexByte(args[i+1], 0) >= 0 {
			return &Error{Status: StatusInvalidArgument, Name: "invalid_argument",
				Message: fmt.Sprintf("argument `%s` contains a NUL byte, which a C string cannot carry", args[i])}
		}
	}
	return nil
}
