//! Evaluating one expression as Terraform does, where hcl-rs' evaluator alone cannot:
//! `try`/`can` need their arguments unevaluated (an error is their input, not the caller's), and
//! `file`/`templatefile` read files of the repository. Such calls are replaced by their value
//! before the expression is evaluated; one whose value is not statically known stays, and the
//! expression stays unresolved, visibly.

use hcl::eval::{Context, Evaluate};
use hcl::{Expression, TraversalOperator};
use std::path::{Path, PathBuf};

/// The name, in a module's context, of the directories `file` and `templatefile` read from: not an
/// HCL identifier, so no configuration can refer to it.
const FILES: &str = "tollgate files";

/// Where `file(...)` paths resolve (Terraform's working directory: the root module's directory)
/// and the repository root no file outside of which is read.
#[derive(Clone)]
pub(super) struct FileAccess {
    pub cwd: PathBuf,
    pub root: PathBuf,
    pub max: u64,
    /// `path.module`: the module's directory relative to `cwd` (`.` for the root module).
    pub path_module: String,
}

/// Declares where a module's `file`/`templatefile` calls read from, and `path.module`.
pub(super) fn declare_files(ctx: &mut Context<'_>, access: &FileAccess) {
    let mut path = hcl::Map::new();
    path.insert(
        "module".to_string(),
        hcl::Value::from(access.path_module.as_str()),
    );
    for k in ["root", "cwd"] {
        path.insert(k.to_string(), hcl::Value::from("."));
    }
    ctx.declare_var("path", hcl::Value::Object(path));
    let mut m = hcl::Map::new();
    m.insert(
        "cwd".to_string(),
        hcl::Value::from(access.cwd.display().to_string()),
    );
    m.insert(
        "root".to_string(),
        hcl::Value::from(access.root.display().to_string()),
    );
    m.insert("max".to_string(), hcl::Value::from(access.max));
    ctx.declare_var(hcl::Identifier::unchecked(FILES), hcl::Value::Object(m));
}

/// Evaluates `expr` in `ctx`, with `try`, `can`, `file` and `templatefile` as Terraform has them.
pub(super) fn eval(expr: &Expression, ctx: &Context<'_>) -> Result<hcl::Value, hcl::eval::Error> {
    if !mentions_special(expr) {
        return expr.evaluate(ctx);
    }
    let mut expr = expr.clone();
    rewrite(&mut expr, ctx);
    expr.evaluate(ctx)
}

fn is_special(name: &str) -> bool {
    matches!(name, "try" | "can" | "file" | "templatefile")
}

/// Does the expression call one of the functions `rewrite` handles? (Most do not: no copy then.)
fn mentions_special(expr: &Expression) -> bool {
    let mut found = false;
    visit(expr, &mut |e| {
        if let Expression::FuncCall(call) = e {
            found |= call.name.namespace.is_empty() && is_special(call.name.name.as_str());
        }
    });
    found
}

/// Calls `f` on `expr` and every expression inside it.
fn visit(expr: &Expression, f: &mut dyn FnMut(&Expression)) {
    f(expr);
    match expr {
        Expression::Array(items) => items.iter().for_each(|e| visit(e, f)),
        Expression::Object(map) => map.values().for_each(|e| visit(e, f)),
        Expression::TemplateExpr(_) => {}
        Expression::Traversal(t) => {
            visit(&t.expr, f);
            for op in &t.operators {
                if let TraversalOperator::Index(e) = op {
                    visit(e, f);
                }
            }
        }
        Expression::FuncCall(call) => call.args.iter().for_each(|e| visit(e, f)),
        Expression::Parenthesis(e) => visit(e, f),
        Expression::Conditional(c) => {
            visit(&c.cond_expr, f);
            visit(&c.true_expr, f);
            visit(&c.false_expr, f);
        }
        Expression::Operation(op) => match op.as_ref() {
            hcl::expr::Operation::Unary(u) => visit(&u.expr, f),
            hcl::expr::Operation::Binary(b) => {
                visit(&b.lhs_expr, f);
                visit(&b.rhs_expr, f);
            }
        },
        Expression::ForExpr(fe) => {
            visit(&fe.collection_expr, f);
            if let Some(k) = &fe.key_expr {
                visit(k, f);
            }
            visit(&fe.value_expr, f);
            if let Some(c) = &fe.cond_expr {
                visit(c, f);
            }
        }
        _ => {}
    }
}

/// Replaces, innermost first, every `try`/`can`/`file`/`templatefile` call whose value is known.
/// `for` expressions are left alone: their bodies refer to iteration variables bound later.
fn rewrite(expr: &mut Expression, ctx: &Context<'_>) {
    match expr {
        Expression::Array(items) => items.iter_mut().for_each(|e| rewrite(e, ctx)),
        Expression::Object(map) => map.values_mut().for_each(|e| rewrite(e, ctx)),
        Expression::Traversal(t) => {
            rewrite(&mut t.expr, ctx);
            for op in &mut t.operators {
                if let TraversalOperator::Index(e) = op {
                    rewrite(e, ctx);
                }
            }
        }
        Expression::Parenthesis(e) => rewrite(e, ctx),
        Expression::Conditional(c) => {
            rewrite(&mut c.cond_expr, ctx);
            rewrite(&mut c.true_expr, ctx);
            rewrite(&mut c.false_expr, ctx);
        }
        Expression::Operation(op) => match op.as_mut() {
            hcl::expr::Operation::Unary(u) => rewrite(&mut u.expr, ctx),
            hcl::expr::Operation::Binary(b) => {
                rewrite(&mut b.lhs_expr, ctx);
                rewrite(&mut b.rhs_expr, ctx);
            }
        },
        Expression::FuncCall(call) => {
            call.args.iter_mut().for_each(|e| rewrite(e, ctx));
            if !call.name.namespace.is_empty() || call.expand_final {
                return;
            }
            let value = match call.name.name.as_str() {
                "try" => f_try(&call.args, ctx),
                "can" => f_can(&call.args, ctx),
                "file" => f_file(&call.args, ctx),
                "templatefile" => f_templatefile(&call.args, ctx),
                _ => None,
            };
            if let Some(value) = value {
                *expr = Expression::from(value);
            }
        }
        _ => {}
    }
}

/// `try(a, b, ...)`: the first argument that evaluates without error. An argument that refers to
/// something not statically known might succeed or fail in Terraform: the call stays unknown.
fn f_try(args: &[Expression], ctx: &Context<'_>) -> Option<hcl::Value> {
    for arg in args {
        if refers_to_unknown(arg, ctx) {
            return None;
        }
        if let Ok(v) = arg.evaluate(ctx) {
            return Some(v);
        }
    }
    None
}

/// `can(x)`: whether `x` evaluates without error, when everything it refers to is known.
fn f_can(args: &[Expression], ctx: &Context<'_>) -> Option<hcl::Value> {
    let [arg] = args else { return None };
    if refers_to_unknown(arg, ctx) {
        return None;
    }
    Some(hcl::Value::Bool(arg.evaluate(ctx).is_ok()))
}

/// Does `expr` refer to a value the context does not hold: a variable, local or iteration value
/// that is not statically known, a resource, data source or module output?
fn refers_to_unknown(expr: &Expression, ctx: &Context<'_>) -> bool {
    let mut unknown = false;
    visit(expr, &mut |e| {
        if unknown {
            return;
        }
        match e {
            Expression::ForExpr(_) => unknown = true,
            Expression::Variable(v) => {
                unknown |= Expression::Variable(v.clone()).evaluate(ctx).is_err();
            }
            Expression::Traversal(t) => {
                if let Expression::Variable(root) = &t.expr {
                    // `var.x` / `local.y`: the variable itself must be known; a missing key further
                    // down a known object is an error `try` is there to catch.
                    let head = match (root.as_str(), t.operators.first()) {
                        ("var" | "local", Some(op @ TraversalOperator::GetAttr(_))) => {
                            Expression::from(hcl::Traversal::new(
                                Expression::Variable(root.clone()),
                                [op.clone()],
                            ))
                        }
                        _ => Expression::Variable(root.clone()),
                    };
                    unknown |= head.evaluate(ctx).is_err();
                }
            }
            _ => {}
        }
    });
    unknown
}

/// The directories `file` reads from, when the module's context has them.
fn files(ctx: &Context<'_>) -> Option<(PathBuf, PathBuf, u64)> {
    let v = Expression::Variable(hcl::Variable::unchecked(FILES))
        .evaluate(ctx)
        .ok()?;
    let field = |k: &str| match &v {
        hcl::Value::Object(m) => m.get(k).cloned(),
        _ => None,
    };
    let (Some(hcl::Value::String(cwd)), Some(hcl::Value::String(root))) =
        (field("cwd"), field("root"))
    else {
        return None;
    };
    let max = match field("max") {
        Some(hcl::Value::Number(n)) => n.as_u64().unwrap_or(0),
        _ => 0,
    };
    Some((PathBuf::from(cwd), PathBuf::from(root), max))
}

/// Reads a file `file`/`templatefile` names: relative to the working directory, and only inside
/// the repository (anything else stays unresolved).
fn read(path_arg: &Expression, ctx: &Context<'_>) -> Option<String> {
    let (cwd, root, max) = files(ctx)?;
    let hcl::Value::String(path) = path_arg.evaluate(ctx).ok()? else {
        return None;
    };
    let path = Path::new(&path);
    let full = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    let canonical = std::fs::canonicalize(&full).ok()?;
    let root = std::fs::canonicalize(root).ok()?;
    if !canonical.starts_with(&root) {
        return None;
    }
    super::read_text(&canonical, max).ok()
}

fn f_file(args: &[Expression], ctx: &Context<'_>) -> Option<hcl::Value> {
    let [path] = args else { return None };
    read(path, ctx).map(hcl::Value::from)
}

/// `templatefile(path, vars)`: the template evaluated with only `vars` (and the functions) in
/// scope, as Terraform evaluates it.
fn f_templatefile(args: &[Expression], ctx: &Context<'_>) -> Option<hcl::Value> {
    let [path, vars] = args else { return None };
    let text = read(path, ctx)?;
    let hcl::Value::Object(vars) = vars.evaluate(ctx).ok()? else {
        return None;
    };
    let template: hcl::Template = text.parse().ok()?;
    let mut scope = super::functions::base_context();
    for (k, v) in vars {
        scope.declare_var(k, v);
    }
    template.evaluate(&scope).ok().map(hcl::Value::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expr(text: &str) -> Expression {
        Expression::from(hcl_edit::parser::parse_expr(text).unwrap())
    }

    fn ctx() -> Context<'static> {
        let mut ctx = super::super::functions::base_context();
        let mut var = hcl::Map::new();
        var.insert(
            "obj".to_string(),
            hcl::Value::Object([("a".to_string(), hcl::Value::from(1))].into()),
        );
        ctx.declare_var("var", hcl::Value::Object(var));
        ctx
    }

    #[test]
    fn try_and_can_catch_errors_but_not_unknown_values() {
        let ctx = ctx();
        let value = |t: &str| eval(&expr(t), &ctx).ok();
        assert_eq!(
            value("try(var.obj.b, \"fallback\")"),
            Some("fallback".into())
        );
        assert_eq!(value("try(var.obj.a, 2)"), Some(hcl::Value::from(1)));
        assert_eq!(value("can(var.obj.b)"), Some(hcl::Value::Bool(false)));
        assert_eq!(value("can(var.obj.a)"), Some(hcl::Value::Bool(true)));
        assert_eq!(
            value("[try(var.obj.b, 3), can(var.obj.a)]"),
            Some(hcl::Value::Array(vec![3.into(), true.into()]))
        );
        // `var.unset` has no known value: Terraform might take it, so nothing is assumed.
        assert_eq!(value("try(var.unset, \"x\")"), None);
        assert_eq!(value("try(aws_s3_bucket.b.id, \"x\")"), None);
        assert_eq!(value("can(local.nope)"), None);
    }

    #[test]
    fn file_and_templatefile_read_inside_the_repository_only() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("repo");
        std::fs::create_dir_all(root.join("m")).unwrap();
        std::fs::write(root.join("m/policy.json"), "{\"Action\": \"*\"}").unwrap();
        std::fs::write(root.join("m/t.tpl"), "hello ${name}, ${upper(name)}").unwrap();
        std::fs::write(dir.path().join("secret"), "outside").unwrap();
        let mut ctx = ctx();
        declare_files(
            &mut ctx,
            &FileAccess {
                cwd: root.clone(),
                root: root.clone(),
                max: 1 << 20,
                path_module: ".".into(),
            },
        );
        let value = |t: &str| eval(&expr(t), &ctx).ok();
        assert_eq!(
            value("file(\"m/policy.json\")"),
            Some("{\"Action\": \"*\"}".into())
        );
        assert_eq!(
            value("templatefile(\"m/t.tpl\", { name = \"web\" })"),
            Some("hello web, WEB".into())
        );
        assert_eq!(value("file(\"../secret\")"), None);
        assert_eq!(value("file(\"m/missing.json\")"), None);
    }
}
