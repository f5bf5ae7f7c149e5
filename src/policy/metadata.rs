//! Rule metadata from OPA's `# METADATA` annotation blocks.
//!
//! regorus parses Rego but does not expose annotations, so the comment block is read here as
//! YAML. Standard keys (`title`, `description`, `related_resources`) keep their OPA meaning;
//! tollgate's own keys live under `custom`.

use crate::input::Locations;
use crate::input::yaml;
use regorus::Value;
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
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

/// Reads the first `# METADATA` block of a policy file. `Ok(None)` when there is none.
pub fn parse(text: &str) -> Result<Option<RuleMeta>, (u32, String)> {
    let mut lines = text.lines().enumerate();
    let Some((start, _)) = lines.find(|(_, l)| l.trim() == "# METADATA") else {
        return Ok(None);
    };
    let mut yaml_text = String::new();
    for (_, line) in text.lines().enumerate().skip(start + 1) {
        let trimmed = line.trim_start();
        let Some(rest) = trimmed.strip_prefix('#') else {
            break;
        };
        yaml_text.push_str(rest.strip_prefix(' ').unwrap_or(rest));
        yaml_text.push('\n');
    }
    let first_line = start as u32 + 2;
    let docs = yaml::parse_stream(&yaml_text).map_err(|e| {
        (
            first_line + e.line - 1,
            format!("invalid METADATA block: {}", e.message),
        )
    })?;
    let Some(doc) = docs.first() else {
        return Ok(None);
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
    Ok(Some(RuleMeta {
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
    }))
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
    fn bad_severity_is_an_error_with_line() {
        let err = parse("package x\n# METADATA\n# custom:\n#   severity: huge\n").unwrap_err();
        assert_eq!(err.0, 3);
    }
}
