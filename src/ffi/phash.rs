//! C surface: phash.
