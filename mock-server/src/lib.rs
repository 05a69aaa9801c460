//! A local ImageKit-compatible server (skeleton; being filled in).
