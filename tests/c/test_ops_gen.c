/* Generated from crates/ops/src/lib.rs by xtask/src/codegen (cargo xtask codegen). Do not edit. */
/* Every table-driven function: NULL client / out_json / ids / required params, invalid JSON, an
 * unknown option and an empty id give the documented status and an error document; then one call
 * each against the local server answers with an HTTP status (never a transport error or a panic). */
#include "ik_test.h"

static void expect_error(ik_status got, ik_status want, char **slot, const char *what) {
    char *out = *slot;
    *slot = NULL;
    if (got != want) {
        fprintf(stderr, "%s: status %u, want %u: %s\n", what, (unsigned)got, (unsigned)want, out ? out : "(null)");
        ik_test_failures++;
    } else if (want != IK_STATUS_OK && (out == NULL || strstr(out, "\"message\"") == NULL)) {
        fprintf(stderr, "%s: no error document\n", what);
        ik_test_failures++;
    }
    ik_string_free(out);
}

static void expect_http(ik_status got, char **slot, const char *what) {
    char *out = *slot;
    *slot = NULL;
    if (got != IK_STATUS_OK && (got < IK_STATUS_BAD_REQUEST || got > IK_STATUS_API_ERROR)) {
        fprintf(stderr, "%s against the server: status %u: %s\n", what, (unsigned)got, out ? out : "(null)");
        ik_test_failures++;
    }
    ik_string_free(out);
}

int main(void) {
    /* Only ever the local server: without it the calls would go to api.imagekit.io. */
    const char *base = getenv("IK_TEST_BASE_URL");
    if (base == NULL) {
        fprintf(stderr, "IK_TEST_BASE_URL is not set\n");
        return 2;
    }
    ik_client *c = ik_test_client_at(base);
    char *out = NULL;
    const char *id = "598821f949c0a938d57563bd";
    (void)id;

    /* assets.list */
    expect_error(ik_assets_list(NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_assets_list: NULL client");
    if (ik_assets_list(c, "{}", NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_assets_list(c, "{nope", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_assets_list: bad JSON");
    expect_error(ik_assets_list(c, "{\"no_such_option\":1}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_assets_list: unknown option");
    expect_http(ik_assets_list(c, NULL, &out), &out, "ik_assets_list");
    /* files.get */
    expect_error(ik_files_get(NULL, id, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_get: NULL client");
    if (ik_files_get(c, id, NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_files_get(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_get: NULL id 0");
    expect_error(ik_files_get(c, "", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_get: empty id 0");
    expect_http(ik_files_get(c, id, &out), &out, "ik_files_get");
    /* files.update */
    expect_error(ik_files_update(NULL, id, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_update: NULL client");
    if (ik_files_update(c, id, "{}", NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_files_update(c, NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_update: NULL id 0");
    expect_error(ik_files_update(c, "", "{}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_update: empty id 0");
    expect_error(ik_files_update(c, id, "{nope", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_update: bad JSON");
    expect_error(ik_files_update(c, id, "{\"no_such_option\":1}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_update: unknown option");
    expect_http(ik_files_update(c, id, NULL, &out), &out, "ik_files_update");
    /* files.delete */
    expect_error(ik_files_delete(NULL, id, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_delete: NULL client");
    if (ik_files_delete(c, id, NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_files_delete(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_delete: NULL id 0");
    expect_error(ik_files_delete(c, "", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_delete: empty id 0");
    expect_http(ik_files_delete(c, id, &out), &out, "ik_files_delete");
    /* files.copy */
    expect_error(ik_files_copy(NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_copy: NULL client");
    if (ik_files_copy(c, "{}", NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_files_copy(c, "{nope", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_copy: bad JSON");
    expect_error(ik_files_copy(c, "{\"no_such_option\":1}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_copy: unknown option");
    expect_error(ik_files_copy(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_copy: NULL params");
    expect_error(ik_files_copy(c, "{}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_copy: missing required");
    /* files.move */
    expect_error(ik_files_move(NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_move: NULL client");
    if (ik_files_move(c, "{}", NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_files_move(c, "{nope", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_move: bad JSON");
    expect_error(ik_files_move(c, "{\"no_such_option\":1}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_move: unknown option");
    expect_error(ik_files_move(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_move: NULL params");
    expect_error(ik_files_move(c, "{}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_move: missing required");
    /* files.rename */
    expect_error(ik_files_rename(NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_rename: NULL client");
    if (ik_files_rename(c, "{}", NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_files_rename(c, "{nope", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_rename: bad JSON");
    expect_error(ik_files_rename(c, "{\"no_such_option\":1}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_rename: unknown option");
    expect_error(ik_files_rename(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_rename: NULL params");
    expect_error(ik_files_rename(c, "{}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_rename: missing required");
    /* files.bulk.delete */
    expect_error(ik_files_bulk_delete(NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_bulk_delete: NULL client");
    if (ik_files_bulk_delete(c, "{}", NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_files_bulk_delete(c, "{nope", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_bulk_delete: bad JSON");
    expect_error(ik_files_bulk_delete(c, "{\"no_such_option\":1}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_bulk_delete: unknown option");
    expect_error(ik_files_bulk_delete(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_bulk_delete: NULL params");
    expect_error(ik_files_bulk_delete(c, "{}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_bulk_delete: missing required");
    /* files.bulk.add_tags */
    expect_error(ik_files_bulk_add_tags(NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_bulk_add_tags: NULL client");
    if (ik_files_bulk_add_tags(c, "{}", NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_files_bulk_add_tags(c, "{nope", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_bulk_add_tags: bad JSON");
    expect_error(ik_files_bulk_add_tags(c, "{\"no_such_option\":1}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_bulk_add_tags: unknown option");
    expect_error(ik_files_bulk_add_tags(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_bulk_add_tags: NULL params");
    expect_error(ik_files_bulk_add_tags(c, "{}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_bulk_add_tags: missing required");
    /* files.bulk.remove_tags */
    expect_error(ik_files_bulk_remove_tags(NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_bulk_remove_tags: NULL client");
    if (ik_files_bulk_remove_tags(c, "{}", NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_files_bulk_remove_tags(c, "{nope", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_bulk_remove_tags: bad JSON");
    expect_error(ik_files_bulk_remove_tags(c, "{\"no_such_option\":1}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_bulk_remove_tags: unknown option");
    expect_error(ik_files_bulk_remove_tags(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_bulk_remove_tags: NULL params");
    expect_error(ik_files_bulk_remove_tags(c, "{}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_bulk_remove_tags: missing required");
    /* files.bulk.remove_ai_tags */
    expect_error(ik_files_bulk_remove_ai_tags(NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_bulk_remove_ai_tags: NULL client");
    if (ik_files_bulk_remove_ai_tags(c, "{}", NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_files_bulk_remove_ai_tags(c, "{nope", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_bulk_remove_ai_tags: bad JSON");
    expect_error(ik_files_bulk_remove_ai_tags(c, "{\"no_such_option\":1}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_bulk_remove_ai_tags: unknown option");
    expect_error(ik_files_bulk_remove_ai_tags(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_bulk_remove_ai_tags: NULL params");
    expect_error(ik_files_bulk_remove_ai_tags(c, "{}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_bulk_remove_ai_tags: missing required");
    /* files.versions.list */
    expect_error(ik_files_versions_list(NULL, id, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_versions_list: NULL client");
    if (ik_files_versions_list(c, id, NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_files_versions_list(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_versions_list: NULL id 0");
    expect_error(ik_files_versions_list(c, "", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_versions_list: empty id 0");
    expect_http(ik_files_versions_list(c, id, &out), &out, "ik_files_versions_list");
    /* files.versions.get */
    expect_error(ik_files_versions_get(NULL, id, id, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_versions_get: NULL client");
    if (ik_files_versions_get(c, id, id, NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_files_versions_get(c, NULL, id, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_versions_get: NULL id 0");
    expect_error(ik_files_versions_get(c, "", id, &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_versions_get: empty id 0");
    expect_error(ik_files_versions_get(c, id, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_versions_get: NULL id 1");
    expect_error(ik_files_versions_get(c, id, "", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_versions_get: empty id 1");
    expect_http(ik_files_versions_get(c, id, id, &out), &out, "ik_files_versions_get");
    /* files.versions.delete */
    expect_error(ik_files_versions_delete(NULL, id, id, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_versions_delete: NULL client");
    if (ik_files_versions_delete(c, id, id, NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_files_versions_delete(c, NULL, id, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_versions_delete: NULL id 0");
    expect_error(ik_files_versions_delete(c, "", id, &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_versions_delete: empty id 0");
    expect_error(ik_files_versions_delete(c, id, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_versions_delete: NULL id 1");
    expect_error(ik_files_versions_delete(c, id, "", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_versions_delete: empty id 1");
    expect_http(ik_files_versions_delete(c, id, id, &out), &out, "ik_files_versions_delete");
    /* files.versions.restore */
    expect_error(ik_files_versions_restore(NULL, id, id, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_versions_restore: NULL client");
    if (ik_files_versions_restore(c, id, id, NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_files_versions_restore(c, NULL, id, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_versions_restore: NULL id 0");
    expect_error(ik_files_versions_restore(c, "", id, &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_versions_restore: empty id 0");
    expect_error(ik_files_versions_restore(c, id, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_versions_restore: NULL id 1");
    expect_error(ik_files_versions_restore(c, id, "", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_versions_restore: empty id 1");
    expect_http(ik_files_versions_restore(c, id, id, &out), &out, "ik_files_versions_restore");
    /* files.metadata.get */
    expect_error(ik_files_metadata_get(NULL, id, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_metadata_get: NULL client");
    if (ik_files_metadata_get(c, id, NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_files_metadata_get(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_metadata_get: NULL id 0");
    expect_error(ik_files_metadata_get(c, "", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_metadata_get: empty id 0");
    expect_http(ik_files_metadata_get(c, id, &out), &out, "ik_files_metadata_get");
    /* files.metadata.get_from_url */
    expect_error(ik_files_metadata_get_from_url(NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_metadata_get_from_url: NULL client");
    if (ik_files_metadata_get_from_url(c, "{}", NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_files_metadata_get_from_url(c, "{nope", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_metadata_get_from_url: bad JSON");
    expect_error(ik_files_metadata_get_from_url(c, "{\"no_such_option\":1}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_metadata_get_from_url: unknown option");
    expect_error(ik_files_metadata_get_from_url(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_files_metadata_get_from_url: NULL params");
    expect_error(ik_files_metadata_get_from_url(c, "{}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_files_metadata_get_from_url: missing required");
    /* cache.invalidation.create */
    expect_error(ik_cache_invalidation_create(NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_cache_invalidation_create: NULL client");
    if (ik_cache_invalidation_create(c, "{}", NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_cache_invalidation_create(c, "{nope", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_cache_invalidation_create: bad JSON");
    expect_error(ik_cache_invalidation_create(c, "{\"no_such_option\":1}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_cache_invalidation_create: unknown option");
    expect_error(ik_cache_invalidation_create(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_cache_invalidation_create: NULL params");
    expect_error(ik_cache_invalidation_create(c, "{}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_cache_invalidation_create: missing required");
    /* cache.invalidation.get */
    expect_error(ik_cache_invalidation_get(NULL, id, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_cache_invalidation_get: NULL client");
    if (ik_cache_invalidation_get(c, id, NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_cache_invalidation_get(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_cache_invalidation_get: NULL id 0");
    expect_error(ik_cache_invalidation_get(c, "", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_cache_invalidation_get: empty id 0");
    expect_http(ik_cache_invalidation_get(c, id, &out), &out, "ik_cache_invalidation_get");
    /* folders.create */
    expect_error(ik_folders_create(NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_folders_create: NULL client");
    if (ik_folders_create(c, "{}", NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_folders_create(c, "{nope", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_folders_create: bad JSON");
    expect_error(ik_folders_create(c, "{\"no_such_option\":1}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_folders_create: unknown option");
    expect_error(ik_folders_create(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_folders_create: NULL params");
    expect_error(ik_folders_create(c, "{}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_folders_create: missing required");
    /* folders.delete */
    expect_error(ik_folders_delete(NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_folders_delete: NULL client");
    if (ik_folders_delete(c, "{}", NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_folders_delete(c, "{nope", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_folders_delete: bad JSON");
    expect_error(ik_folders_delete(c, "{\"no_such_option\":1}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_folders_delete: unknown option");
    expect_error(ik_folders_delete(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_folders_delete: NULL params");
    expect_error(ik_folders_delete(c, "{}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_folders_delete: missing required");
    /* folders.copy */
    expect_error(ik_folders_copy(NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_folders_copy: NULL client");
    if (ik_folders_copy(c, "{}", NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_folders_copy(c, "{nope", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_folders_copy: bad JSON");
    expect_error(ik_folders_copy(c, "{\"no_such_option\":1}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_folders_copy: unknown option");
    expect_error(ik_folders_copy(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_folders_copy: NULL params");
    expect_error(ik_folders_copy(c, "{}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_folders_copy: missing required");
    /* folders.move */
    expect_error(ik_folders_move(NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_folders_move: NULL client");
    if (ik_folders_move(c, "{}", NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_folders_move(c, "{nope", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_folders_move: bad JSON");
    expect_error(ik_folders_move(c, "{\"no_such_option\":1}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_folders_move: unknown option");
    expect_error(ik_folders_move(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_folders_move: NULL params");
    expect_error(ik_folders_move(c, "{}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_folders_move: missing required");
    /* folders.rename */
    expect_error(ik_folders_rename(NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_folders_rename: NULL client");
    if (ik_folders_rename(c, "{}", NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_folders_rename(c, "{nope", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_folders_rename: bad JSON");
    expect_error(ik_folders_rename(c, "{\"no_such_option\":1}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_folders_rename: unknown option");
    expect_error(ik_folders_rename(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_folders_rename: NULL params");
    expect_error(ik_folders_rename(c, "{}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_folders_rename: missing required");
    /* folders.job.get */
    expect_error(ik_folders_job_get(NULL, id, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_folders_job_get: NULL client");
    if (ik_folders_job_get(c, id, NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_folders_job_get(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_folders_job_get: NULL id 0");
    expect_error(ik_folders_job_get(c, "", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_folders_job_get: empty id 0");
    expect_http(ik_folders_job_get(c, id, &out), &out, "ik_folders_job_get");
    /* custom_metadata_fields.create */
    expect_error(ik_custom_metadata_fields_create(NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_custom_metadata_fields_create: NULL client");
    if (ik_custom_metadata_fields_create(c, "{}", NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_custom_metadata_fields_create(c, "{nope", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_custom_metadata_fields_create: bad JSON");
    expect_error(ik_custom_metadata_fields_create(c, "{\"no_such_option\":1}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_custom_metadata_fields_create: unknown option");
    expect_error(ik_custom_metadata_fields_create(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_custom_metadata_fields_create: NULL params");
    expect_error(ik_custom_metadata_fields_create(c, "{}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_custom_metadata_fields_create: missing required");
    /* custom_metadata_fields.list */
    expect_error(ik_custom_metadata_fields_list(NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_custom_metadata_fields_list: NULL client");
    if (ik_custom_metadata_fields_list(c, "{}", NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_custom_metadata_fields_list(c, "{nope", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_custom_metadata_fields_list: bad JSON");
    expect_error(ik_custom_metadata_fields_list(c, "{\"no_such_option\":1}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_custom_metadata_fields_list: unknown option");
    expect_http(ik_custom_metadata_fields_list(c, NULL, &out), &out, "ik_custom_metadata_fields_list");
    /* custom_metadata_fields.update */
    expect_error(ik_custom_metadata_fields_update(NULL, id, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_custom_metadata_fields_update: NULL client");
    if (ik_custom_metadata_fields_update(c, id, "{}", NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_custom_metadata_fields_update(c, NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_custom_metadata_fields_update: NULL id 0");
    expect_error(ik_custom_metadata_fields_update(c, "", "{}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_custom_metadata_fields_update: empty id 0");
    expect_error(ik_custom_metadata_fields_update(c, id, "{nope", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_custom_metadata_fields_update: bad JSON");
    expect_error(ik_custom_metadata_fields_update(c, id, "{\"no_such_option\":1}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_custom_metadata_fields_update: unknown option");
    expect_http(ik_custom_metadata_fields_update(c, id, NULL, &out), &out, "ik_custom_metadata_fields_update");
    /* custom_metadata_fields.delete */
    expect_error(ik_custom_metadata_fields_delete(NULL, id, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_custom_metadata_fields_delete: NULL client");
    if (ik_custom_metadata_fields_delete(c, id, NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_custom_metadata_fields_delete(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_custom_metadata_fields_delete: NULL id 0");
    expect_error(ik_custom_metadata_fields_delete(c, "", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_custom_metadata_fields_delete: empty id 0");
    expect_http(ik_custom_metadata_fields_delete(c, id, &out), &out, "ik_custom_metadata_fields_delete");
    /* saved_extensions.list */
    expect_error(ik_saved_extensions_list(NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_saved_extensions_list: NULL client");
    if (ik_saved_extensions_list(c, NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_http(ik_saved_extensions_list(c, &out), &out, "ik_saved_extensions_list");
    /* saved_extensions.create */
    expect_error(ik_saved_extensions_create(NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_saved_extensions_create: NULL client");
    if (ik_saved_extensions_create(c, "{}", NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_saved_extensions_create(c, "{nope", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_saved_extensions_create: bad JSON");
    expect_error(ik_saved_extensions_create(c, "{\"no_such_option\":1}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_saved_extensions_create: unknown option");
    expect_error(ik_saved_extensions_create(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_saved_extensions_create: NULL params");
    expect_error(ik_saved_extensions_create(c, "{}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_saved_extensions_create: missing required");
    /* saved_extensions.get */
    expect_error(ik_saved_extensions_get(NULL, id, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_saved_extensions_get: NULL client");
    if (ik_saved_extensions_get(c, id, NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_saved_extensions_get(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_saved_extensions_get: NULL id 0");
    expect_error(ik_saved_extensions_get(c, "", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_saved_extensions_get: empty id 0");
    expect_http(ik_saved_extensions_get(c, id, &out), &out, "ik_saved_extensions_get");
    /* saved_extensions.update */
    expect_error(ik_saved_extensions_update(NULL, id, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_saved_extensions_update: NULL client");
    if (ik_saved_extensions_update(c, id, "{}", NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_saved_extensions_update(c, NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_saved_extensions_update: NULL id 0");
    expect_error(ik_saved_extensions_update(c, "", "{}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_saved_extensions_update: empty id 0");
    expect_error(ik_saved_extensions_update(c, id, "{nope", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_saved_extensions_update: bad JSON");
    expect_error(ik_saved_extensions_update(c, id, "{\"no_such_option\":1}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_saved_extensions_update: unknown option");
    expect_http(ik_saved_extensions_update(c, id, NULL, &out), &out, "ik_saved_extensions_update");
    /* saved_extensions.delete */
    expect_error(ik_saved_extensions_delete(NULL, id, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_saved_extensions_delete: NULL client");
    if (ik_saved_extensions_delete(c, id, NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_saved_extensions_delete(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_saved_extensions_delete: NULL id 0");
    expect_error(ik_saved_extensions_delete(c, "", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_saved_extensions_delete: empty id 0");
    expect_http(ik_saved_extensions_delete(c, id, &out), &out, "ik_saved_extensions_delete");
    /* named_transformations.list */
    expect_error(ik_named_transformations_list(NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_named_transformations_list: NULL client");
    if (ik_named_transformations_list(c, NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_http(ik_named_transformations_list(c, &out), &out, "ik_named_transformations_list");
    /* named_transformations.create */
    expect_error(ik_named_transformations_create(NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_named_transformations_create: NULL client");
    if (ik_named_transformations_create(c, "{}", NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_named_transformations_create(c, "{nope", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_named_transformations_create: bad JSON");
    expect_error(ik_named_transformations_create(c, "{\"no_such_option\":1}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_named_transformations_create: unknown option");
    expect_error(ik_named_transformations_create(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_named_transformations_create: NULL params");
    expect_error(ik_named_transformations_create(c, "{}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_named_transformations_create: missing required");
    /* named_transformations.get */
    expect_error(ik_named_transformations_get(NULL, id, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_named_transformations_get: NULL client");
    if (ik_named_transformations_get(c, id, NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_named_transformations_get(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_named_transformations_get: NULL id 0");
    expect_error(ik_named_transformations_get(c, "", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_named_transformations_get: empty id 0");
    expect_http(ik_named_transformations_get(c, id, &out), &out, "ik_named_transformations_get");
    /* named_transformations.update */
    expect_error(ik_named_transformations_update(NULL, id, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_named_transformations_update: NULL client");
    if (ik_named_transformations_update(c, id, "{}", NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_named_transformations_update(c, NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_named_transformations_update: NULL id 0");
    expect_error(ik_named_transformations_update(c, "", "{}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_named_transformations_update: empty id 0");
    expect_error(ik_named_transformations_update(c, id, "{nope", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_named_transformations_update: bad JSON");
    expect_error(ik_named_transformations_update(c, id, "{\"no_such_option\":1}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_named_transformations_update: unknown option");
    expect_http(ik_named_transformations_update(c, id, NULL, &out), &out, "ik_named_transformations_update");
    /* named_transformations.delete */
    expect_error(ik_named_transformations_delete(NULL, id, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_named_transformations_delete: NULL client");
    if (ik_named_transformations_delete(c, id, NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_named_transformations_delete(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_named_transformations_delete: NULL id 0");
    expect_error(ik_named_transformations_delete(c, "", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_named_transformations_delete: empty id 0");
    expect_http(ik_named_transformations_delete(c, id, &out), &out, "ik_named_transformations_delete");
    /* accounts.usage.get */
    expect_error(ik_accounts_usage_get(NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_usage_get: NULL client");
    if (ik_accounts_usage_get(c, "{}", NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_accounts_usage_get(c, "{nope", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_usage_get: bad JSON");
    expect_error(ik_accounts_usage_get(c, "{\"no_such_option\":1}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_usage_get: unknown option");
    expect_error(ik_accounts_usage_get(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_usage_get: NULL params");
    expect_error(ik_accounts_usage_get(c, "{}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_usage_get: missing required");
    /* accounts.usage_analytics.get */
    expect_error(ik_accounts_usage_analytics_get(NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_usage_analytics_get: NULL client");
    if (ik_accounts_usage_analytics_get(c, "{}", NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_accounts_usage_analytics_get(c, "{nope", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_usage_analytics_get: bad JSON");
    expect_error(ik_accounts_usage_analytics_get(c, "{\"no_such_option\":1}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_usage_analytics_get: unknown option");
    expect_error(ik_accounts_usage_analytics_get(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_usage_analytics_get: NULL params");
    expect_error(ik_accounts_usage_analytics_get(c, "{}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_usage_analytics_get: missing required");
    /* accounts.origins.list */
    expect_error(ik_accounts_origins_list(NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_origins_list: NULL client");
    if (ik_accounts_origins_list(c, NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_http(ik_accounts_origins_list(c, &out), &out, "ik_accounts_origins_list");
    /* accounts.origins.create */
    expect_error(ik_accounts_origins_create(NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_origins_create: NULL client");
    if (ik_accounts_origins_create(c, "{}", NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_accounts_origins_create(c, "{nope", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_origins_create: bad JSON");
    expect_error(ik_accounts_origins_create(c, "{\"no_such_option\":1}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_origins_create: unknown option");
    expect_error(ik_accounts_origins_create(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_origins_create: NULL params");
    expect_error(ik_accounts_origins_create(c, "{}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_origins_create: missing required");
    /* accounts.origins.get */
    expect_error(ik_accounts_origins_get(NULL, id, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_origins_get: NULL client");
    if (ik_accounts_origins_get(c, id, NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_accounts_origins_get(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_origins_get: NULL id 0");
    expect_error(ik_accounts_origins_get(c, "", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_origins_get: empty id 0");
    expect_http(ik_accounts_origins_get(c, id, &out), &out, "ik_accounts_origins_get");
    /* accounts.origins.update */
    expect_error(ik_accounts_origins_update(NULL, id, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_origins_update: NULL client");
    if (ik_accounts_origins_update(c, id, "{}", NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_accounts_origins_update(c, NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_origins_update: NULL id 0");
    expect_error(ik_accounts_origins_update(c, "", "{}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_origins_update: empty id 0");
    expect_error(ik_accounts_origins_update(c, id, "{nope", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_origins_update: bad JSON");
    expect_error(ik_accounts_origins_update(c, id, "{\"no_such_option\":1}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_origins_update: unknown option");
    expect_error(ik_accounts_origins_update(c, id, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_origins_update: NULL params");
    expect_error(ik_accounts_origins_update(c, id, "{}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_origins_update: missing required");
    /* accounts.origins.delete */
    expect_error(ik_accounts_origins_delete(NULL, id, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_origins_delete: NULL client");
    if (ik_accounts_origins_delete(c, id, NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_accounts_origins_delete(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_origins_delete: NULL id 0");
    expect_error(ik_accounts_origins_delete(c, "", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_origins_delete: empty id 0");
    expect_http(ik_accounts_origins_delete(c, id, &out), &out, "ik_accounts_origins_delete");
    /* accounts.url_endpoints.list */
    expect_error(ik_accounts_url_endpoints_list(NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_url_endpoints_list: NULL client");
    if (ik_accounts_url_endpoints_list(c, NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_http(ik_accounts_url_endpoints_list(c, &out), &out, "ik_accounts_url_endpoints_list");
    /* accounts.url_endpoints.create */
    expect_error(ik_accounts_url_endpoints_create(NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_url_endpoints_create: NULL client");
    if (ik_accounts_url_endpoints_create(c, "{}", NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_accounts_url_endpoints_create(c, "{nope", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_url_endpoints_create: bad JSON");
    expect_error(ik_accounts_url_endpoints_create(c, "{\"no_such_option\":1}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_url_endpoints_create: unknown option");
    expect_error(ik_accounts_url_endpoints_create(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_url_endpoints_create: NULL params");
    expect_error(ik_accounts_url_endpoints_create(c, "{}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_url_endpoints_create: missing required");
    /* accounts.url_endpoints.get */
    expect_error(ik_accounts_url_endpoints_get(NULL, id, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_url_endpoints_get: NULL client");
    if (ik_accounts_url_endpoints_get(c, id, NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_accounts_url_endpoints_get(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_url_endpoints_get: NULL id 0");
    expect_error(ik_accounts_url_endpoints_get(c, "", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_url_endpoints_get: empty id 0");
    expect_http(ik_accounts_url_endpoints_get(c, id, &out), &out, "ik_accounts_url_endpoints_get");
    /* accounts.url_endpoints.update */
    expect_error(ik_accounts_url_endpoints_update(NULL, id, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_url_endpoints_update: NULL client");
    if (ik_accounts_url_endpoints_update(c, id, "{}", NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_accounts_url_endpoints_update(c, NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_url_endpoints_update: NULL id 0");
    expect_error(ik_accounts_url_endpoints_update(c, "", "{}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_url_endpoints_update: empty id 0");
    expect_error(ik_accounts_url_endpoints_update(c, id, "{nope", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_url_endpoints_update: bad JSON");
    expect_error(ik_accounts_url_endpoints_update(c, id, "{\"no_such_option\":1}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_url_endpoints_update: unknown option");
    expect_error(ik_accounts_url_endpoints_update(c, id, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_url_endpoints_update: NULL params");
    expect_error(ik_accounts_url_endpoints_update(c, id, "{}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_url_endpoints_update: missing required");
    /* accounts.url_endpoints.delete */
    expect_error(ik_accounts_url_endpoints_delete(NULL, id, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_url_endpoints_delete: NULL client");
    if (ik_accounts_url_endpoints_delete(c, id, NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_accounts_url_endpoints_delete(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_url_endpoints_delete: NULL id 0");
    expect_error(ik_accounts_url_endpoints_delete(c, "", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_url_endpoints_delete: empty id 0");
    expect_http(ik_accounts_url_endpoints_delete(c, id, &out), &out, "ik_accounts_url_endpoints_delete");
    /* accounts.webhooks.list */
    expect_error(ik_accounts_webhooks_list(NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_webhooks_list: NULL client");
    if (ik_accounts_webhooks_list(c, NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_http(ik_accounts_webhooks_list(c, &out), &out, "ik_accounts_webhooks_list");
    /* accounts.webhooks.create */
    expect_error(ik_accounts_webhooks_create(NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_webhooks_create: NULL client");
    if (ik_accounts_webhooks_create(c, "{}", NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_accounts_webhooks_create(c, "{nope", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_webhooks_create: bad JSON");
    expect_error(ik_accounts_webhooks_create(c, "{\"no_such_option\":1}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_webhooks_create: unknown option");
    expect_error(ik_accounts_webhooks_create(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_webhooks_create: NULL params");
    expect_error(ik_accounts_webhooks_create(c, "{}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_webhooks_create: missing required");
    /* accounts.webhooks.get */
    expect_error(ik_accounts_webhooks_get(NULL, id, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_webhooks_get: NULL client");
    if (ik_accounts_webhooks_get(c, id, NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_accounts_webhooks_get(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_webhooks_get: NULL id 0");
    expect_error(ik_accounts_webhooks_get(c, "", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_webhooks_get: empty id 0");
    expect_http(ik_accounts_webhooks_get(c, id, &out), &out, "ik_accounts_webhooks_get");
    /* accounts.webhooks.update */
    expect_error(ik_accounts_webhooks_update(NULL, id, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_webhooks_update: NULL client");
    if (ik_accounts_webhooks_update(c, id, "{}", NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_accounts_webhooks_update(c, NULL, "{}", &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_webhooks_update: NULL id 0");
    expect_error(ik_accounts_webhooks_update(c, "", "{}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_webhooks_update: empty id 0");
    expect_error(ik_accounts_webhooks_update(c, id, "{nope", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_webhooks_update: bad JSON");
    expect_error(ik_accounts_webhooks_update(c, id, "{\"no_such_option\":1}", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_webhooks_update: unknown option");
    expect_http(ik_accounts_webhooks_update(c, id, NULL, &out), &out, "ik_accounts_webhooks_update");
    /* accounts.webhooks.delete */
    expect_error(ik_accounts_webhooks_delete(NULL, id, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_webhooks_delete: NULL client");
    if (ik_accounts_webhooks_delete(c, id, NULL) != IK_STATUS_NULL_ARGUMENT) ik_test_failures++;
    expect_error(ik_accounts_webhooks_delete(c, NULL, &out), IK_STATUS_NULL_ARGUMENT, &out, "ik_accounts_webhooks_delete: NULL id 0");
    expect_error(ik_accounts_webhooks_delete(c, "", &out), IK_STATUS_INVALID_ARGUMENT, &out, "ik_accounts_webhooks_delete: empty id 0");
    expect_http(ik_accounts_webhooks_delete(c, id, &out), &out, "ik_accounts_webhooks_delete");

    ik_client_free(c);
    TEST_DONE();
}
