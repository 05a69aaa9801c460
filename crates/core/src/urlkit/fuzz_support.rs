//! Entry points into this module's private JSON scanner for the fuzz targets (`fuzz/`) and
//! their differential checks. Not part of the C surface and not meant for other callers.

use super::json::{Parser, Value, MAX_DEPTH};

/// A JSON document as the scanner reads it, duplicates and number literals kept as they are.
#[derive(Debug, Clone, PartialEq)]
pub enum Tree {
    Null,
    Bool(bool),
    /// The literal text.
    Number(String),
    String(String),
    Array(Vec<Tree>),
    /// Members in document order, repeated keys included.
    Object(Vec<(String, Tree)>),
}

/// A value read by the scanner's own shallow reader ([`Parser::value`]), which validates nested
/// containers without decoding them.
#[derive(Debug, Clone, PartialEq)]
pub struct Shallow {
    pub type_name: &'static str,
    /// Python truthiness as the options reader decides it (`signed`, `expire_seconds`).
    pub truthy: bool,
}

/// Walks `text` with the scanner's streaming API (the calls the options reader makes: keys,
/// elements and scalar values, with their fast paths), to the end of the document.
pub fn walk(text: &str) -> Result<Tree, String> {
    let mut p = Parser::new(text);
    let t = tree(&mut p, 0).map_err(|e| e.message.clone())?;
    p.finish().map_err(|e| e.message.clone())?;
    Ok(t)
}

/// Reads `text` as one value with [`Parser::document`] (nested containers validated, not walked).
pub fn shallow(text: &str) -> Result<Shallow, String> {
    Parser::document(text)
        .map(|v| Shallow {
            type_name: v.type_name(),
            truthy: v.truthy(),
        })
        .map_err(|e| e.message.clone())
}

fn tree(p: &mut Parser<'_>, depth: usize) -> crate::error::Result<Tree> {
    match p.peek_value() {
        Some(b'{') if depth < MAX_DEPTH => {
            p.begin_object()?;
            let mut first = true;
            let mut members = Vec::new();
            while let Some(k) = p.next_key(&mut first)? {
                let v = tree(p, depth + 1)?;
                members.push((k.into_owned(), v));
            }
            Ok(Tree::Object(members))
        }
        Some(b'[') if depth < MAX_DEPTH => {
            p.begin_array()?;
            let mut first = true;
            let mut items = Vec::new();
            while p.next_element(&mut first)? {
                items.push(tree(p, depth + 1)?);
            }
            Ok(Tree::Array(items))
        }
        _ => Ok(match p.value(depth)? {
            Value::Null => Tree::Null,
            Value::Bool(b) => Tree::Bool(b),
            Value::Number(n) => Tree::Number(n.to_string()),
            Value::String(s) => Tree::String(s.into_owned()),
            // Only at the depth limit: the scanner refuses to go deeper.
            Value::Array(_) | Value::Object(_) => unreachable!("containers beyond the depth limit are errors"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_and_reads_shallowly() {
        assert_eq!(
            walk(r#" {"a": [1, "x\n", null], "a": {"b": true}} "#).unwrap(),
            Tree::Object(vec![
                (
                    "a".into(),
                    Tree::Array(vec![Tree::Number("1".into()), Tree::String("x\n".into()), Tree::Null])
                ),
                ("a".into(), Tree::Object(vec![("b".into(), Tree::Bool(true))])),
            ])
        );
        assert!(walk("[1,]").is_err());
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert!(walk(&deep).is_err() && shallow(&deep).is_err());
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(walk(&ok).is_ok() && shallow(&ok).is_ok());
        assert_eq!(
            shallow("[]").unwrap(),
            Shallow {
                type_name: "an array",
                truthy: false
            }
        );
    }
}
