//! YAML (and JSON, which YAML 1.2 contains) to `Value` with a location for every node.
//!
//! Built on saphyr-parser's event stream rather than a DOM crate so that this module decides the
//! semantics that matter to a gate: plain scalars resolve the way Kubernetes reads them (YAML 1.1
//! via go-yaml: `yes`/`on`/`y` are booleans, `0755` is octal), duplicate keys are an error rather
//! than a silent "last one wins", alias expansion and nesting depth are bounded (no "billion
//! laughs", no stack overflow), and merge keys (`<<`) work as Kubernetes tooling expects.
//! It knows nothing about Kubernetes or Terraform.

use super::{Locations, Span, push_index, push_key};
use regorus::Value;
use saphyr_parser::{Event, Parser, ScalarStyle, Tag};
use std::collections::{BTreeMap, HashMap};

/// Deepest nesting accepted. Real manifests and plans stay far below; hostile input does not.
pub const MAX_DEPTH: usize = 1_000;
/// Most nodes that alias expansion may add to one file (defeats "billion laughs").
pub const MAX_ALIAS_NODES: usize = 100_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl YamlError {
    fn at(span: Span, message: impl Into<String>) -> Self {
        YamlError {
            line: span.line,
            column: span.column,
            message: message.into(),
        }
    }
}

#[derive(Debug, Clone)]
pub enum NodeKind {
    Scalar {
        value: String,
        plain: bool,
        tag: Option<String>,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Debug, Clone)]
pub struct Node {
    pub kind: NodeKind,
    pub span: Span,
    /// Number of nodes in this subtree, to charge alias expansion against its budget.
    size: usize,
}

impl Node {
    /// The string value when this node is a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    /// Looks up a key of a mapping node.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.kind {
            NodeKind::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }
}

/// The first duplicate mapping key anywhere under `node`: `(key, first span, duplicate span)`.
pub fn duplicate_key(node: &Node) -> Option<(String, Span, Span)> {
    match &node.kind {
        NodeKind::Scalar { .. } => None,
        NodeKind::Seq(items) => items.iter().find_map(duplicate_key),
        NodeKind::Map(entries) => {
            let mut seen: HashMap<&str, Span> = HashMap::new();
            for (k, v) in entries {
                if let Some(key) = k.as_str() {
                    if let Some(first) = seen.get(key) {
                        return Some((key.to_string(), *first, k.span));
                    }
                    seen.insert(key, k.span);
                }
                if let Some(found) = duplicate_key(v) {
                    return Some(found);
                }
            }
            None
        }
    }
}

/// Collects the lines inside multi-line scalars (block scalars, folded quoted strings): every
/// line after the scalar's first, so a `#` there is text, not a comment.
pub fn literal_lines(node: &Node, out: &mut Vec<(u32, u32)>) {
    match &node.kind {
        NodeKind::Scalar { .. } => {
            if node.span.end_line > node.span.line {
                out.push((node.span.line + 1, node.span.end_line));
            }
        }
        NodeKind::Seq(items) => items.iter().for_each(|i| literal_lines(i, out)),
        NodeKind::Map(entries) => entries.iter().for_each(|(k, v)| {
            literal_lines(k, out);
            literal_lines(v, out);
        }),
    }
}

/// One document of a YAML stream.
#[derive(Debug)]
pub struct YamlDocument {
    pub root: Node,
}

enum Frame {
    Seq {
        items: Vec<Node>,
        span: Span,
        anchor: usize,
    },
    Map {
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
        span: Span,
        anchor: usize,
    },
}

fn span_of(s: &saphyr_parser::Span) -> Span {
    let start = s.start;
    let end = s.end;
    // An end marker at column 0 of a later line belongs to the previous line's content.
    let mut end_line = end.line();
    if end.col() == 0 && end_line > start.line() {
        end_line -= 1;
    }
    Span::new(start.line() as u32, start.col() as u32 + 1, end_line as u32)
}

fn tag_name(tag: &Option<std::borrow::Cow<'_, Tag>>) -> Option<String> {
    tag.as_ref().map(|t| {
        let full = format!("{}{}", t.handle, t.suffix);
        // `!!bool`, `!<tag:yaml.org,2002:bool>` and a `%TAG` alias of the YAML namespace are one
        // tag to go-yaml.
        match full.strip_prefix("tag:yaml.org,2002:") {
            Some(rest) => format!("!!{rest}"),
            None if t.handle == "!!" => format!("!!{}", t.suffix),
            None => full,
        }
    })
}

/// Parses every document of a YAML stream into node trees.
pub fn parse_stream(text: &str) -> Result<Vec<YamlDocument>, YamlError> {
    let mut docs = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut alias_budget = MAX_ALIAS_NODES;
    let mut root: Option<Node> = None;

    for event in Parser::new_from_str(text) {
        let (event, marker) = event.map_err(|e| YamlError {
            line: e.marker().line() as u32,
            column: e.marker().col() as u32 + 1,
            message: e.info().to_string(),
        })?;
        let span = span_of(&marker);
        let completed = match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing => None,
            Event::DocumentStart(_) => {
                root = None;
                anchors.clear();
                None
            }
            Event::DocumentEnd => {
                if let Some(node) = root.take() {
                    docs.push(YamlDocument { root: node });
                }
                None
            }
            Event::Alias(id) => {
                let node = anchors
                    .get(&id)
                    .cloned()
                    .ok_or_else(|| YamlError::at(span, "alias refers to an unknown anchor"))?;
                if node.size > alias_budget {
                    return Err(YamlError::at(
                        span,
                        format!(
                            "alias expansion exceeds the limit of {MAX_ALIAS_NODES} nodes (a \"billion laughs\" document?)"
                        ),
                    ));
                }
                alias_budget -= node.size;
                let mut node = node;
                node.span = span;
                Some(node)
            }
            Event::Scalar(value, style, anchor, tag) => {
                let node = Node {
                    kind: NodeKind::Scalar {
                        value: value.into_owned(),
                        plain: style == ScalarStyle::Plain,
                        tag: tag_name(&tag),
                    },
                    span,
                    size: 1,
                };
                if anchor > 0 {
                    anchors.insert(anchor, node.clone());
                }
                Some(node)
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _)
                if stack.len() >= MAX_DEPTH =>
            {
                let _ = anchor;
                return Err(YamlError::at(
                    span,
                    format!("document nests deeper than {MAX_DEPTH} levels"),
                ));
            }
            Event::SequenceStart(anchor, _) => {
                stack.push(Frame::Seq {
                    items: Vec::new(),
                    span,
                    anchor,
                });
                None
            }
            Event::MappingStart(anchor, _) => {
                stack.push(Frame::Map {
                    entries: Vec::new(),
                    key: None,
                    span,
                    anchor,
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let frame = stack
                    .pop()
                    .ok_or_else(|| YamlError::at(span, "unbalanced collection end"))?;
                let (kind, mut start, anchor) = match frame {
                    Frame::Seq {
                        items,
                        span,
                        anchor,
                        ..
                    } => (NodeKind::Seq(items), span, anchor),
                    Frame::Map {
                        entries,
                        span,
                        anchor,
                        ..
                    } => (NodeKind::Map(entries), span, anchor),
                };
                let (size, last_line) = match &kind {
                    NodeKind::Seq(items) => (
                        1 + items.iter().map(|n| n.size).sum::<usize>(),
                        items.last().map(|n| n.span.end_line),
                    ),
                    NodeKind::Map(entries) => (
                        1 + entries.iter().map(|(k, v)| k.size + v.size).sum::<usize>(),
                        entries.last().map(|(_, v)| v.span.end_line),
                    ),
                    NodeKind::Scalar { .. } => (1, None),
                };
                // Block collections end where their last child ends; flow ones at their bracket.
                start.end_line = last_line.unwrap_or(start.line).max(start.line);
                if matches!(event, Event::SequenceEnd | Event::MappingEnd)
                    && span.line >= start.line
                    && span.column > 1
                {
                    start.end_line = start.end_line.max(span.line);
                }
                let node = Node {
                    kind,
                    span: start,
                    size,
                };
                if anchor > 0 {
                    anchors.insert(anchor, node.clone());
                }
                Some(node)
            }
        };
        if let Some(node) = completed {
            match stack.last_mut() {
                Some(Frame::Seq { items, .. }) => items.push(node),
                Some(Frame::Map { entries, key, .. }) => match key.take() {
                    Some(k) => entries.push((k, node)),
                    None => *key = Some(node),
                },
                None => root = Some(node),
            }
        }
    }
    if let Some(node) = root.take() {
        docs.push(YamlDocument { root: node });
    }
    Ok(docs)
}

/// Converts a node tree to a `Value`, recording the span of every node under its JSON pointer.
///
/// `pointer` is the pointer of `node`; callers converting a subtree (a `List` item) pass the
/// prefix they want its locations relative to (usually empty).
pub fn to_value(
    node: &Node,
    pointer: &mut String,
    locs: &mut Locations,
) -> Result<Value, YamlError> {
    locs.insert(pointer, node.span);
    match &node.kind {
        NodeKind::Scalar { value, plain, tag } => resolve_scalar(value, *plain, tag.as_deref())
            .map_err(|message| YamlError::at(node.span, message)),
        NodeKind::Seq(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let len = push_index(pointer, i);
                out.push(to_value(item, pointer, locs)?);
                pointer.truncate(len);
            }
            Ok(Value::from(out))
        }
        NodeKind::Map(entries) => {
            // Entries apply in document order, as go-yaml v2 (and so kubectl) applies them: a
            // merge key (`<<`) overwrites the keys set before it, and keys after it overwrite
            // what it merged. (The YAML 1.1 merge spec lets explicit keys win wherever they
            // stand; kubectl does not, and kubectl is what deploys.)
            let mut map: BTreeMap<Value, Value> = BTreeMap::new();
            let mut seen: HashMap<&str, Span> = HashMap::new();
            for (k, v) in entries {
                let key = match &k.kind {
                    NodeKind::Scalar { value, plain, tag } => {
                        if *plain && tag.is_none() && value == "<<" {
                            merge(v, &mut map, pointer, locs)?;
                            continue;
                        }
                        value.as_str()
                    }
                    _ => {
                        return Err(YamlError::at(
                            k.span,
                            "complex (non-scalar) mapping keys are not supported",
                        ));
                    }
                };
                if let Some(first) = seen.get(key) {
                    return Err(YamlError::at(
                        k.span,
                        format!(
                            "duplicate key `{key}` (first defined on line {}); Kubernetes strict decoding rejects it and a lenient one keeps only the last",
                            first.line
                        ),
                    ));
                }
                seen.insert(key, k.span);
                let len = push_key(pointer, key);
                let value = to_value(v, pointer, locs)?;
                // The key's line is where a developer edits the field: `privileged: true`.
                locs.insert(
                    pointer,
                    Span::new(k.span.line, k.span.column, v.span.end_line),
                );
                pointer.truncate(len);
                map.insert(Value::from(key), value);
            }
            Ok(Value::from(map))
        }
    }
}

/// Applies a merge key's value to `map` as go-yaml v2 does: a mapping overwrites the keys it
/// holds; a sequence of mappings is applied last to first, so earlier mappings take precedence.
fn merge(
    node: &Node,
    map: &mut BTreeMap<Value, Value>,
    pointer: &mut String,
    locs: &mut Locations,
) -> Result<(), YamlError> {
    let sources: Vec<&Node> = match &node.kind {
        NodeKind::Map(_) => vec![node],
        NodeKind::Seq(items) => items.iter().rev().collect(),
        NodeKind::Scalar { .. } => {
            return Err(YamlError::at(node.span, "merge key `<<` needs a mapping"));
        }
    };
    for source in sources {
        if !matches!(source.kind, NodeKind::Map(_)) {
            return Err(YamlError::at(source.span, "merge key `<<` needs a mapping"));
        }
        // The mapping is decoded as a whole (its own merges and duplicate checks included).
        let Value::Object(merged) = to_value(source, pointer, locs)? else {
            continue;
        };
        for (k, v) in merged.iter() {
            map.insert(k.clone(), v.clone());
        }
        if let NodeKind::Map(entries) = &source.kind {
            for (k, v) in entries {
                if let Some(key) = k.as_str() {
                    let len = push_key(pointer, key);
                    locs.insert(
                        pointer,
                        Span::new(k.span.line, k.span.column, v.span.end_line),
                    );
                    pointer.truncate(len);
                }
            }
        }
    }
    Ok(())
}

/// Resolves a scalar as go-yaml v2 (which Kubernetes' sigs.k8s.io/yaml uses) does: YAML 1.1 core.
/// A tag tollgate cannot be sure go-yaml reads the same way is an error, not a guess.
fn resolve_scalar(text: &str, plain: bool, tag: Option<&str>) -> Result<Value, String> {
    let mismatch = |tag: &str| format!("`{text}` is not a valid {tag} (Kubernetes rejects it)");
    match tag {
        None => {}
        // The non-specific tag: a string.
        Some("!") | Some("!!str") => return Ok(Value::from(text)),
        Some("!!null") => return Ok(Value::Null),
        Some("!!bool") => {
            return resolve_bool(text)
                .map(Value::from)
                .ok_or(mismatch("!!bool"));
        }
        Some("!!int") => {
            return resolve_number(text)
                .filter(|v| v.as_i64().is_ok())
                .ok_or(mismatch("!!int"));
        }
        Some("!!float") => return resolve_number(text).ok_or(mismatch("!!float")),
        Some("!!binary") => {
            // go-yaml decodes !!binary into the bytes, which sigs.k8s.io/yaml turns into a string.
            let cleaned: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            let bytes = data_encoding::BASE64
                .decode(cleaned.as_bytes())
                .map_err(|e| format!("invalid !!binary value: {e}"))?;
            return String::from_utf8(bytes).map(Value::from).map_err(|_| {
                "a !!binary value that is not text, which tollgate cannot judge".into()
            });
        }
        Some(other) => {
            return Err(format!(
                "tag `{other}`: tollgate cannot be sure how Kubernetes' YAML reader (go-yaml) resolves it; remove the tag"
            ));
        }
    }
    if !plain {
        return Ok(Value::from(text));
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Ok(Value::Null),
        _ => {}
    }
    if let Some(b) = resolve_bool(text) {
        return Ok(Value::from(b));
    }
    Ok(resolve_number(text).unwrap_or_else(|| Value::from(text)))
}

fn resolve_bool(text: &str) -> Option<bool> {
    match text {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            Some(true)
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            Some(false)
        }
        _ => None,
    }
}

fn resolve_number(text: &str) -> Option<Value> {
    let (neg, body) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    if body.is_empty() {
        return None;
    }
    let int = |digits: &str, radix: u32| -> Option<Value> {
        let cleaned: String = digits.chars().filter(|c| *c != '_').collect();
        if cleaned.is_empty() {
            return None;
        }
        let v = i128::from_str_radix(&cleaned, radix).ok()?;
        let v = if neg { -v } else { v };
        Some(match i64::try_from(v) {
            Ok(v) => Value::from(v),
            Err(_) => Value::from(v as f64),
        })
    };
    if let Some(hex) = body.strip_prefix("0x") {
        return int(hex, 16);
    }
    if let Some(bin) = body.strip_prefix("0b") {
        return int(bin, 2);
    }
    if let Some(oct) = body.strip_prefix("0o") {
        return int(oct, 8);
    }
    let bytes = body.as_bytes();
    if bytes.iter().all(|b| b.is_ascii_digit() || *b == b'_') && bytes[0].is_ascii_digit() {
        if bytes.len() > 1 && bytes[0] == b'0' {
            // YAML 1.1 octal (`0755`); go-yaml falls back to a string when it is not octal.
            return int(&body[1..], 8);
        }
        return int(body, 10);
    }
    match body {
        ".inf" | ".Inf" | ".INF" => {
            return Some(Value::from(if neg {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            }));
        }
        ".nan" | ".NaN" | ".NAN" => return Some(Value::from(text)),
        _ => {}
    }
    if is_float(body) {
        let cleaned: String = body.chars().filter(|c| *c != '_').collect();
        let v: f64 = cleaned.parse().ok()?;
        return Some(Value::from(if neg { -v } else { v }));
    }
    None
}

/// `^(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$`, go-yaml's float pattern.
fn is_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize, allow_underscore: bool| {
        let start = *i;
        while *i < b.len() && (b[*i].is_ascii_digit() || (allow_underscore && b[*i] == b'_')) {
            *i += 1;
        }
        *i > start
    };
    let mut saw_dot = false;
    if b.first() == Some(&b'.') {
        i += 1;
        saw_dot = true;
        if !digits(&mut i, false) {
            return false;
        }
    } else {
        if !digits(&mut i, true) {
            return false;
        }
        if i < b.len() && b[i] == b'.' {
            saw_dot = true;
            i += 1;
            digits(&mut i, true);
        }
    }
    let mut saw_exp = false;
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        saw_exp = true;
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        if !digits(&mut i, false) {
            return false;
        }
    }
    i == b.len() && (saw_dot || saw_exp)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_one(text: &str) -> (Value, Locations) {
        let docs = parse_stream(text).unwrap();
        let mut locs = Locations::default();
        let v = to_value(&docs[0].root, &mut String::new(), &mut locs).unwrap();
        (v, locs)
    }

    #[test]
    fn yaml_1_1_booleans_as_kubernetes_reads_them() {
        let (v, _) = parse_one("a: yes\nb: off\nc: 'yes'\nd: y\ne: True\n");
        assert_eq!(v["a"], Value::from(true));
        assert_eq!(v["b"], Value::from(false));
        assert_eq!(v["c"], Value::from("yes"));
        assert_eq!(v["d"], Value::from(true));
        assert_eq!(v["e"], Value::from(true));
    }

    #[test]
    fn numbers_octal_hex_and_floats() {
        let (v, _) = parse_one("a: 0755\nb: 0x1F\nc: 1.5\nd: 1_000\ne: 1e3\nf: '12'\ng: 08\n");
        assert_eq!(v["a"], Value::from(493));
        assert_eq!(v["b"], Value::from(31));
        assert_eq!(v["c"], Value::from(1.5));
        assert_eq!(v["d"], Value::from(1000));
        assert_eq!(v["e"], Value::from(1000.0));
        assert_eq!(v["f"], Value::from("12"));
        assert_eq!(v["g"], Value::from("08"));
    }

    #[test]
    fn locations_point_at_keys_and_items() {
        let text = "spec:\n  containers:\n    - name: app\n      securityContext:\n        privileged: true\n";
        let (_, locs) = parse_one(text);
        assert_eq!(
            locs.get("/spec/containers/0/securityContext/privileged")
                .unwrap()
                .line,
            5
        );
        assert_eq!(locs.get("/spec/containers/0").unwrap().line, 3);
        let c = locs.get("/spec/containers/0").unwrap();
        assert_eq!(c.end_line, 5);
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let docs = parse_stream("a: 1\nb: 2\na: 3\n").unwrap();
        let err =
            to_value(&docs[0].root, &mut String::new(), &mut Locations::default()).unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("duplicate key `a`"));
    }

    #[test]
    fn merge_keys_fill_missing_entries() {
        let (v, _) = parse_one("base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n");
        assert_eq!(v["m"]["x"], Value::from(1));
        assert_eq!(v["m"]["y"], Value::from(3));
    }

    #[test]
    fn billion_laughs_is_rejected() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let prev = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        let err = parse_stream(&text).unwrap_err();
        assert!(err.message.contains("alias expansion"), "{err:?}");
    }

    #[test]
    fn deep_nesting_is_rejected_without_overflow() {
        let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let err = parse_stream(&text).unwrap_err();
        assert!(
            err.message.contains("recursion limit") || err.message.contains("nests deeper"),
            "{err:?}"
        );
        let mut block = String::new();
        for depth in 0..(MAX_DEPTH + 10) {
            block.push_str(&" ".repeat(depth));
            block.push_str("k:\n");
        }
        let err = parse_stream(&block).unwrap_err();
        assert!(err.message.contains("nests deeper"), "{err:?}");
    }

    #[test]
    fn multi_document_streams() {
        let docs = parse_stream("a: 1\n---\nb: 2\n---\n").unwrap();
        // The trailing `---` opens an empty third document (a null scalar).
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[1].root.span.line, 3);
    }
}
