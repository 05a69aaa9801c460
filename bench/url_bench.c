/* ik_url and ik_build_url throughput through the C ABI: the seed README's examples, signed and
 * unsigned, each followed by the same URL through the modern builder (ik_build_url, its options in
 * the newest SDKs' form); the `x ik_url` column is the modern case's time over the seed case's.
 *
 * Every case is first checked against its golden URL (signed cases freeze the clock with the
 * `now` option so the URL is deterministic); then each case runs `iterations` times per run, and
 * the best of `runs` runs is reported. Each iteration is one call plus ik_string_free.
 *
 * Usage: url_bench [iterations per run (default 1000000)] [runs (default 5)]
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "imagekit.h"

typedef struct {
    int modern; /* 0: ik_url, 1: ik_build_url (compared with the ik_url case before it) */
    const char *name;
    const char *options;
    const char *golden; /* exact URL, or NULL to check only `prefix` */
    const char *prefix;
} bench_case;

static const bench_case CASES[] = {
    {0, "unsigned, path + transformation (README 1)",
     "{\"path\":\"/default-image.jpg\",\"url_endpoint\":\"https://ik.imagekit.io/your_imagekit_id/endpoint/\","
     "\"transformation\":[{\"height\":\"300\",\"width\":\"400\"}]}",
     "https://ik.imagekit.io/your_imagekit_id/endpoint/tr:h-300,w-400/default-image.jpg", NULL},
    {1, "  the same through ik_build_url",
     "{\"src\":\"/default-image.jpg\",\"urlEndpoint\":\"https://ik.imagekit.io/your_imagekit_id/endpoint/\","
     "\"transformation\":[{\"height\":\"300\",\"width\":\"400\"}],\"transformationPosition\":\"path\"}",
     "https://ik.imagekit.io/your_imagekit_id/endpoint/tr:h-300,w-400/default-image.jpg", NULL},
    {0, "unsigned, src + query transformation (README 2)",
     "{\"src\":\"https://ik.imagekit.io/your_imagekit_id/endpoint/default-image.jpg\","
     "\"transformation\":[{\"height\":\"300\",\"width\":\"400\"}]}",
     "https://ik.imagekit.io/your_imagekit_id/endpoint/default-image.jpg?tr=h-300%2Cw-400", NULL},
    {1, "  the same through ik_build_url (raw tr)",
     "{\"src\":\"https://ik.imagekit.io/your_imagekit_id/endpoint/default-image.jpg\","
     "\"transformation\":[{\"height\":\"300\",\"width\":\"400\"}]}",
     "https://ik.imagekit.io/your_imagekit_id/endpoint/default-image.jpg?tr=h-300,w-400", NULL},
    {0, "unsigned, chained steps in the query (README 3)",
     "{\"path\":\"/default-image.jpg\",\"url_endpoint\":\"https://ik.imagekit.io/your_imagekit_id/endpoint/\","
     "\"transformation\":[{\"height\":\"300\",\"width\":\"400\"},{\"rotation\":90}],\"transformation_position \":\"query\"}",
     "https://ik.imagekit.io/your_imagekit_id/endpoint/default-image.jpg?tr=h-300%2Cw-400%3Art-90", NULL},
    {1, "  the same through ik_build_url (raw tr)",
     "{\"src\":\"/default-image.jpg\",\"urlEndpoint\":\"https://ik.imagekit.io/your_imagekit_id/endpoint/\","
     "\"transformation\":[{\"height\":\"300\",\"width\":\"400\"},{\"rotation\":90}]}",
     "https://ik.imagekit.io/your_imagekit_id/endpoint/default-image.jpg?tr=h-300,w-400:rt-90", NULL},
    /* Same signed string as official-007: "tr:h-300,w-400/default-image.jpg9999999999". */
    {0, "signed, no expiry",
     "{\"path\":\"/default-image.jpg\",\"transformation\":[{\"height\":\"300\",\"width\":\"400\"}],\"signed\":true}",
     "https://ik.imagekit.io/your_imagekit_id/tr:h-300,w-400/default-image.jpg"
     "?ik-s=8f901f3bc06bdfe2ea7bdcae4e3047f3b635a137", NULL},
    {1, "  the same through ik_build_url",
     "{\"src\":\"/default-image.jpg\",\"transformation\":[{\"height\":\"300\",\"width\":\"400\"}],"
     "\"transformationPosition\":\"path\",\"signed\":true}",
     "https://ik.imagekit.io/your_imagekit_id/tr:h-300,w-400/default-image.jpg"
     "?ik-s=8f901f3bc06bdfe2ea7bdcae4e3047f3b635a137", NULL},
    {0, "signed + expire_seconds + query (README 5)",
     "{\"path\":\"/default-image.jpg\",\"query_parameters\":{\"v\":\"123\"},"
     "\"transformation\":[{\"height\":\"300\",\"width\":\"400\"}],\"signed\":true,\"expire_seconds\":300,"
     "\"now\":1567358367}",
     "https://ik.imagekit.io/your_imagekit_id/tr:h-300,w-400/default-image.jpg?v=123&ik-t=1567358667"
     "&ik-s=09839fe998d54dc6ac09e162af9b9522d791a520", NULL},
    {1, "  the same through ik_build_url (expiresIn)",
     "{\"src\":\"/default-image.jpg\",\"queryParameters\":{\"v\":\"123\"},"
     "\"transformation\":[{\"height\":\"300\",\"width\":\"400\"}],\"transformationPosition\":\"path\","
     "\"signed\":true,\"expiresIn\":300,\"now\":1567358367}",
     "https://ik.imagekit.io/your_imagekit_id/tr:h-300,w-400/default-image.jpg?v=123&ik-t=1567358667"
     "&ik-s=09839fe998d54dc6ac09e162af9b9522d791a520", NULL},
    {0, "signed + expire_seconds, system clock (README 5)",
     "{\"path\":\"/default-image.jpg\",\"query_parameters\":{\"v\":\"123\"},"
     "\"transformation\":[{\"height\":\"300\",\"width\":\"400\"}],\"signed\":true,\"expire_seconds\":300}",
     NULL, "https://ik.imagekit.io/your_imagekit_id/tr:h-300,w-400/default-image.jpg?v=123&ik-t="},
    {1, "  the same through ik_build_url",
     "{\"src\":\"/default-image.jpg\",\"queryParameters\":{\"v\":\"123\"},"
     "\"transformation\":[{\"height\":\"300\",\"width\":\"400\"}],\"transformationPosition\":\"path\","
     "\"signed\":true,\"expiresIn\":300}",
     NULL, "https://ik.imagekit.io/your_imagekit_id/tr:h-300,w-400/default-image.jpg?v=123&ik-t="},
};

static ik_status build(const ik_client *client, const bench_case *c, char **out) {
    return c->modern ? ik_build_url(client, c->options, out) : ik_url(client, c->options, out);
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    long iterations = argc > 1 ? atol(argv[1]) : 1000000;
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    if (iterations <= 0 || runs <= 0) {
        fprintf(stderr, "usage: %s [iterations] [runs]\n", argv[0]);
        return 2;
    }
    ik_client *client = NULL;
    char *err = NULL;
    if (ik_client_new("{\"private_key\":\"private_key_test\",\"public_key\":\"public_key_test\","
                      "\"url_endpoint\":\"https://ik.imagekit.io/your_imagekit_id\"}",
                      &client, &err) != IK_STATUS_OK) {
        fprintf(stderr, "ik_client_new: %s\n", err ? err : "(null)");
        return 1;
    }

    /* Correctness first: a fast wrong URL is worth nothing. */
    int bad = 0;
    size_t ncases = sizeof CASES / sizeof CASES[0];
    for (size_t i = 0; i < ncases; i++) {
        char *out = NULL;
        ik_status st = build(client, &CASES[i], &out);
        int ok = st == IK_STATUS_OK && out != NULL &&
                 (CASES[i].golden ? strcmp(out, CASES[i].golden) == 0
                                  : strncmp(out, CASES[i].prefix, strlen(CASES[i].prefix)) == 0);
        if (!ok) {
            fprintf(stderr, "MISMATCH %s\n  got:  %s\n  want: %s\n", CASES[i].name, out ? out : "(null)",
                    CASES[i].golden ? CASES[i].golden : CASES[i].prefix);
            bad++;
        }
        ik_string_free(out);
    }
    if (bad) return 1;

    printf("%-50s %14s %10s %10s\n", "case (best of runs)", "URLs/s", "us/URL", "x ik_url");
    double seed_best = 0;
    for (size_t i = 0; i < ncases; i++) {
        double best = 1e30;
        for (int r = 0; r < runs; r++) {
            double t0 = now_seconds();
            for (long n = 0; n < iterations; n++) {
                char *out = NULL;
                if (build(client, &CASES[i], &out) != IK_STATUS_OK) {
                    fprintf(stderr, "%s failed during timing\n", CASES[i].name);
                    return 1;
                }
                ik_string_free(out);
            }
            double dt = now_seconds() - t0;
            if (dt < best) best = dt;
        }
        printf("%-50s %14.0f %10.3f", CASES[i].name, (double)iterations / best, best * 1e6 / (double)iterations);
        if (CASES[i].modern && seed_best > 0) {
            printf(" %10.2f\n", best / seed_best);
        } else {
            printf("\n");
            seed_best = best;
        }
    }
    ik_client_free(client);
    return 0;
}
