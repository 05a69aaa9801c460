/* The media-library functions through the C ABI: list, details, update, metadata (by id and by
 * URL), purge and its status, delete, and the generic ik_request, plus every argument error.
 * The network part runs against the local ImageKit-compatible server (IK_TEST_BASE_URL) and is
 * skipped with a message without it. */
/* This file also checks that the original SDK's names, deprecated in the header, keep working. */
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#include <stdint.h>
#include "ik_test.h"



/* A 1x1 PNG. */
static const uint8_t PNG[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
    0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xde, 0x00, 0x00, 0x00,
    0x0c, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00, 0xc9,
    0xfe, 0x92, 0xef, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};

static int log_lines = 0;
static int key_leaked = 0;
static void on_log(void *userdata, uint32_t level, const char *message) {
    (void)userdata;
    (void)level;
    log_lines++;
    if (strstr(message, "private_key_test") || strstr(message, "Basic ")) key_leaked = 1;
}

static void argument_errors(void) {
    ik_client *c = ik_test_client();
    char *out = NULL;

    /* NULL client */
    CHECK_STATUS(ik_list_files(NULL, NULL, &out), IK_STATUS_NULL_ARGUMENT);
    CHECK_CONTAINS(out, "client");
    ik_string_free(out);
    CHECK_STATUS(ik_get_file_details(NULL, "x", &out), IK_STATUS_NULL_ARGUMENT);
    ik_string_free(out);
    CHECK_STATUS(ik_get_file_metadata(NULL, "x", &out), IK_STATUS_NULL_ARGUMENT);
    ik_string_free(out);
    CHECK_STATUS(ik_get_remote_file_url_metadata(NULL, "x", &out), IK_STATUS_NULL_ARGUMENT);
    ik_string_free(out);
    CHECK_STATUS(ik_update_file_details(NULL, "x", "{}", &out), IK_STATUS_NULL_ARGUMENT);
    ik_string_free(out);
    CHECK_STATUS(ik_delete_file(NULL, "x", &out), IK_STATUS_NULL_ARGUMENT);
    ik_string_free(out);
    CHECK_STATUS(ik_purge_cache(NULL, "x", &out), IK_STATUS_NULL_ARGUMENT);
    ik_string_free(out);
    CHECK_STATUS(ik_get_purge_cache_status(NULL, "x", &out), IK_STATUS_NULL_ARGUMENT);
    ik_string_free(out);
    CHECK_STATUS(ik_request(NULL, "GET", "/v1/files", NULL, &out), IK_STATUS_NULL_ARGUMENT);
    ik_string_free(out);

    /* NULL string arguments, named in the error */
    CHECK_STATUS(ik_get_file_details(c, NULL, &out), IK_STATUS_NULL_ARGUMENT);
    CHECK_CONTAINS(out, "file_id");
    ik_string_free(out);
    CHECK_STATUS(ik_get_file_metadata(c, NULL, &out), IK_STATUS_NULL_ARGUMENT);
    CHECK_CONTAINS(out, "file_id");
    ik_string_free(out);
    CHECK_STATUS(ik_get_remote_file_url_metadata(c, NULL, &out), IK_STATUS_NULL_ARGUMENT);
    CHECK_CONTAINS(out, "remote_url");
    ik_string_free(out);
    CHECK_STATUS(ik_update_file_details(c, "x", NULL, &out), IK_STATUS_NULL_ARGUMENT);
    CHECK_CONTAINS(out, "update_json");
    ik_string_free(out);
    CHECK_STATUS(ik_update_file_details(c, NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT);
    ik_string_free(out);
    CHECK_STATUS(ik_delete_file(c, NULL, &out), IK_STATUS_NULL_ARGUMENT);
    ik_string_free(out);
    CHECK_STATUS(ik_purge_cache(c, NULL, &out), IK_STATUS_NULL_ARGUMENT);
    CHECK_CONTAINS(out, "url");
    ik_string_free(out);
    CHECK_STATUS(ik_get_purge_cache_status(c, NULL, &out), IK_STATUS_NULL_ARGUMENT);
    CHECK_CONTAINS(out, "request_id");
    ik_string_free(out);
    CHECK_STATUS(ik_request(c, NULL, "/v1/files", NULL, &out), IK_STATUS_NULL_ARGUMENT);
    CHECK_CONTAINS(out, "method");
    ik_string_free(out);
    CHECK_STATUS(ik_request(c, "GET", NULL, NULL, &out), IK_STATUS_NULL_ARGUMENT);
    CHECK_CONTAINS(out, "path_and_query");
    ik_string_free(out);

    /* NULL out_json */
    CHECK_STATUS(ik_list_files(c, NULL, NULL), IK_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ik_get_file_details(c, "x", NULL), IK_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ik_purge_cache(c, "x", NULL), IK_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ik_request(c, "GET", "/v1/files", NULL, NULL), IK_STATUS_NULL_ARGUMENT);

    /* invalid UTF-8, invalid JSON, unknown options, empty ids */
    CHECK_STATUS(ik_get_file_details(c, "\xc3\x28", &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "UTF-8");
    ik_string_free(out);
    CHECK_STATUS(ik_list_files(c, "{\"limit\":", &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "JSON");
    ik_string_free(out);
    CHECK_STATUS(ik_list_files(c, "{\"name\":\"x\"}", &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "`name`");
    ik_string_free(out);
    CHECK_STATUS(ik_list_files(c, "{\"skip\":-1}", &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "skip");
    ik_string_free(out);
    CHECK_STATUS(ik_update_file_details(c, "x", "[]", &out), IK_STATUS_INVALID_ARGUMENT);
    ik_string_free(out);
    CHECK_STATUS(ik_get_file_details(c, "", &out), IK_STATUS_INVALID_ARGUMENT);
    ik_string_free(out);
    CHECK_STATUS(ik_purge_cache(c, "", &out), IK_STATUS_INVALID_ARGUMENT);
    ik_string_free(out);

    /* the generic request: methods and paths */
    CHECK_STATUS(ik_request(c, "FETCH", "/v1/files", NULL, &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "FETCH");
    ik_string_free(out);
    CHECK_STATUS(ik_request(c, "GET", "https://elsewhere.example/v1/files", NULL, &out), IK_STATUS_INVALID_ARGUMENT);
    ik_string_free(out);
    CHECK_STATUS(ik_request(c, "POST", "/v1/folder", "{oops", &out), IK_STATUS_INVALID_ARGUMENT);
    ik_string_free(out);

    ik_client_free(c);
}

static void network(const char *base) {
    ik_client *c = ik_test_client_at(base);
    CHECK_STATUS(ik_client_set_logger(c, on_log, IK_LOG_LEVEL_DEBUG, NULL), IK_STATUS_OK);
    char *out = NULL;
    char id[128], url[512], rid[128], q[256];

    CHECK_STATUS(ik_upload_file_bytes(c, PNG, sizeof PNG,
                                      "{\"fileName\":\"pixel.png\",\"folder\":\"/c-files\",\"tags\":\"one,two\","
                                      "\"useUniqueFileName\":false}",
                                      NULL, NULL, &out),
                 IK_STATUS_OK);
    CHECK(ik_test_json_str(out, "fileId", id, sizeof id));
    ik_string_free(out);

    /* list: everything, then filtered */
    CHECK_STATUS(ik_list_files(c, NULL, &out), IK_STATUS_OK);
    CHECK(out && out[0] == '[');
    CHECK_CONTAINS(out, id);
    ik_string_free(out);
    CHECK_STATUS(ik_list_files(c, "{\"path\":\"/c-files\",\"type\":\"file\",\"limit\":5,\"skip\":0,"
                                  "\"sort\":\"ASC_CREATED\",\"file_type\":\"all\"}",
                               &out),
                 IK_STATUS_OK);
    CHECK_CONTAINS(out, id);
    ik_string_free(out);

    /* details */
    CHECK_STATUS(ik_get_file_details(c, id, &out), IK_STATUS_OK);
    CHECK_CONTAINS(out, "pixel.png");
    CHECK(ik_test_json_str(out, "url", url, sizeof url));
    ik_string_free(out);

    /* update */
    CHECK_STATUS(ik_update_file_details(c, id, "{\"tags\":[\"updated\"]}", &out), IK_STATUS_OK);
    CHECK_CONTAINS(out, "updated");
    ik_string_free(out);

    /* metadata by id and by URL */
    CHECK_STATUS(ik_get_file_metadata(c, id, &out), IK_STATUS_OK);
    CHECK_CONTAINS(out, "\"width\"");
    ik_string_free(out);
    CHECK_STATUS(ik_get_remote_file_url_metadata(c, url, &out), IK_STATUS_OK);
    CHECK_CONTAINS(out, "\"height\"");
    ik_string_free(out);

    /* purge and its status */
    CHECK_STATUS(ik_purge_cache(c, url, &out), IK_STATUS_OK);
    CHECK(ik_test_json_str(out, "requestId", rid, sizeof rid));
    ik_string_free(out);
    CHECK_STATUS(ik_get_purge_cache_status(c, rid, &out), IK_STATUS_OK);
    CHECK_CONTAINS(out, "\"status\"");
    ik_string_free(out);

    /* the generic request reaches the same file */
    snprintf(q, sizeof q, "/v1/files/%s/details", id);
    CHECK_STATUS(ik_request(c, "GET", q, NULL, &out), IK_STATUS_OK);
    CHECK_CONTAINS(out, "pixel.png");
    ik_string_free(out);

    /* delete: 204 becomes {} */
    CHECK_STATUS(ik_delete_file(c, id, &out), IK_STATUS_OK);
    CHECK_STR_EQ(out, "{}");
    ik_string_free(out);

    /* now it is gone: 404 with the error document */
    CHECK_STATUS(ik_get_file_details(c, id, &out), IK_STATUS_NOT_FOUND);
    CHECK_CONTAINS(out, "\"status\":\"not_found\"");
    CHECK_CONTAINS(out, "\"http_status\":404");
    CHECK_CONTAINS(out, "\"code\":23");
    CHECK_CONTAINS(out, "\"message\"");
    CHECK_CONTAINS(out, "\"request_id\"");
    CHECK(strstr(out, "private_key_test") == NULL);
    ik_string_free(out);
    CHECK_STATUS(ik_delete_file(c, id, &out), IK_STATUS_NOT_FOUND);
    ik_string_free(out);
    CHECK_STATUS(ik_get_file_metadata(c, "no-such-file-id", &out), IK_STATUS_NOT_FOUND);
    ik_string_free(out);

    /* a wrong key is refused (ImageKit: 401 or 403) and never echoed */
    char cfg[1024];
    snprintf(cfg, sizeof cfg,
             "{\"private_key\":\"wrong_key_123\",\"public_key\":\"p\",\"url_endpoint\":\"https://x\","
             "\"api_base_url\":\"%s\",\"proxy\":\"\"}",
             base);
    ik_client *bad = NULL;
    CHECK_STATUS(ik_client_new(cfg, &bad, NULL), IK_STATUS_OK);
    if (bad) {
        ik_status st = ik_list_files(bad, NULL, &out);
        CHECK(st == IK_STATUS_UNAUTHORIZED || st == IK_STATUS_FORBIDDEN);
        CHECK(out && (strstr(out, "\"http_status\":401") || strstr(out, "\"http_status\":403")));
        CHECK(out && strstr(out, "wrong_key_123") == NULL);
        ik_string_free(out);
        ik_client_free(bad);
    }

    CHECK(log_lines > 0);
    CHECK(!key_leaked);
    ik_client_free(c);
}

/* valgrind preloads its vgpreload_*.so into the program it runs. */
static int under_valgrind(void) {
    const char *p = getenv("LD_PRELOAD");
    return p != NULL && strstr(p, "vgpreload") != NULL;
}

/* HTTPS with the test CA: trusted through ca_file, refused (IK_STATUS_TLS) without it. */
static void tls(const char *tls_base, const char *ca_file) {
    char cfg[2048];
    char *out = NULL;
    ik_client *c = NULL;
    snprintf(cfg, sizeof cfg,
             "{\"private_key\":\"private_key_test\",\"public_key\":\"public_key_test\","
             "\"url_endpoint\":\"https://ik.imagekit.io/test\",\"api_base_url\":\"%s\",\"proxy\":\"\","
             "\"ca_file\":\"%s\"}",
             tls_base, ca_file);
    CHECK_STATUS(ik_client_new(cfg, &c, NULL), IK_STATUS_OK);
    if (c) {
        CHECK_STATUS(ik_list_files(c, "{\"limit\":1}", &out), IK_STATUS_OK);
        CHECK(out && out[0] == '[');
        ik_string_free(out);
        ik_client_free(c);
    }
    c = NULL;
    snprintf(cfg, sizeof cfg,
             "{\"private_key\":\"private_key_test\",\"public_key\":\"public_key_test\","
             "\"url_endpoint\":\"https://ik.imagekit.io/test\",\"api_base_url\":\"%s\",\"proxy\":\"\"}",
             tls_base);
    CHECK_STATUS(ik_client_new(cfg, &c, NULL), IK_STATUS_OK);
    if (c) {
        CHECK_STATUS(ik_list_files(c, NULL, &out), IK_STATUS_TLS);
        CHECK_CONTAINS(out, "\"status\":\"tls\"");
        CHECK_CONTAINS(out, "\"attempts\":1");
        ik_string_free(out);
        ik_client_free(c);
    }
}

int main(void) {
    argument_errors();
    const char *base = getenv("IK_TEST_BASE_URL");
    if (!base || !*base) {
        printf("test_files: IK_TEST_BASE_URL is not set; skipping the network checks\n");
    } else {
        network(base);
    }
    const char *tls_base = getenv("IK_TEST_TLS_BASE_URL");
    const char *ca_file = getenv("IK_TEST_CA_FILE");
    if (!tls_base || !*tls_base || !ca_file || !*ca_file) {
        printf("test_files: IK_TEST_TLS_BASE_URL or IK_TEST_CA_FILE is not set; skipping the TLS checks\n");
    } else if (under_valgrind()) {
        /* ring's hand-written AES-GCM/ChaCha assembly makes memcheck report "uninitialised"
         * ciphertext (false positives); the TLS checks run in the ASan/UBSan build instead. */
        printf("test_files: running under valgrind; skipping the TLS checks\n");
    } else {
        tls(tls_base, ca_file);
    }
    TEST_DONE();
}
