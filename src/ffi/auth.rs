//! C surface: auth.
