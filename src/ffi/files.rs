//! C surface: files.
