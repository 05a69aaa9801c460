//! URL generation: the seed builder (`ik_url`).
