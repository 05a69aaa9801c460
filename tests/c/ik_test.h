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

/* A client with the test keys; aborts the test if creation fails. Uses IK_TEST_BASE_URL when set. */
__attribute__((unused)) static ik_client *ik_test_client(void) {
    char cfg[1024];
    const char *base = getenv("IK_TEST_BASE_URL");
    if (base) {
        snprintf(cfg, sizeof cfg,
                 "{\"private_key\":\"private_key_test\",\"public_key\":\"public_key_test\","
                 "\"url_endpoint\":\"https://test-domain.com/test-endpoint\",\"api_base_url\":\"%s\","
                 "\"retry_initial_delay_ms\":10,\"retry_max_delay_ms\":50}",
                 base);
    } else {
        snprintf(cfg, sizeof cfg,
                 "{\"private_key\":\"private_key_test\",\"public_key\":\"public_key_test\","
                 "\"url_endpoint\":\"https://test-domain.com/test-endpoint\"}");
    }
    ik_client *c = NULL;
    char *err = NULL;
    if (ik_client_new(cfg, &c, &err) != IK_STATUS_OK) {
        fprintf(stderr, "ik_client_new failed: %s\n", err ? err : "(no error)");
        ik_string_free(err);
        exit(2);
    }
    return c;
}

#endif
