//! Rule metadata from OPA's `# METADATA` annotation blocks.
//!
//! regorus parses Rego but does not expose annotations, so the comment block is read here as
//! YAML. Standard keys (`title`, `description`, `related_resources`) keep their OPA meaning;
//! tollgate's own keys live under `custom`.

use crate::input::Locations;
use crate::input::yaml;
use regorus::Value;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "critical" => Some(Severity::Critical),
            "high" => Some(Severity::High),
            "medium" | "moderate" => Some(Severity::Medium),
            "low" | "info" => Some(Severity::Low),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }

    /// GitHub code scanning's `security-severity` score for this level.
    pub fn score(self) -> &'static str {
        match self {
            Severity::Critical => "9.5",
            Severity::High => "8.0",
            Severity::Medium => "5.5",
            Severity::Low => "3.0",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a finding does to the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Enforcement {
    Warn,
    Block,
}

impl Enforcement {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "block" | "deny" => Some(Enforcement::Block),
            "warn" => Some(Enforcement::Warn),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Enforcement::Block => "block",
            Enforcement::Warn => "warn",
        }
    }
}

/// Metadata of one rule file.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RuleMeta {
    pub id: String,
    pub title: String,
    pub description: String,
    pub severity: Option<Severity>,
    pub enforcement: Option<Enforcement>,
    /// `enforcement: off`: an opt-in rule (its findings warn once `tollgate.toml` enables it,
    /// unless the entry says `block`).
    pub off_by_default: bool,
    pub remediation: String,
    pub references: Vec<String>,
    pub frameworks: Vec<String>,
    pub resource_types: Vec<String>,
}

impl RuleMeta {
    /// Names of the fields a built-in rule must fill in.
    pub fn missing_fields(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if self.id.is_empty() {
            missing.push("custom.id");
        }
        if self.title.is_empty() {
            missing.push("title");
        }
        if self.description.is_empty() {
            missing.push("description");
        }
        if self.severity.is_none() {
            missing.push("custom.severity");
        }
        if self.enforcement.is_none() {
            missing.push("custom.enforcement");
        }
        if self.remediation.is_empty() {
            missing.push("custom.remediation");
        }
        if self.references.is_empty() {
            missing.push("related_resources");
        }
        if self.frameworks.is_empty() {
            missing.push("custom.frameworks");
        }
        if self.resource_types.is_empty() {
            missing.push("custom.resource_types");
        }
        missing
    }
}

/// One `# METADATA` block: what it annotates, its raw annotations (as OPA exposes them to
/// `rego.metadata.rule()`), and tollgate's reading of them.
#[derive(Debug, Clone)]
pub struct Block {
    /// The rule the block stands above (`deny`, `warn_latest`), or `None` for the package.
    pub rule: Option<String>,
    /// 1-based line of the `# METADATA` marker.
    pub line: u32,
    pub annotations: Value,
    pub meta: RuleMeta,
}

/// Every `# METADATA` block of a policy file. A block directly above a rule head annotates that
/// rule (rule scope); any other block annotates the package. Each rule of a package can so
/// carry its own id, title and severity.
pub fn blocks(text: &str) -> Result<Vec<Block>, (u32, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim() != "# METADATA" {
            i += 1;
            continue;
        }
        let start = i;
        let mut yaml_text = String::new();
        i += 1;
        while i < lines.len() {
            let trimmed = lines[i].trim_start();
            let Some(rest) = trimmed.strip_prefix('#') else {
                break;
            };
            if trimmed.trim() == "# METADATA" {
                break;
            }
            yaml_text.push_str(rest.strip_prefix(' ').unwrap_or(rest));
            yaml_text.push('\n');
            i += 1;
        }
        // What follows the comment block: a rule head or the package.
        let next = lines[i..]
            .iter()
            .find(|l| !l.trim().is_empty())
            .map(|l| l.trim());
        let scope_rule = yaml_text
            .lines()
            .any(|l| l.trim() == "scope: rule" || l.trim() == "scope: document");
        let rule = next.and_then(|l| {
            if l.starts_with("package ") {
                return None;
            }
            let name: String = l
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            (!name.is_empty()
                && (scope_rule
                    || name.starts_with("deny")
                    || name.starts_with("warn")
                    || name.starts_with("violation")))
            .then_some(name)
        });
        let first_line = start as u32 + 2;
        let (annotations, meta) = read_block(&yaml_text, first_line)?;
        out.push(Block {
            rule,
            line: start as u32 + 1,
            annotations,
            meta,
        });
    }
    Ok(out)
}

/// Replaces `rego.metadata.rule()` and `rego.metadata.chain()` with the annotations they return in
/// OPA: the block of the rule the call is in (the nearest rule head above it), and the chain from
/// that rule to the package. regorus has no such builtins, so the values are written in.
pub fn inline_calls(text: &str, package: &str, blocks: &[Block]) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let package_block = blocks.iter().find(|b| b.rule.is_none());
    let mut out = String::with_capacity(text.len());
    let mut current_rule: Option<String> = None;
    for line in &lines {
        let head: String = line
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !head.is_empty() && !line.starts_with("package") && !line.starts_with("import") {
            current_rule = Some(head);
        }
        let rule_block = current_rule
            .as_deref()
            .and_then(|r| blocks.iter().find(|b| b.rule.as_deref() == Some(r)));
        // Compact, so line numbers after the call do not move.
        let json = |v: &Value| serde_json::to_string(v).unwrap_or_else(|_| "{}".into());
        let rule_annotations =
            rule_block.map_or_else(|| "{}".to_string(), |b| json(&b.annotations));
        let mut chain = Vec::new();
        let package_path: Vec<String> = std::iter::once("data".to_string())
            .chain(package.split('.').map(str::to_string))
            .collect();
        if let (Some(b), Some(rule)) = (rule_block, &current_rule) {
            let mut path = package_path.clone();
            path.push(rule.clone());
            chain.push(format!(
                "{{\"path\": {}, \"annotations\": {}}}",
                serde_json::to_string(&path).unwrap_or_default(),
                json(&b.annotations)
            ));
        }
        if let Some(b) = package_block {
            chain.push(format!(
                "{{\"path\": {}, \"annotations\": {}}}",
                serde_json::to_string(&package_path).unwrap_or_default(),
                json(&b.annotations)
            ));
        }
        let replaced = line
            .replace("rego.metadata.rule()", &rule_annotations)
            .replace("rego.metadata.chain()", &format!("[{}]", chain.join(", ")));
        out.push_str(&replaced);
        out.push('\n');
    }
    out
}

/// Reads the first `# METADATA` block of a policy file that annotates the package (else the first
/// block). `Ok(None)` when there is none.
pub fn parse(text: &str) -> Result<Option<RuleMeta>, (u32, String)> {
    let blocks = blocks(text)?;
    Ok(blocks
        .iter()
        .find(|b| b.rule.is_none())
        .or(blocks.first())
        .map(|b| b.meta.clone()))
}

/// A block's YAML as annotations and as tollgate's rule metadata.
fn read_block(yaml_text: &str, first_line: u32) -> Result<(Value, RuleMeta), (u32, String)> {
    let docs = yaml::parse_stream(yaml_text).map_err(|e| {
        (
            first_line + e.line - 1,
            format!("invalid METADATA block: {}", e.message),
        )
    })?;
    let Some(doc) = docs.first() else {
        return Ok((Value::new_object(), RuleMeta::default()));
    };
    let v =
        yaml::to_value(&doc.root, &mut String::new(), &mut Locations::default()).map_err(|e| {
            (
                first_line + e.line - 1,
                format!("invalid METADATA block: {}", e.message),
            )
        })?;
    let s = |v: &Value| {
        v.as_string()
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    let list = |v: &Value| -> Vec<String> {
        match v {
            Value::Array(a) => a.iter().map(s).filter(|x| !x.is_empty()).collect(),
            Value::String(x) => vec![x.to_string()],
            _ => Vec::new(),
        }
    };
    let custom = &v["custom"];
    let mut references: Vec<String> = match &v["related_resources"] {
        Value::Array(items) => items
            .iter()
            .map(|i| {
                if matches!(i, Value::String(_)) {
                    s(i)
                } else {
                    s(&i["ref"])
                }
            })
            .filter(|x| !x.is_empty())
            .collect(),
        _ => Vec::new(),
    };
    references.extend(list(&custom["references"]));
    let severity_text = s(&custom["severity"]);
    let severity = match severity_text.as_str() {
        "" => None,
        text => {
            Some(Severity::parse(text).ok_or((first_line, format!("unknown severity `{text}`")))?)
        }
    };
    // `off` is YAML 1.1's boolean false; accept both spellings.
    let off_by_default =
        custom["enforcement"] == Value::Bool(false) || s(&custom["enforcement"]) == "off";
    let enforcement_text = s(&custom["enforcement"]);
    let enforcement = match enforcement_text.as_str() {
        _ if off_by_default => Some(Enforcement::Warn),
        "" => None,
        text => Some(Enforcement::parse(text).ok_or((
            first_line,
            format!("unknown enforcement `{text}` (block, warn or off)"),
        ))?),
    };
    let meta = RuleMeta {
        id: s(&custom["id"]),
        title: s(&v["title"]),
        description: s(&v["description"]),
        severity,
        enforcement,
        off_by_default,
        remediation: custom["remediation"]
            .as_string()
            .map(|r| r.trim_end().to_string())
            .unwrap_or_default(),
        references,
        frameworks: list(&custom["frameworks"]),
        resource_types: list(&custom["resource_types"]),
    };
    Ok((v, meta))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_opa_annotation_block() {
        let text = "# METADATA\n# title: Privileged\n# description: Bad.\n# related_resources:\n#   - ref: https://example.com\n# custom:\n#   id: TG-1\n#   severity: high\n#   enforcement: warn\n#   remediation: |\n#     fix it\n#   frameworks: [CIS]\n#   resource_types: [Pod]\npackage x\n";
        let m = parse(text).unwrap().unwrap();
        assert_eq!(m.id, "TG-1");
        assert_eq!(m.severity, Some(Severity::High));
        assert_eq!(m.enforcement, Some(Enforcement::Warn));
        assert_eq!(m.references, ["https://example.com"]);
        assert_eq!(m.remediation, "fix it");
        assert!(m.missing_fields().is_empty());
    }

    #[test]
    fn rule_scoped_blocks_annotate_their_rule() {
        let text = "# METADATA\n# title: Package\npackage p\n\n# METADATA\n# title: First\n# custom:\n#   id: P-1\ndeny_a contains 1 if true\n\n# METADATA\n# scope: rule\n# title: Second\n# custom:\n#   id: P-2\nwarn_b contains 1 if true\n";
        let b = blocks(text).unwrap();
        let scoped: Vec<(Option<&str>, &str)> = b
            .iter()
            .map(|b| (b.rule.as_deref(), b.meta.id.as_str()))
            .collect();
        assert_eq!(
            scoped,
            [(None, ""), (Some("deny_a"), "P-1"), (Some("warn_b"), "P-2")]
        );
        assert_eq!(parse(text).unwrap().unwrap().title, "Package");
    }

    #[test]
    fn bad_severity_is_an_error_with_line() {
        let err = parse("package x\n# METADATA\n# custom:\n#   severity: huge\n").unwrap_err();
        assert_eq!(err.0, 3);
    }
}
