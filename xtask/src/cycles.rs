//! The import-cycle check of `codegen --check`: within each crate, no module may depend on a
//! module that depends back on it, so every crate reads from leaves up.
//!
//! A module is a source file; it depends on every module a path in it names (`use` trees and
//! paths in code: `crate::a::b`, `super::x`, `self::x`, or a child module's name), resolved to
//! the longest prefix that is a module. Test modules (`#[cfg(test)] mod … { … }`) are left out:
//! tests may look anywhere. The one cycle the grammar forces is allowed and named here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// (crate source folder, the modules of a cycle it may have, why).
const ALLOWED: &[(&str, &[&str], &str)] = &[(
    "crates/core/src",
    &["modern/layers", "modern/transform"],
    "an overlay layer holds transformation steps, and a step may hold an overlay",
)];

/// The crates whose modules are checked.
pub const CRATES: &[&str] = &[
    "src",
    "crates/core/src",
    "crates/ops/src",
    "crates/cli/src",
    "mock-server/src",
    "xtask/src",
];

type Module = Vec<String>;

/// Every cycle in the crates under `root`, as problems (empty when there is none but the allowed).
pub fn run(root: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for dir in CRATES {
        for cycle in cycles(&root.join(dir)) {
            let names: BTreeSet<String> = cycle.iter().map(name).collect();
            let allowed = ALLOWED
                .iter()
                .any(|(d, mods, _)| d == dir && names == mods.iter().map(|m| m.to_string()).collect());
            if !allowed {
                let list: Vec<String> = names.into_iter().collect();
                problems.push(format!(
                    "import cycle in {dir}: {} depend on each other (move what they share into a module both use)",
                    list.join(", ")
                ));
            }
        }
    }
    problems
}

fn name(m: &Module) -> String {
    if m.is_empty() {
        "<crate root>".to_string()
    } else {
        m.join("/")
    }
}

/// The strongly connected components of more than one module in the crate at `src`.
pub fn cycles(src: &Path) -> Vec<Vec<Module>> {
    let mut files = Vec::new();
    collect(src, &mut files);
    let modules: BTreeMap<Module, PathBuf> = files
        .into_iter()
        .map(|f| {
            let rel = f.strip_prefix(src).expect("under src").with_extension("");
            let mut m: Module = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
            if matches!(m.last().map(String::as_str), Some("mod" | "lib" | "main")) {
                m.pop();
            }
            (m, f)
        })
        .collect();
    let mut edges: BTreeMap<&Module, BTreeSet<&Module>> = BTreeMap::new();
    for (m, file) in &modules {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let targets = edges.entry(m).or_default();
        for path in paths(&tokens(&text)) {
            if let Some(t) = resolve(&modules, m, &path) {
                if t != m {
                    targets.insert(t);
                }
            }
        }
    }
    strongly_connected(&edges)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The module a path names, from module `m`: the longest prefix that is a module.
fn resolve<'a>(modules: &'a BTreeMap<Module, PathBuf>, m: &Module, path: &[String]) -> Option<&'a Module> {
    let (mut base, rest): (Module, &[String]) = match path.first().map(String::as_str) {
        Some("crate") => (Vec::new(), &path[1..]),
        Some("self") => (m.clone(), &path[1..]),
        Some("super") => {
            let mut base = m.clone();
            let mut rest = path;
            while rest.first().map(String::as_str) == Some("super") {
                base.pop();
                rest = &rest[1..];
            }
            (base, rest)
        }
        Some(first) => {
            let mut child = m.clone();
            child.push(first.to_string());
            if !modules.contains_key(&child) {
                return None;
            }
            (m.clone(), path)
        }
        None => return None,
    };
    let start = base.len();
    base.extend(rest.iter().cloned());
    (start..=base.len())
        .rev()
        .find_map(|n| modules.get_key_value(&base[..n]).map(|(k, _)| k))
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Path, // `::`
    Punct(char),
}

/// The tokens that matter for paths: identifiers, `::` and punctuation, with comments, string
/// and char literals, lifetimes and `#[cfg(test)]` modules left out.
fn tokens(text: &str) -> Vec<Tok> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            i += 2;
            while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                i += 1;
            }
            i += 2;
        } else if c == b'r' && matches!(b.get(i + 1), Some(b'"' | b'#')) && !prev_is_ident(b, i) {
            // A raw string: r"…" or r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&b'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&b'"') {
                i += 1;
                continue;
            }
            j += 1;
            let close: Vec<u8> = std::iter::once(b'"').chain(std::iter::repeat_n(b'#', hashes)).collect();
            while j < b.len() && !b[j..].starts_with(&close) {
                j += 1;
            }
            i = j + close.len();
        } else if c == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
        } else if c == b'\'' {
            // A char literal ('x', '\n', '\u{..}') or a lifetime ('a).
            if b.get(i + 1) == Some(&b'\\') {
                i += 2;
                while i < b.len() && b[i] != b'\'' {
                    i += 1;
                }
                i += 1;
            } else if b.get(i + 2) == Some(&b'\'') {
                i += 3;
            } else {
                let ch_len = text[i + 1..].chars().next().map_or(1, char::len_utf8);
                if b.get(i + 1 + ch_len) == Some(&b'\'') {
                    i += 2 + ch_len;
                } else {
                    i += 1;
                    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                        i += 1;
                    }
                }
            }
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let s = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            out.push(Tok::Ident(text[s..i].to_string()));
        } else if c == b':' && b.get(i + 1) == Some(&b':') {
            out.push(Tok::Path);
            i += 2;
        } else {
            if !c.is_ascii_whitespace() {
                out.push(Tok::Punct(c as char));
            }
            i += 1;
        }
    }
    drop_test_modules(out)
}

fn prev_is_ident(b: &[u8], i: usize) -> bool {
    i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')
}

/// Removes `#[cfg(test)] mod name { … }`.
fn drop_test_modules(toks: Vec<Tok>) -> Vec<Tok> {
    let ident = |t: &Tok, s: &str| matches!(t, Tok::Ident(x) if x == s);
    let mut out = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        let is_test_mod = i + 8 < toks.len()
            && toks[i] == Tok::Punct('#')
            && toks[i + 1] == Tok::Punct('[')
            && ident(&toks[i + 2], "cfg")
            && toks[i + 3] == Tok::Punct('(')
            && ident(&toks[i + 4], "test")
            && toks[i + 5] == Tok::Punct(')')
            && toks[i + 6] == Tok::Punct(']')
            && ident(&toks[i + 7], "mod")
            && toks.get(i + 9) == Some(&Tok::Punct('{'));
        if !is_test_mod {
            out.push(toks[i].clone());
            i += 1;
            continue;
        }
        let mut depth = 0;
        i += 9;
        while i < toks.len() {
            match toks[i] {
                Tok::Punct('{') => depth += 1,
                Tok::Punct('}') => {
                    depth -= 1;
                    if depth == 0 {
                        i += 1;
                        break;
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }
    out
}

/// Every path: each leaf of every `use` tree, and every `a::b…` elsewhere.
fn paths(toks: &[Tok]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if matches!(&toks[i], Tok::Ident(x) if x == "use") {
            i = use_tree(toks, i + 1, &[], &mut out);
            continue;
        }
        if let Tok::Ident(first) = &toks[i] {
            if toks.get(i + 1) == Some(&Tok::Path) && !(i > 0 && toks[i - 1] == Tok::Path) {
                let mut path = vec![first.clone()];
                let mut j = i + 1;
                while toks.get(j) == Some(&Tok::Path) {
                    match toks.get(j + 1) {
                        Some(Tok::Ident(x)) => path.push(x.clone()),
                        _ => break,
                    }
                    j += 2;
                }
                out.push(path);
                i = j;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Reads one use tree at `i` under `prefix`; returns the index after it.
fn use_tree(toks: &[Tok], mut i: usize, prefix: &[String], out: &mut Vec<Vec<String>>) -> usize {
    let mut path = prefix.to_vec();
    loop {
        match toks.get(i) {
            Some(Tok::Ident(x)) if x == "as" => {
                i += 2;
                break;
            }
            Some(Tok::Ident(x)) => {
                path.push(x.clone());
                i += 1;
            }
            Some(Tok::Path) => i += 1,
            Some(Tok::Punct('{')) => {
                i += 1;
                while let Some(t) = toks.get(i) {
                    match t {
                        Tok::Punct('}') => {
                            i += 1;
                            break;
                        }
                        Tok::Punct(',') => i += 1,
                        _ => i = use_tree(toks, i, &path, out),
                    }
                }
                return i;
            }
            Some(Tok::Punct('*')) => {
                i += 1;
                break;
            }
            _ => break,
        }
    }
    out.push(path);
    i
}

/// Tarjan's algorithm; components of two or more modules.
fn strongly_connected(edges: &BTreeMap<&Module, BTreeSet<&Module>>) -> Vec<Vec<Module>> {
    struct State<'a> {
        index: BTreeMap<&'a Module, usize>,
        low: BTreeMap<&'a Module, usize>,
        stack: Vec<&'a Module>,
        on_stack: BTreeSet<&'a Module>,
        out: Vec<Vec<Module>>,
    }
    fn visit<'a>(v: &'a Module, edges: &BTreeMap<&'a Module, BTreeSet<&'a Module>>, s: &mut State<'a>) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        for &w in edges.get(v).into_iter().flatten() {
            if !s.index.contains_key(w) {
                visit(w, edges, s);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(lw);
            } else if s.on_stack.contains(w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                comp.push(w.clone());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                s.out.push(comp);
            }
        }
    }
    let mut s = State {
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for &v in edges.keys() {
        if !s.index.contains_key(v) {
            visit(v, edges, &mut s);
        }
    }
    s.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(files: &[(&str, &str)]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-cycles-{}-{}", std::process::id(), files.len()));
        let _ = std::fs::remove_dir_all(&dir);
        for (rel, text) in files {
            let p = dir.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        dir
    }

    #[test]
    fn finds_a_cycle_through_use_trees_super_and_the_crate_root() {
        let dir = tree(&[
            ("lib.rs", "pub mod a;\npub mod b;\npub use a::Thing;\n"),
            ("a.rs", "use crate::b::{helper, Other as O};\npub struct Thing;\n"),
            ("b/mod.rs", "pub mod c;\npub use c::Inner;\npub fn helper() {}\n"),
            (
                "b/c.rs",
                "// crate::a::Thing in a comment\nfn f() { let _ = \"crate::a\"; super::super::a::Thing; }\n",
            ),
        ]);
        let found = cycles(&dir);
        let names: Vec<Vec<String>> = found.iter().map(|c| c.iter().map(name).collect()).collect();
        assert_eq!(
            names,
            vec![vec!["a".to_string(), "b".into(), "b/c".into()]],
            "{names:?}"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn comments_strings_lifetimes_and_test_modules_make_no_edge() {
        let dir = tree(&[
            ("lib.rs", "pub mod a;\npub mod b;\n"),
            ("a.rs", "use crate::b::x;\n"),
            (
                "b.rs",
                "pub fn x<'a>(s: &'a str) -> char { let _ = r#\"crate::a\"#; /* crate::a */ 'a' }\n\
                 #[cfg(test)]\nmod tests { use crate::a; }\n",
            ),
        ]);
        assert!(cycles(&dir).is_empty());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_repository_has_no_cycle_but_the_named_one() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        assert_eq!(run(root), Vec::<String>::new());
        // The allowed cycle is still there (else drop it from ALLOWED) and named in its module doc.
        let core = cycles(&root.join("crates/core/src"));
        assert_eq!(core.len(), 1, "{core:?}");
        let doc = std::fs::read_to_string(root.join("crates/core/src/modern/mod.rs")).unwrap();
        assert!(
            doc.contains("layers") && doc.contains("cycle"),
            "modern/mod.rs names the cycle"
        );
    }
}
