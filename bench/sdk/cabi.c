/* The C ABI side of the side-by-side benchmark (bench/run.py drives it; workloads come from
 * bench/workloads.json, passed on the command line as ID OPTIONS_JSON pairs).
 *
 *   cabi verify ID JSON [ID JSON ...] auth TOKEN EXPIRE [auth_defaults]
 *       one "OUT <id> <url>" line per URL workload, "OUT auth token=.. expire=.. signature=.."
 *   cabi time MIN_SECONDS RUNS ID JSON [ID JSON ...] auth TOKEN EXPIRE [auth_defaults]
 *       "RATE <id> <calls/s> <ns/call>": best of RUNS runs, each at least MIN_SECONDS long
 *   cabi count N ID JSON        N calls of one URL workload (for callgrind: nothing else runs)
 *   cabi count N auth TOKEN EXPIRE | count N auth_defaults
 *
 * One call = ik_url (or ik_get_authentication_parameters) + ik_string_free, as a C caller does.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "imagekit.h"

#define CONFIG                                                                                       \
    "{\"private_key\":\"private_key_test\",\"public_key\":\"public_key_test\","                     \
    "\"url_endpoint\":\"https://ik.imagekit.io/your_imagekit_id\"}"

typedef struct {
    const char *id;
    const char *arg; /* options JSON, or the token for auth (NULL: a new one) */
    int64_t expire;  /* auth only */
    int is_auth;
} workload;

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int call(ik_client *c, const workload *w, char **out) {
    *out = NULL;
    ik_status st = w->is_auth ? ik_get_authentication_parameters(c, w->arg, w->expire, out) : ik_url(c, w->arg, out);
    return st == IK_STATUS_OK;
}

/* Parses "ID JSON ... [auth TOKEN EXPIRE] [auth_defaults]" into ws (auth_defaults: no token
 * and expire 0, the library's defaults); returns the count or -1. */
static int parse(int argc, char **argv, workload *ws, int cap) {
    int n = 0;
    for (int i = 0; i < argc; n++) {
        if (n == cap) return -1;
        if (strcmp(argv[i], "auth_defaults") == 0) {
            ws[n] = (workload){"auth_defaults", NULL, 0, 1};
            i += 1;
        } else if (strcmp(argv[i], "auth") == 0) {
            if (i + 2 >= argc) return -1;
            ws[n] = (workload){"auth", argv[i + 1], strtoll(argv[i + 2], NULL, 10), 1};
            i += 3;
        } else {
            if (i + 1 >= argc) return -1;
            ws[n] = (workload){argv[i], argv[i + 1], 0, 0};
            i += 2;
        }
    }
    return n;
}

/* Prints the auth document as token=.. expire=.. signature=.. (a small fixed-layout reader). */
static void print_auth(const char *id, const char *doc) {
    const char *keys[] = {"token", "expire", "signature"};
    printf("OUT %s", id);
    for (int k = 0; k < 3; k++) {
        char pat[32];
        snprintf(pat, sizeof pat, "\"%s\":", keys[k]);
        const char *p = strstr(doc, pat);
        if (!p) {
            printf(" %s=?", keys[k]);
            continue;
        }
        p += strlen(pat);
        if (*p == '"') p++;
        size_t len = strcspn(p, "\",}");
        printf(" %s=%.*s", keys[k], (int)len, p);
    }
    printf("\n");
}

static long calls_for(ik_client *c, const workload *w, double min_seconds) {
    long n = 1000;
    for (;;) {
        double t0 = now_s();
        for (long i = 0; i < n; i++) {
            char *out;
            call(c, w, &out);
            ik_string_free(out);
        }
        double dt = now_s() - t0;
        if (dt >= min_seconds / 4) return (long)((double)n * min_seconds / dt) + 1;
        n *= 4;
    }
}

int main(int argc, char **argv) {
    if (argc < 2) goto usage;
    ik_client *c = NULL;
    char *err = NULL;
    if (ik_client_new(CONFIG, &c, &err) != IK_STATUS_OK) {
        fprintf(stderr, "ik_client_new: %s\n", err ? err : "(null)");
        return 1;
    }
    workload ws[16];
    if (strcmp(argv[1], "verify") == 0) {
        int n = parse(argc - 2, argv + 2, ws, 16);
        if (n < 0) goto usage;
        for (int i = 0; i < n; i++) {
            char *out;
            if (!call(c, &ws[i], &out)) {
                fprintf(stderr, "%s failed: %s\n", ws[i].id, out ? out : "(null)");
                return 1;
            }
            if (ws[i].is_auth)
                print_auth(ws[i].id, out);
            else
                printf("OUT %s %s\n", ws[i].id, out);
            ik_string_free(out);
        }
    } else if (strcmp(argv[1], "time") == 0 && argc >= 4) {
        double min_seconds = atof(argv[2]);
        int runs = atoi(argv[3]);
        int n = parse(argc - 4, argv + 4, ws, 16);
        if (n < 0 || runs <= 0 || min_seconds <= 0) goto usage;
        for (int i = 0; i < n; i++) {
            long calls = calls_for(c, &ws[i], min_seconds);
            double best = 1e30;
            for (int r = 0; r < runs; r++) {
                double t0 = now_s();
                for (long k = 0; k < calls; k++) {
                    char *out;
                    if (!call(c, &ws[i], &out)) {
                        fprintf(stderr, "%s failed during timing\n", ws[i].id);
                        return 1;
                    }
                    ik_string_free(out);
                }
                double dt = now_s() - t0;
                if (dt < best) best = dt;
            }
            printf("RATE %s %.1f %.2f\n", ws[i].id, (double)calls / best, best * 1e9 / (double)calls);
            fflush(stdout);
        }
    } else if (strcmp(argv[1], "count") == 0 && argc >= 3) {
        long calls = atol(argv[2]);
        int n = parse(argc - 3, argv + 3, ws, 16);
        if (n != 1) goto usage;
        for (long k = 0; k < calls; k++) {
            char *out;
            if (!call(c, &ws[0], &out)) return 1;
            ik_string_free(out);
        }
    } else {
        goto usage;
    }
    ik_client_free(c);
    return 0;
usage:
    fprintf(stderr, "usage: see the comment at the top of bench/sdk/cabi.c\n");
    return 2;
}
