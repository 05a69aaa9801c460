/* Uploads through the C ABI: ik_upload_file, ik_upload_file_bytes, ik_upload_file_path, with
 * progress and cancellation, plus every argument error. The network part runs against the
 * local ImageKit-compatible server (IK_TEST_BASE_URL) and is skipped with a message without it. */
/* This file also checks that the original SDK's names, deprecated in the header, keep working. */
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <unistd.h>
#include "ik_test.h"



struct progress {
    uint64_t calls, first_sent, last_sent, last_total, cancel_after;
    int monotonic;
};

static int on_progress(void *userdata, uint64_t sent, uint64_t total) {
    struct progress *p = userdata;
    if (p->calls == 0) p->first_sent = sent;
    if (p->calls > 0 && sent < p->last_sent) p->monotonic = 0;
    p->calls++;
    p->last_sent = sent;
    p->last_total = total;
    return sent >= p->cancel_after ? 1 : 0;
}

static void delete_uploaded(ik_client *c, const char *answer) {
    char id[128];
    if (ik_test_json_str(answer, "fileId", id, sizeof id)) {
        char *out = NULL;
        CHECK_STATUS(ik_delete_file(c, id, &out), IK_STATUS_OK);
        CHECK_STR_EQ(out, "{}");
        ik_string_free(out);
    }
}

/* Checks that need no server: validation happens before anything is sent. */
static void argument_errors(void) {
    ik_client *c = ik_test_client();
    char *out = NULL;
    const uint8_t data[3] = {1, 2, 3};

    CHECK_STATUS(ik_upload_file(NULL, "{}", NULL, NULL, &out), IK_STATUS_NULL_ARGUMENT);
    CHECK_CONTAINS(out, "client");
    ik_string_free(out);
    CHECK_STATUS(ik_upload_file(c, NULL, NULL, NULL, &out), IK_STATUS_NULL_ARGUMENT);
    CHECK_CONTAINS(out, "options_json");
    ik_string_free(out);
    CHECK_STATUS(ik_upload_file(c, "{}", NULL, NULL, NULL), IK_STATUS_NULL_ARGUMENT);

    CHECK_STATUS(ik_upload_file(c, "{not json", NULL, NULL, &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "\"status\":\"invalid_argument\"");
    ik_string_free(out);
    CHECK_STATUS(ik_upload_file(c, "{\"file\":\"https://example.com/a.jpg\"}", NULL, NULL, &out),
                 IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "fileName");
    ik_string_free(out);
    CHECK_STATUS(ik_upload_file(c, "{\"fileName\":\"a.jpg\"}", NULL, NULL, &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "`file`");
    ik_string_free(out);
    CHECK_STATUS(ik_upload_file(c, "{\"file\":\"x\",\"fileName\":\"a\",\"colour\":\"red\"}", NULL, NULL, &out),
                 IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "colour");
    ik_string_free(out);
    CHECK_STATUS(ik_upload_file(c, "{\"file\":\"x\",\"fileName\":\"a\",\"isPrivateFile\":\"sometimes\"}", NULL,
                                NULL, &out),
                 IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "isPrivateFile");
    ik_string_free(out);
    CHECK_STATUS(ik_upload_file(c, "{\"fileName\":\"\xff\"}", NULL, NULL, &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "UTF-8");
    ik_string_free(out);

    CHECK_STATUS(ik_upload_file_bytes(c, NULL, 3, "{\"fileName\":\"a\"}", NULL, NULL, &out),
                 IK_STATUS_NULL_ARGUMENT);
    CHECK_CONTAINS(out, "data");
    ik_string_free(out);
    CHECK_STATUS(ik_upload_file_bytes(c, data, sizeof data, NULL, NULL, NULL, &out), IK_STATUS_NULL_ARGUMENT);
    ik_string_free(out);
    CHECK_STATUS(ik_upload_file_bytes(c, data, sizeof data, "{\"fileName\":\"a\",\"file\":\"b\"}", NULL, NULL, &out),
                 IK_STATUS_INVALID_ARGUMENT);
    ik_string_free(out);

    CHECK_STATUS(ik_upload_file_path(c, NULL, "{\"fileName\":\"a\"}", NULL, NULL, &out), IK_STATUS_NULL_ARGUMENT);
    CHECK_CONTAINS(out, "path");
    ik_string_free(out);
    CHECK_STATUS(ik_upload_file_path(c, "/nonexistent/ik/none.jpg", "{\"fileName\":\"a\"}", NULL, NULL, &out),
                 IK_STATUS_IO);
    CHECK_CONTAINS(out, "/nonexistent/ik/none.jpg");
    CHECK_CONTAINS(out, "\"status\":\"io\"");
    ik_string_free(out);
    CHECK_STATUS(ik_upload_file_path(c, "/tmp", "{\"fileName\":\"a\"}", NULL, NULL, &out), IK_STATUS_IO);
    ik_string_free(out);
    CHECK_STATUS(ik_upload_file_path(c, "/tmp/x", NULL, NULL, NULL, &out), IK_STATUS_NULL_ARGUMENT);
    ik_string_free(out);

    ik_client_free(c);
}

static void network(const char *base) {
    ik_client *c = ik_test_client_at(base);
    char *out = NULL;

    /* a URL, sent as a text field */
    CHECK_STATUS(ik_upload_file(c,
                                "{\"file\":\"https://example.com/dog.jpg\",\"fileName\":\"dog.jpg\","
                                "\"tags\":[\"c\",\"test\"],\"use_unique_file_name\":false,\"folder\":\"/c-tests\"}",
                                NULL, NULL, &out),
                 IK_STATUS_OK);
    CHECK_CONTAINS(out, "\"fileId\"");
    CHECK_CONTAINS(out, "dog.jpg");
    delete_uploaded(c, out);
    ik_string_free(out);

    /* base64 text */
    CHECK_STATUS(ik_upload_file(c, "{\"file\":\"aGVsbG8gd29ybGQ=\",\"fileName\":\"hello.txt\"}", NULL, NULL, &out),
                 IK_STATUS_OK);
    CHECK_CONTAINS(out, "\"fileId\"");
    delete_uploaded(c, out);
    ik_string_free(out);

    /* bytes, with progress */
    static uint8_t blob[300000];
    for (size_t i = 0; i < sizeof blob; i++) blob[i] = (uint8_t)(i * 31);
    struct progress p = {0, 0, 0, 0, UINT64_MAX, 1};
    CHECK_STATUS(ik_upload_file_bytes(c, blob, sizeof blob, "{\"fileName\":\"blob.bin\",\"isPrivateFile\":false}",
                                      on_progress, &p, &out),
                 IK_STATUS_OK);
    CHECK_CONTAINS(out, "\"size\":300000");
    CHECK(p.calls >= 2);
    CHECK(p.first_sent == 0);
    CHECK(p.monotonic);
    CHECK(p.last_sent == p.last_total);
    CHECK(p.last_total > sizeof blob);
    delete_uploaded(c, out);
    ik_string_free(out);

    /* a local file, streamed */
    char path[] = "/tmp/ik-c-upload-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd >= 0) {
        FILE *f = fdopen(fd, "wb");
        for (int i = 0; i < 48; i++) CHECK(fwrite(blob, 1, 65536, f) == 65536);
        fclose(f);
        struct progress q = {0, 0, 0, 0, UINT64_MAX, 1};
        CHECK_STATUS(ik_upload_file_path(c, path, "{\"fileName\":\"streamed.bin\"}", on_progress, &q, &out),
                     IK_STATUS_OK);
        CHECK_CONTAINS(out, "\"size\":3145728");
        CHECK(q.last_sent == q.last_total && q.last_total > 3145728u);
        delete_uploaded(c, out);
        ik_string_free(out);

        /* cancelled half way: IK_STATUS_CANCELLED, and nothing is stored */
        struct progress r = {0, 0, 0, 0, 1500000, 1};
        CHECK_STATUS(ik_upload_file_path(c, path, "{\"fileName\":\"cancelled-upload.bin\"}", on_progress, &r, &out),
                     IK_STATUS_CANCELLED);
        CHECK_CONTAINS(out, "\"status\":\"cancelled\"");
        CHECK(r.last_sent >= 1500000 && r.last_sent < r.last_total);
        ik_string_free(out);
        CHECK_STATUS(ik_list_files(c, "{\"searchQuery\":\"name = \\\"cancelled-upload.bin\\\"\"}", &out), IK_STATUS_OK);
        CHECK(out != NULL && strstr(out, "cancelled-upload") == NULL);
        ik_string_free(out);
        unlink(path);
    }

    /* cancelled before the first byte */
    struct progress s = {0, 0, 0, 0, 0, 1};
    CHECK_STATUS(ik_upload_file_bytes(c, blob, 10, "{\"fileName\":\"never.bin\"}", on_progress, &s, &out),
                 IK_STATUS_CANCELLED);
    CHECK(s.calls == 1);
    ik_string_free(out);

    ik_client_free(c);
}

int main(void) {
    argument_errors();
    const char *base = getenv("IK_TEST_BASE_URL");
    if (!base || !*base) {
        printf("test_upload: IK_TEST_BASE_URL is not set; skipping the network checks\n");
    } else {
        network(base);
    }
    TEST_DONE();
}
