//! Everything tollgate knows about input formats: which files it reads ([`FileKind`]), what a
//! candidate is ([`Source`]: a file on disk or bytes with a display name, such as standard input),
//! how its format is recognised ([`Source::sniff`]), the one parse dispatch ([`load`]), and the
//! parsed [`Document`]s with their [`Locations`] index and resource lookups.
//!
//! Each format has its own module that turns text into documents. Nothing outside `input/`
//! matches on file names or document shapes; this module never looks at policies or findings.

pub mod helm;
pub mod kubernetes;
pub mod kustomize;
pub mod plan;
pub mod render;
pub mod terraform;
pub(crate) mod yaml;

mod document;
mod unit;

pub use document::*;
pub use unit::*;

use regorus::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The input families. A built-in rule belongs to one (by its package), an aggregate rule is
/// generated per family, and each document [`Format`] belongs to one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    Kubernetes,
    Terraform,
}

impl Family {
    pub const ALL: [Family; 2] = [Family::Kubernetes, Family::Terraform];

    /// The family's name: built-in packages live under `tollgate.<name>.`, built-in files under
    /// `policies/<name>...`, and the generated aggregate rule is named after it.
    pub fn name(self) -> &'static str {
        match self {
            Family::Kubernetes => "kubernetes",
            Family::Terraform => "terraform",
        }
    }

    /// The family of a built-in rule package (`tollgate.kubernetes.x`), if any.
    pub fn of_builtin_package(package: &str) -> Option<Family> {
        Family::ALL.into_iter().find(|f| {
            package
                .strip_prefix("tollgate.")
                .and_then(|rest| rest.strip_prefix(f.name()))
                .is_some_and(|rest| rest.starts_with('.'))
        })
    }

    /// The family of an embedded policy file by its path under `policies/` (`kubernetes/x.rego`,
    /// `lib/terraform_module.rego`); `None` for files every family needs.
    pub fn of_builtin_path(rest: &str) -> Option<Family> {
        let rest = rest.strip_prefix("lib/").unwrap_or(rest);
        Family::ALL.into_iter().find(|f| rest.starts_with(f.name()))
    }
}

/// The formats of parsed documents.
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

    pub fn family(self) -> Family {
        match self {
            Format::Kubernetes => Family::Kubernetes,
            Format::Terraform | Format::TerraformPlan => Family::Terraform,
        }
    }
}

/// What a file is, by its name: the only place file names are interpreted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKind {
    /// `.tf` or `.tf.json`: read with the rest of its module directory.
    Terraform,
    /// `.yaml` / `.yml`: maybe Kubernetes.
    Yaml,
    /// `.json`: maybe Kubernetes, maybe a Terraform plan.
    Json,
}

impl FileKind {
    pub fn of(name: &str) -> Option<Self> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".tf")
            || lower.ends_with(".tf.json")
            || lower.ends_with(".tofu")
            || lower.ends_with(".tofu.json")
        {
            Some(FileKind::Terraform)
        } else if lower.ends_with(".yaml") || lower.ends_with(".yml") {
            Some(FileKind::Yaml)
        } else if lower.ends_with(".json") && !lower.ends_with(".tfvars.json") {
            Some(FileKind::Json)
        } else {
            None
        }
    }

    /// The families documents of this kind of file can belong to.
    pub fn families(self) -> &'static [Family] {
        match self {
            FileKind::Terraform => &[Family::Terraform],
            FileKind::Yaml => &[Family::Kubernetes],
            // A manifest or a plan.
            FileKind::Json => &[Family::Kubernetes, Family::Terraform],
        }
    }
}

/// Where a candidate's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    /// A file to read.
    Disk(PathBuf),
    /// Bytes already in memory (standard input, a renderer's output).
    Memory(Arc<str>),
}

/// One candidate input: a display name (relative to the repository root, with `/`), where its
/// bytes come from, and its kind.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Source {
    pub rel: String,
    pub origin: Origin,
    pub kind: FileKind,
}

/// A source that could not be read as text: an error with its reason (the run fails closed).
#[derive(Debug)]
pub struct Unread(pub String);

impl Source {
    /// The file on disk, if the source is one.
    pub fn path(&self) -> Option<&Path> {
        match &self.origin {
            Origin::Disk(p) => Some(p),
            Origin::Memory(_) => None,
        }
    }

    /// The source's text, within the size limit. A leading byte-order mark is kept (U+FEFF):
    /// whether it is allowed depends on the format.
    pub fn read(&self, max: u64) -> Result<String, Unread> {
        match &self.origin {
            Origin::Disk(path) => read_text(path, max),
            Origin::Memory(text) => Ok(text.to_string()),
        }
    }
}

/// Reads a file as text within the size limit (see [`decode`]).
pub fn read_text(path: &Path, max: u64) -> Result<String, Unread> {
    let meta = std::fs::metadata(path).map_err(|e| Unread(format!("cannot read: {e}")))?;
    if meta.len() > max {
        return Err(Unread(format!(
            "file is {} bytes, over the {max}-byte limit (raise --max-file-size or --exclude it)",
            meta.len()
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| Unread(format!("cannot read: {e}")))?;
    decode(bytes).map_err(Unread)
}

/// Bytes to text as the consumers read them: UTF-8 (a byte-order mark stays as U+FEFF), or
/// UTF-16 with a byte-order mark (kubectl decodes it). Anything else is not text: a file tollgate
/// was asked to judge that it cannot read is an error, never a silent skip.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    let utf16 = |be: bool| {
        if bytes.len() % 2 != 0 {
            return Err("UTF-16 text with an odd number of bytes".to_string());
        }
        let units = bytes[2..].chunks_exact(2).map(|c| {
            if be {
                u16::from_be_bytes([c[0], c[1]])
            } else {
                u16::from_le_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map_err(|e| format!("invalid UTF-16 text: {e}"))
    };
    match bytes.get(..2) {
        Some([0xFF, 0xFE]) => return utf16(false),
        Some([0xFE, 0xFF]) => return utf16(true),
        _ => {}
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(format!(
            "binary content (a NUL byte at offset {at}), not text"
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        format!("not valid UTF-8 text (line {line}, byte offset {at}); save it as UTF-8")
    })
}

/// The text without a leading UTF-8 byte-order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The resource types and kinds the documents of these files hold, as the per-document rule
/// filter sees them ([`Document::types`]); `None` when that cannot be known up front (a path is
/// not a readable supported file, does not parse, or holds a plan, which every rule may judge).
/// Parsing, not a text search, decides: `kind: "P\x6fd"` is a Pod.
pub fn document_types(paths: &[PathBuf], max: u64) -> Option<HashSet<String>> {
    let mut types = HashSet::new();
    for path in paths {
        let name = path.file_name()?.to_string_lossy().into_owned();
        let kind = FileKind::of(&name)?;
        let source = Source {
            rel: name,
            origin: Origin::Disk(path.clone()),
            kind,
        };
        let mut files = 0;
        let settings = InputSettings {
            max_file_size: max,
            ..InputSettings::default()
        };
        let parsed = load(&Unit::File(source), &settings, &mut files);
        if !parsed.errors.is_empty() {
            return None;
        }
        for doc in &parsed.documents {
            types.extend(doc.types()?);
        }
    }
    Some(types)
}

/// The format of a standalone file's text: JSON is a plan only when its structure is a plan's.
fn sniff(kind: FileKind, text: &str) -> Format {
    if kind == FileKind::Json && plan::is_plan(text) {
        Format::TerraformPlan
    } else {
        Format::Kubernetes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification_by_name() {
        assert_eq!(FileKind::of("main.tf"), Some(FileKind::Terraform));
        assert_eq!(FileKind::of("main.tf.json"), Some(FileKind::Terraform));
        assert_eq!(FileKind::of("x.YAML"), Some(FileKind::Yaml));
        assert_eq!(FileKind::of("plan.json"), Some(FileKind::Json));
        assert_eq!(FileKind::of("prod.tfvars.json"), None);
        assert_eq!(FileKind::of("README.md"), None);
        assert_eq!(FileKind::Json.families().len(), 2);
    }

    #[test]
    fn families_of_builtin_packages_and_paths() {
        assert_eq!(
            Family::of_builtin_package("tollgate.kubernetes.privileged_container"),
            Some(Family::Kubernetes)
        );
        assert_eq!(
            Family::of_builtin_package("tollgate.terraform.aws.x"),
            Some(Family::Terraform)
        );
        assert_eq!(Family::of_builtin_package("tollgate.lib.kubernetes"), None);
        assert_eq!(Family::of_builtin_package("tollgate.kubernetesx.y"), None);
        assert_eq!(
            Family::of_builtin_path("lib/terraform_module.rego"),
            Some(Family::Terraform)
        );
        assert_eq!(Family::of_builtin_path("README.md"), None);
        assert_eq!(Format::TerraformPlan.family(), Family::Terraform);
    }

    #[test]
    fn units_group_terraform_by_directory_and_keep_memory_sources_alone() {
        let disk = |rel: &str, kind| Source {
            rel: rel.into(),
            origin: Origin::Disk(PathBuf::from("/r").join(rel)),
            kind,
        };
        let units = units(
            vec![
                disk("m/a.tf", FileKind::Terraform),
                disk("k/p.yaml", FileKind::Yaml),
                disk("m/b.tf", FileKind::Terraform),
                Source {
                    rel: "<stdin>".into(),
                    origin: Origin::Memory(Arc::from("kind: Pod")),
                    kind: FileKind::Yaml,
                },
            ],
            Path::new("/r"),
            false,
        )
        .units;
        assert_eq!(units.len(), 3);
        assert!(matches!(&units[0], Unit::Module { judge, called: false, .. } if judge.len() == 2));
        assert!(matches!(&units[2], Unit::File(s) if s.path().is_none()));
    }
}
