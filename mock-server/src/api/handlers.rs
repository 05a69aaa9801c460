//! Which handler serves which row of the operation table, by the row's Python-SDK name.

use super::ctx::Handler;
use super::{
    accounts, bulk, crud, custom_fields, file_ops, files, folders, metadata, named_transformations, origins, purge,
};
use super::{saved_extensions, url_endpoints, versions, webhooks};

/// The handler of the row named `py`; `None` means the mock lacks the operation (501).
pub(crate) fn handler(py: &str) -> Option<Handler> {
    use crud::{create, delete, get, list, update};
    use named_transformations::NamedTransformations as Nt;
    use origins::Origins;
    use saved_extensions::SavedExtensions as Ext;
    use url_endpoints::UrlEndpoints as Ue;
    use webhooks::Webhooks as Wh;
    Some(match py {
        "assets.list" => files::list,
        "files.get" => files::details,
        "files.update" => files::update,
        "files.delete" => files::delete,
        "files.copy" => file_ops::copy,
        "files.move" => file_ops::move_file,
        "files.rename" => file_ops::rename,
        "files.bulk.delete" => bulk::delete,
        "files.bulk.add_tags" => bulk::add_tags,
        "files.bulk.remove_tags" => bulk::remove_tags,
        "files.bulk.remove_ai_tags" => bulk::remove_ai_tags,
        "files.versions.list" => versions::list,
        "files.versions.get" => versions::get,
        "files.versions.delete" => versions::delete,
        "files.versions.restore" => versions::restore,
        "files.metadata.get" => metadata::file,
        "files.metadata.get_from_url" => metadata::remote,
        "cache.invalidation.create" => purge::create,
        "cache.invalidation.get" => purge::status,
        "folders.create" => folders::create,
        "folders.delete" => folders::delete,
        "folders.copy" => folders::copy,
        "folders.move" => folders::move_folder,
        "folders.rename" => folders::rename,
        "folders.job.get" => folders::job,
        "custom_metadata_fields.create" => custom_fields::create,
        "custom_metadata_fields.list" => custom_fields::list,
        "custom_metadata_fields.update" => custom_fields::update,
        "custom_metadata_fields.delete" => custom_fields::delete,
        "saved_extensions.list" => list::<Ext>,
        "saved_extensions.create" => create::<Ext>,
        "saved_extensions.get" => get::<Ext>,
        "saved_extensions.update" => update::<Ext>,
        "saved_extensions.delete" => delete::<Ext>,
        "named_transformations.list" => list::<Nt>,
        "named_transformations.create" => create::<Nt>,
        "named_transformations.get" => get::<Nt>,
        "named_transformations.update" => update::<Nt>,
        "named_transformations.delete" => delete::<Nt>,
        "accounts.usage.get" => accounts::usage,
        "accounts.usage_analytics.get" => accounts::usage_analytics,
        "accounts.origins.list" => list::<Origins>,
        "accounts.origins.create" => create::<Origins>,
        "accounts.origins.get" => get::<Origins>,
        "accounts.origins.update" => update::<Origins>,
        "accounts.origins.delete" => delete::<Origins>,
        "accounts.url_endpoints.list" => list::<Ue>,
        "accounts.url_endpoints.create" => create::<Ue>,
        "accounts.url_endpoints.get" => get::<Ue>,
        "accounts.url_endpoints.update" => update::<Ue>,
        "accounts.url_endpoints.delete" => delete::<Ue>,
        "accounts.webhooks.list" => list::<Wh>,
        "accounts.webhooks.create" => create::<Wh>,
        "accounts.webhooks.get" => get::<Wh>,
        "accounts.webhooks.update" => update::<Wh>,
        "accounts.webhooks.delete" => delete::<Wh>,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_row_has_a_handler() {
        let missing: Vec<&str> = imagekit_ops::OPS
            .iter()
            .map(|o| o.py)
            .filter(|py| super::handler(py).is_none())
            .collect();
        assert!(missing.is_empty(), "rows without a handler: {missing:?}");
    }
}
