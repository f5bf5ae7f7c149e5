//! Aggregate rules: one generated rule per input family that collects the value of every rule
//! applying to the document, so a document is evaluated in one pass (shared helpers such as "all
//! containers" are computed once per document, not once per rule).
//!
//! One generator serves both evaluators; only the Rego dialect differs: the interpreter gets an
//! object, the VM a partial set of `[key, value]` pairs (its compiler does not take constant-key
//! partial objects) and reads "applies" from `data` instead of an extension function.

use super::catalog::RuleInfo;
use super::context::APPLIES_FUNCTION;
use crate::input::Family;

/// Package of the interpreter's aggregate rules (`data.tollgate_internal.<family>`).
pub(super) const INTERPRETER_PACKAGE: &str = "tollgate_internal";
/// Package of the VM's aggregate rules (`data.tollgate_vm.<family>`).
pub(super) const VM_PACKAGE: &str = "tollgate_vm";
/// Where the VM reads per-document context.
pub(super) const VM_CONTEXT_ROOT: &str = "tollgate_context";

/// One entry of a family's aggregate: `key` (`r<i>` for rule i, `x<i>` for exception package i)
/// maps to the value of the rule at `path`.
pub(super) struct AggregateEntry {
    pub key: String,
    pub path: String,
    pub source: EntrySource,
}

#[derive(Clone, Copy)]
pub(super) enum EntrySource {
    /// Index into the rules: the entry is gated on the rule applying to the document.
    Rule(usize),
    /// Index into the packages with an `exception` rule: always evaluated.
    Exception(usize),
}

/// Which evaluator the aggregate is generated for.
pub(super) enum Dialect<'a> {
    Interpreter,
    /// Only the entries the VM takes (per rule, per exception package).
    Vm {
        rules_in: &'a [bool],
        exceptions_in: &'a [bool],
    },
}

/// The entries of the aggregate for documents of `family`.
pub(super) fn entries(
    rules: &[RuleInfo],
    exception_packages: &[String],
    family: Family,
) -> Vec<AggregateEntry> {
    let rule_entries = rules
        .iter()
        .enumerate()
        .filter(|(_, rule)| rule.applies_to(family))
        .map(|(i, rule)| AggregateEntry {
            key: format!("r{i}"),
            path: format!("data.{}.{}", rule.package, rule.name),
            source: EntrySource::Rule(i),
        });
    let exception_entries =
        exception_packages
            .iter()
            .enumerate()
            .map(|(i, package)| AggregateEntry {
                key: format!("x{i}"),
                path: format!("data.{package}.exception"),
                source: EntrySource::Exception(i),
            });
    rule_entries.chain(exception_entries).collect()
}

/// The aggregate module: one rule per family (`<family>`), in the given dialect.
pub(super) fn module(
    rules: &[RuleInfo],
    exception_packages: &[String],
    dialect: &Dialect,
) -> String {
    let mut text = match dialect {
        Dialect::Interpreter => format!("package {INTERPRETER_PACKAGE}\n\n"),
        Dialect::Vm { .. } => format!("package {VM_PACKAGE}\n\nimport rego.v1\n\n"),
    };
    for family in Family::ALL {
        let entries = entries(rules, exception_packages, family);
        let family = family.name();
        for entry in entries {
            let (key, path) = (&entry.key, &entry.path);
            let line = match (dialect, entry.source) {
                (Dialect::Interpreter, EntrySource::Rule(i)) => {
                    format!("{family}_parts[\"{key}\"] := {path} if {APPLIES_FUNCTION}({i})\n")
                }
                (Dialect::Interpreter, EntrySource::Exception(_)) => {
                    format!("{family}_parts[\"{key}\"] := {path}\n")
                }
                (Dialect::Vm { rules_in, .. }, EntrySource::Rule(i)) if rules_in[i] => format!(
                    "{family} contains [\"{key}\", v] if {{\n\tdata.{VM_CONTEXT_ROOT}.applies[{i}]\n\tv := {path}\n}}\n"
                ),
                (Dialect::Vm { exceptions_in, .. }, EntrySource::Exception(i))
                    if exceptions_in[i] =>
                {
                    format!("{family} contains [\"{key}\", v] if v := {path}\n")
                }
                (Dialect::Vm { .. }, _) => String::new(),
            };
            text.push_str(&line);
        }
        match dialect {
            Dialect::Interpreter => {
                // An empty object would be undefined; make it exist.
                text.push_str(&format!("{family}_parts[\"_\"] := true\n"));
                // In Rego v1 `p["k"] := v` is a single-value rule at `p.k`, and regorus cannot
                // evaluate `p` as a rule; one complete rule collects the entries.
                text.push_str(&format!(
                    "{family} := {{k: v | some k, v in {family}_parts}}\n"
                ));
            }
            // Makes the set exist when nothing else is in it.
            Dialect::Vm { .. } => text.push_str(&format!("{family} contains [\"_\", true]\n")),
        }
    }
    text
}
