//! C surface: upload.
