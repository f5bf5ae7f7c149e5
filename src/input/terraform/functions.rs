//! The Terraform functions static evaluation knows, and the evaluation context they live in
//! (`path.*`). A function that is not here leaves its expression unresolved (`"${...}"`), visibly:
//! tollgate never guesses a value.

use hcl::eval::{Context, FuncArgs, FuncDef, ParamType};

pub(super) fn base_context() -> Context<'static> {
    let mut ctx = Context::new();
    let mut path = hcl::Map::new();
    for k in ["module", "root", "cwd"] {
        path.insert(k.to_string(), hcl::Value::from("."));
    }
    ctx.declare_var("path", hcl::Value::Object(path));
    ctx.declare_func("jsonencode", FuncDef::new(f_jsonencode, [ParamType::Any]));
    ctx.declare_func("lower", FuncDef::new(f_lower, [ParamType::String]));
    ctx.declare_func("upper", FuncDef::new(f_upper, [ParamType::String]));
    ctx.declare_func("trimspace", FuncDef::new(f_trimspace, [ParamType::String]));
    ctx.declare_func("tostring", FuncDef::new(f_tostring, [ParamType::Any]));
    ctx.declare_func("tonumber", FuncDef::new(f_tonumber, [ParamType::Any]));
    ctx.declare_func("tobool", FuncDef::new(f_tobool, [ParamType::Any]));
    for name in ["tolist", "tomap", "sensitive", "nonsensitive"] {
        ctx.declare_func(name, FuncDef::new(f_identity, [ParamType::Any]));
    }
    ctx.declare_func(
        "concat",
        FuncDef::builder()
            .variadic_param(ParamType::array_of(ParamType::Any))
            .build(f_concat),
    );
    ctx.declare_func(
        "merge",
        FuncDef::builder()
            .variadic_param(ParamType::Any)
            .build(f_merge),
    );
    ctx.declare_func(
        "coalesce",
        FuncDef::builder()
            .variadic_param(ParamType::Any)
            .build(f_coalesce),
    );
    ctx.declare_func(
        "join",
        FuncDef::new(
            f_join,
            [ParamType::String, ParamType::array_of(ParamType::Any)],
        ),
    );
    ctx.declare_func(
        "split",
        FuncDef::new(f_split, [ParamType::String, ParamType::String]),
    );
    ctx.declare_func(
        "lookup",
        FuncDef::builder()
            .params([ParamType::object_of(ParamType::Any), ParamType::String])
            .variadic_param(ParamType::Any)
            .build(f_lookup),
    );
    ctx.declare_func("length", FuncDef::new(f_length, [ParamType::Any]));
    super::more_functions::declare(&mut ctx);
    ctx.declare_func(
        "cidrsubnet",
        FuncDef::new(
            super::cidr::f_cidrsubnet,
            [ParamType::String, ParamType::Number, ParamType::Number],
        ),
    );
    ctx.declare_func(
        "cidrhost",
        FuncDef::new(
            super::cidr::f_cidrhost,
            [ParamType::String, ParamType::Number],
        ),
    );
    ctx.declare_func(
        "cidrnetmask",
        FuncDef::new(super::cidr::f_cidrnetmask, [ParamType::String]),
    );
    ctx.declare_func(
        "format",
        FuncDef::builder()
            .param(ParamType::String)
            .variadic_param(ParamType::Any)
            .build(f_format),
    );
    ctx.declare_func(
        "replace",
        FuncDef::new(
            f_replace,
            [ParamType::String, ParamType::String, ParamType::String],
        ),
    );
    let any = || ParamType::Any;
    let variadic = |f: fn(FuncArgs) -> Result<hcl::Value, String>| {
        FuncDef::builder().variadic_param(ParamType::Any).build(f)
    };
    ctx.declare_func("toset", FuncDef::new(f_toset, [any()]));
    ctx.declare_func("distinct", FuncDef::new(f_distinct, [any()]));
    ctx.declare_func("coalescelist", variadic(f_coalescelist));
    ctx.declare_func("compact", FuncDef::new(f_compact, [any()]));
    ctx.declare_func("contains", FuncDef::new(f_contains, [any(), any()]));
    ctx.declare_func("element", FuncDef::new(f_element, [any(), any()]));
    ctx.declare_func("flatten", FuncDef::new(f_flatten, [any()]));
    ctx.declare_func("keys", FuncDef::new(f_keys, [any()]));
    ctx.declare_func("values", FuncDef::new(f_values, [any()]));
    ctx.declare_func("range", variadic(f_range));
    ctx.declare_func("setunion", variadic(f_setunion));
    ctx.declare_func("zipmap", FuncDef::new(f_zipmap, [any(), any()]));
    ctx.declare_func(
        "jsondecode",
        FuncDef::new(f_jsondecode, [ParamType::String]),
    );
    ctx.declare_func(
        "base64encode",
        FuncDef::new(f_base64encode, [ParamType::String]),
    );
    ctx.declare_func(
        "base64decode",
        FuncDef::new(f_base64decode, [ParamType::String]),
    );
    ctx.declare_func(
        "startswith",
        FuncDef::new(f_startswith, [ParamType::String, ParamType::String]),
    );
    ctx.declare_func(
        "endswith",
        FuncDef::new(f_endswith, [ParamType::String, ParamType::String]),
    );
    ctx.declare_func(
        "trimprefix",
        FuncDef::new(f_trimprefix, [ParamType::String, ParamType::String]),
    );
    ctx.declare_func(
        "trimsuffix",
        FuncDef::new(f_trimsuffix, [ParamType::String, ParamType::String]),
    );
    ctx.declare_func(
        "formatlist",
        FuncDef::builder()
            .param(ParamType::String)
            .variadic_param(ParamType::Any)
            .build(f_formatlist),
    );
    ctx.declare_func("one", FuncDef::new(f_one, [any()]));
    ctx.declare_func("reverse", FuncDef::new(f_reverse, [any()]));
    ctx.declare_func("min", variadic(f_min));
    ctx.declare_func("max", variadic(f_max));
    ctx
}

pub(super) fn array(v: &hcl::Value, what: &str) -> Result<Vec<hcl::Value>, String> {
    match v {
        hcl::Value::Array(a) => Ok(a.clone()),
        _ => Err(format!("{what}: expected a list")),
    }
}

fn f_toset(args: FuncArgs) -> Result<hcl::Value, String> {
    Ok(set_of(array(&args[0], "toset")?))
}

/// A set: distinct elements, strings sorted (Terraform orders sets of strings lexically).
fn set_of(items: Vec<hcl::Value>) -> hcl::Value {
    hcl::Value::Array(set_elements(items))
}

/// The elements of a set made of `items`, in the order `set_of` gives them.
pub(super) fn set_elements(mut items: Vec<hcl::Value>) -> Vec<hcl::Value> {
    if items.iter().all(|v| v.is_string()) {
        items.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
    }
    let mut out: Vec<hcl::Value> = Vec::new();
    for v in items {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

fn f_distinct(args: FuncArgs) -> Result<hcl::Value, String> {
    let mut out: Vec<hcl::Value> = Vec::new();
    for v in array(&args[0], "distinct")? {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    Ok(hcl::Value::Array(out))
}

fn f_coalescelist(args: FuncArgs) -> Result<hcl::Value, String> {
    args.iter()
        .find(|v| matches!(v, hcl::Value::Array(a) if !a.is_empty()))
        .cloned()
        .ok_or_else(|| "coalescelist: no non-empty list".into())
}

fn f_compact(args: FuncArgs) -> Result<hcl::Value, String> {
    Ok(hcl::Value::Array(
        array(&args[0], "compact")?
            .into_iter()
            .filter(|v| !matches!(v, hcl::Value::Null) && v.as_str() != Some(""))
            .collect(),
    ))
}

fn f_contains(args: FuncArgs) -> Result<hcl::Value, String> {
    Ok(hcl::Value::Bool(
        array(&args[0], "contains")?.contains(&args[1]),
    ))
}

fn f_element(args: FuncArgs) -> Result<hcl::Value, String> {
    let items = array(&args[0], "element")?;
    let i = args[1]
        .as_u64()
        .ok_or("element: the index must be a number")? as usize;
    if items.is_empty() {
        return Err("element: empty list".into());
    }
    Ok(items[i % items.len()].clone())
}

fn f_flatten(args: FuncArgs) -> Result<hcl::Value, String> {
    fn flat(v: hcl::Value, out: &mut Vec<hcl::Value>) {
        match v {
            hcl::Value::Array(items) => items.into_iter().for_each(|i| flat(i, out)),
            other => out.push(other),
        }
    }
    let mut out = Vec::new();
    for v in array(&args[0], "flatten")? {
        flat(v, &mut out);
    }
    Ok(hcl::Value::Array(out))
}

fn f_keys(args: FuncArgs) -> Result<hcl::Value, String> {
    let map = args[0].as_object().ok_or("keys: expected a map")?;
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort();
    Ok(hcl::Value::Array(
        keys.into_iter()
            .map(|k| hcl::Value::from(k.clone()))
            .collect(),
    ))
}

fn f_values(args: FuncArgs) -> Result<hcl::Value, String> {
    let map = args[0].as_object().ok_or("values: expected a map")?;
    let mut entries: Vec<(&String, &hcl::Value)> = map.iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    Ok(hcl::Value::Array(
        entries.into_iter().map(|(_, v)| v.clone()).collect(),
    ))
}

fn f_range(args: FuncArgs) -> Result<hcl::Value, String> {
    let n = |i: usize| {
        args.get(i)
            .and_then(|v| v.as_f64())
            .ok_or_else(|| "range: numbers expected".to_string())
    };
    let (start, end, step) = match args.len() {
        1 => (0.0, n(0)?, 1.0),
        2 => (n(0)?, n(1)?, 1.0),
        3 => (n(0)?, n(1)?, n(2)?),
        _ => return Err("range: one to three arguments".into()),
    };
    if step == 0.0 {
        return Err("range: step must not be 0".into());
    }
    let mut out = Vec::new();
    let mut x = start;
    while (step > 0.0 && x < end) || (step < 0.0 && x > end) {
        if out.len() >= 1024 {
            return Err("range: more than 1024 elements".into());
        }
        out.push(if x.fract() == 0.0 {
            hcl::Value::from(x as i64)
        } else {
            hcl::Value::from(x)
        });
        x += step;
    }
    Ok(hcl::Value::Array(out))
}

fn f_setunion(args: FuncArgs) -> Result<hcl::Value, String> {
    let mut all = Vec::new();
    for a in args.iter() {
        all.extend(array(a, "setunion")?);
    }
    Ok(set_of(all))
}

fn f_zipmap(args: FuncArgs) -> Result<hcl::Value, String> {
    let keys = array(&args[0], "zipmap")?;
    let values = array(&args[1], "zipmap")?;
    if keys.len() != values.len() {
        return Err("zipmap: lists of different lengths".into());
    }
    let mut map = hcl::Map::new();
    for (k, v) in keys.into_iter().zip(values) {
        map.insert(
            k.as_str()
                .ok_or("zipmap: keys must be strings")?
                .to_string(),
            v,
        );
    }
    Ok(hcl::Value::Object(map))
}

fn f_jsondecode(args: FuncArgs) -> Result<hcl::Value, String> {
    let text = args[0].as_str().unwrap_or_default();
    let v: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("jsondecode: {e}"))?;
    hcl::to_value(v).map_err(|e| e.to_string())
}

fn f_base64encode(args: FuncArgs) -> Result<hcl::Value, String> {
    Ok(hcl::Value::from(
        data_encoding::BASE64.encode(args[0].as_str().unwrap_or_default().as_bytes()),
    ))
}

fn f_base64decode(args: FuncArgs) -> Result<hcl::Value, String> {
    let bytes = data_encoding::BASE64
        .decode(args[0].as_str().unwrap_or_default().as_bytes())
        .map_err(|e| format!("base64decode: {e}"))?;
    String::from_utf8(bytes)
        .map(hcl::Value::from)
        .map_err(|_| "base64decode: not UTF-8".into())
}

fn str_pair(args: &FuncArgs) -> (&str, &str) {
    (
        args[0].as_str().unwrap_or_default(),
        args[1].as_str().unwrap_or_default(),
    )
}

fn f_startswith(args: FuncArgs) -> Result<hcl::Value, String> {
    let (s, p) = str_pair(&args);
    Ok(hcl::Value::Bool(s.starts_with(p)))
}

fn f_endswith(args: FuncArgs) -> Result<hcl::Value, String> {
    let (s, p) = str_pair(&args);
    Ok(hcl::Value::Bool(s.ends_with(p)))
}

fn f_trimprefix(args: FuncArgs) -> Result<hcl::Value, String> {
    let (s, p) = str_pair(&args);
    Ok(hcl::Value::from(s.strip_prefix(p).unwrap_or(s)))
}

fn f_trimsuffix(args: FuncArgs) -> Result<hcl::Value, String> {
    let (s, p) = str_pair(&args);
    Ok(hcl::Value::from(s.strip_suffix(p).unwrap_or(s)))
}

/// `formatlist(spec, lists or values...)`: `format` over the elements, lists of equal length.
fn f_formatlist(args: FuncArgs) -> Result<hcl::Value, String> {
    let spec = args[0].as_str().unwrap_or_default().to_string();
    let rest: Vec<hcl::Value> = args.iter().skip(1).cloned().collect();
    let len = rest
        .iter()
        .filter_map(|v| v.as_array().map(Vec::len))
        .max()
        .unwrap_or(1);
    if rest
        .iter()
        .any(|v| v.as_array().is_some_and(|a| a.len() != len))
    {
        return Err("formatlist: lists of different lengths".into());
    }
    let mut out = Vec::new();
    for i in 0..len {
        let values: Vec<hcl::Value> = rest
            .iter()
            .map(|v| match v {
                hcl::Value::Array(a) => a[i].clone(),
                other => other.clone(),
            })
            .collect();
        out.push(hcl::Value::from(format_values(&spec, &values)?));
    }
    Ok(hcl::Value::Array(out))
}

fn f_one(args: FuncArgs) -> Result<hcl::Value, String> {
    let items = array(&args[0], "one")?;
    match items.len() {
        0 => Ok(hcl::Value::Null),
        1 => Ok(items[0].clone()),
        _ => Err("one: more than one element".into()),
    }
}

fn f_reverse(args: FuncArgs) -> Result<hcl::Value, String> {
    let mut items = array(&args[0], "reverse")?;
    items.reverse();
    Ok(hcl::Value::Array(items))
}

fn numbers(args: &FuncArgs, what: &str) -> Result<Vec<f64>, String> {
    args.iter()
        .map(|v| {
            v.as_f64()
                .ok_or_else(|| format!("{what}: numbers expected"))
        })
        .collect()
}

fn number(x: f64) -> hcl::Value {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        hcl::Value::from(x as i64)
    } else {
        hcl::Value::from(x)
    }
}

fn f_min(args: FuncArgs) -> Result<hcl::Value, String> {
    numbers(&args, "min")?
        .into_iter()
        .reduce(f64::min)
        .map(number)
        .ok_or_else(|| "min: no arguments".into())
}

fn f_max(args: FuncArgs) -> Result<hcl::Value, String> {
    numbers(&args, "max")?
        .into_iter()
        .reduce(f64::max)
        .map(number)
        .ok_or_else(|| "max: no arguments".into())
}

fn f_jsonencode(args: FuncArgs) -> Result<hcl::Value, String> {
    serde_json::to_string(&args[0])
        .map(hcl::Value::String)
        .map_err(|e| e.to_string())
}
fn f_lower(args: FuncArgs) -> Result<hcl::Value, String> {
    Ok(hcl::Value::from(
        args[0].as_str().unwrap_or_default().to_lowercase(),
    ))
}
fn f_upper(args: FuncArgs) -> Result<hcl::Value, String> {
    Ok(hcl::Value::from(
        args[0].as_str().unwrap_or_default().to_uppercase(),
    ))
}
fn f_trimspace(args: FuncArgs) -> Result<hcl::Value, String> {
    Ok(hcl::Value::from(
        args[0].as_str().unwrap_or_default().trim(),
    ))
}
fn f_identity(args: FuncArgs) -> Result<hcl::Value, String> {
    Ok(args[0].clone())
}
fn f_tostring(args: FuncArgs) -> Result<hcl::Value, String> {
    match &args[0] {
        hcl::Value::String(s) => Ok(hcl::Value::from(s.as_str())),
        hcl::Value::Number(n) => Ok(hcl::Value::from(n.to_string())),
        hcl::Value::Bool(b) => Ok(hcl::Value::from(b.to_string())),
        hcl::Value::Null => Ok(hcl::Value::Null),
        _ => Err("tostring: not a primitive".into()),
    }
}
fn f_tonumber(args: FuncArgs) -> Result<hcl::Value, String> {
    match &args[0] {
        hcl::Value::Number(n) => Ok(hcl::Value::Number(*n)),
        hcl::Value::String(s) => s
            .parse::<i64>()
            .map(hcl::Value::from)
            .or_else(|_| s.parse::<f64>().map(hcl::Value::from))
            .map_err(|e| e.to_string()),
        _ => Err("tonumber: not a number".into()),
    }
}
fn f_tobool(args: FuncArgs) -> Result<hcl::Value, String> {
    match &args[0] {
        hcl::Value::Bool(b) => Ok(hcl::Value::Bool(*b)),
        hcl::Value::String(s) if s == "true" => Ok(hcl::Value::Bool(true)),
        hcl::Value::String(s) if s == "false" => Ok(hcl::Value::Bool(false)),
        _ => Err("tobool: not a bool".into()),
    }
}
fn f_concat(args: FuncArgs) -> Result<hcl::Value, String> {
    let mut out = Vec::new();
    for a in args.iter() {
        out.extend(a.as_array().cloned().unwrap_or_default());
    }
    Ok(hcl::Value::Array(out))
}
fn f_merge(args: FuncArgs) -> Result<hcl::Value, String> {
    let mut out = hcl::Map::new();
    for a in args.iter() {
        match a {
            hcl::Value::Object(m) => out.extend(m.clone()),
            hcl::Value::Null => {}
            _ => return Err("merge: not an object".into()),
        }
    }
    Ok(hcl::Value::Object(out))
}
fn f_coalesce(args: FuncArgs) -> Result<hcl::Value, String> {
    args.iter()
        .find(|v| !v.is_null() && v.as_str() != Some(""))
        .cloned()
        .ok_or_else(|| "coalesce: no non-null argument".into())
}
fn f_join(args: FuncArgs) -> Result<hcl::Value, String> {
    let sep = args[0].as_str().unwrap_or_default();
    let parts: Option<Vec<String>> = args[1]
        .as_array()
        .map(|a| a.iter().map(|v| v.as_str().map(str::to_string)).collect())
        .unwrap_or(None);
    parts
        .map(|p| hcl::Value::from(p.join(sep)))
        .ok_or_else(|| "join: not strings".into())
}
fn f_split(args: FuncArgs) -> Result<hcl::Value, String> {
    let sep = args[0].as_str().unwrap_or_default();
    let s = args[1].as_str().unwrap_or_default();
    Ok(hcl::Value::Array(
        s.split(sep).map(hcl::Value::from).collect(),
    ))
}
fn f_lookup(args: FuncArgs) -> Result<hcl::Value, String> {
    let key = args[1].as_str().unwrap_or_default();
    match args[0].as_object().and_then(|m| m.get(key)) {
        Some(v) => Ok(v.clone()),
        None => args
            .get(2)
            .cloned()
            .ok_or_else(|| format!("lookup: no key `{key}`")),
    }
}
fn f_length(args: FuncArgs) -> Result<hcl::Value, String> {
    match &args[0] {
        hcl::Value::Array(a) => Ok(hcl::Value::from(a.len() as u64)),
        hcl::Value::Object(m) => Ok(hcl::Value::from(m.len() as u64)),
        hcl::Value::String(s) => Ok(hcl::Value::from(s.chars().count() as u64)),
        _ => Err("length: unsupported".into()),
    }
}
fn f_replace(args: FuncArgs) -> Result<hcl::Value, String> {
    let (s, from, to) = (
        args[0].as_str().unwrap_or_default(),
        args[1].as_str().unwrap_or_default(),
        args[2].as_str().unwrap_or_default(),
    );
    if from.starts_with('/') && from.ends_with('/') && from.len() > 1 {
        return Err("replace: regular expressions are not evaluated".into());
    }
    Ok(hcl::Value::from(s.replace(from, to)))
}
/// `format` with the verbs real configurations use (`%s`, `%d`, `%v`, `%%`).
fn f_format(args: FuncArgs) -> Result<hcl::Value, String> {
    let spec = args[0].as_str().unwrap_or_default();
    let values: Vec<hcl::Value> = args.iter().skip(1).cloned().collect();
    format_values(spec, &values).map(hcl::Value::from)
}

/// `format`'s `%s %d %v %%` over values.
fn format_values(spec: &str, values: &[hcl::Value]) -> Result<String, String> {
    let mut rest = values.iter();
    let mut out = String::new();
    let mut chars = spec.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('%') => out.push('%'),
            Some('s') | Some('d') | Some('v') => match rest.next() {
                Some(hcl::Value::String(s)) => out.push_str(s),
                Some(hcl::Value::Number(n)) => out.push_str(&n.to_string()),
                Some(hcl::Value::Bool(b)) => out.push_str(&b.to_string()),
                _ => return Err("format: unsupported argument".into()),
            },
            _ => return Err("format: unsupported verb".into()),
        }
    }
    Ok(out)
}
