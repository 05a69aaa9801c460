/* One client shared by 8 threads that build signed URLs (and auth params, pHash distances)
 * concurrently; every result is checked against the one computed on the main thread. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdint.h>
#include "ik_test.h"

#define THREADS 8
#define PER_THREAD 150
#define VARIANTS 16

static ik_client *client;
static char *expected[VARIANTS];
static int thread_failures[THREADS];

static void options_for(int v, char *buf, size_t len) {
    snprintf(buf, len,
             "{\"path\":\"/folder/img-%d.jpg\",\"query_parameters\":{\"v\":\"%d\"},"
             "\"transformation\":[{\"height\":%d,\"width\":400},{\"rotation\":90}],"
             "\"signed\":true,\"expire_seconds\":%d,\"now\":1735689600%s}",
             v, v, 100 + v, 60 * (v + 1), v % 2 ? ",\"transformation_position\":\"query\"" : "");
}

static void *worker(void *arg) {
    int id = (int)(intptr_t)arg;
    char opts[512];
    for (int i = 0; i < PER_THREAD; i++) {
        int v = (i * 7 + id) % VARIANTS;
        options_for(v, opts, sizeof opts);
        char *out = NULL;
        if (ik_url(client, opts, &out) != IK_STATUS_OK || strcmp(out, expected[v]) != 0) {
            thread_failures[id]++;
        }
        ik_string_free(out);

        if (i % 10 == 0) {
            out = NULL;
            if (ik_get_authentication_parameters(client, "your_token", 1582269249, &out) != IK_STATUS_OK ||
                strstr(out, "e71bcd6031016b060d349d212e23e85c791decdd") == NULL) {
                thread_failures[id]++;
            }
            ik_string_free(out);
            uint32_t d = 0;
            if (ik_phash_distance("a4a65595ac94518b", "7838873e791f8400", &d, NULL) != IK_STATUS_OK || d != 37) {
                thread_failures[id]++;
            }
        }
    }
    return NULL;
}

int main(void) {
    client = ik_test_client();
    char opts[512];
    for (int v = 0; v < VARIANTS; v++) {
        options_for(v, opts, sizeof opts);
        CHECK_STATUS(ik_url(client, opts, &expected[v]), IK_STATUS_OK);
        CHECK_CONTAINS(expected[v], "&ik-s=");
    }
    /* One variant pinned to a known value (signature computed apart, HMAC-SHA1 with
       "private_key_test" over "tr:h-100,w-400:rt-90/folder/img-0.jpg?v=01735689660"). */
    CHECK_STR_EQ(expected[0], "https://test-domain.com/test-endpoint/tr:h-100,w-400:rt-90/folder/img-0.jpg?v=0"
                              "&ik-t=1735689660&ik-s=36afc992be59e896f5ba2eb0557cac820e97fcb6");

    pthread_t threads[THREADS];
    for (int t = 0; t < THREADS; t++) {
        CHECK(pthread_create(&threads[t], NULL, worker, (void *)(intptr_t)t) == 0);
    }
    for (int t = 0; t < THREADS; t++) {
        pthread_join(threads[t], NULL);
        if (thread_failures[t]) {
            fprintf(stderr, "thread %d: %d wrong results\n", t, thread_failures[t]);
            ik_test_failures++;
        }
    }
    for (int v = 0; v < VARIANTS; v++) ik_string_free(expected[v]);
    ik_client_free(client);
    TEST_DONE();
}
