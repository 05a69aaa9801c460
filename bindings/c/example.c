/*
 * libimagekit sample: the seed SDK's README, step by step, in C.
 *
 *   URL generation (path, src, query position, chained transformations, sharpen and contrast,
 *   a signed URL that expires), uploads (bytes, and a local file with progress), list, details,
 *   metadata, update, cache purge and its status, delete, authentication parameters for
 *   client-side uploads, and pHash distance.
 *
 * Configuration, from the environment:
 *   IMAGEKIT_PRIVATE_KEY, IMAGEKIT_PUBLIC_KEY, IMAGEKIT_URL_ENDPOINT
 *       your ImageKit account: the sample then talks to the real service (it uploads two tiny
 *       files into /libimagekit-sample and deletes them again);
 *   otherwise IK_BASE_URL (e.g. http://127.0.0.1:PORT, see scripts/run_sample.sh)
 *       a local ImageKit-compatible server, with the test keys.
 *   With neither, only the offline part (URLs, authentication parameters, pHash) runs.
 *
 * Build:  cc -std=c11 example.c $(pkg-config --cflags --libs imagekit) -o example
 * Exit status: 0 when every step worked.
 *
 * JSON results are printed as the library returns them. The sample picks a few fields out with
 * a deliberately naive helper (json_string); real programs should use a JSON parser.
 */
#define _POSIX_C_SOURCE 200809L

#include <imagekit.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int failures = 0;

/* Prints a step's outcome and counts failures. `out` is the result or the error document. */
static int report(const char *step, ik_status status, const char *out) {
    if (status == IK_STATUS_OK) {
        printf("  %-28s %s\n", step, out ? out : "");
        return 1;
    }
    printf("  %-28s FAILED: %s (%u)\n  %-28s %s\n", step, ik_status_str(status), (unsigned)status, "",
           out ? out : "(no details)");
    failures++;
    return 0;
}

/* The string value of the first `"key":"…"` in json, newly allocated (escapes are kept as is),
 * or NULL. Good enough for the ids in this sample; use a JSON parser in real code. */
static char *json_string(const char *json, const char *key) {
    char pattern[64];
    snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
    const char *start = json ? strstr(json, pattern) : NULL;
    if (!start) return NULL;
    start += strlen(pattern);
    const char *end = start;
    while (*end && !(*end == '"' && end[-1] != '\\')) end++;
    char *value = malloc((size_t)(end - start) + 1);
    if (!value) return NULL;
    memcpy(value, start, (size_t)(end - start));
    value[end - start] = '\0';
    return value;
}

/* Appends s to buf as a JSON string literal (with quotes). */
static void json_quote(char *buf, size_t size, const char *s) {
    size_t n = strlen(buf);
    if (n + 1 < size) buf[n++] = '"';
    for (; *s && n + 7 < size; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            buf[n++] = '\\';
            buf[n++] = (char)c;
        } else if (c < 0x20) {
            n += (size_t)snprintf(buf + n, size - n, "\\u%04x", c);
        } else {
            buf[n++] = (char)c;
        }
    }
    if (n + 1 < size) buf[n++] = '"';
    buf[n] = '\0';
}

/* ---- 1. URL generation -------------------------------------------------------------------- */

static void url_step(const ik_client *client, const char *title, const char *options_json) {
    char *url = NULL;
    ik_status st = ik_url(client, options_json, &url);
    printf("  %s\n    options: %s\n", title, options_json);
    if (st == IK_STATUS_OK) {
        printf("    url:     %s\n", url);
    } else {
        printf("    FAILED: %s: %s\n", ik_status_str(st), url ? url : "");
        failures++;
    }
    ik_string_free(url);
}

static void url_generation(const ik_client *client) {
    puts("\n== 1. URL generation ==");
    url_step(client, "An image by its path, with the client's URL endpoint:",
             "{\"path\":\"/default-image.jpg\",\"transformation\":[{\"height\":\"300\",\"width\":\"400\"}]}");
    url_step(client, "A full image URL (src); transformations then go in the query:",
             "{\"src\":\"https://ik.imagekit.io/your_imagekit_id/endpoint/default-image.jpg\","
             "\"transformation\":[{\"height\":\"300\",\"width\":\"400\"}]}");
    url_step(client, "Transformations as a query parameter, another URL endpoint:",
             "{\"path\":\"/default-image.jpg\",\"url_endpoint\":\"https://www.example.com\","
             "\"transformation\":[{\"height\":\"300\",\"width\":\"400\"}],\"transformation_position\":\"query\"}");
    url_step(client, "Chained transformations (resize, then rotate):",
             "{\"path\":\"/default-image.jpg\",\"transformation\":[{\"height\":\"300\",\"width\":\"400\"},"
             "{\"rotation\":90}]}");
    url_step(client, "Sharpen and contrast (\"-\" means the parameter takes no value):",
             "{\"src\":\"https://ik.imagekit.io/your_imagekit_id/endpoint/default-image.jpg\","
             "\"transformation\":[{\"format\":\"jpg\",\"progressive\":\"true\",\"effect_sharpen\":\"-\","
             "\"effect_contrast\":\"1\"}]}");
    url_step(client, "A signed URL that expires in 300 seconds:",
             "{\"path\":\"/default-image.jpg\",\"query_parameters\":{\"v\":\"123\"},"
             "\"transformation\":[{\"height\":\"300\",\"width\":\"400\"}],\"signed\":true,\"expire_seconds\":300}");
}

/* ---- 2. Uploads ----------------------------------------------------------------------------- */

/* A 2x2 red PNG, the file this sample uploads. */
static const uint8_t sample_png[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xfd, 0xd4, 0x9a,
    0x73, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x38, 0xa1, 0xa1, 0x01,
    0x44, 0x0c, 0x10, 0x0a, 0x00, 0x21, 0x2e, 0x04, 0x61, 0xf6, 0xe1, 0xc2, 0x4d, 0x00, 0x00, 0x00,
    0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

/* Progress callback: prints each quarter of the request body once. Returning non-zero would
 * cancel the upload (it then fails with IK_STATUS_CANCELLED). */
static int on_progress(void *userdata, uint64_t sent, uint64_t total) {
    int *last_quarter = userdata;
    int quarter = total ? (int)(sent * 4 / total) : 4;
    if (sent == 0) *last_quarter = -1; /* a retry starts again from 0 */
    if (quarter != *last_quarter) {
        printf("    progress: %llu of %llu bytes\n", (unsigned long long)sent, (unsigned long long)total);
        *last_quarter = quarter;
    }
    return 0;
}

/* Writes a local file to upload: the PNG followed by some padding so the progress shows steps. */
static int write_local_file(char *path, size_t size) {
    snprintf(path, size, "/tmp/libimagekit-sample-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0) return 0;
    FILE *f = fdopen(fd, "wb");
    if (!f) {
        close(fd);
        return 0;
    }
    int ok = fwrite(sample_png, 1, sizeof sample_png, f) == sizeof sample_png;
    for (int i = 0; ok && i < 2048; i++) ok = fputs("libimagekit sample padding...\n", f) >= 0;
    return fclose(f) == 0 && ok;
}

/* ---- main ------------------------------------------------------------------------------------ */

int main(void) {
    const char *private_key = getenv("IMAGEKIT_PRIVATE_KEY");
    const char *public_key = getenv("IMAGEKIT_PUBLIC_KEY");
    const char *url_endpoint = getenv("IMAGEKIT_URL_ENDPOINT");
    const char *base_url = getenv("IK_BASE_URL");
    int real = private_key && public_key && url_endpoint;

    char config[4096] = "{\"private_key\":";
    json_quote(config, sizeof config, real ? private_key : "private_key_test");
    strcat(config, ",\"public_key\":");
    json_quote(config, sizeof config, real ? public_key : "public_key_test");
    strcat(config, ",\"url_endpoint\":");
    json_quote(config, sizeof config, real ? url_endpoint : "https://ik.imagekit.io/your_imagekit_id");
    if (!real && base_url) { /* the local server answers both the API and the upload host */
        strcat(config, ",\"api_base_url\":");
        json_quote(config, sizeof config, base_url);
        strcat(config, ",\"upload_base_url\":");
        json_quote(config, sizeof config, base_url);
    }
    strcat(config, "}");

    printf("%s\n", ik_version());
    printf("Talking to %s\n", real ? "ImageKit (IMAGEKIT_* keys)"
                           : base_url ? base_url : "nobody: set IK_BASE_URL or IMAGEKIT_* for the API part");

    ik_client *client = NULL;
    char *err = NULL;
    char *uploaded_phash = NULL; /* from the uploaded file's metadata, for step 8 */
    ik_status st = ik_client_new(config, &client, &err);
    if (st != IK_STATUS_OK) {
        fprintf(stderr, "ik_client_new: %s: %s\n", ik_status_str(st), err ? err : "");
        ik_string_free(err);
        return 1;
    }

    url_generation(client);

    if (real || base_url) {
        char *out = NULL;
        int last_quarter = -1;

        puts("\n== 2. Upload ==");
        puts("  Bytes from memory, with tags and a folder:");
        st = ik_files_upload_bytes(client, sample_png, sizeof sample_png,
                                  "{\"fileName\":\"sample.png\",\"folder\":\"/libimagekit-sample\","
                                  "\"tags\":[\"libimagekit\",\"sample\"],\"responseFields\":[\"tags\"]}",
                                  on_progress, &last_quarter, &out);
        report("files.upload (bytes):", st, out);
        char *file_id = st == IK_STATUS_OK ? json_string(out, "fileId") : NULL;
        char *file_url = st == IK_STATUS_OK ? json_string(out, "url") : NULL;
        ik_string_free(out);

        char path[64];
        char *path_file_id = NULL;
        if (write_local_file(path, sizeof path)) {
            printf("  A local file (%s), streamed from disk:\n", path);
            st = ik_files_upload_path(client, path,
                                     "{\"fileName\":\"sample-from-disk.png\",\"folder\":\"/libimagekit-sample\","
                                     "\"useUniqueFileName\":false}",
                                     on_progress, &last_quarter, &out);
            report("files.upload (path):", st, out);
            path_file_id = st == IK_STATUS_OK ? json_string(out, "fileId") : NULL;
            ik_string_free(out);
            unlink(path);
        } else {
            perror("  cannot write a local file to upload");
            failures++;
        }

        puts("\n== 3. List and search ==");
        st = ik_assets_list(client, "{\"path\":\"/libimagekit-sample\",\"tags\":[\"sample\"],\"limit\":10}", &out);
        report("assets.list:", st, out);
        ik_string_free(out);

        if (file_id) {
            puts("\n== 4. File details, metadata, update ==");
            st = ik_files_get(client, file_id, &out);
            report("files.get:", st, out);
            ik_string_free(out);

            st = ik_files_metadata_get(client, file_id, &out);
            report("files.metadata.get:", st, out);
            uploaded_phash = st == IK_STATUS_OK ? json_string(out, "pHash") : NULL;
            ik_string_free(out);

            /* The table's functions take their parameters as one JSON object. A URL in ImageKit's
             * answer has no quote or backslash, so it needs no JSON escaping here. */
            char url_params[2048] = "";
            if (file_url)
                snprintf(url_params, sizeof url_params, "{\"url\":\"%s\"}", file_url);

            if (file_url) {
                st = ik_files_metadata_get_from_url(client, url_params, &out);
                report("files.metadata.get_from_url:", st, out);
                ik_string_free(out);
            }

            st = ik_files_update(client, file_id,
                                        "{\"tags\":[\"libimagekit\",\"updated\"],"
                                        "\"customCoordinates\":\"0,0,1,1\"}",
                                        &out);
            report("files.update:", st, out);
            ik_string_free(out);

            puts("\n== 5. Cache purge ==");
            if (file_url) {
                st = ik_cache_invalidation_create(client, url_params, &out);
                report("cache.invalidation.create:", st, out);
                char *request_id = st == IK_STATUS_OK ? json_string(out, "requestId") : NULL;
                ik_string_free(out);
                if (request_id) {
                    st = ik_cache_invalidation_get(client, request_id, &out);
                    report("cache.invalidation.get:", st, out);
                    ik_string_free(out);
                }
                free(request_id);
            }

            puts("\n== 6. Delete ==");
            st = ik_files_delete(client, file_id, &out);
            report("files.delete:", st, out);
            ik_string_free(out);
            st = ik_files_get(client, file_id, &out);
            printf("  details after delete: %s, HTTP status in the error: %s\n", ik_status_str(st),
                   out && strstr(out, "\"http_status\":404") ? "404" : "?");
            if (st != IK_STATUS_NOT_FOUND) failures++;
            ik_string_free(out);
        }
        if (path_file_id) {
            st = ik_files_delete(client, path_file_id, &out);
            report("files.delete (from disk):", st, out);
            ik_string_free(out);
        }
        free(file_id);
        free(file_url);
        free(path_file_id);
    }

    puts("\n== 7. Authentication parameters for client-side uploads ==");
    char *auth = NULL;
    st = ik_get_authentication_parameters(client, "your_token", 1582269249, &auth);
    report("fixed token and expiry:", st, auth);
    ik_string_free(auth);
    st = ik_get_authentication_parameters(client, NULL, 0, &auth);
    report("random token, 30 minutes:", st, auth);
    ik_string_free(auth);

    puts("\n== 8. pHash distance ==");
    static const char *pairs[][2] = {
        {"f06830ca9f1e3e90", "f06830ca9f1e3e90"},
        {"2d5ad3936d2e015b", "2d6ed293db36a4fb"},
        {"a4a65595ac94518b", "7838873e791f8400"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0] + (uploaded_phash != NULL); i++) {
        /* The last pair compares the uploaded image's pHash (from its metadata) with the first. */
        const char *a = i < 3 ? pairs[i][0] : uploaded_phash, *b = i < 3 ? pairs[i][1] : pairs[0][0];
        uint32_t distance = 0;
        st = ik_phash_distance(a, b, &distance, &err);
        if (st == IK_STATUS_OK) {
            printf("  %s vs %s: %u\n", a, b, (unsigned)distance);
        } else {
            report("phash_distance:", st, err);
        }
        ik_string_free(err);
        err = NULL;
    }
    free(uploaded_phash);

    ik_client_free(client);
    if (failures) {
        printf("\n%d step(s) failed\n", failures);
        return 1;
    }
    puts("\nAll steps succeeded.");
    return 0;
}
