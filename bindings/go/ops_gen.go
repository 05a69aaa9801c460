// Code generated from crates/ops/src/lib.rs by xtask/src/codegen (cargo xtask codegen). DO NOT EDIT.

package imagekit

/*
#include "imagekit.h"
*/
import "C"

import (
	"context"
	"encoding/json"
)

// AssetsList lists and searches files and folders (skip/limit paging; `searchQuery` is Lucene-like) (GET /v1/files; assets.list).
// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.
func (c *Client) AssetsList(ctx context.Context, params any) ([]File, error) {
	out, err := c.op(ctx, nil, params, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_assets_list(p, params, out)
	})
	if err != nil {
		return nil, err
	}
	var v []File
	return v, decode(out, &v, "assets.list")
}

// FilesGet gets a file's details (GET /v1/files/{fileId}/details; files.get).
func (c *Client) FilesGet(ctx context.Context, fileID string) (*File, error) {
	out, err := c.op(ctx, []string{fileID}, nil, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_files_get(p, ids[0], out)
	})
	if err != nil {
		return nil, err
	}
	var v File
	return &v, decode(out, &v, "files.get")
}

// FilesUpdate updates a file's tags, custom coordinates, custom metadata, extensions or publication status (PATCH /v1/files/{fileId}/details; files.update).
// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.
func (c *Client) FilesUpdate(ctx context.Context, fileID string, params any) (*File, error) {
	out, err := c.op(ctx, []string{fileID}, params, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_files_update(p, ids[0], params, out)
	})
	if err != nil {
		return nil, err
	}
	var v File
	return &v, decode(out, &v, "files.update")
}

// FilesDelete deletes a file and all its versions (cached copies stay until purged) (DELETE /v1/files/{fileId}; files.delete).
func (c *Client) FilesDelete(ctx context.Context, fileID string) error {
	_, err := c.op(ctx, []string{fileID}, nil, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_files_delete(p, ids[0], out)
	})
	return err
}

// FilesCopy copies a file to another folder (POST /v1/files/copy; files.copy).
// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.
func (c *Client) FilesCopy(ctx context.Context, params any) (json.RawMessage, error) {
	return c.op(ctx, nil, params, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_files_copy(p, params, out)
	})
}

// FilesMove moves a file to another folder (POST /v1/files/move; files.move).
// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.
func (c *Client) FilesMove(ctx context.Context, params any) (json.RawMessage, error) {
	return c.op(ctx, nil, params, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_files_move(p, params, out)
	})
}

// FilesRename renames a file (optionally purging the old URL from the cache) (PUT /v1/files/rename; files.rename).
// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.
func (c *Client) FilesRename(ctx context.Context, params any) (json.RawMessage, error) {
	return c.op(ctx, nil, params, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_files_rename(p, params, out)
	})
}

// FilesBulkDelete deletes up to 100 files by id (POST /v1/files/batch/deleteByFileIds; files.bulk.delete).
// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.
func (c *Client) FilesBulkDelete(ctx context.Context, params any) (json.RawMessage, error) {
	return c.op(ctx, nil, params, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_files_bulk_delete(p, params, out)
	})
}

// FilesBulkAddTags adds tags to up to 50 files (POST /v1/files/addTags; files.bulk.add_tags).
// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.
func (c *Client) FilesBulkAddTags(ctx context.Context, params any) (json.RawMessage, error) {
	return c.op(ctx, nil, params, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_files_bulk_add_tags(p, params, out)
	})
}

// FilesBulkRemoveTags removes tags from up to 50 files (POST /v1/files/removeTags; files.bulk.remove_tags).
// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.
func (c *Client) FilesBulkRemoveTags(ctx context.Context, params any) (json.RawMessage, error) {
	return c.op(ctx, nil, params, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_files_bulk_remove_tags(p, params, out)
	})
}

// FilesBulkRemoveAITags removes AI tags from up to 50 files (POST /v1/files/removeAITags; files.bulk.remove_ai_tags).
// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.
func (c *Client) FilesBulkRemoveAITags(ctx context.Context, params any) (json.RawMessage, error) {
	return c.op(ctx, nil, params, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_files_bulk_remove_ai_tags(p, params, out)
	})
}

// FilesVersionsList lists a file's versions (GET /v1/files/{fileId}/versions; files.versions.list).
func (c *Client) FilesVersionsList(ctx context.Context, fileID string) (json.RawMessage, error) {
	return c.op(ctx, []string{fileID}, nil, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_files_versions_list(p, ids[0], out)
	})
}

// FilesVersionsGet gets one version of a file (GET /v1/files/{fileId}/versions/{versionId}; files.versions.get).
func (c *Client) FilesVersionsGet(ctx context.Context, fileID, versionID string) (json.RawMessage, error) {
	return c.op(ctx, []string{fileID, versionID}, nil, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_files_versions_get(p, ids[0], ids[1], out)
	})
}

// FilesVersionsDelete deletes a non-current version of a file (DELETE /v1/files/{fileId}/versions/{versionId}; files.versions.delete).
func (c *Client) FilesVersionsDelete(ctx context.Context, fileID, versionID string) (json.RawMessage, error) {
	return c.op(ctx, []string{fileID, versionID}, nil, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_files_versions_delete(p, ids[0], ids[1], out)
	})
}

// FilesVersionsRestore makes a version the current version of its file (PUT /v1/files/{fileId}/versions/{versionId}/restore; files.versions.restore).
func (c *Client) FilesVersionsRestore(ctx context.Context, fileID, versionID string) (json.RawMessage, error) {
	return c.op(ctx, []string{fileID, versionID}, nil, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_files_versions_restore(p, ids[0], ids[1], out)
	})
}

// FilesMetadataGet gets an uploaded file's metadata: EXIF, dimensions, pHash … (GET /v1/files/{fileId}/metadata; files.metadata.get).
func (c *Client) FilesMetadataGet(ctx context.Context, fileID string) (*Metadata, error) {
	out, err := c.op(ctx, []string{fileID}, nil, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_files_metadata_get(p, ids[0], out)
	})
	if err != nil {
		return nil, err
	}
	var v Metadata
	return &v, decode(out, &v, "files.metadata.get")
}

// FilesMetadataGetFromURL gets the metadata of a file by its URL (served through one of the account's URL endpoints) (GET /v1/metadata; files.metadata.get_from_url).
// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.
func (c *Client) FilesMetadataGetFromURL(ctx context.Context, params any) (*Metadata, error) {
	out, err := c.op(ctx, nil, params, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_files_metadata_get_from_url(p, params, out)
	})
	if err != nil {
		return nil, err
	}
	var v Metadata
	return &v, decode(out, &v, "files.metadata.get_from_url")
}

// CacheInvalidationNew purges a URL (or a prefix ending in `*`) from the CDN cache; returns a `requestId` (POST /v1/files/purge; cache.invalidation.create).
// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.
func (c *Client) CacheInvalidationNew(ctx context.Context, params any) (*PurgeRequest, error) {
	out, err := c.op(ctx, nil, params, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_cache_invalidation_create(p, params, out)
	})
	if err != nil {
		return nil, err
	}
	var v PurgeRequest
	return &v, decode(out, &v, "cache.invalidation.create")
}

// CacheInvalidationGet gets the status of a purge request (GET /v1/files/purge/{requestId}; cache.invalidation.get).
func (c *Client) CacheInvalidationGet(ctx context.Context, requestID string) (*PurgeStatus, error) {
	out, err := c.op(ctx, []string{requestID}, nil, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_cache_invalidation_get(p, ids[0], out)
	})
	if err != nil {
		return nil, err
	}
	var v PurgeStatus
	return &v, decode(out, &v, "cache.invalidation.get")
}

// FoldersNew creates a folder (POST /v1/folder; folders.create).
// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.
func (c *Client) FoldersNew(ctx context.Context, params any) (json.RawMessage, error) {
	return c.op(ctx, nil, params, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_folders_create(p, params, out)
	})
}

// FoldersDelete deletes a folder with everything in it (DELETE /v1/folder; folders.delete).
// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.
func (c *Client) FoldersDelete(ctx context.Context, params any) (json.RawMessage, error) {
	return c.op(ctx, nil, params, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_folders_delete(p, params, out)
	})
}

// FoldersCopy copies a folder (a bulk job: returns a `jobId`) (POST /v1/bulkJobs/copyFolder; folders.copy).
// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.
func (c *Client) FoldersCopy(ctx context.Context, params any) (json.RawMessage, error) {
	return c.op(ctx, nil, params, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_folders_copy(p, params, out)
	})
}

// FoldersMove moves a folder (a bulk job: returns a `jobId`) (POST /v1/bulkJobs/moveFolder; folders.move).
// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.
func (c *Client) FoldersMove(ctx context.Context, params any) (json.RawMessage, error) {
	return c.op(ctx, nil, params, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_folders_move(p, params, out)
	})
}

// FoldersRename renames a folder (a bulk job: returns a `jobId`) (POST /v1/bulkJobs/renameFolder; folders.rename).
// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.
func (c *Client) FoldersRename(ctx context.Context, params any) (json.RawMessage, error) {
	return c.op(ctx, nil, params, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_folders_rename(p, params, out)
	})
}

// FoldersJobGet gets the status of a bulk job (folder copy, move or rename) (GET /v1/bulkJobs/{jobId}; folders.job.get).
func (c *Client) FoldersJobGet(ctx context.Context, jobID string) (json.RawMessage, error) {
	return c.op(ctx, []string{jobID}, nil, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_folders_job_get(p, ids[0], out)
	})
}

// CustomMetadataFieldsNew creates a custom metadata field (POST /v1/customMetadataFields; custom_metadata_fields.create).
// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.
func (c *Client) CustomMetadataFieldsNew(ctx context.Context, params any) (json.RawMessage, error) {
	return c.op(ctx, nil, params, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_custom_metadata_fields_create(p, params, out)
	})
}

// CustomMetadataFieldsList lists the custom metadata fields (optionally deleted ones, or those of a folder) (GET /v1/customMetadataFields; custom_metadata_fields.list).
// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.
func (c *Client) CustomMetadataFieldsList(ctx context.Context, params any) (json.RawMessage, error) {
	return c.op(ctx, nil, params, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_custom_metadata_fields_list(p, params, out)
	})
}

// CustomMetadataFieldsUpdate updates a custom metadata field's label or schema (PATCH /v1/customMetadataFields/{id}; custom_metadata_fields.update).
// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.
func (c *Client) CustomMetadataFieldsUpdate(ctx context.Context, id string, params any) (json.RawMessage, error) {
	return c.op(ctx, []string{id}, params, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_custom_metadata_fields_update(p, ids[0], params, out)
	})
}

// CustomMetadataFieldsDelete deletes a custom metadata field (DELETE /v1/customMetadataFields/{id}; custom_metadata_fields.delete).
func (c *Client) CustomMetadataFieldsDelete(ctx context.Context, id string) (json.RawMessage, error) {
	return c.op(ctx, []string{id}, nil, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_custom_metadata_fields_delete(p, ids[0], out)
	})
}

// SavedExtensionsList lists the saved extensions (GET /v1/saved-extensions; saved_extensions.list).
func (c *Client) SavedExtensionsList(ctx context.Context) (json.RawMessage, error) {
	return c.op(ctx, nil, nil, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_saved_extensions_list(p, out)
	})
}

// SavedExtensionsNew saves an extension configuration under a name (POST /v1/saved-extensions; saved_extensions.create).
// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.
func (c *Client) SavedExtensionsNew(ctx context.Context, params any) (json.RawMessage, error) {
	return c.op(ctx, nil, params, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_saved_extensions_create(p, params, out)
	})
}

// SavedExtensionsGet gets a saved extension (GET /v1/saved-extensions/{id}; saved_extensions.get).
func (c *Client) SavedExtensionsGet(ctx context.Context, id string) (json.RawMessage, error) {
	return c.op(ctx, []string{id}, nil, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_saved_extensions_get(p, ids[0], out)
	})
}

// SavedExtensionsUpdate updates a saved extension (PATCH /v1/saved-extensions/{id}; saved_extensions.update).
// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.
func (c *Client) SavedExtensionsUpdate(ctx context.Context, id string, params any) (json.RawMessage, error) {
	return c.op(ctx, []string{id}, params, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_saved_extensions_update(p, ids[0], params, out)
	})
}

// SavedExtensionsDelete deletes a saved extension (DELETE /v1/saved-extensions/{id}; saved_extensions.delete).
func (c *Client) SavedExtensionsDelete(ctx context.Context, id string) (json.RawMessage, error) {
	return c.op(ctx, []string{id}, nil, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_saved_extensions_delete(p, ids[0], out)
	})
}

// NamedTransformationsList lists the named transformations (GET /v1/named-transformations; named_transformations.list).
func (c *Client) NamedTransformationsList(ctx context.Context) (json.RawMessage, error) {
	return c.op(ctx, nil, nil, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_named_transformations_list(p, out)
	})
}

// NamedTransformationsNew creates a named transformation (used in URLs as `tr:n-<name>`) (POST /v1/named-transformations; named_transformations.create).
// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.
func (c *Client) NamedTransformationsNew(ctx context.Context, params any) (json.RawMessage, error) {
	return c.op(ctx, nil, params, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_named_transformations_create(p, params, out)
	})
}

// NamedTransformationsGet gets a named transformation (GET /v1/named-transformations/{id}; named_transformations.get).
func (c *Client) NamedTransformationsGet(ctx context.Context, id string) (json.RawMessage, error) {
	return c.op(ctx, []string{id}, nil, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_named_transformations_get(p, ids[0], out)
	})
}

// NamedTransformationsUpdate updates a named transformation (409 while an upload setting refers to it) (PATCH /v1/named-transformations/{id}; named_transformations.update).
// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.
func (c *Client) NamedTransformationsUpdate(ctx context.Context, id string, params any) (json.RawMessage, error) {
	return c.op(ctx, []string{id}, params, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_named_transformations_update(p, ids[0], params, out)
	})
}

// NamedTransformationsDelete deletes a named transformation (409 while an upload setting refers to it) (DELETE /v1/named-transformations/{id}; named_transformations.delete).
func (c *Client) NamedTransformationsDelete(ctx context.Context, id string) (json.RawMessage, error) {
	return c.op(ctx, []string{id}, nil, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_named_transformations_delete(p, ids[0], out)
	})
}

// AccountsUsageGet gets the account's usage between two dates (`endDate` excluded) (GET /v1/accounts/usage; accounts.usage.get).
// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.
func (c *Client) AccountsUsageGet(ctx context.Context, params any) (json.RawMessage, error) {
	return c.op(ctx, nil, params, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_accounts_usage_get(p, params, out)
	})
}

// AccountsUsageAnalyticsGet gets usage analytics between two dates, both included (beta) (GET /v1/accounts/usage-analytics; accounts.usage_analytics.get).
// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.
func (c *Client) AccountsUsageAnalyticsGet(ctx context.Context, params any) (json.RawMessage, error) {
	return c.op(ctx, nil, params, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_accounts_usage_analytics_get(p, params, out)
	})
}

// AccountsOriginsList lists the origins (GET /v1/accounts/origins; accounts.origins.list).
func (c *Client) AccountsOriginsList(ctx context.Context) (json.RawMessage, error) {
	return c.op(ctx, nil, nil, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_accounts_origins_list(p, out)
	})
}

// AccountsOriginsNew creates an origin (S3, S3-compatible, Cloudinary backup, web folder, web proxy, GCS, Azure, Akeneo) (POST /v1/accounts/origins; accounts.origins.create).
// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.
func (c *Client) AccountsOriginsNew(ctx context.Context, params any) (json.RawMessage, error) {
	return c.op(ctx, nil, params, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_accounts_origins_create(p, params, out)
	})
}

// AccountsOriginsGet gets an origin (GET /v1/accounts/origins/{id}; accounts.origins.get).
func (c *Client) AccountsOriginsGet(ctx context.Context, id string) (json.RawMessage, error) {
	return c.op(ctx, []string{id}, nil, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_accounts_origins_get(p, ids[0], out)
	})
}

// AccountsOriginsUpdate replaces an origin's settings (PUT /v1/accounts/origins/{id}; accounts.origins.update).
// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.
func (c *Client) AccountsOriginsUpdate(ctx context.Context, id string, params any) (json.RawMessage, error) {
	return c.op(ctx, []string{id}, params, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_accounts_origins_update(p, ids[0], params, out)
	})
}

// AccountsOriginsDelete deletes an origin (DELETE /v1/accounts/origins/{id}; accounts.origins.delete).
func (c *Client) AccountsOriginsDelete(ctx context.Context, id string) (json.RawMessage, error) {
	return c.op(ctx, []string{id}, nil, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_accounts_origins_delete(p, ids[0], out)
	})
}

// AccountsURLEndpointsList lists the URL endpoints (GET /v1/accounts/url-endpoints; accounts.url_endpoints.list).
func (c *Client) AccountsURLEndpointsList(ctx context.Context) (json.RawMessage, error) {
	return c.op(ctx, nil, nil, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_accounts_url_endpoints_list(p, out)
	})
}

// AccountsURLEndpointsNew creates a URL endpoint (POST /v1/accounts/url-endpoints; accounts.url_endpoints.create).
// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.
func (c *Client) AccountsURLEndpointsNew(ctx context.Context, params any) (json.RawMessage, error) {
	return c.op(ctx, nil, params, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_accounts_url_endpoints_create(p, params, out)
	})
}

// AccountsURLEndpointsGet gets a URL endpoint (GET /v1/accounts/url-endpoints/{id}; accounts.url_endpoints.get).
func (c *Client) AccountsURLEndpointsGet(ctx context.Context, id string) (json.RawMessage, error) {
	return c.op(ctx, []string{id}, nil, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_accounts_url_endpoints_get(p, ids[0], out)
	})
}

// AccountsURLEndpointsUpdate replaces a URL endpoint's settings (PUT /v1/accounts/url-endpoints/{id}; accounts.url_endpoints.update).
// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.
func (c *Client) AccountsURLEndpointsUpdate(ctx context.Context, id string, params any) (json.RawMessage, error) {
	return c.op(ctx, []string{id}, params, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_accounts_url_endpoints_update(p, ids[0], params, out)
	})
}

// AccountsURLEndpointsDelete deletes a URL endpoint (not the default one) (DELETE /v1/accounts/url-endpoints/{id}; accounts.url_endpoints.delete).
func (c *Client) AccountsURLEndpointsDelete(ctx context.Context, id string) (json.RawMessage, error) {
	return c.op(ctx, []string{id}, nil, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_accounts_url_endpoints_delete(p, ids[0], out)
	})
}

// AccountsWebhooksList lists the webhook endpoints (Python SDK 5.11 only) (GET /v1/accounts/webhooks; accounts.webhooks.list).
func (c *Client) AccountsWebhooksList(ctx context.Context) (json.RawMessage, error) {
	return c.op(ctx, nil, nil, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_accounts_webhooks_list(p, out)
	})
}

// AccountsWebhooksCreate creates a webhook endpoint; the answer carries its `whsec_` secret (POST /v1/accounts/webhooks; accounts.webhooks.create).
// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.
func (c *Client) AccountsWebhooksCreate(ctx context.Context, params any) (json.RawMessage, error) {
	return c.op(ctx, nil, params, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_accounts_webhooks_create(p, params, out)
	})
}

// AccountsWebhooksGet gets a webhook endpoint (GET /v1/accounts/webhooks/{id}; accounts.webhooks.get).
func (c *Client) AccountsWebhooksGet(ctx context.Context, id string) (json.RawMessage, error) {
	return c.op(ctx, []string{id}, nil, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_accounts_webhooks_get(p, ids[0], out)
	})
}

// AccountsWebhooksUpdate updates a webhook endpoint (`events` replaces the whole list) (PATCH /v1/accounts/webhooks/{id}; accounts.webhooks.update).
// params is a map or struct marshalled to JSON, a json.RawMessage, []byte or string sent as is, or nil.
func (c *Client) AccountsWebhooksUpdate(ctx context.Context, id string, params any) (json.RawMessage, error) {
	return c.op(ctx, []string{id}, params, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_accounts_webhooks_update(p, ids[0], params, out)
	})
}

// AccountsWebhooksDelete deletes a webhook endpoint (DELETE /v1/accounts/webhooks/{id}; accounts.webhooks.delete).
func (c *Client) AccountsWebhooksDelete(ctx context.Context, id string) (json.RawMessage, error) {
	return c.op(ctx, []string{id}, nil, func(p *C.ik_client, ids []*C.char, params *C.char, out **C.char) C.ik_status {
		return C.ik_accounts_webhooks_delete(p, ids[0], out)
	})
}

// operations lists every table-driven method: Go name, C function, Python SDK name, and its
// first result's type as reflect prints it ("" when the error is the only result).
var operations = [][4]string{
	{"AssetsList", "ik_assets_list", "assets.list", "[]imagekit.File"},
	{"FilesGet", "ik_files_get", "files.get", "*imagekit.File"},
	{"FilesUpdate", "ik_files_update", "files.update", "*imagekit.File"},
	{"FilesDelete", "ik_files_delete", "files.delete", ""},
	{"FilesCopy", "ik_files_copy", "files.copy", "json.RawMessage"},
	{"FilesMove", "ik_files_move", "files.move", "json.RawMessage"},
	{"FilesRename", "ik_files_rename", "files.rename", "json.RawMessage"},
	{"FilesBulkDelete", "ik_files_bulk_delete", "files.bulk.delete", "json.RawMessage"},
	{"FilesBulkAddTags", "ik_files_bulk_add_tags", "files.bulk.add_tags", "json.RawMessage"},
	{"FilesBulkRemoveTags", "ik_files_bulk_remove_tags", "files.bulk.remove_tags", "json.RawMessage"},
	{"FilesBulkRemoveAITags", "ik_files_bulk_remove_ai_tags", "files.bulk.remove_ai_tags", "json.RawMessage"},
	{"FilesVersionsList", "ik_files_versions_list", "files.versions.list", "json.RawMessage"},
	{"FilesVersionsGet", "ik_files_versions_get", "files.versions.get", "json.RawMessage"},
	{"FilesVersionsDelete", "ik_files_versions_delete", "files.versions.delete", "json.RawMessage"},
	{"FilesVersionsRestore", "ik_files_versions_restore", "files.versions.restore", "json.RawMessage"},
	{"FilesMetadataGet", "ik_files_metadata_get", "files.metadata.get", "*imagekit.Metadata"},
	{"FilesMetadataGetFromURL", "ik_files_metadata_get_from_url", "files.metadata.get_from_url", "*imagekit.Metadata"},
	{"CacheInvalidationNew", "ik_cache_invalidation_create", "cache.invalidation.create", "*imagekit.PurgeRequest"},
	{"CacheInvalidationGet", "ik_cache_invalidation_get", "cache.invalidation.get", "*imagekit.PurgeStatus"},
	{"FoldersNew", "ik_folders_create", "folders.create", "json.RawMessage"},
	{"FoldersDelete", "ik_folders_delete", "folders.delete", "json.RawMessage"},
	{"FoldersCopy", "ik_folders_copy", "folders.copy", "json.RawMessage"},
	{"FoldersMove", "ik_folders_move", "folders.move", "json.RawMessage"},
	{"FoldersRename", "ik_folders_rename", "folders.rename", "json.RawMessage"},
	{"FoldersJobGet", "ik_folders_job_get", "folders.job.get", "json.RawMessage"},
	{"CustomMetadataFieldsNew", "ik_custom_metadata_fields_create", "custom_metadata_fields.create", "json.RawMessage"},
	{"CustomMetadataFieldsList", "ik_custom_metadata_fields_list", "custom_metadata_fields.list", "json.RawMessage"},
	{"CustomMetadataFieldsUpdate", "ik_custom_metadata_fields_update", "custom_metadata_fields.update", "json.RawMessage"},
	{"CustomMetadataFieldsDelete", "ik_custom_metadata_fields_delete", "custom_metadata_fields.delete", "json.RawMessage"},
	{"SavedExtensionsList", "ik_saved_extensions_list", "saved_extensions.list", "json.RawMessage"},
	{"SavedExtensionsNew", "ik_saved_extensions_create", "saved_extensions.create", "json.RawMessage"},
	{"SavedExtensionsGet", "ik_saved_extensions_get", "saved_extensions.get", "json.RawMessage"},
	{"SavedExtensionsUpdate", "ik_saved_extensions_update", "saved_extensions.update", "json.RawMessage"},
	{"SavedExtensionsDelete", "ik_saved_extensions_delete", "saved_extensions.delete", "json.RawMessage"},
	{"NamedTransformationsList", "ik_named_transformations_list", "named_transformations.list", "json.RawMessage"},
	{"NamedTransformationsNew", "ik_named_transformations_create", "named_transformations.create", "json.RawMessage"},
	{"NamedTransformationsGet", "ik_named_transformations_get", "named_transformations.get", "json.RawMessage"},
	{"NamedTransformationsUpdate", "ik_named_transformations_update", "named_transformations.update", "json.RawMessage"},
	{"NamedTransformationsDelete", "ik_named_transformations_delete", "named_transformations.delete", "json.RawMessage"},
	{"AccountsUsageGet", "ik_accounts_usage_get", "accounts.usage.get", "json.RawMessage"},
	{"AccountsUsageAnalyticsGet", "ik_accounts_usage_analytics_get", "accounts.usage_analytics.get", "json.RawMessage"},
	{"AccountsOriginsList", "ik_accounts_origins_list", "accounts.origins.list", "json.RawMessage"},
	{"AccountsOriginsNew", "ik_accounts_origins_create", "accounts.origins.create", "json.RawMessage"},
	{"AccountsOriginsGet", "ik_accounts_origins_get", "accounts.origins.get", "json.RawMessage"},
	{"AccountsOriginsUpdate", "ik_accounts_origins_update", "accounts.origins.update", "json.RawMessage"},
	{"AccountsOriginsDelete", "ik_accounts_origins_delete", "accounts.origins.delete", "json.RawMessage"},
	{"AccountsURLEndpointsList", "ik_accounts_url_endpoints_list", "accounts.url_endpoints.list", "json.RawMessage"},
	{"AccountsURLEndpointsNew", "ik_accounts_url_endpoints_create", "accounts.url_endpoints.create", "json.RawMessage"},
	{"AccountsURLEndpointsGet", "ik_accounts_url_endpoints_get", "accounts.url_endpoints.get", "json.RawMessage"},
	{"AccountsURLEndpointsUpdate", "ik_accounts_url_endpoints_update", "accounts.url_endpoints.update", "json.RawMessage"},
	{"AccountsURLEndpointsDelete", "ik_accounts_url_endpoints_delete", "accounts.url_endpoints.delete", "json.RawMessage"},
	{"AccountsWebhooksList", "ik_accounts_webhooks_list", "accounts.webhooks.list", "json.RawMessage"},
	{"AccountsWebhooksCreate", "ik_accounts_webhooks_create", "accounts.webhooks.create", "json.RawMessage"},
	{"AccountsWebhooksGet", "ik_accounts_webhooks_get", "accounts.webhooks.get", "json.RawMessage"},
	{"AccountsWebhooksUpdate", "ik_accounts_webhooks_update", "accounts.webhooks.update", "json.RawMessage"},
	{"AccountsWebhooksDelete", "ik_accounts_webhooks_delete", "accounts.webhooks.delete", "json.RawMessage"},
}
