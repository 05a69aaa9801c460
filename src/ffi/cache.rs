//! C surface: cache.
