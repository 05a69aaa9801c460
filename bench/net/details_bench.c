/*
 * details_bench: sequential ik_files_get calls through the C ABI on one client (one
 * keep-alive connection pool), against the local mock server.
 *
 *   details_bench BASE_URL upload FILE          upload FILE, print FILE_ID=<id> on stdout
 *   details_bench BASE_URL loop FILE_ID N [W]   W warm-up calls (default 100, not timed), then
 *                                               N timed calls; one RESULT line on stdout
 *
 * RESULT calls=N ok=K errors=E seconds=S calls_per_s=R p50_us=.. p99_us=.. max_us=..
 *        rss_peak_kib=..
 *
 * A call counts as ok only when it returns IK_STATUS_OK and the JSON names the same fileId.
 * Exit status: 0 when every call (warm-up included) was ok.
 */
#define _POSIX_C_SOURCE 200809L
#include "imagekit.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static ik_client *make_client(const char *base) {
    char config[1024];
    /* proxy "" = ignore proxy variables; max_retries 0 = an error is counted, never hidden. */
    snprintf(config, sizeof config,
             "{\"private_key\":\"private_key_test\",\"public_key\":\"public_key_test\","
             "\"url_endpoint\":\"https://ik.imagekit.io/demo\",\"api_base_url\":\"%s\","
             "\"proxy\":\"\",\"max_retries\":0}",
             base);
    ik_client *client = NULL;
    char *err = NULL;
    if (ik_client_new(config, &client, &err) != IK_STATUS_OK) {
        fprintf(stderr, "ik_client_new failed: %s\n", err ? err : "(no error document)");
        ik_string_free(err);
        return NULL;
    }
    return client;
}

/* Copies the string value of "fileId" into dst (empty if absent). */
static void file_id_of(const char *json, char *dst, size_t cap) {
    dst[0] = '\0';
    const char *p = json ? strstr(json, "\"fileId\":\"") : NULL;
    if (!p) return;
    p += strlen("\"fileId\":\"");
    size_t n = 0;
    while (p[n] && p[n] != '"' && n + 1 < cap) n++;
    memcpy(dst, p, n);
    dst[n] = '\0';
}

static int do_upload(ik_client *client, const char *path) {
    char *out = NULL;
    ik_status st = ik_files_upload_path(client, path, "{\"fileName\":\"details-bench.bin\"}", NULL,
                                       NULL, &out);
    char id[256];
    file_id_of(out, id, sizeof id);
    if (st != IK_STATUS_OK || !id[0]) {
        fprintf(stderr, "upload failed (status %u): %s\n", (unsigned)st, out ? out : "(none)");
        ik_string_free(out);
        return 1;
    }
    printf("FILE_ID=%s\n", id);
    ik_string_free(out);
    return 0;
}

/* One call; 1 if it succeeded and named `want`. */
static int one_call(ik_client *client, const char *want, size_t want_len, ik_status *st_out,
                    char **err_doc) {
    char *out = NULL;
    ik_status st = ik_files_get(client, want, &out);
    *st_out = st;
    int ok = 0;
    if (st == IK_STATUS_OK && out) {
        const char *p = strstr(out, "\"fileId\":\"");
        ok = p && strncmp(p + 10, want, want_len) == 0 && p[10 + want_len] == '"';
    }
    if (!ok && err_doc && !*err_doc && out) {
        *err_doc = strdup(out);
    }
    ik_string_free(out);
    return ok;
}

static int do_loop(ik_client *client, const char *file_id, long n, long warmup) {
    size_t id_len = strlen(file_id);
    long errors = 0, ok = 0;
    ik_status st;
    char *first_err = NULL;
    for (long i = 0; i < warmup; i++) {
        if (!one_call(client, file_id, id_len, &st, &first_err)) errors++;
    }
    double *lat = malloc(sizeof(double) * (size_t)n);
    if (!lat) return 1;
    double t0 = now_s();
    for (long i = 0; i < n; i++) {
        double a = now_s();
        if (one_call(client, file_id, id_len, &st, &first_err)) {
            ok++;
        } else {
            errors++;
        }
        lat[i] = now_s() - a;
    }
    double secs = now_s() - t0;
    qsort(lat, (size_t)n, sizeof(double), cmp_double);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double rate = (double)n / secs;
    fprintf(stderr,
            "libimagekit details: %ld calls in %.3f s = %.0f calls/s (%.1f us/call); ok %ld, "
            "errors %ld (warm-up %ld); latency p50 %.1f us, p99 %.1f us, max %.1f us\n",
            n, secs, rate, secs / (double)n * 1e6, ok, errors, warmup, lat[n / 2] * 1e6,
            lat[(size_t)((double)n * 0.99)] * 1e6, lat[n - 1] * 1e6);
    if (first_err) fprintf(stderr, "first failed call returned: %s\n", first_err);
    printf("RESULT calls=%ld ok=%ld errors=%ld seconds=%.6f calls_per_s=%.1f p50_us=%.1f "
           "p99_us=%.1f max_us=%.1f rss_peak_kib=%ld\n",
           n, ok, errors, secs, rate, lat[n / 2] * 1e6, lat[(size_t)((double)n * 0.99)] * 1e6,
           lat[n - 1] * 1e6, ru.ru_maxrss);
    free(lat);
    free(first_err);
    return errors == 0 ? 0 : 1;
}

int main(int argc, char **argv) {
    if (argc >= 4 && strcmp(argv[2], "upload") == 0 && argc == 4) {
        ik_client *c = make_client(argv[1]);
        if (!c) return 1;
        int rc = do_upload(c, argv[3]);
        ik_client_free(c);
        return rc;
    }
    if (argc >= 5 && argc <= 6 && strcmp(argv[2], "loop") == 0) {
        long n = strtol(argv[4], NULL, 10);
        long w = argc == 6 ? strtol(argv[5], NULL, 10) : 100;
        if (n <= 0 || w < 0) {
            fprintf(stderr, "bad N or W\n");
            return 2;
        }
        ik_client *c = make_client(argv[1]);
        if (!c) return 1;
        int rc = do_loop(c, argv[3], n, w);
        ik_client_free(c);
        return rc;
    }
    fprintf(stderr,
            "usage: %s BASE_URL upload FILE\n"
            "       %s BASE_URL loop FILE_ID N [WARMUP]\n",
            argv[0], argv[0]);
    return 2;
}
