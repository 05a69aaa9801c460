/* The modern URL builder through the C header: ik_build_url, ik_build_transformation and
 * ik_responsive_image_attributes. Expected values are official vectors (@imagekit/nodejs 7.11,
 * tests/data/url_modern_official.json) or worked out by hand; error paths and NULLs too. */
#include "ik_test.h"

static ik_client *demo_client(void) {
    ik_client *c = NULL;
    char *err = NULL;
    if (ik_client_new("{\"private_key\":\"dummy-key\",\"public_key\":\"public_key_test\","
                      "\"url_endpoint\":\"https://ik.imagekit.io/demo/\"}",
                      &c, &err) != IK_STATUS_OK) {
        fprintf(stderr, "ik_client_new: %s\n", err ? err : "(null)");
        ik_string_free(err);
        exit(2);
    }
    return c;
}

static void check_build(const ik_client *c, const char *options, const char *want) {
    char *out = NULL;
    ik_status st = ik_build_url(c, options, &out);
    if (st != IK_STATUS_OK) {
        fprintf(stderr, "ik_build_url(%s) -> %u: %s\n", options, (unsigned)st, out ? out : "(null)");
        ik_test_failures++;
    } else {
        CHECK_STR_EQ(out, want);
    }
    ik_string_free(out);
}

static void check_build_error(const ik_client *c, const char *options, const char *needle) {
    char *out = NULL;
    CHECK_STATUS(ik_build_url(c, options, &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK(out != NULL && out[0] == '{');
    CHECK_CONTAINS(out, "\"status\":\"invalid_argument\"");
    CHECK_CONTAINS(out, needle);
    CHECK(out == NULL || strstr(out, "dummy-key") == NULL);
    ik_string_free(out);
}

static void check_transformation(const char *json, const char *want) {
    char *out = NULL;
    CHECK_STATUS(ik_build_transformation(json, &out), IK_STATUS_OK);
    CHECK_STR_EQ(out, want);
    ik_string_free(out);
}

int main(void) {
    ik_client *c = demo_client();

    /* Official vectors new-0219, new-0218, new-0326, new-0329. */
    check_build(c,
                "{\"urlEndpoint\":\"https://ik.imagekit.io/test_url_endpoint\",\"src\":\"/test_path.jpg\","
                "\"transformation\":[{\"height\":\"300\",\"width\":\"400\"}],\"transformationPosition\":\"path\"}",
                "https://ik.imagekit.io/test_url_endpoint/tr:h-300,w-400/test_path.jpg");
    check_build(c,
                "{\"urlEndpoint\":\"https://ik.imagekit.io/test_url_endpoint\",\"src\":\"/test_path.jpg\","
                "\"transformation\":[{\"height\":\"300\",\"width\":\"400\"},{\"rotation\":90}]}",
                "https://ik.imagekit.io/test_url_endpoint/test_path.jpg?tr=h-300,w-400:rt-90");
    check_build(c,
                "{\"urlEndpoint\":\"https://ik.imagekit.io/demo/\",\"src\":\"sdk-testing-files/future-search.png\","
                "\"signed\":true,\"expiresIn\":3600,\"now\":1735689600}",
                "https://ik.imagekit.io/demo/sdk-testing-files/future-search.png?ik-t=1735693200"
                "&ik-s=5a96d5b1dba968bc715862944f50167425abb4d7");
    check_build(c,
                "{\"src\":\"sdk-testing-files/\xe0\xa4\xb9\xe0\xa4\xbf\xe0\xa4\xa8\xe0\xa5\x8d\xe0\xa4\xa6\xe0\xa5\x80.png\","
                "\"transformation\":[{\"overlay\":{\"type\":\"text\",\"text\":\"\xe0\xa4\xb9\xe0\xa4\xbf\xe0\xa4\xa8"
                "\xe0\xa5\x8d\xe0\xa4\xa6\xe0\xa5\x80\",\"transformation\":[{\"fontColor\":\"red\",\"fontSize\":\"32\","
                "\"fontFamily\":\"sdk-testing-files/Poppins-Regular_Q15GrYWmL.ttf\"}]}}],\"signed\":true}",
                "https://ik.imagekit.io/demo/sdk-testing-files/%E0%A4%B9%E0%A4%BF%E0%A4%A8%E0%A5%8D%E0%A4%A6%E0%A5%80.png"
                "?tr=l-text,ie-4KS54KS%2F4KSo4KWN4KSm4KWA,co-red,fs-32,ff-sdk-testing-files@@Poppins-Regular_Q15GrYWmL.ttf,"
                "l-end&ik-s=ac9f24a03080102555e492185533c1ae6bd93fa7");
    /* Empty src: the empty string, as in the SDKs. */
    check_build(c, "{\"src\":\"\"}", "");
    /* Never a raw space. */
    check_build(c, "{\"src\":\"/a b.jpg\",\"transformation\":[{\"aiEdit\":\"prompt-a red car\"}]}",
                "https://ik.imagekit.io/demo/a%20b.jpg?tr=e-edit-prompt-a%20red%20car");

    check_transformation("[{\"width\":300},{\"overlay\":{\"type\":\"text\",\"text\":\"Hello\"}}]",
                         "w-300:l-text,i-Hello,l-end");
    check_transformation("{\"transformation\":[{\"grayscale\":true,\"sharpen\":10}]}", "e-grayscale,e-sharpen-10");
    check_transformation("[]", "");

    /* Responsive attributes. */
    char *out = NULL;
    CHECK_STATUS(ik_responsive_image_attributes(c, "{\"src\":\"/a.jpg\",\"width\":400}", &out), IK_STATUS_OK);
    CHECK_STR_EQ(out, "{\"src\":\"https://ik.imagekit.io/demo/a.jpg?tr=w-828,c-at_max\","
                      "\"srcSet\":\"https://ik.imagekit.io/demo/a.jpg?tr=w-640,c-at_max 1x, "
                      "https://ik.imagekit.io/demo/a.jpg?tr=w-828,c-at_max 2x\",\"width\":400}");
    ik_string_free(out);
    out = NULL;
    CHECK_STATUS(ik_responsive_image_attributes(c, "{\"width\":400}", &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "`src` is required");
    ik_string_free(out);

    /* Bad input names the problem. */
    check_build_error(c, "{\"src\":\"/a.jpg\",\"transformation\":[{\"grayscale\":5}]}", "transformation[0].grayscale");
    check_build_error(c, "{\"src\":\"/a.jpg\",\"transformation\":[{\"overlay\":{\"type\":\"gif\",\"input\":\"x\"}}]}",
                      "overlay.type");
    check_build_error(c, "{\"src\":\"/a.jpg\",\"expiresIn\":-1}", "expiresIn");
    check_build_error(c, "{\"src\":\"/a.jpg\",\"colour\":1}", "unknown option `colour`");
    check_build_error(c, "{\"src\":\"https://other.example/a.jpg\",\"signed\":true}", "not under the URL endpoint");
    check_build_error(c, "{\"src\":\"\xff\"}", "UTF-8");
    check_build_error(c, "{\"src\":", "invalid options_json");
    out = NULL;
    CHECK_STATUS(ik_build_transformation("{\"width\":1}", &out), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(out, "unknown key `width`");
    ik_string_free(out);

    /* NULLs. */
    out = NULL;
    CHECK_STATUS(ik_build_url(NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT);
    CHECK_CONTAINS(out, "client");
    ik_string_free(out);
    out = NULL;
    CHECK_STATUS(ik_build_url(c, NULL, &out), IK_STATUS_NULL_ARGUMENT);
    CHECK_CONTAINS(out, "options_json");
    ik_string_free(out);
    CHECK_STATUS(ik_build_url(c, "{}", NULL), IK_STATUS_NULL_ARGUMENT);
    out = NULL;
    CHECK_STATUS(ik_build_transformation(NULL, &out), IK_STATUS_NULL_ARGUMENT);
    CHECK_CONTAINS(out, "transformation_json");
    ik_string_free(out);
    CHECK_STATUS(ik_build_transformation("[]", NULL), IK_STATUS_NULL_ARGUMENT);
    out = NULL;
    CHECK_STATUS(ik_responsive_image_attributes(NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT);
    ik_string_free(out);
    out = NULL;
    CHECK_STATUS(ik_responsive_image_attributes(c, NULL, &out), IK_STATUS_NULL_ARGUMENT);
    ik_string_free(out);
    CHECK_STATUS(ik_responsive_image_attributes(c, "{}", NULL), IK_STATUS_NULL_ARGUMENT);

    ik_client_free(c);
    TEST_DONE();
}
