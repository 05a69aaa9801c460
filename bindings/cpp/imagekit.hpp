// imagekit.hpp: a header-only C++17 wrapper over libimagekit's C API (imagekit.h).
//
//   imagekit::Client client(R"({"private_key":"...","public_key":"...",
//                               "url_endpoint":"https://ik.imagekit.io/demo"})");
//   std::string url = client.url(R"({"path":"/cat.jpg","transformation":[{"width":300}]})");
//   try {
//       std::string file = client.get_file_details("598821f949c0a938d57563bd");
//   } catch (const imagekit::Error &e) {
//       if (e.status() == imagekit::Status::NotFound) { ... }   // e.http_status() == 404, e.json()
//   }
//
// - Client is a move-only RAII handle; every operation is const and may be called from several
//   threads at once. Moving, destroying and set_logger() must not race with other calls.
// - Results are std::string: the API's JSON (or the URL, for url()). Failures throw
//   imagekit::Error (a std::runtime_error) carrying the status code, the HTTP status and the
//   library's error JSON.
// - Link with -limagekit (pkg-config imagekit, or CMake imagekit::imagekit).
#ifndef IMAGEKIT_HPP
#define IMAGEKIT_HPP

#include <imagekit.h>

#include "imagekit_status.hpp"

#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace imagekit {


/// Log levels passed to a logger.
enum class LogLevel : std::uint32_t {
    Error = IK_LOG_LEVEL_ERROR,
    Warn = IK_LOG_LEVEL_WARN,
    Info = IK_LOG_LEVEL_INFO,
    Debug = IK_LOG_LEVEL_DEBUG,
};

/// A static English description of a status ("not found"); never null.
inline const char *status_str(Status status) noexcept {
    return ik_status_str(static_cast<std::uint32_t>(status));
}

/// The library's version, e.g. "libimagekit/0.1.0".
inline std::string version() { return ik_version(); }

namespace detail {

/// Owns a string the library returned; frees it with ik_string_free.
class OwnedString {
public:
    OwnedString() = default;
    OwnedString(const OwnedString &) = delete;
    OwnedString &operator=(const OwnedString &) = delete;
    ~OwnedString() { ik_string_free(ptr_); }
    char **out() noexcept { return &ptr_; }
    std::string str() const { return ptr_ ? std::string(ptr_) : std::string(); }

private:
    char *ptr_ = nullptr;
};

/// A small reader for the top level of the library's error documents (flat objects whose
/// values may nest): finds a member and decodes a string or integer value.
class JsonObject {
public:
    explicit JsonObject(std::string_view text) : text_(text) {}

    /// The raw text of top-level member `key`, or an empty view if absent or malformed.
    std::string_view member(std::string_view key) const {
        std::size_t i = 0;
        skip_ws(i);
        if (i >= text_.size() || text_[i] != '{') return {};
        ++i;
        while (true) {
            skip_ws(i);
            if (i >= text_.size() || text_[i] != '"') return {};
            const std::size_t key_start = i;
            if (!skip_value(i)) return {};
            const std::string_view raw_key = text_.substr(key_start, i - key_start);
            skip_ws(i);
            if (i >= text_.size() || text_[i] != ':') return {};
            ++i;
            skip_ws(i);
            const std::size_t value_start = i;
            if (!skip_value(i)) return {};
            if (decode_string(raw_key) == key) return text_.substr(value_start, i - value_start);
            skip_ws(i);
            if (i < text_.size() && text_[i] == ',') {
                ++i;
                continue;
            }
            return {};
        }
    }

    std::string string(std::string_view key) const { return decode_string(member(key)); }

    long long integer(std::string_view key) const {
        const std::string_view v = member(key);
        long long n = 0;
        bool negative = false;
        std::size_t i = 0;
        if (i < v.size() && v[i] == '-') negative = true, ++i;
        for (; i < v.size() && v[i] >= '0' && v[i] <= '9'; ++i) n = n * 10 + (v[i] - '0');
        return negative ? -n : n;
    }

    /// Decodes a JSON string literal (with its quotes); anything else gives "".
    static std::string decode_string(std::string_view lit) {
        std::string out;
        if (lit.size() < 2 || lit.front() != '"' || lit.back() != '"') return out;
        for (std::size_t i = 1; i + 1 < lit.size(); ++i) {
            char c = lit[i];
            if (c != '\\') {
                out += c;
                continue;
            }
            if (++i + 1 >= lit.size()) break;  // a lone backslash before the closing quote
            switch (c = lit[i]) {
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    if (i + 5 >= lit.size()) return out;  // truncated escape
                    unsigned long cp = hex4(lit, i + 1);
                    i += 4;
                    if (cp >= 0xD800 && cp < 0xDC00 && i + 6 < lit.size() && lit[i + 1] == '\\' &&
                        lit[i + 2] == 'u') {
                        const unsigned long lo = hex4(lit, i + 3);
                        if (lo >= 0xDC00 && lo < 0xE000) {
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                            i += 6;
                        }
                    }
                    append_utf8(out, cp);
                    break;
                }
                default: out += c; break;  // \" \\ \/
            }
        }
        return out;
    }

private:
    std::string_view text_;

    void skip_ws(std::size_t &i) const {
        while (i < text_.size() && (text_[i] == ' ' || text_[i] == '\t' || text_[i] == '\n' || text_[i] == '\r'))
            ++i;
    }

    /// Moves `i` past one value (string, object, array or literal); false if malformed.
    bool skip_value(std::size_t &i) const {
        int depth = 0;
        bool in_string = false;
        for (; i < text_.size(); ++i) {
            const char c = text_[i];
            if (in_string) {
                if (c == '\\') ++i;
                else if (c == '"') {
                    in_string = false;
                    if (depth == 0) return ++i, true;
                }
            } else if (c == '"') {
                in_string = true;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (depth == 0) return true;  // end of the enclosing object: a literal ended
                if (--depth == 0) return ++i, true;
            } else if (depth == 0 && (c == ',' || c == ' ' || c == '\n' || c == '\t' || c == '\r')) {
                return true;
            }
        }
        return depth == 0 && !in_string;
    }

    static unsigned long hex4(std::string_view s, std::size_t at) {
        unsigned long v = 0;
        for (std::size_t k = at; k < at + 4 && k < s.size(); ++k) {
            const char c = s[k];
            v <<= 4;
            if (c >= '0' && c <= '9') v |= static_cast<unsigned long>(c - '0');
            else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned long>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned long>(c - 'A' + 10);
        }
        return v;
    }

    static void append_utf8(std::string &out, unsigned long cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }
};

}  // namespace detail

/// A failed call: the status, the HTTP status (0 when ImageKit did not answer) and the
/// library's error JSON (`{"status":"not_found","message":...,"http_status":404,...}`).
class Error : public std::runtime_error {
public:
    Error(Status status, std::string json)
        : std::runtime_error(describe(status, json)), status_(status), json_(std::move(json)) {
        const detail::JsonObject doc(json_);
        http_status_ = static_cast<int>(doc.integer("http_status"));
        message_ = doc.string("message");
    }

    Status status() const noexcept { return status_; }
    int http_status() const noexcept { return http_status_; }
    /// ImageKit's or the library's message.
    const std::string &message() const noexcept { return message_; }
    /// The whole error document.
    const std::string &json() const noexcept { return json_; }
    /// Any top-level string member of the error document ("help", "reason", "request_id" …).
    std::string field(std::string_view name) const { return detail::JsonObject(json_).string(name); }

private:
    Status status_;
    int http_status_ = 0;
    std::string json_;
    std::string message_;

    static std::string describe(Status status, const std::string &json) {
        const detail::JsonObject doc(json);
        std::string what = "imagekit: ";
        const std::string name = doc.string("status");
        what += name.empty() ? status_str(status) : name;
        if (const long long http = doc.integer("http_status")) what += " (HTTP " + std::to_string(http) + ")";
        const std::string message = doc.string("message");
        if (!message.empty()) what += ": " + message;
        return what;
    }
};

/// Upload progress: bytes of the request body sent so far, and its total. Return false to
/// cancel the upload (it then throws Error with Status::Cancelled). An exception thrown here
/// cancels the upload and is rethrown from the upload call.
using Progress = std::function<bool(std::uint64_t sent, std::uint64_t total)>;

/// Receives log records; may be called from several threads at once. Must not throw (an
/// exception is swallowed) and must not call back into the client.
using Logger = std::function<void(LogLevel level, std::string_view message)>;

namespace detail {

inline void check(ik_status status, const OwnedString &out) {
    if (status != IK_STATUS_OK) throw Error(static_cast<Status>(status), out.str());
}

/// The C string of a std::string argument. One with a NUL byte is refused (Status::InvalidArgument):
/// C would see only what comes before it, and the call would act on a different id, path or secret.
inline const char *c_arg(const std::string &s, const char *name) {
    if (s.find('\0') != std::string::npos) {
        throw Error(Status::InvalidArgument, std::string(R"({"status":"invalid_argument","code":2,"message":"argument `)") +
                                                 name + "` contains a NUL byte, which a C string cannot carry\"}");
    }
    return s.c_str();
}

struct ProgressState {
    const Progress *fn;
    std::exception_ptr error;
};

extern "C" inline int imagekit_cpp_progress_trampoline(void *userdata, std::uint64_t sent, std::uint64_t total) {
    auto *state = static_cast<ProgressState *>(userdata);
    try {
        return (*state->fn)(sent, total) ? 0 : 1;
    } catch (...) {
        state->error = std::current_exception();
        return 1;
    }
}

extern "C" inline void imagekit_cpp_log_trampoline(void *userdata, std::uint32_t level, const char *message) {
    try {
        (*static_cast<const Logger *>(userdata))(static_cast<LogLevel>(level), message);
    } catch (...) {
    }
}

/// Runs an upload call with the progress callback installed (if any); rethrows its exception.
template <typename Call>
std::string with_progress(const Progress &progress, Call &&call) {
    OwnedString out;
    ProgressState state{&progress, nullptr};
    const ik_status st = progress ? call(&imagekit_cpp_progress_trampoline, &state, out.out()) : call(nullptr, nullptr, out.out());
    if (state.error) std::rethrow_exception(state.error);
    check(st, out);
    return out.str();
}

}  // namespace detail
}  // namespace imagekit

#include "imagekit_ops.hpp"

namespace imagekit {

/// The transformation string alone, as the newest SDKs build it (ik_build_transformation): a
/// JSON array of steps (or {"transformation":[...]}), e.g. [{"width":300},{"rotation":90}] gives
/// "w-300:rt-90". Throws Error (InvalidArgument, naming the problem) on bad input.
inline std::string build_transformation(const std::string &transformation_json) {
    detail::OwnedString out;
    detail::check(ik_build_transformation(detail::c_arg(transformation_json, "transformation_json"), out.out()), out);
    return out.str();
}

/// The pHash distance of two hexadecimal perceptual hashes (0 = identical).
inline std::uint32_t phash_distance(const std::string &first, const std::string &second) {
    detail::OwnedString err;
    std::uint32_t distance = 0;
    detail::check(ik_phash_distance(detail::c_arg(first, "first"), detail::c_arg(second, "second"), &distance, err.out()), err);
    return distance;
}

/// Verifies a webhook request (Standard Webhooks or the older x-ik-signature) and returns its
/// event JSON (the body, verbatim). secret: the endpoint's signing secret; body: the raw request
/// body (any bytes); headers_json: the request headers as a JSON object (names in any case,
/// values strings or lists of strings); options_json: "" for the defaults, or
/// {"tolerance_seconds":300,"now":...,"scheme":"auto","secret_encoding":"auto"}.
/// A failed check throws Error with Status::InvalidArgument whose field("reason") names it:
/// missing_header, malformed_header, no_matching_signature, stale_timestamp, future_timestamp,
/// body_not_json. Needs no client (ik_webhooks_unwrap; webhooks.unwrap in the newest SDKs).
inline std::string webhooks_unwrap(const std::string &secret, std::string_view body, const std::string &headers_json,
                                   const std::string &options_json = {}) {
    detail::OwnedString out;
    detail::check(ik_webhooks_unwrap(detail::c_arg(secret, "secret"), reinterpret_cast<const std::uint8_t *>(body.data()), body.size(),
                                     detail::c_arg(headers_json, "headers_json"), options_json.empty() ? nullptr : detail::c_arg(options_json, "options_json"),
                                     out.out()),
                  out);
    return out.str();
}

/// An ImageKit client. Move-only; see the top of this file for thread safety.
class Client : public detail::Operations<Client> {
public:
    /// Creates a client from the library's JSON configuration (private_key, public_key,
    /// url_endpoint, and optional transport settings). Throws Error on a bad configuration.
    explicit Client(const std::string &config_json) {
        detail::OwnedString err;
        detail::check(ik_client_new(detail::c_arg(config_json, "config_json"), &client_, err.out()), err);
    }

    Client(const Client &) = delete;
    Client &operator=(const Client &) = delete;
    Client(Client &&other) noexcept
        : client_(std::exchange(other.client_, nullptr)), logger_(std::move(other.logger_)) {}
    Client &operator=(Client &&other) noexcept {
        if (this != &other) {
            ik_client_free(client_);
            client_ = std::exchange(other.client_, nullptr);
            logger_ = std::move(other.logger_);
        }
        return *this;
    }
    ~Client() { ik_client_free(client_); }

    /// The C handle, for calls this wrapper does not cover; null after a move.
    ik_client *get() const noexcept { return client_; }
    explicit operator bool() const noexcept { return client_ != nullptr; }

    /// Installs (or, with an empty function, removes) a logger for records up to max_level.
    void set_logger(Logger logger, LogLevel max_level = LogLevel::Info) {
        auto next = logger ? std::make_unique<Logger>(std::move(logger)) : nullptr;
        detail::OwnedString none;
        detail::check(ik_client_set_logger(client_, next ? &detail::imagekit_cpp_log_trampoline : nullptr,
                                           static_cast<std::uint32_t>(max_level), next.get()),
                      none);
        logger_ = std::move(next);
    }

    // ---- URL toolkit (no network) ----

    /// Builds a (signed) ImageKit URL from the seed SDK's url() options as JSON.
    std::string url(const std::string &options_json) const { return url(detail::c_arg(options_json, "options_json")); }

    /// url() for a NUL-terminated options document, e.g. a string literal: no std::string is
    /// built for the argument (URL building is a hot path).
    std::string url(const char *options_json) const {
        detail::OwnedString out;
        detail::check(ik_url(client_, options_json, out.out()), out);
        return out.str();
    }

    /// Builds a (signed) URL the way the newest official SDKs do (ik_build_url): options JSON with
    /// src, urlEndpoint (default: the client's), transformation (steps and typed layers),
    /// transformationPosition ("query" by default), queryParameters, signed, expiresIn, now.
    std::string build_url(const std::string &options_json) const {
        return build_url(detail::c_arg(options_json, "options_json"));
    }

    /// build_url() for a NUL-terminated options document (no std::string built for it).
    std::string build_url(const char *options_json) const {
        detail::OwnedString out;
        detail::check(ik_build_url(client_, options_json, out.out()), out);
        return out.str();
    }

    /// {"src","srcSet","sizes","width"} for a responsive <img>, as the browser SDK computes them
    /// (ik_responsive_image_attributes): build_url()'s options plus width, sizes,
    /// deviceBreakpoints and imageBreakpoints; src is required.
    std::string responsive_image_attributes(const std::string &options_json) const {
        detail::OwnedString out;
        detail::check(ik_responsive_image_attributes(client_, detail::c_arg(options_json, "options_json"), out.out()), out);
        return out.str();
    }

    /// {"token","expire","signature"} for client-side uploads; an empty token and expire 0
    /// choose a random token and an expiry 30 minutes ahead.
    ///
    /// The library writes the document into a stack buffer (ik_get_authentication_parameters_into),
    /// so the returned string is the call's only allocation; a longer token gets a buffer of the
    /// size the library asks for.
    std::string authentication_parameters(const std::string &token = {}, std::int64_t expire = 0) const {
        return authentication_parameters_into(std::string_view(detail::c_arg(token, "token"), token.size()), expire);
    }

    /// authentication_parameters() for a NUL-terminated token (NULL or "" choose a random one),
    /// without building a std::string for it.
    std::string authentication_parameters(const char *token, std::int64_t expire = 0) const {
        return authentication_parameters_into(token ? std::string_view(token) : std::string_view(), expire);
    }

private:
    std::string authentication_parameters_into(std::string_view token, std::int64_t expire) const {
        char stack[256];
        std::size_t len = 0;
        detail::OwnedString err;
        ik_status st = ik_get_authentication_parameters_into(client_, token.data(), token.size(), expire, stack,
                                                             sizeof stack, &len, err.out());
        if (st == IK_STATUS_OK) return std::string(stack, len);
        if (st != IK_STATUS_INVALID_ARGUMENT || len <= sizeof stack) detail::check(st, err);
        std::string doc(len, '\0'); // len: the size needed, with the NUL
        detail::OwnedString err2;
        detail::check(ik_get_authentication_parameters_into(client_, token.data(), token.size(), expire, doc.data(),
                                                            doc.size(), &len, err2.out()),
                      err2);
        doc.resize(len);
        return doc;
    }

public:

    /// The one-time JWT for a client-side upload to /api/v2/files/upload. payload_json: every
    /// upload parameter the client will send except file and token (fileName required);
    /// options_json: "" for the defaults (30 minutes, the real clock) or
    /// {"expire_seconds":600,"now":1714035985} (1..=3600 seconds). Returns the token text.
    std::string upload_v2_token(const std::string &payload_json, const std::string &options_json = {}) const {
        detail::OwnedString out;
        detail::check(ik_upload_v2_token(client_, detail::c_arg(payload_json, "payload_json"),
                                         options_json.empty() ? nullptr : detail::c_arg(options_json, "options_json"), out.out()),
                      out);
        return out.str();
    }

    // ---- Uploads ----

    /// Uploads a file given in options_json's "file" (URL, base64 or data: URI).
    std::string upload(const std::string &options_json, const Progress &progress = {}) const {
        return detail::with_progress(progress, [&](ik_progress_callback cb, void *ud, char **out) {
            return ik_files_upload(client_, detail::c_arg(options_json, "options_json"), cb, ud, out);
        });
    }

    /// Uploads len bytes at data (read in place, not copied).
    std::string upload_bytes(const void *data, std::size_t len, const std::string &options_json,
                             const Progress &progress = {}) const {
        return detail::with_progress(progress, [&](ik_progress_callback cb, void *ud, char **out) {
            return ik_files_upload_bytes(client_, static_cast<const std::uint8_t *>(data), len, detail::c_arg(options_json, "options_json"), cb,
                                        ud, out);
        });
    }
    std::string upload_bytes(std::string_view bytes, const std::string &options_json,
                             const Progress &progress = {}) const {
        return upload_bytes(bytes.data(), bytes.size(), options_json, progress);
    }

    /// Uploads the local file at path, streamed from disk.
    std::string upload_path(const std::string &path, const std::string &options_json,
                            const Progress &progress = {}) const {
        return detail::with_progress(progress, [&](ik_progress_callback cb, void *ud, char **out) {
            return ik_files_upload_path(client_, detail::c_arg(path, "path"), detail::c_arg(options_json, "options_json"), cb, ud, out);
        });
    }

    // ---- Media library ----
    // One method per operation of the table comes from detail::Operations (imagekit_ops.hpp):
    // files_get(file_id), files_copy(params_json), folders_create(params_json), ...

    /// Every page of assets_list (skip/limit): on_page gets each page's JSON array and returns
    /// false to stop; an exception thrown by it stops the walk and is rethrown. Returns
    /// {"pages":N,"items":M,"stopped":bool}.
    std::string assets_list_each(const std::string &params_json,
                                 const std::function<bool(std::string_view page)> &on_page) const {
        struct State {
            const std::function<bool(std::string_view)> *fn;
            std::exception_ptr error;
        } state{&on_page, nullptr};
        auto trampoline = [](void *userdata, const char *page) -> int {
            auto *st = static_cast<State *>(userdata);
            try {
                return (*st->fn)(page) ? 0 : 1;
            } catch (...) {
                st->error = std::current_exception();
                return 1;
            }
        };
        detail::OwnedString out;
        const ik_status status = ik_assets_list_each(client_, detail::c_arg(params_json, "params_json"), trampoline, &state, out.out());
        if (state.error) std::rethrow_exception(state.error);
        detail::check(status, out);
        return out.str();
    }

    /// Every item of every page of assets_list in one JSON array, at most max_items (0: no cap).
    std::string assets_list_all(const std::string &params_json = "{}", std::uint64_t max_items = 0) const {
        detail::OwnedString out;
        detail::check(ik_assets_list_all(client_, detail::c_arg(params_json, "params_json"), max_items, out.out()), out);
        return out.str();
    }

    /// Any API endpoint: method ("GET", "POST" …), path and query ("/v1/files?limit=1"), no body.
    std::string request(const std::string &method, const std::string &path_and_query) const {
        return request_impl(method, path_and_query, nullptr);
    }
    /// Any API endpoint with a JSON body.
    std::string request(const std::string &method, const std::string &path_and_query,
                        const std::string &body_json) const {
        return request_impl(method, path_and_query, detail::c_arg(body_json, "body_json"));
    }

private:
    ik_client *client_ = nullptr;
    std::unique_ptr<Logger> logger_;  // stable address for the C callback's userdata

    std::string request_impl(const std::string &method, const std::string &path, const char *body) const {
        detail::OwnedString out;
        detail::check(ik_request(client_, detail::c_arg(method, "method"), detail::c_arg(path, "path_and_query"), body, out.out()), out);
        return out.str();
    }
};

}  // namespace imagekit

#endif  // IMAGEKIT_HPP
