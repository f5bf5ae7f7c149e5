//! Parsed input documents and where their values came from.
//!
//! Each input format has its own module that turns file text into [`Document`]s: a JSON-shaped
//! [`Value`] plus a [`Locations`] index from value paths to source positions. This module owns the
//! shared types and the dispatch on [`Format`]; it never looks at policies.

pub mod kubernetes;
pub mod plan;
pub mod terraform;
pub mod yaml;

use regorus::Value;
use std::collections::HashMap;
use std::sync::Arc;

/// The input formats tollgate understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// A `.tf` or `.tf.json` configuration file.
    Terraform,
    /// A Kubernetes manifest document (YAML or JSON).
    Kubernetes,
    /// The JSON output of `terraform show -json`.
    TerraformPlan,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Terraform => "terraform",
            Format::Kubernetes => "kubernetes",
            Format::TerraformPlan => "terraform-plan",
        }
    }
}

/// A position in a source file: 1-based line and column, plus the last line the item spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
}

impl Span {
    pub fn new(line: u32, column: u32, end_line: u32) -> Self {
        Span {
            line,
            column,
            end_line: end_line.max(line),
        }
    }
}

/// One step of a path into a document: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PathSeg {
    Key(String),
    Index(usize),
}

/// Maps value paths (the arrays Rego's `walk` yields) to the source span of the value.
///
/// Paths are stored as JSON pointers (`/spec/containers/0/securityContext`), which keeps the map
/// a flat `HashMap<String, Span>` without per-lookup allocation of segment vectors.
#[derive(Debug, Default, Clone)]
pub struct Locations {
    map: HashMap<String, Span>,
}

impl Locations {
    pub fn insert(&mut self, pointer: &str, span: Span) {
        self.map.insert(pointer.to_string(), span);
    }

    pub fn get(&self, pointer: &str) -> Option<Span> {
        self.map.get(pointer).copied()
    }

    /// The span of the longest prefix of `path` that has a location, and that prefix's length.
    pub fn lookup(&self, path: &[PathSeg]) -> Option<(Span, usize)> {
        let mut pointers = Vec::with_capacity(path.len() + 1);
        let mut pointer = String::new();
        pointers.push(pointer.clone());
        for seg in path {
            push_segment(&mut pointer, seg);
            pointers.push(pointer.clone());
        }
        pointers
            .iter()
            .enumerate()
            .rev()
            .find_map(|(len, p)| self.get(p).map(|span| (span, len)))
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// Appends one segment to a JSON pointer, escaping `~` and `/` as RFC 6901 requires.
pub fn push_segment(pointer: &mut String, seg: &PathSeg) {
    pointer.push('/');
    match seg {
        PathSeg::Key(k) => {
            for c in k.chars() {
                match c {
                    '~' => pointer.push_str("~0"),
                    '/' => pointer.push_str("~1"),
                    c => pointer.push(c),
                }
            }
        }
        PathSeg::Index(i) => pointer.push_str(&i.to_string()),
    }
}

/// Pushes a key segment onto a pointer and returns the previous length, to truncate back to.
pub fn push_key(pointer: &mut String, key: &str) -> usize {
    let len = pointer.len();
    push_segment(pointer, &PathSeg::Key(key.to_string()));
    len
}

pub fn push_index(pointer: &mut String, index: usize) -> usize {
    let len = pointer.len();
    pointer.push('/');
    pointer.push_str(&index.to_string());
    len
}

/// One evaluation unit: what policies see as `input`.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path relative to the repository root, with `/`.
    pub path: Arc<str>,
    pub format: Format,
    /// Position of this document in its file (multi-document YAML, `List` items).
    pub index: usize,
    pub value: Value,
    pub locations: Locations,
    /// Lines the whole document spans.
    pub span: Span,
    /// For Kubernetes: `Kind/namespace/name` (or `Kind/name`); Terraform resources are named per finding.
    pub resource: Option<String>,
    /// For Terraform: all files of the module directory merged, exposed as `data.tollgate.module`.
    pub module: Option<Arc<Value>>,
    /// The file's text (shared by its documents), for inline suppressions.
    pub source: Arc<str>,
}

/// A file the scan looked at but did not judge, and why. Counted and listed in reports.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// A file that should have been judged but could not be: the run fails closed (exit 2).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct InputError {
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl InputError {
    pub fn new(path: &str, line: u32, column: u32, message: impl Into<String>) -> Self {
        InputError {
            path: path.to_string(),
            line,
            column,
            message: message.into(),
        }
    }
}

/// What parsing one file produced.
#[derive(Debug, Default)]
pub struct Parsed {
    pub documents: Vec<Document>,
    pub skipped: Vec<Skipped>,
    pub errors: Vec<InputError>,
}

/// Number of lines in `text`, for spans that cover a whole file.
pub fn line_count(text: &str) -> u32 {
    let n = text.lines().count() as u32;
    n.max(1)
}
