//! `count` and `for_each`: the instances a `resource`, `data` or `module` block creates, as
//! Terraform expands them.

use super::eval::eval;
use hcl::eval::Context;

/// One instance of a repeated block: its address suffix (`[0]`, `["a"]`) and the iteration
/// value bound while its body is evaluated (`count = {index}` or `each = {key, value}`).
pub(super) struct Repeat {
    pub key: String,
    pub name: &'static str,
    pub value: hcl::Value,
}

impl Repeat {
    /// Binds this instance's iteration value in `ctx` (replacing the previous instance's).
    pub fn bind(&self, ctx: &mut Context<'_>) {
        ctx.declare_var(self.name, self.value.clone());
    }
}

/// The instances a block with these `count`/`for_each` expressions creates: `None` when the
/// block is not repeated or its collection is not statically known (one instance is judged,
/// its iteration values unresolved); `Some(empty)` when it creates none. `for_each` instances are
/// ordered by key, as Terraform orders them.
pub(super) fn instances(
    count: Option<&hcl::Expression>,
    for_each: Option<&hcl::Expression>,
    ctx: &Context<'_>,
) -> Option<Vec<Repeat>> {
    if let Some(count) = count {
        // Terraform converts `count` to a whole number: `2`, `2.0` and `"2"` count alike.
        let n = match eval(count, ctx) {
            Ok(hcl::Value::Number(n)) => n.as_u64().or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && *f >= 0.0)
                    .map(|f| f as u64)
            })?,
            Ok(hcl::Value::String(s)) => s.trim().parse().ok()?,
            _ => return None,
        };
        return Some(
            (0..n)
                .map(|i| Repeat {
                    key: format!("[{i}]"),
                    name: "count",
                    value: object([("index", hcl::Value::from(i))]),
                })
                .collect(),
        );
    }
    let entries: Vec<(String, hcl::Value)> = match eval(for_each?, ctx) {
        Ok(hcl::Value::Object(map)) => map.into_iter().collect(),
        // A set of strings: each element is both key and value.
        Ok(hcl::Value::Array(items)) => items
            .into_iter()
            .map(|v| match v {
                hcl::Value::String(s) => Some((s.clone(), hcl::Value::String(s))),
                _ => None,
            })
            .collect::<Option<_>>()?,
        _ => return None,
    };
    let mut entries = entries;
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    entries.dedup_by(|a, b| a.0 == b.0);
    Some(
        entries
            .into_iter()
            .map(|(key, value)| Repeat {
                key: format!("[{key:?}]"),
                name: "each",
                value: object([("key", hcl::Value::from(key)), ("value", value)]),
            })
            .collect(),
    )
}

fn object<const N: usize>(fields: [(&str, hcl::Value); N]) -> hcl::Value {
    hcl::Value::Object(
        fields
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expr(text: &str) -> hcl::Expression {
        hcl::Expression::from(hcl_edit::parser::parse_expr(text).unwrap())
    }

    fn keys(count: Option<&str>, for_each: Option<&str>) -> Option<Vec<String>> {
        let ctx = super::super::functions::base_context();
        let (c, f) = (count.map(expr), for_each.map(expr));
        instances(c.as_ref(), f.as_ref(), &ctx).map(|l| l.into_iter().map(|r| r.key).collect())
    }

    #[test]
    fn count_and_for_each_create_keyed_instances_in_terraforms_order() {
        assert_eq!(keys(Some("2"), None).unwrap(), ["[0]", "[1]"]);
        assert_eq!(keys(Some("0"), None).unwrap(), Vec::<String>::new());
        assert_eq!(keys(Some("\"2\""), None).unwrap(), ["[0]", "[1]"]);
        assert_eq!(keys(Some("2.0"), None).unwrap(), ["[0]", "[1]"]);
        assert_eq!(
            keys(None, Some("{b = 1, a = 2}")).unwrap(),
            ["[\"a\"]", "[\"b\"]"]
        );
        assert_eq!(
            keys(None, Some("toset([\"y\", \"x\", \"y\"])")).unwrap(),
            ["[\"x\"]", "[\"y\"]"]
        );
        assert!(keys(None, Some("[]")).unwrap().is_empty());
        // Unknown collections and plain blocks: one instance, iteration values unresolved.
        assert!(keys(Some("var.n"), None).is_none());
        assert!(keys(None, Some("aws_s3_bucket.b")).is_none());
        assert!(keys(None, None).is_none());
    }
}
