//! Generates `include/imagekit.h` from `src` (the C layer) with cbindgen, and gives the shared library its
//! SONAME.
//!
//! Header: cbindgen parses `src/lib.rs` and the modules it declares, nothing else, so the
//! header holds exactly the C surface (the core is another crate and never leaks into it).
//! The header is always written to `$OUT_DIR/imagekit.h`; the committed copy in `include/` is
//! rewritten only when its bytes differ, and never when `CI` or `IMAGEKIT_NO_HEADER_WRITE` is
//! set: there `tests/it/header.rs` compares the two and fails on drift. Every file cbindgen read
//! is a `rerun-if-changed` input (taken from cbindgen's own list), and `$OUT_DIR/header-inputs`
//! records each with a hash of its bytes so the drift test can tell a stale header apart.
//! `include/imagekit.h` is an input as well, so after a merge takes either side of it a plain
//! `cargo build` rewrites it.
//!
//! SONAME: on ELF targets the cdylib is linked with `-soname libimagekit.so.<major>`, so
//! `cargo build`, `cargo build --release` and `make` produce the same library, and
//! `make install` accepts any of them. A `libimagekit.so.<major> -> libimagekit.so` link next to
//! the library lets programs linked in the build tree (`-L target/<profile> -Wl,-rpath,...`)
//! find it under that name at run time.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let crate_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap());
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=Cargo.toml");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    // The directory as a whole too: a new module file counts as a change.
    println!("cargo:rerun-if-changed=src");
    // The committed copy too: after a merge takes either side of it, `cargo build` puts it right.
    println!("cargo:rerun-if-changed=include/imagekit.h");
    println!("cargo:rerun-if-env-changed=CI");
    println!("cargo:rerun-if-env-changed=IMAGEKIT_NO_HEADER_WRITE");

    let major = env::var("CARGO_PKG_VERSION_MAJOR").unwrap();
    generate_header(&crate_dir, &out_dir, &major);
    set_soname(&out_dir, &major);
    write_cffi_header(&out_dir);
}

fn generate_header(crate_dir: &Path, out_dir: &Path, major: &str) {
    let minor = env::var("CARGO_PKG_VERSION_MINOR").unwrap();
    let patch = env::var("CARGO_PKG_VERSION_PATCH").unwrap();
    let version = env::var("CARGO_PKG_VERSION").unwrap();
    let macros = format!(
        "\n#define IK_VERSION_MAJOR {major}\n#define IK_VERSION_MINOR {minor}\n#define IK_VERSION_PATCH {patch}\n\
         #define IK_VERSION_STRING \"{version}\"\n\
         /** Version as one number: major * 10000 + minor * 100 + patch. */\n\
         #define IK_VERSION_NUMBER ((IK_VERSION_MAJOR * 10000) + (IK_VERSION_MINOR * 100) + IK_VERSION_PATCH)\n\n\
         /** Marks the original SDK's function names, which the newest names replace. */\n\
         #if defined(__GNUC__) || defined(__clang__)\n\
         #define IK_DEPRECATED(note) __attribute__((deprecated(note)))\n\
         #elif defined(_MSC_VER)\n\
         #define IK_DEPRECATED(note) __declspec(deprecated(note))\n\
         #else\n\
         #define IK_DEPRECATED(note)\n\
         #endif\n"
    );

    let config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).expect("cbindgen.toml");
    let bindings = cbindgen::Builder::new()
        .with_src(crate_dir.join("src/lib.rs"))
        .with_config(config)
        .with_after_include(macros)
        .generate()
        .expect("cbindgen could not generate include/imagekit.h");

    let mut bytes = Vec::new();
    bindings.write(&mut bytes);
    let header = out_dir.join("imagekit.h");
    fs::write(&header, &bytes).expect("write OUT_DIR/imagekit.h");

    // cbindgen's depfile names every file it parsed (and cbindgen.toml).
    let depfile = out_dir.join("imagekit.h.d");
    bindings.generate_depfile(&header, &depfile);
    let deps = fs::read_to_string(&depfile).expect("read the cbindgen depfile");
    let mut paths = depfile_inputs(&deps);
    paths.sort();
    paths.dedup();
    let mut inputs = String::new();
    let mut newest_input = None;
    for path in paths.iter().map(String::as_str).chain(["build.rs", "Cargo.toml"]) {
        let modified = fs::metadata(crate_dir.join(path)).and_then(|m| m.modified()).ok();
        newest_input = newest_input.max(modified);
    }
    for path in paths {
        println!("cargo:rerun-if-changed={path}");
        let data = fs::read(&path).unwrap_or_else(|e| panic!("read {path}: {e}"));
        inputs.push_str(&format!("{:016x} {path}\n", fnv1a64(&data)));
    }
    fs::write(out_dir.join("header-inputs"), inputs).expect("write OUT_DIR/header-inputs");

    let may_write = env::var_os("CI").is_none() && env::var_os("IMAGEKIT_NO_HEADER_WRITE").is_none();
    let committed = crate_dir.join("include").join("imagekit.h");
    if may_write && fs::read(&committed).ok().as_deref() != Some(&bytes[..]) {
        fs::create_dir_all(crate_dir.join("include")).expect("create include/");
        fs::write(&committed, &bytes).expect("write include/imagekit.h");
        // It is an input too (above): dated like its newest source, not "now", so this write
        // does not make the next build run this script (and rebuild the library) once more.
        if let Some(t) = newest_input {
            let _ = fs::File::options()
                .write(true)
                .open(&committed)
                .and_then(|f| f.set_modified(t));
        }
    }
}

/// The prerequisites of a make-style depfile `target: dep \` + ` dep ...` (spaces escaped as `\ `).
fn depfile_inputs(deps: &str) -> Vec<String> {
    let body = deps.split_once(": ").map_or("", |(_, rest)| rest).replace("\\\n", " ");
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&' ') => cur.push(chars.next().unwrap()),
            c if c.is_whitespace() => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// FNV-1a, 64 bits: a stable content fingerprint (tests/it/header.rs computes the same).
fn fnv1a64(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn set_soname(out_dir: &Path, major: &str) {
    let os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let family = env::var("CARGO_CFG_TARGET_FAMILY").unwrap_or_default();
    let elf = family.split(',').any(|f| f == "unix") && !matches!(os.as_str(), "macos" | "ios" | "tvos" | "watchos");
    if !elf {
        return;
    }
    let soname = format!("libimagekit.so.{major}");
    println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,{soname}");

    // OUT_DIR is <target>/[<triple>/]<profile>/build/<pkg>-<hash>/out; the library lands in <profile>.
    let Some(profile_dir) = out_dir.ancestors().nth(3) else {
        return;
    };
    link_soname(&profile_dir.join(&soname));
}

/// `<profile>/libimagekit.so.<major> -> libimagekit.so` (relative, so it never goes stale).
#[cfg(unix)]
fn link_soname(link: &Path) {
    if fs::read_link(link).ok().as_deref() != Some(Path::new("libimagekit.so")) {
        let _ = fs::remove_file(link);
        if let Err(e) = std::os::unix::fs::symlink("libimagekit.so", link) {
            println!("cargo:warning=cannot create {}: {e}", link.display());
        }
    }
}

#[cfg(not(unix))]
fn link_soname(_link: &Path) {}

/// Writes `<target dir>/header.h`: the header as Python's cffi can read it (cffi has no
/// preprocessor), where maturin's cffi bindings look for one (bindings/python). Conditionals are
/// resolved for plain C before C23 (no C++, no compiler extensions: the `uint32_t` typedefs, an
/// empty `IK_DEPRECATED`); `#include` and `#define` lines and `IK_DEPRECATED(...)` lines go.
fn write_cffi_header(out_dir: &Path) {
    let header = fs::read_to_string(out_dir.join("imagekit.h")).expect("read OUT_DIR/imagekit.h");
    // One entry per open conditional: (its current branch is kept, some branch was taken).
    let mut branches: Vec<(bool, bool)> = Vec::new();
    let mut clean = String::new();
    const KNOWN: [&str; 5] = ["__cplusplus", "__STDC_VERSION__", "__GNUC__", "__clang__", "_MSC_VER"];
    let known = |d: &str| KNOWN.iter().any(|m| d.contains(m));
    for line in header.lines() {
        let Some(directive) = line.trim_start().strip_prefix('#') else {
            let deprecation = line.starts_with("IK_DEPRECATED(\"") && line.ends_with("\")");
            assert!(deprecation || !line.contains("IK_DEPRECATED"), "cffi header: `{line}`");
            if !deprecation && branches.iter().all(|&(kept, _)| kept) {
                clean.push_str(line);
                clean.push('\n');
            }
            continue;
        };
        let directive = directive.trim_start();
        if directive.starts_with("ifndef") && (known(directive) || directive.contains("IMAGEKIT_H")) {
            branches.push((true, true));
        } else if directive.starts_with("if") && known(directive) {
            branches.push((false, false));
        } else if directive.starts_with("elif") && known(directive) {
            let last = branches.last_mut().expect("#elif without #if in imagekit.h");
            last.0 = false;
        } else if directive.starts_with("else") {
            let last = branches.last_mut().expect("#else without #if in imagekit.h");
            *last = (!last.1, true);
        } else if directive.starts_with("endif") {
            branches.pop().expect("#endif without #if in imagekit.h");
        } else if !directive.starts_with("include") && !directive.starts_with("define") {
            panic!("the cffi header cannot resolve `#{directive}`: teach build.rs::write_cffi_header");
        }
    }
    // OUT_DIR is <target>/[<triple>/]<profile>/build/<pkg>-<hash>/out.
    let mut target_dir = out_dir.ancestors().nth(4).expect("OUT_DIR under a target directory");
    if target_dir.file_name() == env::var_os("TARGET").as_deref() {
        target_dir = target_dir.parent().expect("a target directory above the triple");
    }
    let path = target_dir.join("header.h");
    if fs::read_to_string(&path).ok().as_deref() != Some(clean.as_str()) {
        fs::write(&path, clean).expect("write <target>/header.h");
    }
}
