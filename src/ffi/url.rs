//! C surface: url.
