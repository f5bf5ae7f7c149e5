//! Aggregate rules: one generated rule per input family that collects the value of every rule
//! applying to the document, so a document is evaluated in one pass (shared helpers such as "all
//! containers" are computed once per document, not once per rule).
//!
//! Both evaluators get one per family; they differ in form: the interpreter's gates each rule on
//! an extension function, the VM's looks up only the rules that apply (see [`vm_modules`]).

use super::catalog::RuleInfo;
use super::context::APPLIES_FUNCTION;
use crate::input::Family;

/// Package of the interpreter's aggregate rules (`data.tollgate_internal.<family>`).
pub(super) const INTERPRETER_PACKAGE: &str = "tollgate_internal";
/// Package of the VM's aggregate rules (`data.tollgate_vm.<family>`).
pub(super) const VM_PACKAGE: &str = "tollgate_vm";
/// Package of the VM's per-key rules (see [`vm_modules`]).
pub(super) const VM_DISPATCH_PACKAGE: &str = "tollgate_vm_dispatch";
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

/// The interpreter's aggregate module: one rule per family (`<family>`), an object from key to
/// value, each rule's entry gated on it applying to the document.
pub(super) fn interpreter_module(rules: &[RuleInfo], exception_packages: &[String]) -> String {
    let mut text = format!("package {INTERPRETER_PACKAGE}\n\n");
    for family in Family::ALL {
        let entries = entries(rules, exception_packages, family);
        let family = family.name();
        for entry in entries {
            let (key, path) = (&entry.key, &entry.path);
            text.push_str(&match entry.source {
                EntrySource::Rule(i) => {
                    format!("{family}_parts[\"{key}\"] := {path} if {APPLIES_FUNCTION}({i})\n")
                }
                EntrySource::Exception(_) => format!("{family}_parts[\"{key}\"] := {path}\n"),
            });
        }
        // An empty object would be undefined; make it exist.
        text.push_str(&format!("{family}_parts[\"_\"] := true\n"));
        // In Rego v1 `p["k"] := v` is a single-value rule at `p.k`, and regorus cannot evaluate
        // `p` as a rule; one complete rule collects the entries.
        text.push_str(&format!(
            "{family} := {{k: v | some k, v in {family}_parts}}\n"
        ));
    }
    text
}

/// The VM's two modules (path, text), for the entries it takes (per rule, per exception
/// package).
///
/// Each family's aggregate is a partial set of `[key, value]` pairs (the VM compiler does not take
/// constant-key partial objects) over the keys in `data.tollgate_context.active`, which the
/// evaluator fills per document with the keys that apply to it; each key names a rule of the
/// dispatch package (`r<i> := <rule>`, `x<i> := <exception>`), looked up by the key at run time.
/// A rule that does not apply is thus never touched: gating every rule of the family in the
/// aggregate itself cost a quarter of all evaluation time (BENCHMARKS.md).
pub(super) fn vm_modules(
    rules: &[RuleInfo],
    exception_packages: &[String],
    rules_in: &[bool],
    exceptions_in: &[bool],
) -> [(&'static str, String); 2] {
    let mut aggregate = format!("package {VM_PACKAGE}\n\nimport rego.v1\n\n");
    for family in Family::ALL {
        let family = family.name();
        aggregate.push_str(&format!(
            "{family} contains [k, v] if {{\n\tsome k in data.{VM_CONTEXT_ROOT}.active\n\tv := data.{VM_DISPATCH_PACKAGE}[k]\n}}\n"
        ));
        // Makes the set exist when nothing else is in it.
        aggregate.push_str(&format!("{family} contains [\"_\", true]\n"));
    }
    let mut dispatch = format!("package {VM_DISPATCH_PACKAGE}\n\n");
    for (i, rule) in rules.iter().enumerate() {
        if rules_in[i] {
            dispatch.push_str(&format!("r{i} := data.{}.{}\n", rule.package, rule.name));
        }
    }
    for (i, package) in exception_packages.iter().enumerate() {
        if exceptions_in[i] {
            dispatch.push_str(&format!("x{i} := data.{package}.exception\n"));
        }
    }
    [
        ("tollgate:vm.rego", aggregate),
        ("tollgate:vm_dispatch.rego", dispatch),
    ]
}
