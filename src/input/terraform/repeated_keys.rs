//! Repeated object keys, as Terraform accepts them (`{ port = 80, port = 81 }`: the last value wins)
//! while hcl-edit's parser refuses them: renamed to parse, folded back after.

use super::*;

/// Suffix given to a repeated object key so that hcl-edit, which rejects repeated keys, parses an
/// object Terraform accepts (`{ port = 80, port = 81 }`, the last one wins); removed again after.
const REPEATED_KEY: &str = "__tollgate_repeated_";

/// Parses HCL as Terraform does: an object constructor may repeat a key and the last value wins
/// (hcl-edit refuses it). Returns the body and, when keys had to be renamed to parse, the text the
/// body's spans refer to (same lines; columns after a renamed key on its line shift).
pub(super) fn parse_hcl(text: &str) -> Result<(Body, Option<String>), hcl_edit::parser::Error> {
    let mut patched: Option<String> = None;
    for n in 0.. {
        let current = patched.as_deref().unwrap_or(text);
        match hcl_edit::parser::parse_body(current) {
            Ok(mut body) => {
                if patched.is_some() {
                    hcl_edit::visit_mut::VisitMut::visit_body_mut(&mut LastKeyWins, &mut body);
                }
                return Ok((body, patched));
            }
            Err(e) if n < 10_000 && e.message().contains("redefined object key") => {
                let at = e.location().offset();
                let Some(end) = key_end(current, at) else {
                    return Err(e);
                };
                let mut next = current.to_string();
                next.insert_str(end, &format!("{REPEATED_KEY}{n}"));
                patched = Some(next);
            }
            Err(e) => return Err(e),
        }
    }
    unreachable!("the loop returns")
}

/// Where the object key starting at byte `at` ends: after an identifier, or before the closing
/// quote of a quoted key (so the suffix lands inside the string).
fn key_end(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    if let Some(quoted) = rest.strip_prefix('"') {
        let mut escaped = false;
        for (i, c) in quoted.char_indices() {
            match c {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => return Some(at + 1 + i),
                _ => escaped = false,
            }
        }
        return None;
    }
    let len = rest
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == '-'))
        .map_or(rest.len(), |(i, _)| i);
    (len > 0).then_some(at + len)
}

/// Folds renamed repeated keys back into their object, the last value winning.
struct LastKeyWins;

impl hcl_edit::visit_mut::VisitMut for LastKeyWins {
    fn visit_object_mut(&mut self, node: &mut hcl_edit::expr::Object) {
        hcl_edit::visit_mut::visit_object_mut(self, node);
        let renamed = |k: &hcl_edit::expr::ObjectKey| match k {
            hcl_edit::expr::ObjectKey::Ident(i) => i.as_str().contains(REPEATED_KEY),
            hcl_edit::expr::ObjectKey::Expression(e) => {
                e.as_str().is_some_and(|s| s.contains(REPEATED_KEY))
            }
        };
        if !node.iter().any(|(k, _)| renamed(k)) {
            return;
        }
        let items = std::mem::take(node);
        for (key, value) in items {
            let key = match key {
                hcl_edit::expr::ObjectKey::Ident(i) if i.as_str().contains(REPEATED_KEY) => {
                    let original = i.as_str().split(REPEATED_KEY).next().unwrap_or_default();
                    hcl_edit::expr::ObjectKey::Ident(hcl_edit::Decorated::new(
                        hcl_edit::Ident::new_unchecked(original),
                    ))
                }
                hcl_edit::expr::ObjectKey::Expression(e)
                    if e.as_str().is_some_and(|s| s.contains(REPEATED_KEY)) =>
                {
                    let original = e
                        .as_str()
                        .and_then(|s| s.split(REPEATED_KEY).next())
                        .unwrap_or_default()
                        .to_string();
                    hcl_edit::expr::ObjectKey::Expression(Expression::from(original))
                }
                other => other,
            };
            // An existing key keeps its place and takes the later value: the last one wins.
            node.insert(key, value);
        }
    }
}
