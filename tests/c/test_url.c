/* ik_url through the C header: the original README's examples, official vectors, error paths. */
#include "ik_test.h"

static ik_client *readme_client(void) {
    ik_client *c = NULL;
    char *err = NULL;
    if (ik_client_new("{\"private_key\":\"private_key_test\",\"public_key\":\"public_key_test\","
                      "\"url_endpoint\":\"https://ik.imagekit.io/your_imagekit_id\"}",
                      &c, &err) != IK_STATUS_OK) {
        fprintf(stderr, "ik_client_new: %s\n", err ? err : "(null)");
        ik_string_free(err);
        exit(2);
    }
    return c;
}

/* Builds a URL and checks it equals `want`. */
static void check_url(const ik_client *c, const char *options, const char *want) {
    char *out = NULL;
    ik_status st = ik_url(c, options, &out);
    if (st != IK_STATUS_OK) {
        fprintf(stderr, "ik_url(%s) -> %u: %s\n", options, (unsigned)st, out ? out : "(null)");
        ik_test_failures++;
    } else {
        CHECK_STR_EQ(out, want);
    }
    ik_string_free(out);
}

/* Checks that ik_url fails with `want` and that the error JSON mentions `needle`. */
static void check_url_error(const ik_client *c, const char *options, ik_status want, const char *needle) {
    char *out = NULL;
    CHECK_STATUS(ik_url(c, options, &out), want);
    CHECK(out != NULL);
    if (out) {
        CHECK(out[0] == '{');
        CHECK_CONTAINS(out, needle);
        CHECK(strstr(out, "private_key_test") == NULL);
    }
    ik_string_free(out);
}

int main(void) {
    ik_client *readme = readme_client();

    /* The original README's examples. */
    check_url(readme,
              "{\"path\":\"/default-image.jpg\",\"url_endpoint\":\"https://ik.imagekit.io/your_imagekit_id/endpoint/\","
              "\"transformation\":[{\"height\":\"300\",\"width\":\"400\"}]}",
              "https://ik.imagekit.io/your_imagekit_id/endpoint/tr:h-300,w-400/default-image.jpg");
    check_url(readme,
              "{\"src\":\"https://ik.imagekit.io/your_imagekit_id/endpoint/default-image.jpg\","
              "\"transformation\":[{\"height\":\"300\",\"width\":\"400\"}]}",
              "https://ik.imagekit.io/your_imagekit_id/endpoint/default-image.jpg?tr=h-300%2Cw-400");
    check_url(readme,
              "{\"path\":\"/default-image.jpg\",\"url_endpoint\":\"https://ik.imagekit.io/your_imagekit_id/endpoint/\","
              "\"transformation\":[{\"height\":\"300\",\"width\":\"400\"},{\"rotation\":90}],"
              "\"transformation_position \":\"query\"}",
              "https://ik.imagekit.io/your_imagekit_id/endpoint/default-image.jpg?tr=h-300%2Cw-400%3Art-90");
    check_url(readme,
              "{\"src\":\"https://ik.imagekit.io/your_imagekit_id/endpoint/default-image.jpg\","
              "\"transformation\":[{\"format\":\"jpg\",\"progressive\":\"true\",\"effect_sharpen\":\"-\","
              "\"effect_contrast\":\"1\"}]}",
              "https://ik.imagekit.io/your_imagekit_id/endpoint/default-image.jpg?tr=f-jpg%2Cpr-true%2Ce-sharpen%2Ce-contrast-1");
    /* Signed example (README key unknown): shape with a frozen clock; ik-s is
       HMAC-SHA1("private_key_test", "tr:h-300,w-400/default-image?v=1231567358667"), computed apart. */
    check_url(readme,
              "{\"path\":\"/default-image\",\"query_parameters\":{\"v\":\"123\"},"
              "\"transformation\":[{\"height\":\"300\",\"width\":\"400\"}],\"signed\":true,\"expire_seconds\":300,"
              "\"now\":1567358367}",
              "https://ik.imagekit.io/your_imagekit_id/tr:h-300,w-400/default-image?v=123&ik-t=1567358667"
              "&ik-s=96d3aa1572b07e8b1e875f45b466b0a01d02cf68");

    /* Official vectors (tests/data/url_official.json). */
    ik_client *c = ik_test_client();
    check_url(c, "{\"path\":\"/test-signed-url.jpg\",\"signed\":true,\"transformation\":[{\"width\":100}]}",
              "https://test-domain.com/test-endpoint/tr:w-100/test-signed-url.jpg?ik-s=6b33c23fadbc24d0461f286e4fc335f692551a60");
    check_url(c, "{\"path\":\"/aéb/test_é_path_alt.jpg\",\"signed\":true}",
              "https://test-domain.com/test-endpoint/aéb/test_é_path_alt.jpg?ik-s=40a821ef1b7a2e9253599dac36a47be3d49787ab");
    check_url(c,
              "{\"path\":\"/aéb/test_é_path_alt.jpg\",\"transformation\":[{\"raw\":\"l-text,i-Imagekité,fs-50,l-end\"}],"
              "\"signed\":true,\"transformation_position\":\"query\"}",
              "https://test-domain.com/test-endpoint/aéb/test_é_path_alt.jpg?tr=l-text%2Ci-Imagekit%C3%A9%2Cfs-50%2Cl-end"
              "&ik-s=ce55719add9ac43908c9de6c0eceece70f4d6c6e");
    check_url(c,
              "{\"path\":\"/default-image.jpg\",\"transformation\":[{\"width\":\"400\"}],\"signed\":true,"
              "\"expire_seconds\":100,\"now\":1735689600}",
              "https://test-domain.com/test-endpoint/tr:w-400/default-image.jpg?ik-t=1735689700"
              "&ik-s=d3ac333e012f1492a23d9458ea71b41bb277004f");
    check_url(c,
              "{\"src\":\"https://ik.imagekit.io/ldt7znpgpjs/test_YhNhoRxWt.jpg?client=123&ab=c\","
              "\"transformation\":[{\"height\":\"300\",\"width\":\"400\",\"format\":\"jpg\",\"progressive\":\"true\","
              "\"effect_contrast\":\"1\"},{\"rotation\":90}]}",
              "https://ik.imagekit.io/ldt7znpgpjs/test_YhNhoRxWt.jpg?client=123&ab=c"
              "&tr=h-300%2Cw-400%2Cf-jpg%2Cpr-true%2Ce-contrast-1%3Art-90");
    check_url(c, "{\"path\":\"/x.jpg\",\"transformation\":[{\"overlay_image\":\"/a/b.png\",\"overlay_x\":10}]}",
              "https://test-domain.com/test-endpoint/tr:oi-a@@b.png,ox-10/x.jpg");
    check_url(c, "{\"path\":\"/x.jpg\",\"transformation\":[{\"width\":1.0,\"height\":1e-7}]}",
              "https://test-domain.com/test-endpoint/tr:w-1.0,h-1e-07/x.jpg");
    /* Neither path nor src: the empty string, with IK_STATUS_OK. */
    check_url(c, "{}", "");

    /* Errors: every one is an error JSON naming the problem. */
    check_url_error(c,
                    "{\"path\":\"/default-image.jpg\",\"transformation\":[{\"height\":\"300\"}],\"signed\":true,"
                    "\"transformation_position\":\"fake\"}",
                    IK_STATUS_INVALID_ARGUMENT, "transformation_position");
    check_url_error(c, "{\"path\":\"x\",\"colour\":1}", IK_STATUS_INVALID_ARGUMENT, "unknown option `colour`");
    check_url_error(c, "{\"path\":\"x\",\"transformation\":{\"w\":1}}", IK_STATUS_INVALID_ARGUMENT,
                    "`transformation` must be a list");
    check_url_error(c, "{\"path\":\"x\",\"transformation\":[\"w-1\"]}", IK_STATUS_INVALID_ARGUMENT,
                    "step 0 must be an object");
    check_url_error(c, "{\"path\":\"x\",\"transformation\":[{\"raw\":1}]}", IK_STATUS_INVALID_ARGUMENT,
                    "`raw` must be a string");
    check_url_error(c, "{\"path\":\"x\",\"query_parameters\":[1]}", IK_STATUS_INVALID_ARGUMENT,
                    "`query_parameters` must be an object");
    check_url_error(c, "{\"path\":\"x\",\"signed\":true,\"expire_seconds\":\"300\"}", IK_STATUS_INVALID_ARGUMENT,
                    "`expire_seconds` must be a number");
    check_url_error(c, "{\"path\":\"x\",", IK_STATUS_INVALID_ARGUMENT, "not valid JSON");
    check_url_error(c, "[\"path\"]", IK_STATUS_INVALID_ARGUMENT, "must be a JSON object");
    check_url_error(c, "{\"path\":\"\xff\"}", IK_STATUS_INVALID_ARGUMENT, "UTF-8");

    /* NULL arguments. */
    char *out = NULL;
    CHECK_STATUS(ik_url(NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT);
    CHECK_CONTAINS(out, "client");
    ik_string_free(out);
    out = NULL;
    CHECK_STATUS(ik_url(c, NULL, &out), IK_STATUS_NULL_ARGUMENT);
    CHECK_CONTAINS(out, "options_json");
    ik_string_free(out);
    CHECK_STATUS(ik_url(c, "{}", NULL), IK_STATUS_NULL_ARGUMENT);

    ik_string_free(NULL);
    ik_client_free(readme);
    ik_client_free(c);
    TEST_DONE();
}
