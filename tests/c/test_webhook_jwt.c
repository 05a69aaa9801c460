/* ik_webhooks_unwrap and ik_upload_v2_token from C: NULLs, bad JSON, valid and invalid cases.
 * Run under ASan/UBSan and valgrind by tests/it/c_abi.rs. The webhook signatures below were
 * computed with Python's hmac/hashlib/base64 (see tests/data/webhook_vectors.py for the scheme):
 *   key = base64decode("AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=") (bytes 1..32)
 *   standard: base64(HMAC-SHA256(key, "msg_1.1714035985.{\"id\":\"e1\",\"type\":\"file.created\"}"))
 *   legacy:   hex(HMAC-SHA256("legacy-secret", "1714035985000.{\"id\":\"e1\",\"type\":\"file.created\"}")) */
#include "ik_test.h"

#include <stdint.h>

static const char *SECRET = "whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";
static const char *BODY = "{\"id\":\"e1\",\"type\":\"file.created\"}";
static const char *STD_HEADERS =
    "{\"Webhook-Id\":\"msg_1\",\"Webhook-Timestamp\":\"1714035985\","
    "\"Webhook-Signature\":\"v1,bm90LXRoZS1zaWduYXR1cmU= v1,h8Aa/abbIYZ3vN7I3uBLWXqkS2VfxvxqURgO3i1EEY8=\"}";
static const char *LEGACY_HEADERS =
    "{\"x-ik-signature\":\"t=1714035985000,v1=7852939842642d4a7812148399def3916a3ccb2bc91f12a65f7217d949a75b57\"}";
static const char *NOW = "{\"now\":1714035985}";

/* Runs ik_webhooks_unwrap on BODY (or body/len); returns the status, frees the output unless
 * the caller asks for it. */
static ik_status unwrap(const char *secret, const char *body, size_t len, const char *headers, const char *options,
                        char **keep) {
    char *out = (char *)0x1; /* must be reset to NULL or a string */
    ik_status st = ik_webhooks_unwrap(secret, (const uint8_t *)body, len, headers, options, &out);
    CHECK(out != (char *)0x1);
    CHECK(out != NULL);
    if (keep) *keep = out;
    else ik_string_free(out);
    return st;
}

static void test_webhook_valid(void) {
    char *out = NULL;
    CHECK_STATUS(unwrap(SECRET, BODY, strlen(BODY), STD_HEADERS, NOW, &out), IK_STATUS_OK);
    CHECK_STR_EQ(out, BODY);
    ik_string_free(out);
    CHECK_STATUS(unwrap("legacy-secret", BODY, strlen(BODY), LEGACY_HEADERS, NOW, &out), IK_STATUS_OK);
    CHECK_STR_EQ(out, BODY);
    ik_string_free(out);
}

static void test_webhook_invalid(void) {
    char *out = NULL;
    /* Tampered body (same length). */
    const char *tampered = "{\"id\":\"e2\",\"type\":\"file.created\"}";
    CHECK_STATUS(unwrap(SECRET, tampered, strlen(tampered), STD_HEADERS, NOW, &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "\"reason\":\"no_matching_signature\"");
    CHECK(strstr(out, SECRET) == NULL);
    ik_string_free(out);
    /* Body cut short: body_len counts, not the NUL. */
    CHECK_STATUS(unwrap(SECRET, BODY, strlen(BODY) - 1, STD_HEADERS, NOW, &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "no_matching_signature");
    ik_string_free(out);
    /* Wrong secret. */
    CHECK_STATUS(unwrap("whsec_b3RoZXI=", BODY, strlen(BODY), STD_HEADERS, NOW, &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "no_matching_signature");
    ik_string_free(out);
    /* Stale and future (clock frozen 301 s after / 301 s before the timestamp). */
    CHECK_STATUS(unwrap(SECRET, BODY, strlen(BODY), STD_HEADERS, "{\"now\":1714036286}", &out),
                 IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "stale_timestamp");
    ik_string_free(out);
    CHECK_STATUS(unwrap(SECRET, BODY, strlen(BODY), STD_HEADERS, "{\"now\":1714035684}", &out),
                 IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "future_timestamp");
    ik_string_free(out);
    /* A wider tolerance accepts the first. */
    CHECK_STATUS(unwrap(SECRET, BODY, strlen(BODY), STD_HEADERS, "{\"now\":1714036286,\"tolerance_seconds\":600}", NULL),
                 IK_STATUS_OK);
    /* Missing and malformed headers. */
    CHECK_STATUS(unwrap(SECRET, BODY, strlen(BODY), "{}", NOW, &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "missing_header");
    ik_string_free(out);
    CHECK_STATUS(unwrap(SECRET, BODY, strlen(BODY), "{\"webhook-id\":\"m\",\"webhook-signature\":\"v1,x\"}", NOW, &out),
                 IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "missing_header");
    ik_string_free(out);
    CHECK_STATUS(unwrap(SECRET, BODY, strlen(BODY),
                        "{\"webhook-id\":\"m\",\"webhook-timestamp\":\"soon\",\"webhook-signature\":\"v1,x\"}", NOW, &out),
                 IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "malformed_header");
    ik_string_free(out);
    CHECK_STATUS(unwrap("legacy-secret", BODY, strlen(BODY), "{\"x-ik-signature\":\"v1=00\"}", NOW, &out),
                 IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "malformed_header");
    ik_string_free(out);
    /* The legacy header under another secret. */
    CHECK_STATUS(unwrap("legacy-secret2", BODY, strlen(BODY), LEGACY_HEADERS, NOW, &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "no_matching_signature");
    ik_string_free(out);
}

static void test_webhook_arguments(void) {
    char *out = NULL;
    /* NULL out: nothing written, NULL_ARGUMENT. */
    CHECK_STATUS(ik_webhooks_unwrap(SECRET, (const uint8_t *)BODY, strlen(BODY), STD_HEADERS, NOW, NULL),
                 IK_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(unwrap(NULL, BODY, strlen(BODY), STD_HEADERS, NOW, &out), IK_STATUS_NULL_ARGUMENT);
    CHECK_CONTAINS(out, "`secret`");
    ik_string_free(out);
    CHECK_STATUS(unwrap(SECRET, BODY, strlen(BODY), NULL, NOW, &out), IK_STATUS_NULL_ARGUMENT);
    CHECK_CONTAINS(out, "`headers_json`");
    ik_string_free(out);
    CHECK_STATUS(unwrap(SECRET, NULL, 5, STD_HEADERS, NOW, &out), IK_STATUS_NULL_ARGUMENT);
    CHECK_CONTAINS(out, "`body`");
    ik_string_free(out);
    /* NULL body of length 0 is an empty body (and then does not match). */
    CHECK_STATUS(unwrap(SECRET, NULL, 0, STD_HEADERS, NOW, &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "no_matching_signature");
    ik_string_free(out);
    /* NULL options = defaults: the real clock, so the 2024 timestamp is stale. */
    CHECK_STATUS(unwrap(SECRET, BODY, strlen(BODY), STD_HEADERS, NULL, &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "stale_timestamp");
    ik_string_free(out);
    /* Bad JSON. */
    CHECK_STATUS(unwrap(SECRET, BODY, strlen(BODY), "{\"webhook-id\":", NOW, &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "headers_json is not valid JSON");
    ik_string_free(out);
    CHECK_STATUS(unwrap(SECRET, BODY, strlen(BODY), STD_HEADERS, "[1]", &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "options_json must be a JSON object");
    ik_string_free(out);
    CHECK_STATUS(unwrap(SECRET, BODY, strlen(BODY), STD_HEADERS, "{\"clock\":1}", &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "unknown webhook option `clock`");
    ik_string_free(out);
    /* Invalid UTF-8 in the secret. */
    CHECK_STATUS(unwrap("whsec_\xff", BODY, strlen(BODY), STD_HEADERS, NOW, &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "not valid UTF-8");
    ik_string_free(out);
    /* A body with NUL and non-UTF-8 bytes is read by length, not as a C string. */
    const char binary[] = {'{', 0, '\xff', '}'};
    CHECK_STATUS(unwrap(SECRET, binary, sizeof binary, STD_HEADERS, NOW, &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "no_matching_signature");
    ik_string_free(out);
}

/* Decodes base64url (no padding) into out (NUL-terminated); returns the length or -1. */
static int b64url_decode(const char *in, size_t len, char *out, size_t cap) {
    unsigned int acc = 0;
    int bits = 0;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        char c = in[i];
        int v = c >= 'A' && c <= 'Z' ? c - 'A'
              : c >= 'a' && c <= 'z' ? c - 'a' + 26
              : c >= '0' && c <= '9' ? c - '0' + 52
              : c == '-' ? 62 : c == '_' ? 63 : -1;
        if (v < 0) return -1;
        acc = (acc << 6) | (unsigned int)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (n + 1 >= cap) return -1;
            out[n++] = (char)((acc >> bits) & 0xFF);
        }
    }
    out[n] = '\0';
    return (int)n;
}

static void test_upload_v2_token(void) {
    ik_client *c = ik_test_client_at(NULL);
    char *out = NULL;

    CHECK_STATUS(ik_upload_v2_token(c, "{\"fileName\":\"a.jpg\",\"useUniqueFileName\":false,\"tags\":[\"x\",\"y\"]}",
                                    "{\"expire_seconds\":60,\"now\":1714035985}", &out),
                 IK_STATUS_OK);
    /* Three base64url parts; header and payload decode to the expected JSON. */
    const char *dot1 = out ? strchr(out, '.') : NULL;
    const char *dot2 = dot1 ? strchr(dot1 + 1, '.') : NULL;
    CHECK(dot1 && dot2 && strchr(dot2 + 1, '.') == NULL && strlen(dot2 + 1) == 43);
    if (dot1 && dot2) {
        char json[512];
        CHECK(b64url_decode(out, (size_t)(dot1 - out), json, sizeof json) > 0);
        CHECK_STR_EQ(json, "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"public_key_test\"}");
        CHECK(b64url_decode(dot1 + 1, (size_t)(dot2 - dot1 - 1), json, sizeof json) > 0);
        CHECK_STR_EQ(json, "{\"fileName\":\"a.jpg\",\"useUniqueFileName\":\"false\",\"tags\":\"x,y\","
                           "\"iat\":1714035985,\"exp\":1714036045}");
    }
    ik_string_free(out);

    /* Same input, same token; NULL options = the real clock and 1800 s. */
    char *again = NULL;
    CHECK_STATUS(ik_upload_v2_token(c, "{\"fileName\":\"a.jpg\"}", NULL, &again), IK_STATUS_OK);
    CHECK(again != NULL && strchr(again, '.') != NULL);
    ik_string_free(again);

    /* Invalid cases. */
    CHECK_STATUS(ik_upload_v2_token(c, "{\"fileName\":\"a.jpg\"}", "{\"expire_seconds\":3601}", &out),
                 IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "1..=3600");
    CHECK(strstr(out, "private_key_test") == NULL);
    ik_string_free(out);
    CHECK_STATUS(ik_upload_v2_token(c, "{\"tags\":\"x\"}", NULL, &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "fileName");
    ik_string_free(out);
    CHECK_STATUS(ik_upload_v2_token(c, "{\"fileName\":\"a\",\"file\":\"x\"}", NULL, &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "`file`");
    ik_string_free(out);
    CHECK_STATUS(ik_upload_v2_token(c, "{\"fileName\":", NULL, &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "payload_json is not valid JSON");
    ik_string_free(out);
    CHECK_STATUS(ik_upload_v2_token(c, "{\"fileName\":\"a\"}", "nope", &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "options_json is not valid JSON");
    ik_string_free(out);

    /* NULLs. */
    CHECK_STATUS(ik_upload_v2_token(NULL, "{\"fileName\":\"a\"}", NULL, &out), IK_STATUS_NULL_ARGUMENT);
    CHECK_CONTAINS(out, "`client`");
    ik_string_free(out);
    CHECK_STATUS(ik_upload_v2_token(c, NULL, NULL, &out), IK_STATUS_NULL_ARGUMENT);
    CHECK_CONTAINS(out, "`payload_json`");
    ik_string_free(out);
    CHECK_STATUS(ik_upload_v2_token(c, "{\"fileName\":\"a\"}", NULL, NULL), IK_STATUS_NULL_ARGUMENT);

    ik_client_free(c);
}

int main(void) {
    test_webhook_valid();
    test_webhook_invalid();
    test_webhook_arguments();
    test_upload_v2_token();
    TEST_DONE();
}
