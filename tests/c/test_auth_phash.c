/* ik_get_authentication_parameters and ik_phash_distance through the C header. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <time.h>
#include "ik_test.h"


static long long json_int(const char *doc, const char *key) {
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\":", key);
    const char *p = doc ? strstr(doc, pat) : NULL;
    return p ? strtoll(p + strlen(pat), NULL, 10) : -1;
}

static int is_uuid_v4(const char *s) {
    if (strlen(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-') return 0;
    if (s[14] != '4' || !strchr("89ab", s[19])) return 0;
    for (int i = 0; i < 36; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23) continue;
        if (!strchr("0123456789abcdef", s[i])) return 0;
    }
    return 1;
}

static void check_distance(const char *a, const char *b, uint32_t want) {
    uint32_t d = 12345;
    char *err = NULL;
    CHECK_STATUS(ik_phash_distance(a, b, &d, &err), IK_STATUS_OK);
    CHECK(d == want);
    CHECK(err == NULL);
    ik_string_free(err);
}

static void check_distance_error(const char *a, const char *b, ik_status want, const char *needle) {
    uint32_t d = 12345;
    char *err = NULL;
    CHECK_STATUS(ik_phash_distance(a, b, &d, &err), want);
    CHECK(d == 0);
    CHECK_CONTAINS(err, needle);
    ik_string_free(err);
    /* out_error is optional */
    CHECK_STATUS(ik_phash_distance(a, b, &d, NULL), want);
}

int main(void) {
    ik_client *c = ik_test_client();
    char *out = NULL;

    /* Official vector: HMAC-SHA1("private_key_test", "your_token1582269249"). */
    CHECK_STATUS(ik_get_authentication_parameters(c, "your_token", 1582269249, &out), IK_STATUS_OK);
    CHECK_STR_EQ(out, "{\"token\":\"your_token\",\"expire\":1582269249,"
                      "\"signature\":\"e71bcd6031016b060d349d212e23e85c791decdd\"}");
    ik_string_free(out);

    /* Defaults: NULL or "" token -> UUIDv4; expire 0 -> now + 1800. */
    const char *tokens[2] = {NULL, ""};
    char first_token[64] = "";
    for (int i = 0; i < 2; i++) {
        long long before = (long long)time(NULL);
        out = NULL;
        CHECK_STATUS(ik_get_authentication_parameters(c, tokens[i], 0, &out), IK_STATUS_OK);
        long long after = (long long)time(NULL);
        char token[64], sig[64];
        CHECK(ik_test_json_str(out, "token", token, sizeof token));
        CHECK(is_uuid_v4(token));
        CHECK(ik_test_json_str(out, "signature", sig, sizeof sig));
        CHECK(strlen(sig) == 40);
        long long expire = json_int(out, "expire");
        CHECK(expire >= before + 1800 && expire <= after + 1800);
        if (i == 0) {
            strcpy(first_token, token);
        } else {
            CHECK(strcmp(first_token, token) != 0);
        }
        CHECK(strstr(out, "private_key_test") == NULL);
        ik_string_free(out);
    }

    /* Errors. */
    out = NULL;
    CHECK_STATUS(ik_get_authentication_parameters(NULL, "t", 1, &out), IK_STATUS_NULL_ARGUMENT);
    CHECK_CONTAINS(out, "client");
    ik_string_free(out);
    CHECK_STATUS(ik_get_authentication_parameters(c, "t", 1, NULL), IK_STATUS_NULL_ARGUMENT);
    out = NULL;
    CHECK_STATUS(ik_get_authentication_parameters(c, "\xff\xfe", 1, &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "UTF-8");
    ik_string_free(out);

    /* The allocation-free form writes the same document into the caller's buffer. */
    {
        char buf[134];
        size_t len = 99;
        char *err = (char *)1;
        CHECK_STATUS(ik_get_authentication_parameters_into(c, "your_token", 10, 1582269249, buf, sizeof buf, &len,
                                                           &err),
                     IK_STATUS_OK);
        CHECK_STR_EQ(buf, "{\"token\":\"your_token\",\"expire\":1582269249,"
                          "\"signature\":\"e71bcd6031016b060d349d212e23e85c791decdd\"}");
        CHECK(len == strlen(buf));
        CHECK(err == NULL);
        /* The token is not NUL-terminated: only token_len bytes are read. */
        CHECK_STATUS(ik_get_authentication_parameters_into(c, "your_token_and_more", 10, 1582269249, buf, sizeof buf,
                                                           &len, NULL),
                     IK_STATUS_OK);
        CHECK(strstr(buf, "e71bcd6031016b060d349d212e23e85c791decdd") != NULL);
        /* A size query, then a buffer one byte short. */
        CHECK_STATUS(ik_get_authentication_parameters_into(c, "your_token", 10, 1582269249, NULL, 0, &len, &err),
                     IK_STATUS_INVALID_ARGUMENT);
        CHECK(len == 98);
        CHECK_CONTAINS(err, "needs 98");
        ik_string_free(err);
        CHECK_STATUS(ik_get_authentication_parameters_into(c, "your_token", 10, 1582269249, buf, 97, &len, NULL),
                     IK_STATUS_INVALID_ARGUMENT);
        CHECK(len == 98 && buf[0] == '\0');
        /* A generated token always fits in 134 bytes. */
        long long before = (long long)time(NULL);
        CHECK_STATUS(ik_get_authentication_parameters_into(c, NULL, 0, 0, buf, sizeof buf, &len, NULL), IK_STATUS_OK);
        char token[64];
        CHECK(ik_test_json_str(buf, "token", token, sizeof token));
        CHECK(is_uuid_v4(token));
        CHECK(strcmp(token, first_token) != 0);
        CHECK(json_int(buf, "expire") >= before + 1800);
        /* Errors. */
        CHECK_STATUS(ik_get_authentication_parameters_into(NULL, "t", 1, 1, buf, sizeof buf, &len, &err),
                     IK_STATUS_NULL_ARGUMENT);
        CHECK_CONTAINS(err, "client");
        ik_string_free(err);
        CHECK_STATUS(ik_get_authentication_parameters_into(c, "\xff", 1, 1, buf, sizeof buf, &len, &err),
                     IK_STATUS_INVALID_ARGUMENT);
        CHECK_CONTAINS(err, "UTF-8");
        ik_string_free(err);
        CHECK_STATUS(ik_get_authentication_parameters_into(c, buf + 4, 8, 1, buf, sizeof buf, &len, &err),
                     IK_STATUS_INVALID_ARGUMENT);
        CHECK_CONTAINS(err, "overlaps");
        ik_string_free(err);
    }

    /* pHash: the original SDK's examples and the official tests. */
    check_distance("f06830ca9f1e3e90", "f06830ca9f1e3e90", 0);
    check_distance("2d5ad3936d2e015b", "2d6ed293db36a4fb", 17);
    check_distance("a4a65595ac94518b", "7838873e791f8400", 37);
    check_distance("33699c96619cc69e", "968e978414fe04ea", 30);
    check_distance("63433b3ccf8e1ebe", "f5d2226cd9d32b16", 27);
    check_distance("0xA4A65595AC94518B", "7838873e791f8400", 37);

    /* The rule: empty, invalid hex and unequal lengths are errors with a message. */
    check_distance_error("", "dkf90", IK_STATUS_INVALID_ARGUMENT, "missing pHash value");
    check_distance_error("INVALIDHEXSTRING", "f06830ca9f1e3e90", IK_STATUS_INVALID_ARGUMENT, "hexadecimal");
    check_distance_error("f06830ca9f1e3e90", "a4a655~!!@94518b", IK_STATUS_INVALID_ARGUMENT, "hexadecimal");
    check_distance_error("f06830ca9f1e3e90", "42", IK_STATUS_INVALID_ARGUMENT, "unequal pHash string length");
    check_distance_error(NULL, "f06830ca9f1e3e90", IK_STATUS_NULL_ARGUMENT, "first");
    check_distance_error("f06830ca9f1e3e90", NULL, IK_STATUS_NULL_ARGUMENT, "second");
    check_distance_error("\xff", "ab", IK_STATUS_INVALID_ARGUMENT, "UTF-8");

    char *err = NULL;
    CHECK_STATUS(ik_phash_distance("ab", "ab", NULL, &err), IK_STATUS_NULL_ARGUMENT);
    CHECK_CONTAINS(err, "out_distance");
    ik_string_free(err);

    ik_client_free(c);
    TEST_DONE();
}
