//! Mapping a rule result to a source line and a resource address, through the document's own
//! location index and resource lookups: no format knowledge here.

use crate::input::{Document, PathSeg, Span};
use regorus::Value;

pub struct Location {
    pub span: Span,
    pub resource: String,
}

pub fn locate(doc: &Document, object: Option<&Value>, message: &str) -> Location {
    let hint_path = object.and_then(|o| path_of(&o["path"]).or_else(|| path_of(&o["_loc"])));
    if let Some(path) = hint_path {
        if let Some((span, _)) = doc.locations.lookup(&path) {
            return Location {
                span,
                resource: doc.resource_at(&path),
            };
        }
    }
    if let Some(line) = object.and_then(|o| {
        o["_loc"]["line"]
            .as_u64()
            .or_else(|_| o["_loc"]["row"].as_u64())
            .ok()
    }) {
        let line = line as u32;
        return Location {
            span: Span::new(line, 1, line),
            resource: doc.default_resource(),
        };
    }
    if let Some(address) = object.and_then(|o| o["resource"].as_string().ok()) {
        if let Some((resource, span)) = doc.find_resource(|a| a == address.as_ref()) {
            return Location { span, resource };
        }
        return Location {
            span: doc.span,
            resource: address.to_string(),
        };
    }
    // A bare string: the first resource the message names, else the document.
    if let Some((resource, span)) = doc.find_resource(|a| mentions(message, a)) {
        return Location { span, resource };
    }
    Location {
        span: Span::new(doc.span.line, doc.span.column.max(1), doc.span.end_line),
        resource: doc.default_resource(),
    }
}

/// Does `message` mention `address` as a whole word (so `aws_s3_bucket.a` does not match `.ab`)?
fn mentions(message: &str, address: &str) -> bool {
    message.match_indices(address).any(|(i, _)| {
        let after = message[i + address.len()..].chars().next();
        !after.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-')
    })
}

fn path_of(v: &Value) -> Option<Vec<PathSeg>> {
    let Value::Array(items) = v else { return None };
    items
        .iter()
        .map(|i| match i {
            Value::String(s) => Some(PathSeg::Key(s.to_string())),
            Value::Number(_) => i.as_u64().ok().map(|n| PathSeg::Index(n as usize)),
            _ => None,
        })
        .collect()
}
