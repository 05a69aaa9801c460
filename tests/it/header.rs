//! The committed header must be exactly what cbindgen generates from src/ (the C layer), must compile on
//! its own as C11 and as C++17, must define only `ik_`/`IK_` names, and the library must export
//! only `ik_`-prefixed symbols.

use crate::support::{self, lib_dir, repo_dir, scratch};
use std::process::Command;

const GENERATED: &str = include_str!(concat!(env!("OUT_DIR"), "/imagekit.h"));

#[test]
fn committed_header_matches_generated() {
    let committed = std::fs::read_to_string(repo_dir().join("include/imagekit.h")).expect("include/imagekit.h exists");
    assert!(
        committed == GENERATED,
        "include/imagekit.h is stale: run `cargo build` (outside CI) and commit the regenerated header"
    );
}

fn syntax_check(compiler: &str, std: &str, ext: &str) {
    let dir = scratch(&format!("header-{compiler}"));
    let src = dir.join(format!("only_header.{ext}"));
    std::fs::write(
        &src,
        "#include \"imagekit.h\"\nint main(void) { return IK_STATUS_OK; }\n",
    )
    .unwrap();
    let out = Command::new(compiler)
        .args([std, "-Wall", "-Wextra", "-Wpedantic", "-Werror", "-fsyntax-only"])
        .arg(format!("-I{}", repo_dir().join("include").display()))
        .arg(&src)
        .output()
        .expect("compiler runs");
    assert!(
        out.status.success(),
        "{compiler} {std}:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn header_compiles_alone_as_c11() {
    syntax_check("gcc", "-std=c11", "c");
}

#[test]
fn header_compiles_alone_as_cpp17() {
    syntax_check("g++", "-std=c++17", "cpp");
}

#[test]
fn exports_only_ik_symbols() {
    support::ensure_cdylib();
    let so = lib_dir().join("libimagekit.so");
    let out = Command::new("nm")
        .args(["-D", "--defined-only"])
        .arg(&so)
        .output()
        .expect("nm");
    assert!(out.status.success(), "nm failed on {}", so.display());
    let text = String::from_utf8_lossy(&out.stdout);
    let mut exported = Vec::new();
    for line in text.lines() {
        let mut parts = line.split_whitespace();
        let (_addr, kind, name) = (parts.next(), parts.next(), parts.next());
        if let (Some(kind), Some(name)) = (kind, name) {
            if kind == "T" {
                exported.push(name.to_string());
            }
        }
    }
    assert!(
        exported.iter().any(|s| s == "ik_client_new"),
        "ik_client_new not exported"
    );
    let stray: Vec<_> = exported.iter().filter(|s| !s.starts_with("ik_")).collect();
    assert!(stray.is_empty(), "exported symbols without the ik_ prefix: {stray:?}");
}

/// Every file cbindgen read for this build (with a hash of its bytes then), as build.rs
/// recorded it: `<fnv1a64 hex> <absolute path>` per line.
const HEADER_INPUTS: &str = include_str!(concat!(env!("OUT_DIR"), "/header-inputs"));

/// FNV-1a, 64 bits, the same fingerprint build.rs records.
fn fnv1a64(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn rust_files_under(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files_under(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The header is generated from src/ and cbindgen.toml only (so the Rust core, another crate,
/// cannot leak into it), from every file of src/, and from their current contents: if a file cbindgen
/// read has changed since, build.rs did not rerun and the header compared above is stale.
#[test]
fn header_inputs_are_the_c_layer_and_current() {
    let repo = repo_dir().canonicalize().unwrap();
    let ffi = repo.join("src");
    let mut read = Vec::new();
    for line in HEADER_INPUTS.lines() {
        let (hash, path) = line.split_once(' ').expect("`<hash> <path>` lines");
        let path = std::path::PathBuf::from(path);
        assert!(
            path.starts_with(&ffi) || path == repo.join("cbindgen.toml"),
            "cbindgen read {} (outside src/): the header must come from the C surface alone",
            path.display()
        );
        let now = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(
            format!("{:016x}", fnv1a64(&now)),
            hash,
            "{} changed after the header was generated (build.rs did not rerun)",
            path.display()
        );
        read.push(path);
    }
    let mut ffi_files = Vec::new();
    rust_files_under(&ffi, &mut ffi_files);
    assert!(ffi_files.len() > 5, "src/ has only {ffi_files:?}");
    for f in ffi_files {
        let f = f.canonicalize().unwrap();
        assert!(
            read.contains(&f),
            "cbindgen did not read {}: is it a module of src/lib.rs?",
            f.display()
        );
    }
}

/// C names the header defines at file scope: macros, functions, globals, typedefs, struct /
/// enum / union tags and enum constants, each with what it is. Parameter and field names are
/// scoped and not listed.
fn defined_names(header: &str) -> Vec<(&'static str, String)> {
    let mut names = Vec::new();
    let text = strip_comments(header).replace("\\\n", " ");
    let mut code = String::new();
    for line in text.lines() {
        let line = line.trim_start();
        if let Some(directive) = line.strip_prefix('#') {
            let mut words = directive
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .filter(|w| !w.is_empty());
            if words.next() == Some("define") {
                names.push(("macro", words.next().expect("#define NAME").to_string()));
            }
        } else {
            code.push_str(line);
            code.push('\n');
        }
    }
    let tokens = tokenize(&code);
    let (mut decl, mut depth, mut extern_blocks, mut i) = (Vec::new(), 0usize, 0usize, 0);
    while i < tokens.len() {
        let t = tokens[i].as_str();
        if depth == 0 && decl.is_empty() && t == "extern" && tokens.get(i + 1).is_some_and(|s| s.starts_with('"')) {
            // extern "C" { ... } (C++ only): its contents count as file scope.
            i += 2;
            if tokens.get(i).map(String::as_str) == Some("{") {
                extern_blocks += 1;
                i += 1;
            }
            continue;
        }
        if depth == 0 && t == "}" && extern_blocks > 0 && decl.is_empty() {
            extern_blocks -= 1;
            i += 1;
            continue;
        }
        match t {
            "{" => depth += 1,
            "}" => depth -= 1,
            _ => {}
        }
        if depth == 0 && t == ";" {
            declaration_names(&decl, &mut names);
            decl.clear();
        } else {
            decl.push(tokens[i].clone());
        }
        i += 1;
    }
    assert!(
        decl.is_empty() && depth == 0,
        "unterminated declaration at the end of the header: {decl:?}"
    );
    names
}

fn is_ident(t: &str) -> bool {
    t.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
}

/// The names one file-scope declaration (tokens up to its `;`) defines.
fn declaration_names(decl: &[String], names: &mut Vec<(&'static str, String)>) {
    // Drop __attribute__((...)) groups, then collect tags and enum constants while cutting every
    // brace body out, so what remains is the declarator part.
    let mut outer: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < decl.len() {
        let t = decl[i].as_str();
        if t == "__attribute__" {
            let mut parens = 0;
            i += 1;
            while i < decl.len() {
                match decl[i].as_str() {
                    "(" => parens += 1,
                    ")" => parens -= 1,
                    _ => {}
                }
                i += 1;
                if parens == 0 {
                    break;
                }
            }
            continue;
        }
        if matches!(t, "struct" | "enum" | "union") && decl.get(i + 1).is_some_and(|n| is_ident(n)) {
            names.push(("tag", decl[i + 1].clone()));
        }
        if t == "{" {
            let is_enum = outer.iter().rev().take(4).any(|w| *w == "enum");
            let (mut depth, mut item_start) = (0, true);
            while i < decl.len() {
                match decl[i].as_str() {
                    "{" => depth += 1,
                    "}" => depth -= 1,
                    "," if depth == 1 => item_start = true,
                    w if is_enum && depth == 1 && item_start && is_ident(w) => {
                        names.push(("enum constant", w.to_string()));
                        item_start = false;
                    }
                    _ => {}
                }
                i += 1;
                if depth == 0 {
                    break;
                }
            }
            outer.push("{}");
            continue;
        }
        outer.push(t);
        i += 1;
    }
    let outer: Vec<&str> = match outer.iter().position(|t| *t == "=") {
        Some(eq) => outer[..eq].to_vec(),
        None => outer,
    };
    if outer.is_empty() {
        return;
    }
    // A function pointer declarator `( * name )`, or the name before the first `(`.
    let pointer_name = outer
        .windows(4)
        .find(|w| w[0] == "(" && w[1] == "*" && is_ident(w[2]) && w[3] == ")");
    let first_paren = outer.iter().position(|t| *t == "(");
    let is_typedef = outer[0] == "typedef";
    let (kind, name) = if let Some(w) = pointer_name {
        (if is_typedef { "typedef" } else { "global" }, w[2])
    } else if let (Some(p), false) = (first_paren, is_typedef) {
        ("function", outer[p.checked_sub(1).expect("a name before `(`")])
    } else {
        // `struct tag;` / `enum tag [: type] { ... };` declare only the tag, recorded above.
        if matches!(outer[0], "struct" | "enum" | "union") && (outer.len() == 2 || outer.last() == Some(&"{}")) {
            return;
        }
        let last = outer.iter().rev().find(|t| is_ident(t)).expect("a declarator");
        (if is_typedef { "typedef" } else { "global" }, *last)
    };
    names.push((kind, name.to_string()));
}

/// Removes /* */ and // comments (keeping line breaks), leaving string literals alone.
fn strip_comments(src: &str) -> String {
    let (mut out, mut chars) = (String::new(), src.chars().peekable());
    while let Some(c) = chars.next() {
        match c {
            '"' | '\'' => {
                out.push(c);
                while let Some(d) = chars.next() {
                    out.push(d);
                    if d == '\\' {
                        out.extend(chars.next());
                    } else if d == c {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut prev = ' ';
                for d in chars.by_ref() {
                    if d == '\n' {
                        out.push('\n');
                    }
                    if prev == '*' && d == '/' {
                        break;
                    }
                    prev = d;
                }
                out.push(' ');
            }
            '/' if chars.peek() == Some(&'/') => {
                for d in chars.by_ref() {
                    if d == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Identifiers/numbers, string literals (one token each) and single punctuation characters.
fn tokenize(code: &str) -> Vec<String> {
    let (mut tokens, mut chars) = (Vec::new(), code.chars().peekable());
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut tok = c.to_string();
        if c.is_alphanumeric() || c == '_' {
            while let Some(&d) = chars.peek().filter(|d| d.is_alphanumeric() || **d == '_') {
                tok.push(d);
                chars.next();
            }
        } else if c == '"' {
            while let Some(d) = chars.next() {
                tok.push(d);
                if d == '\\' {
                    tok.extend(chars.next());
                } else if d == '"' {
                    break;
                }
            }
        }
        tokens.push(tok);
    }
    tokens
}

/// Names without the `ik_` / `IK_` prefix (the include guard aside).
fn unprefixed(names: &[(&'static str, String)]) -> Vec<String> {
    let mut leaks: Vec<String> = names
        .iter()
        .filter(|(_, n)| !(n.starts_with("ik_") || n.starts_with("IK_") || n == "IMAGEKIT_H"))
        .map(|(kind, n)| format!("{kind} {n}"))
        .collect();
    leaks.sort();
    leaks.dedup();
    leaks
}

#[test]
fn header_defines_only_prefixed_names() {
    let names = defined_names(GENERATED);
    for (kind, want) in [
        ("macro", "IMAGEKIT_H"),
        ("macro", "IK_VERSION_NUMBER"),
        ("tag", "ik_status"),
        ("enum constant", "IK_STATUS_OK"),
        ("enum constant", "IK_STATUS_PANIC"),
        ("enum constant", "IK_LOG_LEVEL_DEBUG"),
        ("typedef", "ik_status"),
        ("tag", "ik_client"),
        ("typedef", "ik_client"),
        ("typedef", "ik_progress_callback"),
        ("function", "ik_client_new"),
        ("function", "ik_url"),
        ("function", "ik_version"),
    ] {
        assert!(
            names.iter().any(|(k, n)| *k == kind && n == want),
            "the parser missed {kind} {want}: {names:?}"
        );
    }
    let leaks = unprefixed(&names);
    assert!(
        leaks.is_empty(),
        "include/imagekit.h defines names without the ik_/IK_ prefix: {leaks:?}"
    );
}

/// The prefix check finds a leak of every kind, and nothing in comments, parameters or fields.
#[test]
fn prefix_check_reports_every_kind_of_leak() {
    let header = r#"
#ifndef IMAGEKIT_H
#define IMAGEKIT_H
#include <stdint.h>
#define IK_FINE 1
#define LEAK_MACRO 1
#define LEAK_FN_MACRO(x) \
    ((x) + 1)
/* #define NOT_A_LEAK 1 */
// typedef int not_a_leak_either;
enum leak_enum
#if defined(__cplusplus)
  : uint32_t
#endif
 {
  IK_FINE_VARIANT = 0,
  LEAK_VARIANT = 1,
};
typedef struct leak_struct leak_struct;
typedef struct ik_named { int field_is_scoped; const char *name; } leak_typedef;
typedef int (*leak_callback)(void *userdata, uint64_t sent);
typedef int ik_array[4];
#ifdef __cplusplus
extern "C" {
#endif
int leak_function(const struct ik_client *client, const char *text);
const char *ik_fine_function(void) __attribute__((deprecated("use ik_other")));
extern const char *leak_global;
extern int (*leak_hook)(int);
static const int leak_const = 3;
#ifdef __cplusplus
}  // extern "C"
#endif
#endif
"#;
    let leaks = unprefixed(&defined_names(header));
    let want = [
        "enum constant LEAK_VARIANT",
        "function leak_function",
        "global leak_const",
        "global leak_global",
        "global leak_hook",
        "macro LEAK_FN_MACRO",
        "macro LEAK_MACRO",
        "tag leak_enum",
        "tag leak_struct",
        "typedef leak_callback",
        "typedef leak_struct",
        "typedef leak_typedef",
    ];
    assert_eq!(leaks, want);
}
