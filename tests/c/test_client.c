/* The foundation's C surface: client lifecycle, strings, status text, version, logger. */
#include "ik_test.h"

static int log_calls = 0;
static void on_log(void *userdata, uint32_t level, const char *message) {
    (void)level;
    (void)message;
    (*(int *)userdata)++;
}

int main(void) {
    /* version and status text are static */
    CHECK(strncmp(ik_version(), "libimagekit/", 12) == 0);
    CHECK(strstr(ik_version(), IK_VERSION_STRING) != NULL);
    CHECK_STR_EQ(ik_status_str(IK_STATUS_OK), "ok");
    CHECK_STR_EQ(ik_status_str(12345), "unknown status");
    CHECK(ik_status_str(IK_STATUS_NOT_FOUND) != NULL);
    CHECK(ik_status_str(IK_STATUS_PANIC) != NULL);

    /* NULL is a no-op for the free functions */
    ik_string_free(NULL);
    ik_client_free(NULL);

    ik_client *c = NULL;
    char *err = NULL;

    /* NULL arguments */
    CHECK_STATUS(ik_client_new(NULL, &c, &err), IK_STATUS_NULL_ARGUMENT);
    CHECK(c == NULL);
    CHECK_CONTAINS(err, "config_json");
    ik_string_free(err);
    CHECK_STATUS(ik_client_new("{}", NULL, &err), IK_STATUS_NULL_ARGUMENT);
    CHECK_CONTAINS(err, "out_client");
    ik_string_free(err);
    /* out_error may be NULL */
    CHECK_STATUS(ik_client_new("{}", &c, NULL), IK_STATUS_INVALID_ARGUMENT);

    /* invalid JSON, wrong type, invalid UTF-8 */
    CHECK_STATUS(ik_client_new("{not json", &c, &err), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(err, "\"status\":\"invalid_argument\"");
    CHECK_CONTAINS(err, "\"code\":2");
    ik_string_free(err);
    CHECK_STATUS(ik_client_new("[1,2]", &c, &err), IK_STATUS_INVALID_ARGUMENT);
    ik_string_free(err);
    CHECK_STATUS(ik_client_new("{\"private_key\":\"\xff\xfe\"}", &c, &err), IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(err, "UTF-8");
    ik_string_free(err);

    /* each required key is named when missing; the private key never leaks */
    CHECK_STATUS(ik_client_new("{\"private_key\":\"sekrit_key_1\",\"public_key\":\"p\"}", &c, &err),
                 IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(err, "url_endpoint");
    CHECK(err && strstr(err, "sekrit_key_1") == NULL);
    ik_string_free(err);
    CHECK_STATUS(ik_client_new("{\"public_key\":\"p\",\"url_endpoint\":\"https://x\"}", &c, &err),
                 IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(err, "private_key");
    ik_string_free(err);
    CHECK_STATUS(ik_client_new("{\"private_key\":\"k\",\"url_endpoint\":\"https://x\"}", &c, &err),
                 IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(err, "public_key");
    ik_string_free(err);

    /* unknown keys are named */
    CHECK_STATUS(ik_client_new("{\"private_key\":\"k\",\"public_key\":\"p\",\"url_endpoint\":\"https://x\","
                               "\"colour\":1}", &c, &err),
                 IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(err, "colour");
    ik_string_free(err);

    /* a bad transformation_position is rejected */
    CHECK_STATUS(ik_client_new("{\"private_key\":\"k\",\"public_key\":\"p\",\"url_endpoint\":\"https://x\","
                               "\"transformation_position\":\"side\"}", &c, &err),
                 IK_STATUS_INVALID_ARGUMENT);
    CHECK_CONTAINS(err, "transformation_position");
    ik_string_free(err);

    /* success, camelCase keys accepted */
    err = NULL;
    CHECK_STATUS(ik_client_new("{\"privateKey\":\"k\",\"publicKey\":\"p\",\"urlEndpoint\":\"https://x\","
                               "\"transformationPosition\":\"query\"}", &c, &err),
                 IK_STATUS_OK);
    CHECK(c != NULL);
    CHECK(err == NULL);

    /* logger install / removal */
    CHECK_STATUS(ik_client_set_logger(NULL, on_log, IK_LOG_LEVEL_DEBUG, &log_calls), IK_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(ik_client_set_logger(c, on_log, IK_LOG_LEVEL_DEBUG, &log_calls), IK_STATUS_OK);
    CHECK_STATUS(ik_client_set_logger(c, NULL, 0, NULL), IK_STATUS_OK);
    ik_client_free(c);

    TEST_DONE();
}
