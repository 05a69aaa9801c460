// Code generated from crates/ops/src/status.rs by xtask/src/codegen (cargo xtask codegen). DO NOT EDIT.

package imagekit

/*
#include "imagekit.h"
*/
import "C"

// The library's ik_status codes; the values are the C enum's (part of the ABI).
const (
	StatusOK                  Status = 0  // ok
	StatusNullArgument        Status = 1  // a required pointer argument was NULL
	StatusInvalidArgument     Status = 2  // invalid argument (bad UTF-8, JSON, option or value)
	StatusIO                  Status = 3  // local file I/O error
	StatusCancelled           Status = 4  // cancelled by the progress callback
	StatusNetwork             Status = 10 // network error (connect, DNS, reset, proxy)
	StatusTimeout             Status = 11 // timed out
	StatusTLS                 Status = 12 // TLS error
	StatusDecode              Status = 13 // could not decode the response
	StatusBadRequest          Status = 20 // HTTP 400 bad request
	StatusUnauthorized        Status = 21 // HTTP 401 unauthorized
	StatusForbidden           Status = 22 // HTTP 403 forbidden
	StatusNotFound            Status = 23 // HTTP 404 not found
	StatusConflict            Status = 24 // HTTP 409 conflict
	StatusUnprocessableEntity Status = 25 // HTTP 422 unprocessable entity
	StatusRateLimited         Status = 26 // HTTP 429 rate limited
	StatusServerError         Status = 27 // HTTP 5xx server error
	StatusAPIError            Status = 28 // HTTP error status
	StatusPanic               Status = 99 // internal panic (a bug in libimagekit)
)

// Values to match with errors.Is; each stands for every *Error with that status.
var (
	ErrNullArgument        error = &kind{StatusNullArgument}
	ErrInvalidArgument     error = &kind{StatusInvalidArgument}
	ErrIO                  error = &kind{StatusIO}
	ErrCancelled           error = &kind{StatusCancelled}
	ErrNetwork             error = &kind{StatusNetwork}
	ErrTimeout             error = &kind{StatusTimeout}
	ErrTLS                 error = &kind{StatusTLS}
	ErrDecode              error = &kind{StatusDecode}
	ErrBadRequest          error = &kind{StatusBadRequest}
	ErrUnauthorized        error = &kind{StatusUnauthorized}
	ErrForbidden           error = &kind{StatusForbidden}
	ErrNotFound            error = &kind{StatusNotFound}
	ErrConflict            error = &kind{StatusConflict}
	ErrUnprocessableEntity error = &kind{StatusUnprocessableEntity}
	ErrRateLimited         error = &kind{StatusRateLimited}
	ErrServerError         error = &kind{StatusServerError}
	ErrAPIError            error = &kind{StatusAPIError}
	ErrPanic               error = &kind{StatusPanic}
)

// cStatuses maps each C enum constant's name to its value, read from the header at build time;
// status_test.go checks the Go constants against it.
func cStatuses() map[string]uint32 {
	return map[string]uint32{
		"OK":                   C.IK_STATUS_OK,
		"NULL_ARGUMENT":        C.IK_STATUS_NULL_ARGUMENT,
		"INVALID_ARGUMENT":     C.IK_STATUS_INVALID_ARGUMENT,
		"IO":                   C.IK_STATUS_IO,
		"CANCELLED":            C.IK_STATUS_CANCELLED,
		"NETWORK":              C.IK_STATUS_NETWORK,
		"TIMEOUT":              C.IK_STATUS_TIMEOUT,
		"TLS":                  C.IK_STATUS_TLS,
		"DECODE":               C.IK_STATUS_DECODE,
		"BAD_REQUEST":          C.IK_STATUS_BAD_REQUEST,
		"UNAUTHORIZED":         C.IK_STATUS_UNAUTHORIZED,
		"FORBIDDEN":            C.IK_STATUS_FORBIDDEN,
		"NOT_FOUND":            C.IK_STATUS_NOT_FOUND,
		"CONFLICT":             C.IK_STATUS_CONFLICT,
		"UNPROCESSABLE_ENTITY": C.IK_STATUS_UNPROCESSABLE_ENTITY,
		"RATE_LIMITED":         C.IK_STATUS_RATE_LIMITED,
		"SERVER_ERROR":         C.IK_STATUS_SERVER_ERROR,
		"API_ERROR":            C.IK_STATUS_API_ERROR,
		"PANIC":                C.IK_STATUS_PANIC,
	}
}

// goStatuses lists the Go constants by their C names, for status_test.go.
func goStatuses() map[string]Status {
	return map[string]Status{
		"OK":                   StatusOK,
		"NULL_ARGUMENT":        StatusNullArgument,
		"INVALID_ARGUMENT":     StatusInvalidArgument,
		"IO":                   StatusIO,
		"CANCELLED":            StatusCancelled,
		"NETWORK":              StatusNetwork,
		"TIMEOUT":              StatusTimeout,
		"TLS":                  StatusTLS,
		"DECODE":               StatusDecode,
		"BAD_REQUEST":          StatusBadRequest,
		"UNAUTHORIZED":         StatusUnauthorized,
		"FORBIDDEN":            StatusForbidden,
		"NOT_FOUND":            StatusNotFound,
		"CONFLICT":             StatusConflict,
		"UNPROCESSABLE_ENTITY": StatusUnprocessableEntity,
		"RATE_LIMITED":         StatusRateLimited,
		"SERVER_ERROR":         StatusServerError,
		"API_ERROR":            StatusAPIError,
		"PANIC":                StatusPanic,
	}
}
