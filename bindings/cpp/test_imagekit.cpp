// Tests of the C++17 wrapper (imagekit.hpp). Built with -Wall -Wextra -Werror and ASan/UBSan by
// tests/it/cpp_wrapper.rs; the network part runs against the local ImageKit-compatible server
// named by IK_TEST_BASE_URL. Exit status 0 = pass.
#include "imagekit.hpp"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

namespace {

int failures = 0;

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (!(cond)) {                                                                \
            std::fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
            ++failures;                                                               \
        }                                                                             \
    } while (0)

#define CHECK_EQ(a, b)                                                                          \
    do {                                                                                        \
        const auto &a_ = (a);                                                                   \
        const auto &b_ = (b);                                                                   \
        if (!(a_ == b_)) {                                                                      \
            std::fprintf(stderr, "%s:%d: %s != %s\n  got:  %s\n  want: %s\n", __FILE__, __LINE__, #a, #b, \
                         to_text(a_).c_str(), to_text(b_).c_str());                             \
            ++failures;                                                                         \
        }                                                                                       \
    } while (0)

std::string to_text(const std::string &s) { return s; }
template <typename T>
std::string to_text(const T &v) {
    if constexpr (std::is_enum_v<T>) return std::to_string(static_cast<unsigned long long>(v));
    else return std::to_string(v);
}

/// Runs f, which must throw imagekit::Error; returns it (status Ok if nothing was thrown).
template <typename F>
imagekit::Error expect_error(F &&f) {
    try {
        f();
    } catch (const imagekit::Error &e) {
        return e;
    }
    std::fprintf(stderr, "expected an imagekit::Error, nothing was thrown\n");
    ++failures;
    return imagekit::Error(imagekit::Status::Ok, "{}");
}

const char *kConfig =
    R"({"private_key":"private_key_test","public_key":"public_key_test",)"
    R"("url_endpoint":"https://test-domain.com/test-endpoint"})";

static_assert(!std::is_copy_constructible_v<imagekit::Client>, "Client is move-only");
static_assert(!std::is_copy_assignable_v<imagekit::Client>, "Client is move-only");
static_assert(std::is_nothrow_move_constructible_v<imagekit::Client>, "Client moves without throwing");
static_assert(std::is_nothrow_move_assignable_v<imagekit::Client>, "Client moves without throwing");
static_assert(std::is_base_of_v<std::runtime_error, imagekit::Error>, "Error is a runtime_error");
static_assert(static_cast<std::uint32_t>(imagekit::Status::NotFound) == 23, "status values are the C ABI's");

void test_version_and_status() {
    CHECK(imagekit::version().rfind("libimagekit/", 0) == 0);
    CHECK_EQ(std::string(imagekit::status_str(imagekit::Status::NotFound)),
             std::string(ik_status_str(IK_STATUS_NOT_FOUND)));
}

void test_json_reader() {
    const std::string doc =
        R"({"status":"not_found","message":"File \"a\u00e9\" not\nfound \ud83d\ude00","http_status":404,)"
        R"("body":{"message":"inner","list":[1,{"x":"]}"}]},"help":"see docs","code":23})";
    const imagekit::detail::JsonObject o(doc);
    CHECK_EQ(o.string("status"), std::string("not_found"));
    CHECK_EQ(o.string("message"), std::string("File \"a\xC3\xA9\" not\nfound \xF0\x9F\x98\x80"));
    CHECK_EQ(o.integer("http_status"), 404LL);
    CHECK_EQ(o.string("help"), std::string("see docs"));  // after a nested body
    CHECK_EQ(o.integer("code"), 23LL);
    CHECK_EQ(std::string(o.member("body")), std::string(R"({"message":"inner","list":[1,{"x":"]}"}]})"));
    CHECK_EQ(o.string("missing"), std::string());
    CHECK_EQ(imagekit::detail::JsonObject("not json").string("status"), std::string());

    const imagekit::Error e(imagekit::Status::NotFound, doc);
    CHECK_EQ(e.http_status(), 404);
    CHECK_EQ(e.field("help"), std::string("see docs"));
    CHECK(std::string(e.what()).rfind("imagekit: not_found (HTTP 404): File", 0) == 0);
    CHECK(!e.outcome_unknown());
    const imagekit::Error lost(imagekit::Status::Network,
                               R"({"status":"network","message":"closed","outcome":"unknown","code":10})");
    CHECK(lost.outcome_unknown());
}

void test_client_lifecycle() {
    auto e = expect_error([] { imagekit::Client c(R"({"url_endpoint":"https://x.test"})"); });
    CHECK_EQ(e.status(), imagekit::Status::InvalidArgument);
    CHECK_EQ(e.http_status(), 0);
    CHECK(e.json().find("\"status\":\"invalid_argument\"") != std::string::npos);
    CHECK(!e.message().empty());

    e = expect_error([] { imagekit::Client c("{not json"); });
    CHECK_EQ(e.status(), imagekit::Status::InvalidArgument);

    imagekit::Client a(kConfig);
    CHECK(static_cast<bool>(a));
    imagekit::Client b(std::move(a));
    CHECK(!a && b && b.get() != nullptr);  // NOLINT(bugprone-use-after-move): checking the moved-from state
    imagekit::Client c(kConfig);
    c = std::move(b);  // frees c's old client
    CHECK(c && !b);    // NOLINT(bugprone-use-after-move)
    // A moved-from client fails cleanly instead of crashing.
    e = expect_error([&] { (void)b.assets_list(); });  // NOLINT(bugprone-use-after-move)
    CHECK_EQ(e.status(), imagekit::Status::NullArgument);
}

// Signatures computed with Python's hmac/hashlib/base64 (as in tests/c/test_webhook_jwt.c):
// key = bytes 1..32 behind the whsec_ secret; legacy key = "legacy-secret".
void test_webhooks_and_upload_token() {
    const std::string secret = "whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";
    const std::string body = R"({"id":"e1","type":"file.created"})";
    const std::string headers = R"({"Webhook-Id":"msg_1","Webhook-Timestamp":"1714035985",)"
                                R"("Webhook-Signature":"v1,bm90LXRoZS1zaWduYXR1cmU= v1,h8Aa/abbIYZ3vN7I3uBLWXqkS2VfxvxqURgO3i1EEY8="})";
    const std::string now = R"({"now":1714035985})";
    CHECK_EQ(imagekit::webhooks_unwrap(secret, body, headers, now), body);
    CHECK_EQ(imagekit::webhooks_unwrap("legacy-secret", body,
                                        R"({"X-Ik-Signature":"t=1714035985000,v1=7852939842642d4a7812148399def3916a3ccb2bc91f12a65f7217d949a75b57"})",
                                        now),
             body);

    auto e = expect_error([&] { (void)imagekit::webhooks_unwrap(secret, body + " ", headers, now); });
    CHECK_EQ(e.status(), imagekit::Status::InvalidArgument);
    CHECK_EQ(e.field("reason"), std::string("no_matching_signature"));
    e = expect_error([&] { (void)imagekit::webhooks_unwrap(secret, body, headers, R"({"now":1714036286})"); });
    CHECK_EQ(e.field("reason"), std::string("stale_timestamp"));
    e = expect_error([&] { (void)imagekit::webhooks_unwrap(secret, body, headers); });  // the real clock
    CHECK_EQ(e.field("reason"), std::string("stale_timestamp"));
    e = expect_error([&] { (void)imagekit::webhooks_unwrap(secret, body, "{}", now); });
    CHECK_EQ(e.field("reason"), std::string("missing_header"));
    e = expect_error([&] { (void)imagekit::webhooks_unwrap(secret, body, "{", now); });
    CHECK_EQ(e.status(), imagekit::Status::InvalidArgument);
    CHECK(e.field("reason").empty());
    // The body is passed by length: an embedded NUL is part of it.
    const std::string with_nul("{\0}", 3);
    e = expect_error([&] { (void)imagekit::webhooks_unwrap(secret, with_nul, headers, now); });
    CHECK_EQ(e.field("reason"), std::string("no_matching_signature"));

    const imagekit::Client c(kConfig);
    const std::string token = c.upload_v2_token(R"({"fileName":"a.jpg","tags":["x","y"]})",
                                                R"({"expire_seconds":60,"now":1714035985})");
    const auto dot1 = token.find('.');
    const auto dot2 = token.find('.', dot1 + 1);
    CHECK(dot1 != std::string::npos && dot2 != std::string::npos && token.find('.', dot2 + 1) == std::string::npos);
    // base64url of {"alg":"HS256","typ":"JWT","kid":"public_key_test"}
    CHECK_EQ(token.substr(0, dot1), std::string("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6InB1YmxpY19rZXlfdGVzdCJ9"));
    CHECK(!c.upload_v2_token(R"({"fileName":"a.jpg"})").empty());
    e = expect_error([&] { (void)c.upload_v2_token(R"({"fileName":"a.jpg"})", R"({"expire_seconds":7200})"); });
    CHECK_EQ(e.status(), imagekit::Status::InvalidArgument);
    CHECK(e.message().find("1..=3600") != std::string::npos);
    e = expect_error([&] { (void)c.upload_v2_token(R"({"folder":"/"})"); });
    CHECK(e.message().find("fileName") != std::string::npos);
}

void test_url_toolkit() {
    const imagekit::Client c(kConfig);
    CHECK_EQ(c.url(R"({"path":"/default-image.jpg","transformation":[{"height":"300","width":"400"}]})"),
             std::string("https://test-domain.com/test-endpoint/tr:h-300,w-400/default-image.jpg"));
    CHECK_EQ(c.url(R"({"path":"/default-image.jpg","query_parameters":{"param1":"value1","param2":"value2"},)"
                   R"("transformation":[{"height":"300","width":"400"}]})"),
             std::string("https://test-domain.com/test-endpoint/tr:h-300,w-400/default-image.jpg"
                         "?param1=value1&param2=value2"));
    CHECK_EQ(c.url(R"({"src":"https://ik.imagekit.io/ldt7znpgpjs/test_YhNhoRxWt.jpg","transformation":)"
                   R"([{"height":"300","width":"400","format":"jpg","progressive":"true","effect_contrast":"1"},)"
                   R"({"rotation":90}]})"),
             std::string("https://ik.imagekit.io/ldt7znpgpjs/test_YhNhoRxWt.jpg"
                         "?tr=h-300%2Cw-400%2Cf-jpg%2Cpr-true%2Ce-contrast-1%3Art-90"));
    CHECK_EQ(c.url(R"({"path":"/test-signed-url.jpg","signed":true,"transformation":[{"width":100}]})"),
             std::string("https://test-domain.com/test-endpoint/tr:w-100/test-signed-url.jpg"
                         "?ik-s=6b33c23fadbc24d0461f286e4fc335f692551a60"));
    auto e = expect_error([&] { (void)c.url(R"({"path":"/a.jpg","transformation_position":"fake"})"); });
    CHECK_EQ(e.status(), imagekit::Status::InvalidArgument);

    const std::string auth = c.authentication_parameters("your_token", 1582269249);
    const imagekit::detail::JsonObject a(auth);
    CHECK_EQ(a.string("token"), std::string("your_token"));
    CHECK_EQ(a.string("signature"), std::string("e71bcd6031016b060d349d212e23e85c791decdd"));
    CHECK(!imagekit::detail::JsonObject(c.authentication_parameters()).string("token").empty());
    // The std::string and const char * overloads agree; NULL and "" both choose a random token.
    CHECK_EQ(c.authentication_parameters(std::string("your_token"), 1582269249), auth);
    CHECK_EQ(imagekit::detail::JsonObject(c.authentication_parameters(nullptr, 1582269249)).string("token").size(), 36u);
    CHECK_EQ(imagekit::detail::JsonObject(c.authentication_parameters("", 1582269249)).string("token").size(), 36u);
    // A token whose document does not fit the wrapper's stack buffer (the library says how
    // much it needs), and one that JSON escapes.
    const std::string long_token(400, 't');
    const std::string long_auth = c.authentication_parameters(long_token, 1582269249);
    CHECK_EQ(imagekit::detail::JsonObject(long_auth).string("token"), long_token);
    CHECK_EQ(long_auth.size(), long_token.size() + 87u); // 10 digits of expiry
    const std::string quoted = c.authentication_parameters(std::string(60, '"'), 1582269249);
    CHECK_EQ(imagekit::detail::JsonObject(quoted).string("token"), std::string(60, '"'));
    e = expect_error([&] { (void)c.authentication_parameters("\xff", 1); });
    CHECK_EQ(e.status(), imagekit::Status::InvalidArgument);
    const std::string opts = R"({"path":"/a.jpg"})";
    CHECK_EQ(c.url(opts), c.url(opts.c_str()));

    CHECK_EQ(imagekit::phash_distance("f06830ca9f1e3e90", "f06830ca9f1e3e90"), 0u);
    CHECK_EQ(imagekit::phash_distance("2d5ad3936d2e015b", "2d6ed293db36a4fb"), 17u);
    CHECK_EQ(imagekit::phash_distance("a4a65595ac94518b", "7838873e791f8400"), 37u);
    e = expect_error([] { (void)imagekit::phash_distance("xyz", "f06830ca9f1e3e90"); });
    CHECK_EQ(e.status(), imagekit::Status::InvalidArgument);
}

std::string network_config(const std::string &base) {
    return R"({"private_key":"private_key_test","public_key":"public_key_test",)"
           R"("url_endpoint":"https://test-domain.com/test-endpoint","api_base_url":")" +
           base + R"(","upload_base_url":")" + base +
           R"(","retry_initial_delay_ms":10,"retry_max_delay_ms":50})";
}

void test_network(const std::string &base) {
    imagekit::Client c(network_config(base));
    std::mutex log_mutex;
    std::vector<std::string> log;
    c.set_logger(
        [&](imagekit::LogLevel, std::string_view m) {
            const std::lock_guard<std::mutex> lock(log_mutex);
            log.emplace_back(m);
        },
        imagekit::LogLevel::Debug);

    // Upload bytes with progress.
    const std::string payload(64 * 1024, 'x');
    std::uint64_t last_sent = 0, last_total = 0;
    int calls = 0;
    const std::string uploaded =
        c.upload_bytes(payload, R"({"fileName":"cpp-test.txt","tags":["cpp","wrapper"]})",
                       [&](std::uint64_t sent, std::uint64_t total) {
                           CHECK(sent >= last_sent || sent == 0);
                           last_sent = sent, last_total = total, ++calls;
                           return true;
                       });
    const imagekit::detail::JsonObject up(uploaded);
    const std::string file_id = up.string("fileId");
    CHECK(!file_id.empty());
    CHECK_EQ(up.string("name").rfind("cpp-test", 0), std::size_t(0));
    CHECK(calls >= 2);
    CHECK(last_total > payload.size());
    CHECK_EQ(last_sent, last_total);
    {
        const std::lock_guard<std::mutex> lock(log_mutex);
        CHECK(!log.empty());
    }
    c.set_logger(nullptr);

    // Upload from a path, and from a data URI.
    const std::string path = "cpp-wrapper-upload.bin";
    { std::ofstream(path, std::ios::binary) << std::string(10000, 'p'); }
    const std::string from_path = c.upload_path(path, R"({"fileName":"from-path.bin","folder":"/cpp"})");
    CHECK(imagekit::detail::JsonObject(from_path).string("filePath").find("/cpp/") == 0);
    std::remove(path.c_str());
    const std::string from_uri = c.upload(R"({"file":"data:text/plain;base64,aGVsbG8=","fileName":"hello.txt"})");
    CHECK(!imagekit::detail::JsonObject(from_uri).string("fileId").empty());

    // Cancelling from the progress callback, and an exception thrown there.
    auto e = expect_error([&] {
        (void)c.upload_bytes(payload, R"({"fileName":"cancelled.txt"})", [](std::uint64_t, std::uint64_t) { return false; });
    });
    CHECK_EQ(e.status(), imagekit::Status::Cancelled);
    bool rethrown = false;
    try {
        (void)c.upload_bytes(payload, R"({"fileName":"thrown.txt"})",
                             [](std::uint64_t, std::uint64_t) -> bool { throw std::logic_error("from progress"); });
    } catch (const std::logic_error &le) {
        rethrown = std::string(le.what()) == "from progress";
    }
    CHECK(rethrown);

    // Details, update, list, metadata.
    CHECK_EQ(imagekit::detail::JsonObject(c.files_get(file_id)).string("fileId"), file_id);
    const std::string updated = c.files_update(file_id, R"({"tags":["updated"]})");
    CHECK(updated.find("\"updated\"") != std::string::npos);
    const std::string listed = c.assets_list(R"({"tags":["updated"]})");
    CHECK(listed.find(file_id) != std::string::npos);
    CHECK(!c.assets_list().empty());
    (void)c.files_metadata_get(file_id);

    // Table-driven methods (imagekit_ops.hpp) and the page walk.
    CHECK_EQ(imagekit::detail::JsonObject(c.files_get(file_id)).string("fileId"), file_id);
    CHECK(c.assets_list(R"({"tags":["updated"]})").find(file_id) != std::string::npos);
    e = expect_error([&] { (void)c.files_copy(R"({"sourceFilePath":"/a.jpg"})"); });
    CHECK_EQ(e.status(), imagekit::Status::InvalidArgument);
    CHECK(e.message().find("destinationPath") != std::string::npos);
    int pages_seen = 0;
    const std::string walk = c.assets_list_each(R"({"limit":1})", [&](std::string_view page) {
        CHECK(page.front() == '[');
        return ++pages_seen < 2;
    });
    CHECK_EQ(pages_seen, 2);
    CHECK(walk.find("\"stopped\":true") != std::string::npos);
    CHECK(c.assets_list_all("{}", 1).front() == '[');
    // A NUL inside a std::string is refused, not cut (C would see "victim" and delete it).
    e = expect_error([&] { (void)c.files_delete(std::string("victim\0-not-this", 16)); });
    CHECK_EQ(e.status(), imagekit::Status::InvalidArgument);
    CHECK(e.message().find("file_id") != std::string::npos);
    e = expect_error([&] { (void)c.upload_path(std::string("/tmp/a\0b", 8), R"({"fileName":"x"})"); });
    CHECK_EQ(e.status(), imagekit::Status::InvalidArgument);

    // Purge and its status.
    const std::string purge = c.cache_invalidation_create(R"({"url":"https://test-domain.com/test-endpoint/cpp-test.txt"})");
    const std::string request_id = imagekit::detail::JsonObject(purge).string("requestId");
    CHECK(!request_id.empty());
    const std::string purge_status = imagekit::detail::JsonObject(c.cache_invalidation_get(request_id)).string("status");
    CHECK(purge_status == "Pending" || purge_status == "Completed");

    // The generic request, then delete and a 404.
    CHECK(c.request("GET", "/v1/files/" + file_id + "/details").find(file_id) != std::string::npos);
    CHECK_EQ(c.files_delete(file_id), std::string("{}"));
    e = expect_error([&] { (void)c.files_get(file_id); });
    CHECK_EQ(e.status(), imagekit::Status::NotFound);
    CHECK_EQ(e.http_status(), 404);
    CHECK(!e.message().empty());

    // A shared client from several threads.
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&c, &ok, i] {
            const std::string r =
                c.upload_bytes("thread data", R"({"fileName":"thread-)" + std::to_string(i) + R"(.txt"})");
            c.files_delete(imagekit::detail::JsonObject(r).string("fileId"));
            ++ok;
        });
    }
    for (auto &t : threads) t.join();
    CHECK_EQ(ok.load(), 4);
}

}  // namespace

// The modern builder: official vectors (@imagekit/nodejs 7.11, tests/data/url_modern_official.json
// new-0219 and new-0313), the transformation string, responsive attributes and an error.
void test_modern_builder() {
    const imagekit::Client c(kConfig);
    CHECK_EQ(c.build_url(R"({"urlEndpoint":"https://ik.imagekit.io/test_url_endpoint","src":"/test_path.jpg",)"
                         R"("transformation":[{"height":"300","width":"400"}],"transformationPosition":"path"})"),
             std::string("https://ik.imagekit.io/test_url_endpoint/tr:h-300,w-400/test_path.jpg"));
    CHECK_EQ(c.build_url(std::string(R"({"urlEndpoint":"https://ik.imagekit.io/demo","src":"/medium_cafe_B1iTdD0C.jpg",)"
                                     R"("transformationPosition":"path",)"
                                     R"("transformation":[{"overlay":{"type":"text","text":"Manu"}}]})")),
             std::string("https://ik.imagekit.io/demo/tr:l-text,i-Manu,l-end/medium_cafe_B1iTdD0C.jpg"));
    // The client's endpoint, query position by default, signed (HMAC of "a.jpg?tr=w-100" + 9999999999).
    const std::string signed_url = c.build_url(R"({"src":"/a.jpg","transformation":[{"width":100}],"signed":true})");
    CHECK_EQ(signed_url.rfind("https://test-domain.com/test-endpoint/a.jpg?tr=w-100&ik-s=", 0), std::size_t(0));
    CHECK_EQ(signed_url.size(), std::string("https://test-domain.com/test-endpoint/a.jpg?tr=w-100&ik-s=").size() + 40);
    CHECK_EQ(imagekit::build_transformation(R"([{"width":300,"grayscale":true},{"rotation":90}])"),
             std::string("w-300,e-grayscale:rt-90"));
    const std::string attrs = c.responsive_image_attributes(R"({"src":"/a.jpg","width":400})");
    const imagekit::detail::JsonObject r(attrs);  // a view: `attrs` must outlive it
    CHECK_EQ(r.string("src"), std::string("https://test-domain.com/test-endpoint/a.jpg?tr=w-828,c-at_max"));
    CHECK_EQ(r.string("srcSet"), std::string("https://test-domain.com/test-endpoint/a.jpg?tr=w-640,c-at_max 1x, "
                                             "https://test-domain.com/test-endpoint/a.jpg?tr=w-828,c-at_max 2x"));
    auto e = expect_error([&] { (void)c.build_url(R"({"src":"/a.jpg","transformation":[{"overlay":{"type":"gif"}}]})"); });
    CHECK_EQ(e.status(), imagekit::Status::InvalidArgument);
    CHECK(e.message().find("transformation[0].overlay.type") != std::string::npos);
    auto e2 = expect_error([] { (void)imagekit::build_transformation("{\"width\":1}"); });
    CHECK_EQ(e2.status(), imagekit::Status::InvalidArgument);
}

int main() {
    test_version_and_status();
    test_json_reader();
    test_client_lifecycle();
    test_url_toolkit();
    test_modern_builder();
    test_webhooks_and_upload_token();
    if (const char *base = std::getenv("IK_TEST_BASE_URL")) {
        test_network(base);
    } else {
        std::fprintf(stderr, "IK_TEST_BASE_URL is not set: network tests not run\n");
        ++failures;
    }
    if (failures) {
        std::fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    std::puts("C++ wrapper: all checks passed");
    return 0;
}
