//! Per-document context that policies see besides `input`: `data.conftest.file`,
//! `data.tollgate.module`, and which rules apply to the document.
//!
//! The interpreter reads it through extension functions from a thread-local set before each
//! evaluation (passing per-document data through `add_data` would make regorus re-analyse every
//! policy for every document); the VM receives the same values as `data`. This module owns the
//! values and the extensions, not the evaluation.

use crate::input::Document;
use regorus::Value;
use std::cell::RefCell;
use std::collections::BTreeMap;

/// Extension function returning a context value (`"file"`, `"module"`).
pub(super) const CONTEXT_FUNCTION: &str = "__tollgate_context";
/// Extension function telling whether rule `i` applies to the current document.
pub(super) const APPLIES_FUNCTION: &str = "__tollgate_applies";

/// What policies see besides `input`.
pub(super) struct DocContext {
    pub file: Value,
    pub module: Value,
    pub module_resources: Value,
    pub module_links: Value,
    pub manifests: Value,
    pub manifest_index: Value,
    /// Per rule index: does the rule apply to this document (its `resource_types` occur in it)?
    pub applies: Vec<bool>,
}

thread_local! {
    // Set before each evaluation on the evaluating thread; read by the extensions.
    static CONTEXT: RefCell<DocContext> = const { RefCell::new(DocContext { file: Value::Undefined, module: Value::Undefined, module_resources: Value::Undefined, module_links: Value::Undefined, manifests: Value::Undefined, manifest_index: Value::Undefined, applies: Vec::new() }) };
}

/// Makes `doc` the current document of this thread.
pub(super) fn set(doc: &Document, may_fire: Vec<bool>, off: &[bool]) {
    let (dir, name) = match doc.path.rsplit_once('/') {
        Some((d, n)) => (d.to_string(), n.to_string()),
        None => (".".to_string(), doc.path.to_string()),
    };
    CONTEXT.with(|c| {
        let mut c = c.borrow_mut();
        let mut file = BTreeMap::new();
        file.insert(Value::from("name"), Value::from(name));
        file.insert(Value::from("dir"), Value::from(dir));
        c.file = Value::from(file);
        c.module = doc
            .module
            .as_ref()
            .map(|m| (**m).clone())
            .unwrap_or(Value::Undefined);
        c.module_resources = doc
            .module_resources
            .as_ref()
            .map(|m| (**m).clone())
            .unwrap_or(Value::Undefined);
        c.module_links = doc
            .module_links
            .as_ref()
            .map(|m| (**m).clone())
            .unwrap_or(Value::Undefined);
        (c.manifests, c.manifest_index) = doc
            .manifests
            .as_ref()
            .map_or((Value::Undefined, Value::Undefined), |m| {
                (m.list.clone(), m.index.clone())
            });
        let mut applies = may_fire;
        for (applies, &off) in applies.iter_mut().zip(off) {
            *applies &= !off;
        }
        c.applies = applies;
    });
}

/// Runs `f` with the current document's context.
pub(super) fn with<R>(f: impl FnOnce(&DocContext) -> R) -> R {
    CONTEXT.with(|c| f(&c.borrow()))
}

/// Does rule `i` apply to the current document?
pub(super) fn applies(i: usize) -> bool {
    CONTEXT.with(|c| c.borrow().applies.get(i).copied().unwrap_or(true))
}

/// Leaves only the rules the VM did not run applicable, for the interpreter's pass.
pub(super) fn keep_only_outside_vm(in_vm: &[bool]) {
    CONTEXT.with(|c| {
        let mut c = c.borrow_mut();
        for (applies, in_vm) in c.applies.iter_mut().zip(in_vm) {
            *applies &= !in_vm;
        }
    });
}

/// `__tollgate_applies(i)`.
pub(super) fn applies_extension(args: Vec<Value>) -> anyhow::Result<Value> {
    let index = args
        .first()
        .and_then(|v| v.as_u64().ok())
        .unwrap_or(u64::MAX) as usize;
    Ok(Value::from(applies(index)))
}

/// `__tollgate_context(key)`.
pub(super) fn context_extension(args: Vec<Value>) -> anyhow::Result<Value> {
    let key = args
        .first()
        .and_then(|k| k.as_string().ok().map(|s| s.to_string()))
        .unwrap_or_default();
    Ok(CONTEXT.with(|c| {
        let c = c.borrow();
        match key.as_str() {
            "file" => c.file.clone(),
            "module" => c.module.clone(),
            "manifests" => c.manifests.clone(),
            "manifest_index" => c.manifest_index.clone(),
            "module_resources" => c.module_resources.clone(),
            "module_links" => c.module_links.clone(),
            _ => Value::Undefined,
        }
    }))
}

/// The Rego modules that expose the context to the interpreter.
pub(super) fn interpreter_modules() -> [(&'static str, String); 6] {
    [
        (
            "tollgate:context.rego",
            format!("package conftest\nfile := {CONTEXT_FUNCTION}(\"file\")\n"),
        ),
        (
            "tollgate:module.rego",
            format!("package tollgate\nmodule := {CONTEXT_FUNCTION}(\"module\")\n"),
        ),
        (
            "tollgate:module_resources.rego",
            format!(
                "package tollgate\nmodule_resources := {CONTEXT_FUNCTION}(\"module_resources\")\n"
            ),
        ),
        (
            "tollgate:module_links.rego",
            format!("package tollgate\nmodule_links := {CONTEXT_FUNCTION}(\"module_links\")\n"),
        ),
        (
            "tollgate:manifests.rego",
            format!("package tollgate\nmanifests := {CONTEXT_FUNCTION}(\"manifests\")\n"),
        ),
        (
            "tollgate:manifest_index.rego",
            format!("package tollgate\nmanifest_index := {CONTEXT_FUNCTION}(\"manifest_index\")\n"),
        ),
    ]
}
