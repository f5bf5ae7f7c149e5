//! Variable type constraints, applied as Terraform applies them to a value: `optional(T, default)`
//! attributes a caller leaves out take their default (or null), attributes an object type does not
//! declare are dropped, and primitive values convert (`80` for a `string` is `"80"`). Without
//! this, a module that reads `var.listener.protocol` from `optional(string, "HTTP")` would see
//! nothing where Terraform deploys HTTP.

use super::eval::eval;
use hcl::Expression;
use hcl::eval::Context;

/// A type constraint, as far as it changes a value.
#[derive(Debug, Clone)]
pub(super) enum Type {
    Any,
    String,
    Number,
    Bool,
    List(Box<Type>),
    Map(Box<Type>),
    Tuple(Vec<Type>),
    /// Attributes: name, type, and for an optional one its default (`None` for null).
    Object(Vec<(String, Type, Option<Option<Expression>>)>),
}

/// The type an expression such as `list(object({ a = optional(string, "x") }))` denotes;
/// `any` for what is not understood.
pub(super) fn parse(expr: &Expression) -> Type {
    match expr {
        Expression::Variable(v) => match v.as_str() {
            "string" => Type::String,
            "number" => Type::Number,
            "bool" => Type::Bool,
            _ => Type::Any,
        },
        Expression::FuncCall(call) if call.name.namespace.is_empty() => {
            let arg = call.args.first();
            match (call.name.name.as_str(), arg) {
                ("list" | "set", Some(t)) => Type::List(Box::new(parse(t))),
                ("map", Some(t)) => Type::Map(Box::new(parse(t))),
                ("tuple", Some(Expression::Array(items))) => {
                    Type::Tuple(items.iter().map(parse).collect())
                }
                ("object", Some(Expression::Object(attrs))) => Type::Object(
                    attrs
                        .iter()
                        .filter_map(|(k, v)| {
                            let name = match k {
                                hcl::ObjectKey::Identifier(i) => i.as_str().to_string(),
                                hcl::ObjectKey::Expression(Expression::String(s)) => s.clone(),
                                hcl::ObjectKey::Expression(Expression::Variable(v)) => {
                                    v.as_str().to_string()
                                }
                                _ => return None,
                            };
                            Some(match v {
                                Expression::FuncCall(opt)
                                    if opt.name.namespace.is_empty()
                                        && opt.name.name.as_str() == "optional" =>
                                {
                                    let ty = opt.args.first().map_or(Type::Any, parse);
                                    (name, ty, Some(opt.args.get(1).cloned()))
                                }
                                other => (name, parse(other), None),
                            })
                        })
                        .collect(),
                ),
                _ => Type::Any,
            }
        }
        _ => Type::Any,
    }
}

/// `value` converted to `ty` as Terraform converts a variable's value; a value that does not fit
/// is left as it is (Terraform would reject it; tollgate does not guess).
pub(super) fn apply(ty: &Type, value: hcl::Value, ctx: &Context<'_>) -> hcl::Value {
    use hcl::Value as V;
    match (ty, value) {
        (_, V::Null) => V::Null,
        (Type::Any, v) => v,
        (Type::String, V::Number(n)) => V::String(n.to_string()),
        (Type::String, V::Bool(b)) => V::String(b.to_string()),
        (Type::Number, V::String(s)) => match s.parse::<f64>() {
            Ok(f) if f.fract() == 0.0 && f.abs() < 9e15 => V::from(f as i64),
            Ok(f) => hcl::Number::from_f64(f).map_or(V::String(s), V::Number),
            Err(_) => V::String(s),
        },
        (Type::Bool, V::String(s)) if s == "true" || s == "false" => V::Bool(s == "true"),
        (Type::List(elem), V::Array(items)) => {
            V::Array(items.into_iter().map(|v| apply(elem, v, ctx)).collect())
        }
        (Type::Tuple(types), V::Array(items)) if types.len() == items.len() => V::Array(
            items
                .into_iter()
                .zip(types)
                .map(|(v, t)| apply(t, v, ctx))
                .collect(),
        ),
        (Type::Map(elem), V::Object(map)) => V::Object(
            map.into_iter()
                .map(|(k, v)| (k, apply(elem, v, ctx)))
                .collect(),
        ),
        (Type::Object(attrs), V::Object(mut map)) => {
            // A required attribute missing: Terraform rejects the value; leave it untouched.
            if attrs
                .iter()
                .any(|(name, _, optional)| optional.is_none() && !map.contains_key(name))
            {
                return V::Object(map);
            }
            let mut out = hcl::Map::new();
            for (name, attr_ty, optional) in attrs {
                let value = match (map.shift_remove(name), optional) {
                    (Some(v), _) => apply(attr_ty, v, ctx),
                    (None, Some(Some(default))) => match eval(default, ctx) {
                        Ok(d) => apply(attr_ty, d, ctx),
                        // A default that cannot be evaluated: the attribute stays unknown.
                        Err(_) => continue,
                    },
                    (None, _) => V::Null,
                };
                out.insert(name.clone(), value);
            }
            V::Object(out)
        }
        (_, v) => v,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expr(text: &str) -> Expression {
        Expression::from(hcl_edit::parser::parse_expr(text).unwrap())
    }

    fn value(text: &str) -> hcl::Value {
        let ctx = super::super::functions::base_context();
        eval(&expr(text), &ctx).unwrap()
    }

    #[test]
    fn optional_attributes_take_their_defaults_and_undeclared_ones_are_dropped() {
        let ctx = super::super::functions::base_context();
        let ty = parse(&expr(
            "map(object({ port = number, protocol = optional(string, \"HTTP\"), ssl = optional(object({ policy = optional(string, \"old\") }), {}), tags = optional(map(string)) }))",
        ));
        let converted = apply(
            &ty,
            value(
                "{ a = { port = \"80\", extra = 1 }, b = { port = 443, protocol = \"HTTPS\", ssl = { policy = \"new\" } } }",
            ),
            &ctx,
        );
        assert_eq!(
            converted,
            value(
                "{ a = { port = 80, protocol = \"HTTP\", ssl = { policy = \"old\" }, tags = null }, b = { port = 443, protocol = \"HTTPS\", ssl = { policy = \"new\" }, tags = null } }"
            )
        );
        // A required attribute missing: not Terraform's value, left as given.
        let strict = parse(&expr("object({ port = number, name = string })"));
        assert_eq!(
            apply(&strict, value("{ port = 1 }"), &ctx),
            value("{ port = 1 }")
        );
        assert_eq!(
            apply(&parse(&expr("string")), value("80"), &ctx),
            value("\"80\"")
        );
        assert_eq!(
            apply(&parse(&expr("any")), value("[1]"), &ctx),
            value("[1]")
        );
    }
}
