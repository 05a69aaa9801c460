/*
 * upload_bench: uploads one local file through the C ABI (ik_files_upload_path) and reports
 * wall time, throughput, progress-callback calls and the process's peak RSS.
 *
 *   upload_bench BASE_URL FILE [FILE_NAME]
 *
 * BASE_URL is the local mock server (http://127.0.0.1:PORT); it is used as `api_base_url`, so
 * the upload goes to BASE_URL/api/v1/files/upload. Output: human-readable lines on stderr and
 * one machine-readable line on stdout:
 *
 *   RESULT status=0 bytes=N seconds=S mib_per_s=T progress_calls=C last_sent=X total=Y
 *          server_size=Z rss_before_kib=A rss_peak_kib=B vmhwm_kib=H
 *
 * Exit status: 0 when the upload succeeded and the server's `size` equals the file size.
 */
#define _POSIX_C_SOURCE 200809L
#include "imagekit.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

struct progress {
    uint64_t calls;
    uint64_t last_sent;
    uint64_t total;
    uint64_t backwards; /* times `sent` went down (a retry restarts at 0) */
};

static int on_progress(void *userdata, uint64_t sent, uint64_t total) {
    struct progress *p = userdata;
    if (sent < p->last_sent) p->backwards++;
    p->calls++;
    p->last_sent = sent;
    p->total = total;
    return 0;
}

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long maxrss_kib(void) {
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0) return -1;
    return ru.ru_maxrss; /* KiB on Linux */
}

/* A "VmXXX:" line of /proc/self/status, in KiB (-1 if absent). */
static long proc_status_kib(const char *key) {
    FILE *f = fopen("/proc/self/status", "r");
    if (!f) return -1;
    char line[256];
    long v = -1;
    size_t klen = strlen(key);
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, key, klen) == 0 && line[klen] == ':') {
            v = strtol(line + klen + 1, NULL, 10);
            break;
        }
    }
    fclose(f);
    return v;
}

/* The first top-level-looking `"key":<integer>` in a JSON text (-1 if absent). Enough for
 * the flat upload response; not a JSON parser. */
static long long json_int(const char *json, const char *key) {
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\":", key);
    const char *p = json ? strstr(json, pat) : NULL;
    if (!p) return -1;
    p += strlen(pat);
    while (*p == ' ') p++;
    char *end;
    errno = 0;
    long long v = strtoll(p, &end, 10);
    if (end == p || errno) return -1;
    return v;
}

static void json_escape(char *dst, size_t cap, const char *src) {
    size_t o = 0;
    for (; *src && o + 7 < cap; src++) {
        unsigned char c = (unsigned char)*src;
        if (c == '"' || c == '\\') {
            dst[o++] = '\\';
            dst[o++] = (char)c;
        } else if (c < 0x20) {
            o += (size_t)snprintf(dst + o, cap - o, "\\u%04x", c);
        } else {
            dst[o++] = (char)c;
        }
    }
    dst[o] = '\0';
}

int main(int argc, char **argv) {
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: %s BASE_URL FILE [FILE_NAME]\n", argv[0]);
        return 2;
    }
    const char *base = argv[1];
    const char *path = argv[2];
    const char *name = argc == 4 ? argv[3] : "big.bin";

    struct stat st;
    if (stat(path, &st) != 0) {
        perror(path);
        return 2;
    }
    uint64_t file_size = (uint64_t)st.st_size;

    char ebase[512], ename[256], config[1024], options[512];
    json_escape(ebase, sizeof ebase, base);
    json_escape(ename, sizeof ename, name);
    /* proxy "" = never use a proxy from the environment; max_retries 0 = a failure is a failure,
     * not a silent second upload inside the timing. */
    snprintf(config, sizeof config,
             "{\"private_key\":\"private_key_test\",\"public_key\":\"public_key_test\","
             "\"url_endpoint\":\"https://ik.imagekit.io/demo\",\"api_base_url\":\"%s\","
             "\"proxy\":\"\",\"max_retries\":0}",
             ebase);
    /* The same form fields as the curl run: file + fileName. */
    snprintf(options, sizeof options, "{\"fileName\":\"%s\"}", ename);

    ik_client *client = NULL;
    char *err = NULL;
    if (ik_client_new(config, &client, &err) != IK_STATUS_OK) {
        fprintf(stderr, "ik_client_new failed: %s\n", err ? err : "(no error document)");
        ik_string_free(err);
        return 1;
    }

    long rss_before = maxrss_kib();
    struct progress prog = {0};
    char *out = NULL;
    double t0 = now_s();
    ik_status status = ik_files_upload_path(client, path, options, on_progress, &prog, &out);
    double secs = now_s() - t0;
    long rss_peak = maxrss_kib();
    long vmhwm = proc_status_kib("VmHWM");

    long long server_size = status == IK_STATUS_OK ? json_int(out, "size") : -1;
    double mibs = (double)file_size / (1024.0 * 1024.0) / secs;

    fprintf(stderr,
            "libimagekit upload: status %u, %llu bytes in %.3f s = %.1f MiB/s; progress calls %llu "
            "(last %llu/%llu, went backwards %llu times); server size %lld; peak RSS %ld KiB "
            "(%ld KiB before the upload; VmHWM %ld KiB)\n",
            (unsigned)status, (unsigned long long)file_size, secs, mibs,
            (unsigned long long)prog.calls, (unsigned long long)prog.last_sent,
            (unsigned long long)prog.total, (unsigned long long)prog.backwards, server_size,
            rss_peak, rss_before, vmhwm);
    if (status != IK_STATUS_OK) fprintf(stderr, "error document: %s\n", out ? out : "(none)");

    printf("RESULT status=%u bytes=%llu seconds=%.6f mib_per_s=%.2f progress_calls=%llu "
           "last_sent=%llu total=%llu server_size=%lld rss_before_kib=%ld rss_peak_kib=%ld "
           "vmhwm_kib=%ld\n",
           (unsigned)status, (unsigned long long)file_size, secs, mibs,
           (unsigned long long)prog.calls, (unsigned long long)prog.last_sent,
           (unsigned long long)prog.total, server_size, rss_before, rss_peak, vmhwm);
    fflush(stdout);

    ik_string_free(out);
    ik_client_free(client);
    if (status != IK_STATUS_OK) return 1;
    if (server_size < 0 || (uint64_t)server_size != file_size) {
        fprintf(stderr, "server size %lld != file size %llu\n", server_size,
                (unsigned long long)file_size);
        return 1;
    }
    if (prog.last_sent != prog.total || prog.calls < 2) {
        fprintf(stderr, "progress did not reach the total\n");
        return 1;
    }
    return 0;
}
