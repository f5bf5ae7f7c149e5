//! Terraform plan JSON (`terraform show -json`), passed through as-is.
//!
//! Values in a plan are already resolved by Terraform, so there is nothing to evaluate here; the
//! document keeps its own line index so findings point into the plan file.

use super::yaml;
use super::{Document, Format, InputError, Locations, Parsed, Span, line_count};
use std::sync::Arc;

/// Does this JSON text look like `terraform show -json` output?
pub fn looks_like_plan(text: &str) -> bool {
    text.contains("\"format_version\"")
        && (text.contains("\"planned_values\"") || text.contains("\"resource_changes\""))
}

pub fn parse(path: &str, text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let docs = match yaml::parse_stream(text) {
        Ok(docs) => docs,
        Err(e) => {
            parsed.errors.push(InputError::new(
                path,
                e.line,
                e.column,
                format!("invalid plan JSON: {}", e.message),
            ));
            return parsed;
        }
    };
    let Some(doc) = docs.into_iter().next() else {
        parsed
            .errors
            .push(InputError::new(path, 1, 1, "empty plan file"));
        return parsed;
    };
    let mut locations = Locations::default();
    match yaml::to_value(&doc.root, &mut String::new(), &mut locations) {
        Ok(value) => parsed.documents.push(Document {
            path: Arc::from(path),
            format: Format::TerraformPlan,
            index: 0,
            value,
            locations,
            span: Span::new(1, 1, line_count(text)),
            resource: None,
            module: None,
            source: Arc::from(text),
        }),
        Err(e) => parsed
            .errors
            .push(InputError::new(path, e.line, e.column, e.message)),
    }
    parsed
}
