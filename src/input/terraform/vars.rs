//! The evaluation context of a module: `var.*` from defaults, variable files, the command line
//! or the caller's arguments, and `local.*` resolved to a fixed point.

use super::*;

/// Where a module's variables come from.
pub(super) enum Vars<'a> {
    /// A root module: defaults, then the variable files in Terraform's order.
    Root(&'a [SourceFile]),
    /// A module instance: the caller's arguments (known ones; `unknown` names arguments the
    /// caller passes whose value is not statically known), then defaults for the rest.
    Instance {
        inputs: hcl::Map<String, hcl::Value>,
        unknown: Vec<String>,
    },
}

/// `default`s of the `variable` blocks of a `.tf.json` file (in the HCL shape).
pub(super) fn json_variable_defaults(file: &Value) -> Vec<(String, hcl::Value)> {
    let Ok(vars) = file["variable"].as_object() else {
        return Vec::new();
    };
    vars.iter()
        .filter_map(|(name, bodies)| {
            let default = &bodies[0]["default"];
            if *default == Value::Undefined {
                return None;
            }
            let json = serde_json::to_value(default).ok()?;
            Some((
                name.as_string().ok()?.to_string(),
                hcl::to_value(json).ok()?,
            ))
        })
        .collect()
}

/// Builds the evaluation context: `var.*` from defaults and tfvars, `local.*` where resolvable.
pub(super) fn module_context(
    bodies: &[&Body],
    json_defaults: &[(String, hcl::Value)],
    source: &Vars,
    access: Option<&eval::FileAccess>,
) -> Context<'static> {
    let mut ctx = base_context();
    if let Some(access) = access {
        eval::declare_files(&mut ctx, access);
    }
    let mut vars = hcl::Map::new();
    for (name, value) in json_defaults {
        vars.insert(name.clone(), value.clone());
    }
    for body in bodies {
        for block in body.get_blocks("variable") {
            let Some(name) = block.labels.first().map(label_text) else {
                continue;
            };
            if let Some(attr) = block.body.get_attribute("default") {
                let expr: hcl::Expression = attr.value.clone().into();
                if let Ok(v) = eval::eval(&expr, &ctx) {
                    vars.insert(name, v);
                }
            }
        }
    }
    match source {
        Vars::Root(tfvars) => {
            // terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) in lexical
            // order, then the files and values given to Terraform's command line: later wins.
            for file in ordered_var_files(tfvars) {
                for (name, value) in var_file_values(file, &ctx) {
                    vars.insert(name, value);
                }
            }
        }
        Vars::Instance { inputs, unknown } => {
            // A child module reads no variable files: only its caller's arguments.
            for name in unknown {
                vars.shift_remove(name);
            }
            for (name, value) in inputs {
                vars.insert(name.clone(), value.clone());
            }
        }
    }
    // Every value takes its variable's type, as Terraform converts it: optional attributes get
    // their defaults, undeclared attributes go.
    for body in bodies {
        for block in body.get_blocks("variable") {
            let (Some(name), Some(ty)) = (
                block.labels.first().map(label_text),
                block.body.get_attribute("type"),
            ) else {
                continue;
            };
            let ty = types::parse(&ty.value.clone().into());
            if let Some(value) = vars.get_mut(&name) {
                *value = types::apply(&ty, std::mem::take(value), &ctx);
            }
        }
    }
    ctx.declare_var("var", hcl::Value::Object(vars));

    // Locals may refer to each other in any order: evaluate to a fixed point.
    let local_exprs: Vec<(String, hcl::Expression)> = bodies
        .iter()
        .flat_map(|b| b.get_blocks("locals"))
        .flat_map(|block| block.body.iter().filter_map(Structure::as_attribute))
        .map(|attr| (attr.key.to_string(), attr.value.clone().into()))
        .collect();
    let mut locals = hcl::Map::new();
    loop {
        ctx.declare_var("local", hcl::Value::Object(locals.clone()));
        let mut progressed = false;
        for (name, expr) in &local_exprs {
            if locals.contains_key(name) {
                continue;
            }
            if let Ok(v) = eval::eval(expr, &ctx) {
                locals.insert(name.clone(), v);
                progressed = true;
            }
        }
        if !progressed {
            break;
        }
    }
    ctx.declare_var("local", hcl::Value::Object(locals));
    ctx
}

/// Variable files in Terraform's order: `terraform.tfvars`, `terraform.tfvars.json`, then
/// `*.auto.tfvars` and `*.auto.tfvars.json` in one lexical order by file name, then the files and
/// values of the command line in the order given.
fn ordered_var_files(files: &[SourceFile]) -> Vec<&SourceFile> {
    let rank = |f: &SourceFile| {
        let name = f.path.rsplit('/').next().unwrap_or(&f.path);
        if f.path.starts_with(EXPLICIT_PREFIX) {
            2
        } else if name == "terraform.tfvars" || name == "terraform.tfvars.json" {
            0
        } else {
            1
        }
    };
    let mut ordered: Vec<(usize, &SourceFile)> = files.iter().enumerate().collect();
    ordered.sort_by(|(ia, a), (ib, b)| {
        let name = |f: &SourceFile| f.path.rsplit('/').next().unwrap_or(&f.path).to_string();
        rank(a)
            .cmp(&rank(b))
            // Explicit files keep their command-line order; the others sort by name, with
            // `terraform.tfvars` before `terraform.tfvars.json`.
            .then_with(|| {
                if rank(a) == 2 {
                    ia.cmp(ib)
                } else {
                    name(a).cmp(&name(b))
                }
            })
    });
    ordered.into_iter().map(|(_, f)| f).collect()
}

/// The values a variable file sets (HCL `.tfvars` or JSON `.tfvars.json`).
fn var_file_values(file: &SourceFile, ctx: &Context<'static>) -> Vec<(String, hcl::Value)> {
    if file.path.ends_with(".json") {
        let Ok(serde_json::Value::Object(map)) =
            serde_json::from_str::<serde_json::Value>(crate::input::strip_bom(&file.text))
        else {
            return Vec::new();
        };
        return map
            .into_iter()
            .filter_map(|(k, v)| hcl::to_value(v).ok().map(|v| (k, v)))
            .collect();
    }
    let Ok((body, _)) = parse_hcl(&file.text) else {
        return Vec::new();
    };
    body.iter()
        .filter_map(Structure::as_attribute)
        .filter_map(|attr| {
            let expr: hcl::Expression = attr.value.clone().into();
            eval::eval(&expr, ctx)
                .ok()
                .map(|v| (attr.key.to_string(), v))
        })
        .collect()
}
