/* ik_url time against the number of distinct keys (a guard against "quadratic time from linear search
 * per key"): one transformation step with n keys, `query_parameters` with n keys, and a `src`
 * query with n parameters, for growing n. Linear time shows as a flat ns/key column.
 *
 * Usage: url_keys_bench [largest n (default 160000)]
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "imagekit.h"

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Options JSON for `shape` with n keys (caller frees). */
static char *options(int shape, long n) {
    size_t cap = (size_t)n * 32 + 256, len = 0;
    char *s = malloc(cap);
    if (!s) abort();
    const char *head[] = {"{\"path\":\"a\",\"transformation\":[{", "{\"path\":\"a\",\"query_parameters\":{",
                          "{\"src\":\"https://h/a.jpg?"};
    const char *tail[] = {"}]}", "}}", "\"}"};
    len += (size_t)sprintf(s + len, "%s", head[shape]);
    for (long i = 0; i < n; i++) {
        if (shape == 2)
            len += (size_t)sprintf(s + len, "%sk%ld=%ld", i ? "&" : "", i, i);
        else
            len += (size_t)sprintf(s + len, "%s\"k%ld\":\"%ld\"", i ? "," : "", i, i);
    }
    sprintf(s + len, "%s", tail[shape]);
    return s;
}

int main(int argc, char **argv) {
    long largest = argc > 1 ? atol(argv[1]) : 160000;
    ik_client *client = NULL;
    if (ik_client_new("{\"private_key\":\"private_key_test\",\"public_key\":\"public_key_test\","
                      "\"url_endpoint\":\"https://test-domain.com/test-endpoint\"}",
                      &client, NULL) != IK_STATUS_OK)
        return 1;
    const char *names[] = {"keys in one transformation step", "keys in query_parameters", "parameters in a src query"};
    printf("%-34s %8s %10s %8s\n", "shape", "n", "ms", "ns/key");
    for (int shape = 0; shape < 3; shape++) {
        for (long n = 10000; n <= largest; n *= 2) {
            char *opts = options(shape, n);
            char *out = NULL;
            double t0 = now_seconds();
            ik_status st = ik_url(client, opts, &out);
            double dt = now_seconds() - t0;
            if (st != IK_STATUS_OK) {
                fprintf(stderr, "ik_url failed: %s\n", out ? out : "(no detail)");
                return 1;
            }
            ik_string_free(out);
            free(opts);
            printf("%-34s %8ld %10.1f %8.0f\n", names[shape], n, dt * 1e3, dt * 1e9 / (double)n);
            fflush(stdout);
        }
    }
    ik_client_free(client);
    return 0;
}
