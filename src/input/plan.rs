//! Terraform plan JSON (`terraform show -json`), passed through as-is.
//!
//! Values in a plan are already resolved by Terraform, so there is nothing to evaluate here; the
//! document keeps its own line index so findings point into the plan file.

use super::yaml;
use super::{Document, Format, InputError, Locations, Parsed, PathSeg, Span, line_count};
use regorus::Value;
use std::sync::Arc;

/// Is this JSON text `terraform show -json` output? Decided by the plan's own structure: a
/// top-level object with `format_version` and `planned_values` or `resource_changes`, and not a
/// Kubernetes object (`apiVersion` and `kind`). Keys named so deeper down (an annotation, a
/// ConfigMap's data) do not make a manifest a plan.
pub fn is_plan(text: &str) -> bool {
    // Cheap prefilter before parsing.
    if !(text.contains("\"format_version\"")
        && (text.contains("\"planned_values\"") || text.contains("\"resource_changes\"")))
    {
        return false;
    }
    let Ok(docs) = yaml::parse_stream(text) else {
        return false;
    };
    let [doc] = docs.as_slice() else {
        return false;
    };
    let has = |key: &str| doc.root.get(key).is_some();
    has("format_version")
        && (has("planned_values") || has("resource_changes"))
        && !(has("apiVersion") && has("kind"))
}

/// Deepest module nesting the built-in library follows (`plan_modules` in
/// `policies/lib/terraform.rego`, `_config_modules` in `terraform_module.rego`).
const MAX_MODULE_DEPTH: usize = 10;

/// Levels of nesting below `module`, following `children` (0 for a module without children).
fn module_depth(module: &Value, children: fn(&Value) -> Vec<&Value>) -> usize {
    children(module)
        .into_iter()
        .map(|c| 1 + module_depth(c, children))
        .max()
        .unwrap_or(0)
}

/// `planned_values` modules: `child_modules` is a list of modules.
fn child_modules(module: &Value) -> Vec<&Value> {
    match module["child_modules"].as_array() {
        Ok(children) => children.iter().collect(),
        Err(_) => Vec::new(),
    }
}

/// `configuration` modules: `module_calls` maps names to calls that hold a `module`.
fn module_calls(module: &Value) -> Vec<&Value> {
    match module["module_calls"].as_object() {
        Ok(calls) => calls.values().map(|call| &call["module"]).collect(),
        Err(_) => Vec::new(),
    }
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
        Ok(value)
            if module_depth(&value["planned_values"]["root_module"], child_modules).max(
                module_depth(&value["configuration"]["root_module"], module_calls),
            ) > MAX_MODULE_DEPTH =>
        {
            // The built-in library reads child modules level by level (Rego has no recursion);
            // resources deeper than that would go unjudged, so refuse the plan instead.
            parsed.errors.push(InputError::new(
                path,
                1,
                1,
                format!(
                    "plan nests child modules more than {MAX_MODULE_DEPTH} levels deep, which tollgate does not read"
                ),
            ));
        }
        Ok(value) => parsed.documents.push(Document {
            path: Arc::from(path),
            format: Format::TerraformPlan,
            index: 0,
            value,
            locations,
            span: Span::new(1, 1, line_count(text)),
            resource: None,
            module: None,
            module_resources: None,
            module_links: None,
            source: Arc::from(text),
            literal_lines: Arc::from(Vec::new()),
            line_map: None,
            manifests: None,
            instance: None,
            resource_keys: None,
        }),
        Err(e) => parsed
            .errors
            .push(InputError::new(path, e.line, e.column, e.message)),
    }
    parsed
}

/// Planned resources of these types, in every module.
pub(super) fn resource_count(plan: &Value, types: &[String]) -> usize {
    fn count(module: &Value, types: &[String]) -> usize {
        let own = module["resources"].as_array().map_or(0, |rs| {
            rs.iter()
                .filter(|r| {
                    r["type"]
                        .as_string()
                        .is_ok_and(|t| types.iter().any(|x| x.as_str() == t.as_ref()))
                })
                .count()
        });
        own + module["child_modules"]
            .as_array()
            .map_or(0, |cs| cs.iter().map(|c| count(c, types)).sum())
    }
    count(&plan["planned_values"]["root_module"], types)
}

/// The deepest plan object with an `address` along a value path.
pub(super) fn resource_at(doc: &Document, path: &[PathSeg]) -> Option<String> {
    let mut v = &doc.value;
    let mut found = None;
    for seg in path {
        if let Ok(a) = v["address"].as_string() {
            found = Some(a.to_string());
        }
        v = match seg {
            PathSeg::Key(k) => &v[k.as_str()],
            PathSeg::Index(i) => &v[*i],
        };
    }
    if let Ok(a) = v["address"].as_string() {
        found = Some(a.to_string());
    }
    found
}

/// The first root-module resource of the plan whose address satisfies `pred`, and its path.
pub(super) fn find_resource(
    doc: &Document,
    pred: &dyn Fn(&str) -> bool,
) -> Option<(String, Vec<PathSeg>)> {
    let resources = doc.value["planned_values"]["root_module"]["resources"]
        .as_array()
        .ok()?;
    resources.iter().enumerate().find_map(|(i, r)| {
        let address = r["address"].as_string().ok()?;
        pred(address).then(|| {
            (
                address.to_string(),
                vec![
                    PathSeg::Key("planned_values".into()),
                    PathSeg::Key("root_module".into()),
                    PathSeg::Key("resources".into()),
                    PathSeg::Index(i),
                ],
            )
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested_plan(levels: usize) -> String {
        let mut module = r#"{"resources": []}"#.to_string();
        for _ in 0..levels {
            module = format!(r#"{{"resources": [], "child_modules": [{module}]}}"#);
        }
        format!(r#"{{"format_version": "1.2", "planned_values": {{"root_module": {module}}}}}"#)
    }

    #[test]
    fn child_modules_deeper_than_the_library_reads_are_an_error() {
        let ok = parse("plan.json", &nested_plan(MAX_MODULE_DEPTH));
        assert!(ok.errors.is_empty(), "{:?}", ok.errors);
        assert_eq!(ok.documents.len(), 1);
        let deep = parse("plan.json", &nested_plan(MAX_MODULE_DEPTH + 1));
        assert!(deep.documents.is_empty());
        assert!(deep.errors[0].message.contains("more than 10 levels"));
    }

    #[test]
    fn configuration_module_calls_count_too() {
        let mut module = r#"{"resources": []}"#.to_string();
        for _ in 0..=MAX_MODULE_DEPTH {
            module =
                format!(r#"{{"module_calls": {{"m": {{"source": "./m", "module": {module}}}}}}}"#);
        }
        let text = format!(
            r#"{{"format_version": "1.2", "planned_values": {{}}, "configuration": {{"root_module": {module}}}}}"#
        );
        assert!(parse("plan.json", &text).documents.is_empty());
    }
}
