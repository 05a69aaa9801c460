/* Network calls from 8 threads on one client with a logger installed: requests, uploads from
 * memory and from a file, errors (404) and retried answers, all at once. Every result is checked,
 * every log record is counted and checked for the private key. Run under ASan/UBSan and valgrind
 * (tests/it/c_abi.rs) and under ThreadSanitizer (tests/it/c_tsan.rs). Needs IK_TEST_BASE_URL. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <unistd.h>
#include "ik_test.h"

#define THREADS 8
#ifndef PER_THREAD
#define PER_THREAD 12
#endif

static ik_client *client;
#ifdef IK_TEST_RACY_LOGGER
/* The ThreadSanitizer harness's self-check: a plain counter bumped from every calling thread. */
static int log_records;
#define LOG_BUMP(c) ((*(c))++)
#define LOG_READ(c) (c)
typedef int log_counter;
#else
static atomic_int log_records;
#define LOG_BUMP(c) atomic_fetch_add((c), 1)
#define LOG_READ(c) atomic_load(&(c))
typedef atomic_int log_counter;
#endif
static atomic_int log_leaks;
static int thread_failures[THREADS];
static char upload_path[256];

static void on_log(void *userdata, uint32_t level, const char *message) {
    (void)level;
    log_counter *count = userdata;
    LOG_BUMP(count);
    if (strstr(message, "private_key_test") != NULL) atomic_fetch_add(&log_leaks, 1);
}

static int on_progress(void *userdata, uint64_t sent, uint64_t total) {
    uint64_t *last = userdata;
    if (sent < *last || sent > total) return 1; /* cancels: the check fails */
    *last = sent;
    return 0;
}

static void *worker(void *arg) {
    int id = (int)(intptr_t)arg;
    char opts[128], data[512];
    memset(data, 'a' + id, sizeof data);
    for (int i = 0; i < PER_THREAD; i++) {
        char *out = NULL;
        ik_status st;
        switch (i % 4) {
        case 0:
            st = ik_request(client, "GET", "/v1/files?limit=5", NULL, &out);
            if (st != IK_STATUS_OK || out[0] != '[') thread_failures[id]++;
            break;
        case 1:
            snprintf(opts, sizeof opts, "{\"fileName\":\"t%d-%d.bin\",\"folder\":\"/threads\"}", id, i);
            st = ik_files_upload_bytes(client, (const uint8_t *)data, sizeof data, opts, NULL, NULL, &out);
            if (st != IK_STATUS_OK || strstr(out, "\"fileId\"") == NULL) thread_failures[id]++;
            break;
        case 2: {
            uint64_t last = 0;
            snprintf(opts, sizeof opts, "{\"fileName\":\"p%ld-%d-%d.bin\",\"idempotent\":true}", (long)getpid(), id, i);
            st = ik_files_upload_path(client, upload_path, opts, on_progress, &last, &out);
            if (st != IK_STATUS_OK || strstr(out, "\"fileId\"") == NULL || last == 0) thread_failures[id]++;
            break;
        }
        default:
            st = ik_request(client, "GET", "/v1/files/no-such-file/details", NULL, &out);
            if (st != IK_STATUS_NOT_FOUND || strstr(out, "\"http_status\":404") == NULL) thread_failures[id]++;
            break;
        }
        if (out == NULL) thread_failures[id]++;
        ik_string_free(out);
    }
    return NULL;
}

int main(void) {
    const char *base = getenv("IK_TEST_BASE_URL");
    if (!base) {
        fprintf(stderr, "IK_TEST_BASE_URL is not set: run through tests/it/c_abi.rs or tests/it/c_tsan.rs\n");
        return 1;
    }
    snprintf(upload_path, sizeof upload_path, "/tmp/ik-net-threads-%ld.bin", (long)getpid());
    FILE *f = fopen(upload_path, "wb");
    CHECK(f != NULL);
    for (int i = 0; i < 64 * 1024; i++) fputc(i & 0xff, f);
    fclose(f);

    client = ik_test_client_at(base);
    CHECK_STATUS(ik_client_set_logger(client, on_log, IK_LOG_LEVEL_DEBUG, &log_records), IK_STATUS_OK);

#ifdef IK_TEST_WARM_UP
    /* One call before the threads start, so the lazily built transport is published to them by
     * pthread_create (for the run with an instrumented library but an uninstrumented Rust std,
     * whose futex-based OnceLock ThreadSanitizer cannot see). */
    {
        char *out = NULL;
        CHECK_STATUS(ik_request(client, "GET", "/v1/files?limit=1", NULL, &out), IK_STATUS_OK);
        ik_string_free(out);
    }
#endif
    pthread_t threads[THREADS];
    for (int t = 0; t < THREADS; t++) CHECK(pthread_create(&threads[t], NULL, worker, (void *)(intptr_t)t) == 0);
    for (int t = 0; t < THREADS; t++) {
        pthread_join(threads[t], NULL);
        if (thread_failures[t]) {
            fprintf(stderr, "thread %d: %d failed calls\n", t, thread_failures[t]);
            ik_test_failures++;
        }
    }
    /* At least a request and a response record per call. */
    CHECK(LOG_READ(log_records) >= 2 * THREADS * PER_THREAD);
    CHECK(atomic_load(&log_leaks) == 0);
    printf("net threads: %d threads x %d calls, %d log records\n", THREADS, PER_THREAD, (int)LOG_READ(log_records));
    ik_client_free(client);
    remove(upload_path);
    TEST_DONE();
}
