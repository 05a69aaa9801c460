// Generated from crates/ops/src/lib.rs by xtask/src/codegen (cargo xtask codegen). Do not edit.
// Included by imagekit.hpp: the table-driven operations, as methods of imagekit::Client.
#ifndef IMAGEKIT_OPS_HPP
#define IMAGEKIT_OPS_HPP

#include <string>

namespace imagekit {
namespace detail {

/// Mixed into Client (CRTP): one method per row of the operation table. Each returns the API's
/// JSON ("{}" when it has no body) and throws imagekit::Error on failure.
template <class Self>
class Operations {
public:
    /// Lists and searches files and folders (skip/limit paging; `searchQuery` is Lucene-like). `GET /v1/files`
    std::string assets_list(const std::string &params_json = "{}") const {
        OwnedString out;
        check(ik_assets_list(handle(), c_arg(params_json, "params_json"), out.out()), out);
        return out.str();
    }
    /// Gets a file's details. `GET /v1/files/{fileId}/details`
    std::string files_get(const std::string &file_id) const {
        OwnedString out;
        check(ik_files_get(handle(), c_arg(file_id, "file_id"), out.out()), out);
        return out.str();
    }
    /// Updates a file's tags, custom coordinates, custom metadata, extensions or publication status. `PATCH /v1/files/{fileId}/details`
    std::string files_update(const std::string &file_id, const std::string &params_json = "{}") const {
        OwnedString out;
        check(ik_files_update(handle(), c_arg(file_id, "file_id"), c_arg(params_json, "params_json"), out.out()), out);
        return out.str();
    }
    /// Deletes a file and all its versions (cached copies stay until purged). `DELETE /v1/files/{fileId}`
    std::string files_delete(const std::string &file_id) const {
        OwnedString out;
        check(ik_files_delete(handle(), c_arg(file_id, "file_id"), out.out()), out);
        return out.str();
    }
    /// Copies a file to another folder. `POST /v1/files/copy`
    std::string files_copy(const std::string &params_json) const {
        OwnedString out;
        check(ik_files_copy(handle(), c_arg(params_json, "params_json"), out.out()), out);
        return out.str();
    }
    /// Moves a file to another folder. `POST /v1/files/move`
    std::string files_move(const std::string &params_json) const {
        OwnedString out;
        check(ik_files_move(handle(), c_arg(params_json, "params_json"), out.out()), out);
        return out.str();
    }
    /// Renames a file (optionally purging the old URL from the cache). `PUT /v1/files/rename`
    std::string files_rename(const std::string &params_json) const {
        OwnedString out;
        check(ik_files_rename(handle(), c_arg(params_json, "params_json"), out.out()), out);
        return out.str();
    }
    /// Deletes up to 100 files by id. `POST /v1/files/batch/deleteByFileIds`
    std::string files_bulk_delete(const std::string &params_json) const {
        OwnedString out;
        check(ik_files_bulk_delete(handle(), c_arg(params_json, "params_json"), out.out()), out);
        return out.str();
    }
    /// Adds tags to up to 50 files. `POST /v1/files/addTags`
    std::string files_bulk_add_tags(const std::string &params_json) const {
        OwnedString out;
        check(ik_files_bulk_add_tags(handle(), c_arg(params_json, "params_json"), out.out()), out);
        return out.str();
    }
    /// Removes tags from up to 50 files. `POST /v1/files/removeTags`
    std::string files_bulk_remove_tags(const std::string &params_json) const {
        OwnedString out;
        check(ik_files_bulk_remove_tags(handle(), c_arg(params_json, "params_json"), out.out()), out);
        return out.str();
    }
    /// Removes AI tags from up to 50 files. `POST /v1/files/removeAITags`
    std::string files_bulk_remove_ai_tags(const std::string &params_json) const {
        OwnedString out;
        check(ik_files_bulk_remove_ai_tags(handle(), c_arg(params_json, "params_json"), out.out()), out);
        return out.str();
    }
    /// Lists a file's versions. `GET /v1/files/{fileId}/versions`
    std::string files_versions_list(const std::string &file_id) const {
        OwnedString out;
        check(ik_files_versions_list(handle(), c_arg(file_id, "file_id"), out.out()), out);
        return out.str();
    }
    /// Gets one version of a file. `GET /v1/files/{fileId}/versions/{versionId}`
    std::string files_versions_get(const std::string &file_id, const std::string &version_id) const {
        OwnedString out;
        check(ik_files_versions_get(handle(), c_arg(file_id, "file_id"), c_arg(version_id, "version_id"), out.out()), out);
        return out.str();
    }
    /// Deletes a non-current version of a file. `DELETE /v1/files/{fileId}/versions/{versionId}`
    std::string files_versions_delete(const std::string &file_id, const std::string &version_id) const {
        OwnedString out;
        check(ik_files_versions_delete(handle(), c_arg(file_id, "file_id"), c_arg(version_id, "version_id"), out.out()), out);
        return out.str();
    }
    /// Makes a version the current version of its file. `PUT /v1/files/{fileId}/versions/{versionId}/restore`
    std::string files_versions_restore(const std::string &file_id, const std::string &version_id) const {
        OwnedString out;
        check(ik_files_versions_restore(handle(), c_arg(file_id, "file_id"), c_arg(version_id, "version_id"), out.out()), out);
        return out.str();
    }
    /// Gets an uploaded file's metadata: EXIF, dimensions, pHash … `GET /v1/files/{fileId}/metadata`
    std::string files_metadata_get(const std::string &file_id) const {
        OwnedString out;
        check(ik_files_metadata_get(handle(), c_arg(file_id, "file_id"), out.out()), out);
        return out.str();
    }
    /// Gets the metadata of a file by its URL (served through one of the account's URL endpoints). `GET /v1/metadata`
    std::string files_metadata_get_from_url(const std::string &params_json) const {
        OwnedString out;
        check(ik_files_metadata_get_from_url(handle(), c_arg(params_json, "params_json"), out.out()), out);
        return out.str();
    }
    /// Purges a URL (or a prefix ending in `*`) from the CDN cache; returns a `requestId`. `POST /v1/files/purge`
    std::string cache_invalidation_create(const std::string &params_json) const {
        OwnedString out;
        check(ik_cache_invalidation_create(handle(), c_arg(params_json, "params_json"), out.out()), out);
        return out.str();
    }
    /// Gets the status of a purge request. `GET /v1/files/purge/{requestId}`
    std::string cache_invalidation_get(const std::string &request_id) const {
        OwnedString out;
        check(ik_cache_invalidation_get(handle(), c_arg(request_id, "request_id"), out.out()), out);
        return out.str();
    }
    /// Creates a folder. `POST /v1/folder`
    std::string folders_create(const std::string &params_json) const {
        OwnedString out;
        check(ik_folders_create(handle(), c_arg(params_json, "params_json"), out.out()), out);
        return out.str();
    }
    /// Deletes a folder with everything in it. `DELETE /v1/folder`
    std::string folders_delete(const std::string &params_json) const {
        OwnedString out;
        check(ik_folders_delete(handle(), c_arg(params_json, "params_json"), out.out()), out);
        return out.str();
    }
    /// Copies a folder (a bulk job: returns a `jobId`). `POST /v1/bulkJobs/copyFolder`
    std::string folders_copy(const std::string &params_json) const {
        OwnedString out;
        check(ik_folders_copy(handle(), c_arg(params_json, "params_json"), out.out()), out);
        return out.str();
    }
    /// Moves a folder (a bulk job: returns a `jobId`). `POST /v1/bulkJobs/moveFolder`
    std::string folders_move(const std::string &params_json) const {
        OwnedString out;
        check(ik_folders_move(handle(), c_arg(params_json, "params_json"), out.out()), out);
        return out.str();
    }
    /// Renames a folder (a bulk job: returns a `jobId`). `POST /v1/bulkJobs/renameFolder`
    std::string folders_rename(const std::string &params_json) const {
        OwnedString out;
        check(ik_folders_rename(handle(), c_arg(params_json, "params_json"), out.out()), out);
        return out.str();
    }
    /// Gets the status of a bulk job (folder copy, move or rename). `GET /v1/bulkJobs/{jobId}`
    std::string folders_job_get(const std::string &job_id) const {
        OwnedString out;
        check(ik_folders_job_get(handle(), c_arg(job_id, "job_id"), out.out()), out);
        return out.str();
    }
    /// Creates a custom metadata field. `POST /v1/customMetadataFields`
    std::string custom_metadata_fields_create(const std::string &params_json) const {
        OwnedString out;
        check(ik_custom_metadata_fields_create(handle(), c_arg(params_json, "params_json"), out.out()), out);
        return out.str();
    }
    /// Lists the custom metadata fields (optionally deleted ones, or those of a folder). `GET /v1/customMetadataFields`
    std::string custom_metadata_fields_list(const std::string &params_json = "{}") const {
        OwnedString out;
        check(ik_custom_metadata_fields_list(handle(), c_arg(params_json, "params_json"), out.out()), out);
        return out.str();
    }
    /// Updates a custom metadata field's label or schema. `PATCH /v1/customMetadataFields/{id}`
    std::string custom_metadata_fields_update(const std::string &id, const std::string &params_json = "{}") const {
        OwnedString out;
        check(ik_custom_metadata_fields_update(handle(), c_arg(id, "id"), c_arg(params_json, "params_json"), out.out()), out);
        return out.str();
    }
    /// Deletes a custom metadata field. `DELETE /v1/customMetadataFields/{id}`
    std::string custom_metadata_fields_delete(const std::string &id) const {
        OwnedString out;
        check(ik_custom_metadata_fields_delete(handle(), c_arg(id, "id"), out.out()), out);
        return out.str();
    }
    /// Lists the saved extensions. `GET /v1/saved-extensions`
    std::string saved_extensions_list() const {
        OwnedString out;
        check(ik_saved_extensions_list(handle(), out.out()), out);
        return out.str();
    }
    /// Saves an extension configuration under a name. `POST /v1/saved-extensions`
    std::string saved_extensions_create(const std::string &params_json) const {
        OwnedString out;
        check(ik_saved_extensions_create(handle(), c_arg(params_json, "params_json"), out.out()), out);
        return out.str();
    }
    /// Gets a saved extension. `GET /v1/saved-extensions/{id}`
    std::string saved_extensions_get(const std::string &id) const {
        OwnedString out;
        check(ik_saved_extensions_get(handle(), c_arg(id, "id"), out.out()), out);
        return out.str();
    }
    /// Updates a saved extension. `PATCH /v1/saved-extensions/{id}`
    std::string saved_extensions_update(const std::string &id, const std::string &params_json = "{}") const {
        OwnedString out;
        check(ik_saved_extensions_update(handle(), c_arg(id, "id"), c_arg(params_json, "params_json"), out.out()), out);
        return out.str();
    }
    /// Deletes a saved extension. `DELETE /v1/saved-extensions/{id}`
    std::string saved_extensions_delete(const std::string &id) const {
        OwnedString out;
        check(ik_saved_extensions_delete(handle(), c_arg(id, "id"), out.out()), out);
        return out.str();
    }
    /// Lists the named transformations. `GET /v1/named-transformations`
    std::string named_transformations_list() const {
        OwnedString out;
        check(ik_named_transformations_list(handle(), out.out()), out);
        return out.str();
    }
    /// Creates a named transformation (used in URLs as `tr:n-<name>`). `POST /v1/named-transformations`
    std::string named_transformations_create(const std::string &params_json) const {
        OwnedString out;
        check(ik_named_transformations_create(handle(), c_arg(params_json, "params_json"), out.out()), out);
        return out.str();
    }
    /// Gets a named transformation. `GET /v1/named-transformations/{id}`
    std::string named_transformations_get(const std::string &id) const {
        OwnedString out;
        check(ik_named_transformations_get(handle(), c_arg(id, "id"), out.out()), out);
        return out.str();
    }
    /// Updates a named transformation (409 while an upload setting refers to it). `PATCH /v1/named-transformations/{id}`
    std::string named_transformations_update(const std::string &id, const std::string &params_json = "{}") const {
        OwnedString out;
        check(ik_named_transformations_update(handle(), c_arg(id, "id"), c_arg(params_json, "params_json"), out.out()), out);
        return out.str();
    }
    /// Deletes a named transformation (409 while an upload setting refers to it). `DELETE /v1/named-transformations/{id}`
    std::string named_transformations_delete(const std::string &id) const {
        OwnedString out;
        check(ik_named_transformations_delete(handle(), c_arg(id, "id"), out.out()), out);
        return out.str();
    }
    /// Gets the account's usage between two dates (`endDate` excluded). `GET /v1/accounts/usage`
    std::string accounts_usage_get(const std::string &params_json) const {
        OwnedString out;
        check(ik_accounts_usage_get(handle(), c_arg(params_json, "params_json"), out.out()), out);
        return out.str();
    }
    /// Gets usage analytics between two dates, both included (beta). `GET /v1/accounts/usage-analytics`
    std::string accounts_usage_analytics_get(const std::string &params_json) const {
        OwnedString out;
        check(ik_accounts_usage_analytics_get(handle(), c_arg(params_json, "params_json"), out.out()), out);
        return out.str();
    }
    /// Lists the origins. `GET /v1/accounts/origins`
    std::string accounts_origins_list() const {
        OwnedString out;
        check(ik_accounts_origins_list(handle(), out.out()), out);
        return out.str();
    }
    /// Creates an origin (S3, S3-compatible, Cloudinary backup, web folder, web proxy, GCS, Azure, Akeneo). `POST /v1/accounts/origins`
    std::string accounts_origins_create(const std::string &params_json) const {
        OwnedString out;
        check(ik_accounts_origins_create(handle(), c_arg(params_json, "params_json"), out.out()), out);
        return out.str();
    }
    /// Gets an origin. `GET /v1/accounts/origins/{id}`
    std::string accounts_origins_get(const std::string &id) const {
        OwnedString out;
        check(ik_accounts_origins_get(handle(), c_arg(id, "id"), out.out()), out);
        return out.str();
    }
    /// Replaces an origin's settings. `PUT /v1/accounts/origins/{id}`
    std::string accounts_origins_update(const std::string &id, const std::string &params_json) const {
        OwnedString out;
        check(ik_accounts_origins_update(handle(), c_arg(id, "id"), c_arg(params_json, "params_json"), out.out()), out);
        return out.str();
    }
    /// Deletes an origin. `DELETE /v1/accounts/origins/{id}`
    std::string accounts_origins_delete(const std::string &id) const {
        OwnedString out;
        check(ik_accounts_origins_delete(handle(), c_arg(id, "id"), out.out()), out);
        return out.str();
    }
    /// Lists the URL endpoints. `GET /v1/accounts/url-endpoints`
    std::string accounts_url_endpoints_list() const {
        OwnedString out;
        check(ik_accounts_url_endpoints_list(handle(), out.out()), out);
        return out.str();
    }
    /// Creates a URL endpoint. `POST /v1/accounts/url-endpoints`
    std::string accounts_url_endpoints_create(const std::string &params_json) const {
        OwnedString out;
        check(ik_accounts_url_endpoints_create(handle(), c_arg(params_json, "params_json"), out.out()), out);
        return out.str();
    }
    /// Gets a URL endpoint. `GET /v1/accounts/url-endpoints/{id}`
    std::string accounts_url_endpoints_get(const std::string &id) const {
        OwnedString out;
        check(ik_accounts_url_endpoints_get(handle(), c_arg(id, "id"), out.out()), out);
        return out.str();
    }
    /// Replaces a URL endpoint's settings. `PUT /v1/accounts/url-endpoints/{id}`
    std::string accounts_url_endpoints_update(const std::string &id, const std::string &params_json) const {
        OwnedString out;
        check(ik_accounts_url_endpoints_update(handle(), c_arg(id, "id"), c_arg(params_json, "params_json"), out.out()), out);
        return out.str();
    }
    /// Deletes a URL endpoint (not the default one). `DELETE /v1/accounts/url-endpoints/{id}`
    std::string accounts_url_endpoints_delete(const std::string &id) const {
        OwnedString out;
        check(ik_accounts_url_endpoints_delete(handle(), c_arg(id, "id"), out.out()), out);
        return out.str();
    }
    /// Lists the webhook endpoints (Python SDK 5.11 only). `GET /v1/accounts/webhooks`
    std::string accounts_webhooks_list() const {
        OwnedString out;
        check(ik_accounts_webhooks_list(handle(), out.out()), out);
        return out.str();
    }
    /// Creates a webhook endpoint; the answer carries its `whsec_` secret. `POST /v1/accounts/webhooks`
    std::string accounts_webhooks_create(const std::string &params_json) const {
        OwnedString out;
        check(ik_accounts_webhooks_create(handle(), c_arg(params_json, "params_json"), out.out()), out);
        return out.str();
    }
    /// Gets a webhook endpoint. `GET /v1/accounts/webhooks/{id}`
    std::string accounts_webhooks_get(const std::string &id) const {
        OwnedString out;
        check(ik_accounts_webhooks_get(handle(), c_arg(id, "id"), out.out()), out);
        return out.str();
    }
    /// Updates a webhook endpoint (`events` replaces the whole list). `PATCH /v1/accounts/webhooks/{id}`
    std::string accounts_webhooks_update(const std::string &id, const std::string &params_json = "{}") const {
        OwnedString out;
        check(ik_accounts_webhooks_update(handle(), c_arg(id, "id"), c_arg(params_json, "params_json"), out.out()), out);
        return out.str();
    }
    /// Deletes a webhook endpoint. `DELETE /v1/accounts/webhooks/{id}`
    std::string accounts_webhooks_delete(const std::string &id) const {
        OwnedString out;
        check(ik_accounts_webhooks_delete(handle(), c_arg(id, "id"), out.out()), out);
        return out.str();
    }

private:
    ik_client *handle() const { return static_cast<const Self *>(this)->get(); }
};

}  // namespace detail
}  // namespace imagekit

#endif  // IMAGEKIT_OPS_HPP
