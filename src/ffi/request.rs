//! C surface: request.
