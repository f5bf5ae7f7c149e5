//! A `module` block's instances (`count`/`for_each`) and its arguments evaluated in the caller,
//! known parts of partly known ones kept.

use super::*;

/// The instances a `module` block creates: with `count` or `for_each` known, one per index or
/// key (none when empty), with `count.index` or `each.key`/`each.value` bound for its arguments;
/// otherwise one.
pub(super) fn instances(
    call: &CallSite,
    ctx: &Context<'static>,
) -> Vec<(String, Context<'static>)> {
    match super::repeat::instances(call.count.as_ref(), call.for_each.as_ref(), ctx) {
        Some(list) => list
            .into_iter()
            .map(|r| {
                let mut c = ctx.clone();
                r.bind(&mut c);
                (r.key, c)
            })
            .collect(),
        None => vec![(String::new(), ctx.clone())],
    }
}

/// A call's arguments evaluated in the caller: known values, and the names of arguments whose
/// value is not statically known (the callee's variable stays unknown, not its default).
pub(super) fn arguments(
    call: &CallSite,
    ctx: &Context<'static>,
) -> (hcl::Map<String, hcl::Value>, Vec<String>) {
    let mut inputs = hcl::Map::new();
    let mut unknown = Vec::new();
    for (name, expr) in &call.args {
        match eval::eval(expr, ctx)
            .ok()
            .or_else(|| partly_known(expr, ctx))
        {
            Some(v) => {
                inputs.insert(name.clone(), v);
            }
            None => unknown.push(name.clone()),
        }
    }
    (inputs, unknown)
}

/// An object or list argument with some unknown parts keeps its known ones: each unknown leaf
/// stands as `"${<expression>}"`, the text an unresolved attribute shows, so the module's
/// `for_each` over the argument's keys still expands and its known fields are judged. A value
/// that is unknown as a whole (not a literal object or list) stays unknown.
fn partly_known(expr: &hcl::Expression, ctx: &Context<'static>) -> Option<hcl::Value> {
    let leaf = |e: &hcl::Expression| {
        eval::eval(e, ctx)
            .ok()
            .or_else(|| partly_known(e, ctx))
            .or_else(|| {
                hcl::format::to_string(e)
                    .ok()
                    .map(|text| hcl::Value::from(format!("${{{}}}", text.trim())))
            })
    };
    match expr {
        hcl::Expression::Object(map) => {
            let mut out = hcl::Map::new();
            for (key, value) in map {
                let key = match key {
                    hcl::ObjectKey::Identifier(i) => i.as_str().to_string(),
                    hcl::ObjectKey::Expression(k) => match eval::eval(k, ctx).ok()? {
                        hcl::Value::String(s) => s,
                        other => other.to_string(),
                    },
                    _ => return None,
                };
                out.insert(key, leaf(value)?);
            }
            Some(hcl::Value::Object(out))
        }
        hcl::Expression::Array(items) => items
            .iter()
            .map(leaf)
            .collect::<Option<_>>()
            .map(hcl::Value::Array),
        hcl::Expression::Parenthesis(inner) => partly_known(inner, ctx),
        _ => None,
    }
}
