// Generated from crates/ops/src/status.rs by xtask/src/codegen (cargo xtask codegen). Do not edit.
// Included by imagekit.hpp.
#ifndef IMAGEKIT_STATUS_HPP
#define IMAGEKIT_STATUS_HPP

#include <imagekit.h>

#include <cstdint>

namespace imagekit {

/// The library's status codes (ik_status); the values are the C enum's.
enum class Status : std::uint32_t {
    Ok = IK_STATUS_OK,  ///< ok
    NullArgument = IK_STATUS_NULL_ARGUMENT,  ///< a required pointer argument was NULL
    InvalidArgument = IK_STATUS_INVALID_ARGUMENT,  ///< invalid argument (bad UTF-8, JSON, option or value)
    Io = IK_STATUS_IO,  ///< local file I/O error
    Cancelled = IK_STATUS_CANCELLED,  ///< cancelled by the progress callback
    Network = IK_STATUS_NETWORK,  ///< network error (connect, DNS, reset, proxy)
    Timeout = IK_STATUS_TIMEOUT,  ///< timed out
    Tls = IK_STATUS_TLS,  ///< TLS error
    Decode = IK_STATUS_DECODE,  ///< could not decode the response
    BadRequest = IK_STATUS_BAD_REQUEST,  ///< HTTP 400 bad request
    Unauthorized = IK_STATUS_UNAUTHORIZED,  ///< HTTP 401 unauthorized
    Forbidden = IK_STATUS_FORBIDDEN,  ///< HTTP 403 forbidden
    NotFound = IK_STATUS_NOT_FOUND,  ///< HTTP 404 not found
    Conflict = IK_STATUS_CONFLICT,  ///< HTTP 409 conflict
    UnprocessableEntity = IK_STATUS_UNPROCESSABLE_ENTITY,  ///< HTTP 422 unprocessable entity
    RateLimited = IK_STATUS_RATE_LIMITED,  ///< HTTP 429 rate limited
    ServerError = IK_STATUS_SERVER_ERROR,  ///< HTTP 5xx server error
    ApiError = IK_STATUS_API_ERROR,  ///< HTTP error status
    Panic = IK_STATUS_PANIC,  ///< internal panic (a bug in libimagekit)
};

}  // namespace imagekit

#endif  // IMAGEKIT_STATUS_HPP
