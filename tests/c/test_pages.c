/* Every page of assets.list from C: ik_assets_list_each (callback, early stop) and
 * ik_assets_list_all (cap), against the local server; NULL arguments. */
#include "ik_test.h"

struct pages {
    int seen;
    int stop_after;
};

static int on_page(void *userdata, const char *page) {
    struct pages *p = userdata;
    p->seen++;
    CHECK(page != NULL && page[0] == '[');
    return p->stop_after && p->seen >= p->stop_after;
}

int main(void) {
    const char *base = getenv("IK_TEST_BASE_URL");
    if (base == NULL) {
        fprintf(stderr, "IK_TEST_BASE_URL is not set\n");
        return 2;
    }
    char cfg[1024];
    snprintf(cfg, sizeof cfg,
             "{\"private_key\":\"private_key_test\",\"public_key\":\"public_key_test\","
             "\"url_endpoint\":\"https://test-domain.com/e\",\"proxy\":\"\",\"api_base_url\":\"%s\","
             "\"upload_base_url\":\"%s\"}",
             base, base);
    ik_client *c = NULL;
    char *out = NULL;
    CHECK_STATUS(ik_client_new(cfg, &c, &out), IK_STATUS_OK);
    for (int i = 0; i < 3; i++) {
        char opts[128];
        snprintf(opts, sizeof opts, "{\"fileName\":\"c%d.txt\",\"folder\":\"/c-pages\",\"useUniqueFileName\":false}", i);
        CHECK_STATUS(ik_files_upload_bytes(c, (const uint8_t *)"x", 1, opts, NULL, NULL, &out), IK_STATUS_OK);
        ik_string_free(out);
    }
    struct pages p = {0, 0};
    CHECK_STATUS(ik_assets_list_each(c, "{\"path\":\"/c-pages\",\"limit\":2}", on_page, &p, &out), IK_STATUS_OK);
    CHECK_STR_EQ(out, "{\"pages\":2,\"items\":3,\"stopped\":false}");
    CHECK(p.seen == 2);
    ik_string_free(out);

    struct pages once = {0, 1};
    CHECK_STATUS(ik_assets_list_each(c, "{\"path\":\"/c-pages\",\"limit\":2}", on_page, &once, &out), IK_STATUS_OK);
    CHECK_STR_EQ(out, "{\"pages\":1,\"items\":2,\"stopped\":true}");
    ik_string_free(out);

    CHECK_STATUS(ik_assets_list_all(c, "{\"path\":\"/c-pages\",\"limit\":1}", 2, &out), IK_STATUS_OK);
    CHECK_CONTAINS(out, "c");
    CHECK(out[0] == '[');
    ik_string_free(out);

    CHECK_STATUS(ik_assets_list_each(c, NULL, NULL, NULL, &out), IK_STATUS_NULL_ARGUMENT);
    CHECK_CONTAINS(out, "on_page");
    ik_string_free(out);
    CHECK_STATUS(ik_assets_list_all(NULL, NULL, 0, &out), IK_STATUS_NULL_ARGUMENT);
    ik_string_free(out);
    CHECK_STATUS(ik_assets_list_all(c, "{nope", 0, &out), IK_STATUS_INVALID_ARGUMENT);
    ik_string_free(out);
    CHECK_STATUS(ik_assets_list_all(c, NULL, 0, NULL), IK_STATUS_NULL_ARGUMENT);

    ik_client_free(c);
    TEST_DONE();
}
