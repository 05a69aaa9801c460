//! pHash Hamming distance.
