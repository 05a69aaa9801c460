//! The REST operations of the media library, as methods on `Client`.
