/* Tiny assertion helpers shared by the C tests. Each test is one program; exit code 0 = pass. */
#ifndef IK_TEST_H
#define IK_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "imagekit.h"

static int ik_test_failures = 0;

#define CHECK(cond)                                                              \
    do {                                                                         \
        if (!(cond)) {                                                           \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
            ik_test_failures++;                                                  \
        }                                                                        \
    } while (0)

#define CHECK_STATUS(expr, want)                                                 \
    do {                                                                         \
        ik_status got_ = (expr);                                                 \
        if (got_ != (want)) {                                                    \
            fprintf(stderr, "%s:%d: %s returned %u (%s), want %u\n", __FILE__,   \
                    __LINE__, #expr, (unsigned)got_, ik_status_str(got_),        \
                    (unsigned)(want));                                           \
            ik_test_failures++;                                                  \
        }                                                                        \
    } while (0)

#define CHECK_STR_EQ(a, b)                                                       \
    do {                                                                         \
        const char *a_ = (a), *b_ = (b);                                         \
        if (a_ == NULL || b_ == NULL || strcmp(a_, b_) != 0) {                   \
            fprintf(stderr, "%s:%d: strings differ:\n  got:  %s\n  want: %s\n",  \
                    __FILE__, __LINE__, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); \
            ik_test_failures++;                                                  \
        }                                                                        \
    } while (0)

#define CHECK_CONTAINS(hay, needle)                                              \
    do {                                                                         \
        const char *h_ = (hay), *n_ = (needle);                                  \
        if (h_ == NULL || strstr(h_, n_) == NULL) {                              \
            fprintf(stderr, "%s:%d: %s does not contain %s\n", __FILE__,         \
                    __LINE__, h_ ? h_ : "(null)", n_);                           \
            ik_test_failures++;                                                  \
        }                                                                        \
    } while (0)

#define TEST_DONE()                                                              \
    do {                                                                         \
        if (ik_test_failures) {                                                  \
            fprintf(stderr, "%d check(s) failed\n", ik_test_failures);           \
            return 1;                                                            \
        }                                                                        \
        return 0;                                                                \
    } while (0)

/* A client with the test keys for the server at `base` (NULL: no server, for offline calls):
 * no proxy from the environment and fast retries. Aborts the test if creation fails. */
__attribute__((unused)) static ik_client *ik_test_client_at(const char *base) {
    char cfg[1024];
    snprintf(cfg, sizeof cfg,
             "{\"private_key\":\"private_key_test\",\"public_key\":\"public_key_test\","
             "\"url_endpoint\":\"https://test-domain.com/test-endpoint\",\"proxy\":\"\","
             "\"retry_initial_delay_ms\":10,\"retry_max_delay_ms\":50%s%s%s}",
             base ? ",\"api_base_url\":\"" : "", base ? base : "", base ? "\"" : "");
    ik_client *c = NULL;
    char *err = NULL;
    if (ik_client_new(cfg, &c, &err) != IK_STATUS_OK) {
        fprintf(stderr, "ik_client_new failed: %s\n", err ? err : "(no error)");
        ik_string_free(err);
        exit(2);
    }
    return c;
}

/* A test client for IK_TEST_BASE_URL when the harness set it. */
__attribute__((unused)) static ik_client *ik_test_client(void) {
    return ik_test_client_at(getenv("IK_TEST_BASE_URL"));
}

/* Copies the string value of "key" out of a JSON text into out (good enough for flat test
 * answers); returns 0 when the key is absent. */
__attribute__((unused)) static int ik_test_json_str(const char *json, const char *key, char *out, size_t cap) {
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\":\"", key);
    const char *p = json ? strstr(json, pat) : NULL;
    if (!p) return 0;
    p += strlen(pat);
    size_t n = 0;
    while (p[n] && p[n] != '"' && n + 1 < cap) n++;
    memcpy(out, p, n);
    out[n] = '\0';
    return 1;
}

#endif
