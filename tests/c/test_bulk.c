/* Bulk uploads with a journal and the sync plan through the C ABI: ik_bulk_upload resumes from
 * its journal (a second run uploads nothing: the server's count is unchanged), ik_sync_plan
 * changes nothing on the server, and bad input (NULL arguments, a corrupt journal, a journal of
 * another folder) gives a non-zero status, a clear message and a journal whose bytes are
 * unchanged. The network part runs against the local ImageKit-compatible server
 * (IK_TEST_BASE_URL); without it (outside the test harness, never under CI) it is skipped. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>
#include "ik_test.h"

#define NFILES 5

static char dir[256], tree[300], journal[300], folder[64];

static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "wb");
    if (!f) {
        fprintf(stderr, "cannot write %s\n", path);
        exit(2);
    }
    fputs(text, f);
    fclose(f);
}

/* The whole file, NUL-terminated (the caller frees it); NULL if it cannot be read. */
static char *read_file(const char *path, long *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    *len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)*len + 1);
    if (fread(buf, 1, (size_t)*len, f) != (size_t)*len) *len = -1;
    buf[*len < 0 ? 0 : *len] = '\0';
    fclose(f);
    return buf;
}

static int count(const char *hay, const char *needle) {
    int n = 0;
    for (const char *p = hay ? strstr(hay, needle) : NULL; p; p = strstr(p + 1, needle)) n++;
    return n;
}

/* How many files the server has in `folder`. */
static int server_files(ik_client *c) {
    char params[128];
    snprintf(params, sizeof params, "{\"type\":\"file\",\"path\":\"%s\"}", folder);
    char *out = NULL;
    CHECK_STATUS(ik_assets_list(c, params, &out), IK_STATUS_OK);
    int n = count(out, "\"fileId\"");
    ik_string_free(out);
    return n;
}

static char *options(const char *journal_path, const char *dest) {
    static char buf[1024];
    snprintf(buf, sizeof buf, "{\"journal\":\"%s\",\"root\":\"%s\",\"folder\":\"%s\",\"concurrency\":2}",
             journal_path, tree, dest);
    return buf;
}

struct progress {
    uint64_t calls, last_done, total;
};

static int on_progress(void *userdata, uint64_t done, uint64_t total, uint64_t sent, uint64_t bytes_total,
                       const char *key) {
    struct progress *p = userdata;
    (void)sent;
    (void)bytes_total;
    p->calls++;
    p->last_done = done;
    p->total = total;
    CHECK(key != NULL && strstr(key, ".txt") != NULL);
    return 0;
}

/* The journal's refusal: a non-zero status, a message that says so, nothing uploaded, and the
 * journal's bytes as they were. */
static void expect_refused(ik_client *c, const char *opts, const char *needle, int files_before) {
    long len_before = 0, len_after = 0;
    char *before = read_file(journal, &len_before);
    char *out = NULL;
    CHECK_STATUS(ik_bulk_upload(c, NULL, opts, NULL, NULL, &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "\"status\":\"invalid_argument\"");
    CHECK_CONTAINS(out, needle);
    CHECK(strstr(out ? out : "", "private_key_test") == NULL);
    ik_string_free(out);
    char *after = read_file(journal, &len_after);
    CHECK(before != NULL && after != NULL && len_before == len_after &&
          memcmp(before, after, (size_t)len_before) == 0);
    CHECK(server_files(c) == files_before);
    free(before);
    free(after);
}

static void network(void) {
    ik_client *c = ik_test_client();
    char *out = NULL;
    struct progress p = {0};

    CHECK(server_files(c) == 0);
    CHECK_STATUS(ik_bulk_upload(c, NULL, options(journal, folder), on_progress, &p, &out), IK_STATUS_OK);
    CHECK_CONTAINS(out, "\"uploaded\":5");
    CHECK_CONTAINS(out, "\"failed\":0");
    ik_string_free(out);
    CHECK(p.calls > 0 && p.last_done == NFILES && p.total == NFILES);
    CHECK(server_files(c) == NFILES);

    /* Again: everything is confirmed by the journal; nothing is uploaded. */
    memset(&p, 0, sizeof p);
    CHECK_STATUS(ik_bulk_upload(c, NULL, options(journal, folder), on_progress, &p, &out), IK_STATUS_OK);
    CHECK_CONTAINS(out, "\"unchanged\":5");
    CHECK_CONTAINS(out, "\"uploaded\":0");
    CHECK(count(out, "\"status\":\"unchanged\"") == NFILES);
    ik_string_free(out);
    CHECK(p.calls == 0);
    CHECK(server_files(c) == NFILES);

    /* The plan after a local change: one to upload, nothing changed on the server or in the journal. */
    char path[400];
    snprintf(path, sizeof path, "%s/extra.txt", tree);
    write_file(path, "extra");
    char plan_opts[512];
    snprintf(plan_opts, sizeof plan_opts, "{\"journal\":\"%s\"}", journal);
    long len_before = 0, len_after = 0;
    char *before = read_file(journal, &len_before);
    CHECK_STATUS(ik_sync_plan(c, tree, folder, plan_opts, &out), IK_STATUS_OK);
    CHECK_CONTAINS(out, "{\"action\":\"upload\",\"path\":\"extra.txt\",\"size\":5}");
    CHECK_CONTAINS(out, "\"unchanged\":5");
    CHECK_CONTAINS(out, "\"remoteFolderExists\":true");
    ik_string_free(out);
    CHECK_STATUS(ik_sync_plan(c, tree, folder, NULL, &out), IK_STATUS_OK);
    CHECK_CONTAINS(out, "\"upload\":1");
    ik_string_free(out);
    char *after = read_file(journal, &len_after);
    CHECK(len_before == len_after && before && after && memcmp(before, after, (size_t)len_before) == 0);
    free(before);
    free(after);
    CHECK(server_files(c) == NFILES);
    unlink(path);

    /* A journal of another folder, then a corrupt journal, then a file that is not a journal. */
    char other[80];
    snprintf(other, sizeof other, "%s-other", folder);
    expect_refused(c, options(journal, other), "not to folder", NFILES);
    CHECK_STATUS(ik_sync_plan(c, tree, other, plan_opts, &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "journal");
    ik_string_free(out);

    long len = 0;
    char *good = read_file(journal, &len);
    char *corrupt = malloc((size_t)len + 32);
    memcpy(corrupt, good, (size_t)len);
    strcpy(corrupt + len, "{\"broken\":true}\n{}\n");
    write_file(journal, corrupt);
    expect_refused(c, options(journal, folder), "corrupt", NFILES);
    CHECK_STATUS(ik_sync_plan(c, tree, folder, plan_opts, &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "corrupt");
    ik_string_free(out);
    write_file(journal, "not a journal\n");
    expect_refused(c, options(journal, folder), "not an imagekit upload journal", NFILES);
    free(good);
    free(corrupt);
    ik_client_free(c);
}

/* Checks that need no server: validation happens before anything is sent. */
static void argument_errors(void) {
    ik_client *c = ik_test_client();
    char *out = NULL;
    CHECK_STATUS(ik_sync_plan(NULL, tree, "/a", NULL, &out), IK_STATUS_NULL_ARGUMENT);
    CHECK_CONTAINS(out, "client");
    ik_string_free(out);
    CHECK_STATUS(ik_sync_plan(c, NULL, "/a", NULL, &out), IK_STATUS_NULL_ARGUMENT);
    CHECK_CONTAINS(out, "local_dir");
    ik_string_free(out);
    CHECK_STATUS(ik_sync_plan(c, tree, NULL, NULL, &out), IK_STATUS_NULL_ARGUMENT);
    CHECK_CONTAINS(out, "remote_folder");
    ik_string_free(out);
    CHECK_STATUS(ik_sync_plan(c, tree, "/a", NULL, NULL), IK_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ik_sync_plan(c, tree, "/a", "{\"journal\":3}", &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "journal");
    ik_string_free(out);
    CHECK_STATUS(ik_sync_plan(c, "/no/such/dir/here", "/a", NULL, &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "cannot read directory");
    ik_string_free(out);

    /* Without a journal, NULL items stay a NULL argument; with one, a root is needed. */
    CHECK_STATUS(ik_bulk_upload(c, NULL, NULL, NULL, NULL, &out), IK_STATUS_NULL_ARGUMENT);
    CHECK_CONTAINS(out, "items_json");
    ik_string_free(out);
    CHECK_STATUS(ik_bulk_upload(c, NULL, "{\"journal\":\"j\"}", NULL, NULL, &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "`root`");
    ik_string_free(out);
    CHECK_STATUS(ik_bulk_upload(NULL, NULL, "{\"journal\":\"j\",\"root\":\".\"}", NULL, NULL, &out),
                 IK_STATUS_NULL_ARGUMENT);
    ik_string_free(out);
    CHECK_STATUS(ik_bulk_upload(c, NULL, "{\"journal\":\"j\",\"root\":\".\"}", NULL, NULL, NULL),
                 IK_STATUS_NULL_ARGUMENT);
    ik_client_free(c);
}

int main(void) {
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/ik-c-bulk-%ld", tmp && *tmp ? tmp : "/tmp", (long)getpid());
    snprintf(tree, sizeof tree, "%s/tree", dir);
    snprintf(journal, sizeof journal, "%s/upload.journal", dir);
    /* One folder per process: the ASan and valgrind runs share one server. */
    snprintf(folder, sizeof folder, "/cbulk%ld", (long)getpid());
    mkdir(dir, 0700);
    mkdir(tree, 0700);
    char path[400], text[32];
    for (int i = 0; i < NFILES; i++) {
        snprintf(path, sizeof path, "%s/f%d.txt", tree, i);
        snprintf(text, sizeof text, "file number %d", i);
        write_file(path, text);
    }

    argument_errors();
    const char *base = getenv("IK_TEST_BASE_URL");
    if (!base || !*base) {
        printf("test_bulk: IK_TEST_BASE_URL is not set; skipping the network checks\n");
    } else {
        network();
    }

    for (int i = 0; i < NFILES; i++) {
        snprintf(path, sizeof path, "%s/f%d.txt", tree, i);
        unlink(path);
    }
    unlink(journal);
    rmdir(tree);
    rmdir(dir);
    TEST_DONE();
}
