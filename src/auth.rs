//! Client-side upload authentication parameters (token, expire, signature).
