//! A small subset of ImageKit's Lucene-like `searchQuery` language.
//!
//! ```text
//! query := or
//! or    := and ("OR" and)*
//! and   := unary ("AND" unary)*
//! unary := "NOT" unary | "(" query ")" | field op value | field ["NOT"] "IN" "[" value ("," value)* "]"
//! op    := "=" | "!=" | ":" | ">" | ">=" | "<" | "<="
//! value := "string" | 'string' | number | word (true, false, 7d, 1mb, …)
//! ```
//! Fields: `name`, `tags`, `size`, `height`, `width`, `createdAt`, `updatedAt`, `type`,
//! `fileType`, `format`, `mime`, `path` (folder; `:` also matches sub-folders), `filePath`,
//! `fileId`, `isPrivateFile`/`private`, `isPublished`/`published`, `description`,
//! `customMetadata.<key>`. `=` is exact, `:` is a case-insensitive substring match (for
//! `tags`, both mean "has the tag"). Sizes accept `kb`/`mb`/`gb` (1024-based); dates accept ISO
//! 8601 or a relative age (`30m`, `12h`, `7d`, `2w`): `createdAt > "7d"` means "in the last 7
//! days". Keywords are case-insensitive.

use crate::util::{now_ms, parse_iso8601};
use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Str(String),
    Op(&'static str),
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
}

fn tokenize(s: &str) -> Result<Vec<Tok>, String> {
    let c: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        match ch {
            ' ' | '\t' | '\r' | '\n' => i += 1,
            '(' => {
                out.push(Tok::LParen);
                i += 1
            }
            ')' => {
                out.push(Tok::RParen);
                i += 1
            }
            '[' => {
                out.push(Tok::LBracket);
                i += 1
            }
            ']' => {
                out.push(Tok::RBracket);
                i += 1
            }
            ',' => {
                out.push(Tok::Comma);
                i += 1
            }
            '"' | '\'' => {
                let mut v = String::new();
                i += 1;
                loop {
                    match c.get(i) {
                        None => return Err("unterminated string".into()),
                        Some('\\') => {
                            v.push(*c.get(i + 1).ok_or("unterminated string")?);
                            i += 2;
                        }
                        Some(&q) if q == ch => {
                            i += 1;
                            break;
                        }
                        Some(&x) => {
                            v.push(x);
                            i += 1
                        }
                    }
                }
                out.push(Tok::Str(v));
            }
            '=' => {
                out.push(Tok::Op("="));
                i += 1
            }
            ':' => {
                out.push(Tok::Op(":"));
                i += 1
            }
            '!' if c.get(i + 1) == Some(&'=') => {
                out.push(Tok::Op("!="));
                i += 2
            }
            '>' | '<' => {
                let eq = c.get(i + 1) == Some(&'=');
                out.push(Tok::Op(match (ch, eq) {
                    ('>', true) => ">=",
                    ('>', false) => ">",
                    ('<', true) => "<=",
                    _ => "<",
                }));
                i += if eq { 2 } else { 1 };
            }
            x if x.is_alphanumeric() || "_.-+".contains(x) => {
                let start = i;
                while i < c.len() && (c[i].is_alphanumeric() || "_.-+".contains(c[i])) {
                    i += 1;
                }
                out.push(Tok::Word(c[start..i].iter().collect()));
            }
            x => return Err(format!("unexpected character {x:?}")),
        }
    }
    Ok(out)
}

/// A literal in a query.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Lit {
    Str(String),
    Word(String),
}

impl Lit {
    fn text(&self) -> &str {
        match self {
            Lit::Str(s) | Lit::Word(s) => s,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Cmp {
        field: String,
        op: &'static str,
        value: Lit,
    },
    In {
        field: String,
        values: Vec<Lit>,
        negated: bool,
    },
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn keyword(&self, kw: &str) -> bool {
        matches!(self.peek(), Some(Tok::Word(w)) if w.eq_ignore_ascii_case(kw))
    }

    fn or(&mut self) -> Result<Expr, String> {
        let mut e = self.and()?;
        while self.keyword("OR") {
            self.pos += 1;
            e = Expr::Or(Box::new(e), Box::new(self.and()?));
        }
        Ok(e)
    }

    fn and(&mut self) -> Result<Expr, String> {
        let mut e = self.unary()?;
        while self.keyword("AND") {
            self.pos += 1;
            e = Expr::And(Box::new(e), Box::new(self.unary()?));
        }
        Ok(e)
    }

    fn value(&mut self) -> Result<Lit, String> {
        match self.next() {
            Some(Tok::Str(s)) => Ok(Lit::Str(s)),
            Some(Tok::Word(w)) => Ok(Lit::Word(w)),
            t => Err(format!("expected a value, found {t:?}")),
        }
    }

    fn unary(&mut self) -> Result<Expr, String> {
        if self.keyword("NOT") {
            self.pos += 1;
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        if self.peek() == Some(&Tok::LParen) {
            self.pos += 1;
            let e = self.or()?;
            if self.next() != Some(Tok::RParen) {
                return Err("missing )".into());
            }
            return Ok(e);
        }
        let field = match self.next() {
            Some(Tok::Word(w)) => w,
            t => return Err(format!("expected a field name, found {t:?}")),
        };
        check_field(&field)?;
        let mut negated = false;
        if self.keyword("NOT") {
            self.pos += 1;
            negated = true;
            if !self.keyword("IN") {
                return Err("expected IN after NOT".into());
            }
        }
        if self.keyword("IN") {
            self.pos += 1;
            if self.next() != Some(Tok::LBracket) {
                return Err("expected [ after IN".into());
            }
            let mut values = vec![self.value()?];
            loop {
                match self.next() {
                    Some(Tok::Comma) => values.push(self.value()?),
                    Some(Tok::RBracket) => break,
                    t => return Err(format!("expected , or ], found {t:?}")),
                }
            }
            return Ok(Expr::In { field, values, negated });
        }
        let op = match self.next() {
            Some(Tok::Op(op)) => op,
            t => return Err(format!("expected an operator after {field}, found {t:?}")),
        };
        let value = self.value()?;
        if matches!(op, ">" | ">=" | "<" | "<=") && !(is_number_field(&field) || is_date_field(&field)) {
            return Err(format!("{op} does not apply to {field}"));
        }
        if is_number_field(&field) && size_value(value.text()).is_none() {
            return Err(format!("{field} needs a number, got {:?}", value.text()));
        }
        if is_date_field(&field) && date_value(value.text()).is_none() {
            return Err(format!("{field} needs a date, got {:?}", value.text()));
        }
        Ok(Expr::Cmp { field, op, value })
    }
}

const FIELDS: [&str; 17] = [
    "name",
    "tags",
    "size",
    "height",
    "width",
    "createdAt",
    "updatedAt",
    "type",
    "fileType",
    "format",
    "mime",
    "path",
    "filePath",
    "fileId",
    "isPrivateFile",
    "isPublished",
    "description",
];

fn canonical(field: &str) -> &str {
    match field {
        "private" => "isPrivateFile",
        "published" => "isPublished",
        f => f,
    }
}

fn check_field(f: &str) -> Result<(), String> {
    let f = canonical(f);
    if FIELDS.contains(&f) || f.strip_prefix("customMetadata.").is_some_and(|k| !k.is_empty()) {
        Ok(())
    } else {
        Err(format!("unknown field {f:?}"))
    }
}

fn is_number_field(f: &str) -> bool {
    matches!(f, "size" | "height" | "width")
}

fn is_date_field(f: &str) -> bool {
    matches!(f, "createdAt" | "updatedAt")
}

/// `123`, `1.5`, `10kb`, `2mb`, `1gb` (1024-based).
fn size_value(s: &str) -> Option<f64> {
    let l = s.trim().to_ascii_lowercase();
    let (num, mult) = [
        ("kb", 1024.0),
        ("mb", 1024.0 * 1024.0),
        ("gb", 1024.0 * 1024.0 * 1024.0),
        ("b", 1.0),
    ]
    .iter()
    .find_map(|(suf, m)| l.strip_suffix(suf).map(|n| (n.trim().to_string(), *m)))
    .unwrap_or((l.clone(), 1.0));
    num.parse::<f64>().ok().filter(|v| v.is_finite()).map(|v| v * mult)
}

/// ISO 8601, epoch milliseconds, or a relative age (`30m`, `12h`, `7d`, `2w`) → epoch ms.
fn date_value(s: &str) -> Option<i64> {
    let t = s.trim();
    if let Some(ms) = parse_iso8601(t) {
        return Some(ms);
    }
    let unit = t.chars().last()?;
    let n: i64 = t[..t.len() - 1].parse().ok()?;
    let ms = match unit {
        's' => 1000,
        'm' => 60_000,
        'h' => 3_600_000,
        'd' => 86_400_000,
        'w' => 7 * 86_400_000,
        _ => return t.parse::<i64>().ok(),
    };
    Some(now_ms() - n * ms)
}

/// Parses a query; `Err` explains what is wrong.
pub(crate) fn parse(q: &str) -> Result<Expr, String> {
    let toks = tokenize(q)?;
    if toks.is_empty() {
        return Err("empty query".into());
    }
    let mut p = Parser { toks, pos: 0 };
    let e = p.or()?;
    if p.pos < p.toks.len() {
        return Err(format!("unexpected {:?}", p.toks[p.pos]));
    }
    Ok(e)
}

/// Whether the query mentions `field` (e.g. `type`, which lets folders into the results).
pub(crate) fn mentions(e: &Expr, field: &str) -> bool {
    match e {
        Expr::And(a, b) | Expr::Or(a, b) => mentions(a, field) || mentions(b, field),
        Expr::Not(a) => mentions(a, field),
        Expr::Cmp { field: f, .. } | Expr::In { field: f, .. } => canonical(f) == field,
    }
}

/// The values a record exposes to queries.
pub(crate) trait Searchable {
    /// A field's value(s): strings, numbers (as JSON), booleans. Empty when the field does not
    /// apply.
    fn values(&self, field: &str) -> Vec<Value>;
}

fn value_matches(field: &str, op: &str, have: &Value, want: &Lit) -> bool {
    let w = want.text();
    if is_date_field(field) {
        let (Some(h), Some(w)) = (have.as_str().and_then(parse_iso8601), date_value(w)) else {
            return false;
        };
        return compare(op, h as f64, w as f64);
    }
    match have {
        Value::Number(n) => {
            let (Some(h), Some(w)) = (n.as_f64(), size_value(w)) else {
                return false;
            };
            compare(op, h, w)
        }
        Value::Bool(b) => match op {
            "=" | ":" => w.eq_ignore_ascii_case(&b.to_string()),
            "!=" => !w.eq_ignore_ascii_case(&b.to_string()),
            _ => false,
        },
        Value::String(s) => match op {
            "=" => s == w,
            "!=" => s != w,
            ":" => s.to_lowercase().contains(&w.to_lowercase()),
            _ => false,
        },
        _ => false,
    }
}

fn compare(op: &str, h: f64, w: f64) -> bool {
    match op {
        "=" | ":" => h == w,
        "!=" => h != w,
        ">" => h > w,
        ">=" => h >= w,
        "<" => h < w,
        "<=" => h <= w,
        _ => false,
    }
}

/// Evaluates a query against a record.
pub(crate) fn eval(e: &Expr, r: &dyn Searchable) -> bool {
    match e {
        Expr::And(a, b) => eval(a, r) && eval(b, r),
        Expr::Or(a, b) => eval(a, r) || eval(b, r),
        Expr::Not(a) => !eval(a, r),
        Expr::In { field, values, negated } => {
            let f = canonical(field);
            let have = r.values(f);
            let any = values.iter().any(|v| have.iter().any(|h| value_matches(f, "=", h, v)));
            any != *negated
        }
        Expr::Cmp { field, op, value } => {
            let f = canonical(field);
            let have = r.values(f);
            if *op == "!=" {
                // "does not have": true when no value equals it.
                return !have.iter().any(|h| value_matches(f, "=", h, value));
            }
            if f == "path" && *op == ":" {
                let want = crate::store::normalize_folder(value.text());
                return have.iter().any(|h| h.as_str().is_some_and(|p| p.starts_with(&want)));
            }
            if f == "path" {
                let want = crate::store::normalize_folder(value.text());
                return have.iter().any(|h| h.as_str() == Some(want.as_str()));
            }
            have.iter().any(|h| value_matches(f, op, h, value))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    struct R(Vec<(&'static str, Vec<Value>)>);
    impl Searchable for R {
        fn values(&self, f: &str) -> Vec<Value> {
            self.0
                .iter()
                .find(|(k, _)| *k == f)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        }
    }

    fn rec() -> R {
        R(vec![
            ("name", vec![json!("red-shoe.jpg")]),
            ("tags", vec![json!("sale"), json!("summer")]),
            ("size", vec![json!(2048)]),
            ("createdAt", vec![json!(crate::util::iso8601(now_ms() - 3_600_000))]),
            ("isPrivateFile", vec![json!(false)]),
            ("path", vec![json!("/shop/shoes/")]),
            ("customMetadata.brand", vec![json!("Nike")]),
        ])
    }

    fn q(s: &str) -> bool {
        eval(&parse(s).unwrap_or_else(|e| panic!("{s}: {e}")), &rec())
    }

    #[test]
    fn evaluates() {
        assert!(q(r#"name = "red-shoe.jpg""#));
        assert!(!q(r#"name = "red""#));
        assert!(q(r#"name : "RED""#));
        assert!(q(r#"tags IN ["winter", "sale"]"#));
        assert!(!q(r#"tags NOT IN ["sale"]"#));
        assert!(q(r#"tags = "summer" AND size > 1000"#));
        assert!(q(r#"size > "1kb" and size <= 2kb"#));
        assert!(!q("size > 1mb"));
        assert!(q(r#"createdAt > "1d" AND createdAt < "2100-01-01""#));
        assert!(!q(r#"createdAt > "30m""#));
        assert!(q("private = false"));
        assert!(q(r#"NOT (name = "x" OR tags = "y")"#));
        assert!(q(r#"path : "/shop" AND path = "/shop/shoes""#));
        assert!(!q(r#"path = "/shop""#));
        assert!(q(r#"customMetadata.brand = "Nike""#));
        assert!(q(r#"tags != "winter""#));
        assert!(!q(r#"height > 10"#)); // field absent
    }

    #[test]
    fn rejects() {
        for bad in [
            "",
            "name",
            r#"name = "x"#,
            r#"colour = "red""#,
            "size > big",
            r#"name > "a""#,
            r#"tags IN "a""#,
            r#"(name = "a""#,
            r#"name = "a" junk"#,
            r#"createdAt > "soon""#,
            "name = a ^",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert!(mentions(&parse(r#"type = "folder" OR name = "x""#).unwrap(), "type"));
    }
}
