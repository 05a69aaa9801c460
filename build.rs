//! Generates `include/imagekit.h` from `src/ffi` with cbindgen.
//!
//! The header is always written to `$OUT_DIR/imagekit.h`. The committed copy in `include/` is
//! rewritten only when its bytes differ, and never when `CI` or `IMAGEKIT_NO_HEADER_WRITE` is
//! set: there `tests/header.rs` compares the two and fails on drift.

use std::env;
use std::fs;
use std::path::PathBuf;

fn main() {
    let crate_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap());
    println!("cargo:rerun-if-changed=src/ffi");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=CI");
    println!("cargo:rerun-if-env-changed=IMAGEKIT_NO_HEADER_WRITE");

    let major = env::var("CARGO_PKG_VERSION_MAJOR").unwrap();
    let minor = env::var("CARGO_PKG_VERSION_MINOR").unwrap();
    let patch = env::var("CARGO_PKG_VERSION_PATCH").unwrap();
    let version = env::var("CARGO_PKG_VERSION").unwrap();
    let macros = format!(
        "\n#define IK_VERSION_MAJOR {major}\n#define IK_VERSION_MINOR {minor}\n#define IK_VERSION_PATCH {patch}\n\
         #define IK_VERSION_STRING \"{version}\"\n\
         /** Version as one number: major * 10000 + minor * 100 + patch. */\n\
         #define IK_VERSION_NUMBER ((IK_VERSION_MAJOR * 10000) + (IK_VERSION_MINOR * 100) + IK_VERSION_PATCH)\n"
    );

    let config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).expect("cbindgen.toml");
    let bindings = cbindgen::Builder::new()
        .with_crate(&crate_dir)
        .with_config(config)
        .with_after_include(macros)
        .generate()
        .expect("cbindgen could not generate include/imagekit.h");

    let mut bytes = Vec::new();
    bindings.write(&mut bytes);
    fs::write(out_dir.join("imagekit.h"), &bytes).expect("write OUT_DIR/imagekit.h");

    let may_write = env::var_os("CI").is_none() && env::var_os("IMAGEKIT_NO_HEADER_WRITE").is_none();
    let committed = crate_dir.join("include").join("imagekit.h");
    if may_write && fs::read(&committed).ok().as_deref() != Some(&bytes[..]) {
        fs::create_dir_all(crate_dir.join("include")).expect("create include/");
        fs::write(&committed, &bytes).expect("write include/imagekit.h");
    }
}
