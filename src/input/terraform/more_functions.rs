//! More of Terraform's built-in functions that real modules use: list and set operations
//! (`sort`, `slice`, `setsubtract`, `setintersection`, `cidrsubnets` lives in `cidr`), and string
//! and path ones (`substr`, `title`, `chomp`, `strrev`, `basename`, `dirname`, `regex`,
//! `regexall`). Each follows Terraform's documented behaviour; the differential test checks them
//! against `terraform plan`.

use super::functions::{array as list, set_elements};
use hcl::eval::{Context, FuncArgs, FuncDef, ParamType};

pub(super) fn declare(ctx: &mut Context<'_>) {
    let any = || ParamType::Any;
    let string = || ParamType::String;
    ctx.declare_func("sort", FuncDef::new(f_sort, [any()]));
    ctx.declare_func("slice", FuncDef::new(f_slice, [any(), any(), any()]));
    let variadic = |f: fn(FuncArgs) -> Result<hcl::Value, String>| {
        FuncDef::builder().variadic_param(any()).build(f)
    };
    ctx.declare_func("setsubtract", FuncDef::new(f_setsubtract, [any(), any()]));
    ctx.declare_func("setintersection", variadic(f_setintersection));
    ctx.declare_func("substr", FuncDef::new(f_substr, [string(), any(), any()]));
    ctx.declare_func("title", FuncDef::new(f_title, [string()]));
    ctx.declare_func("chomp", FuncDef::new(f_chomp, [string()]));
    ctx.declare_func("strrev", FuncDef::new(f_strrev, [string()]));
    ctx.declare_func("basename", FuncDef::new(f_basename, [string()]));
    ctx.declare_func("dirname", FuncDef::new(f_dirname, [string()]));
    ctx.declare_func("regex", FuncDef::new(f_regex, [string(), string()]));
    ctx.declare_func("regexall", FuncDef::new(f_regexall, [string(), string()]));
    ctx.declare_func(
        "cidrsubnets",
        FuncDef::builder()
            .param(string())
            .variadic_param(ParamType::Number)
            .build(super::cidr::f_cidrsubnets),
    );
}

fn index(v: &hcl::Value, what: &str) -> Result<usize, String> {
    v.as_number()
        .and_then(|n| n.as_u64())
        .map(|n| n as usize)
        .ok_or_else(|| format!("{what}: expected a whole number"))
}

/// `sort(list)`: strings in lexical order (numbers are sorted by their decimal text, as
/// Terraform converts them to strings first).
fn f_sort(args: FuncArgs) -> Result<hcl::Value, String> {
    let mut items: Vec<String> = list(&args[0], "sort")?
        .into_iter()
        .map(|v| match v {
            hcl::Value::String(s) => Ok(s),
            hcl::Value::Number(n) => Ok(n.to_string()),
            _ => Err("sort: expected a list of strings".to_string()),
        })
        .collect::<Result<_, _>>()?;
    items.sort();
    Ok(hcl::Value::Array(
        items.into_iter().map(hcl::Value::from).collect(),
    ))
}

fn f_slice(args: FuncArgs) -> Result<hcl::Value, String> {
    let items = list(&args[0], "slice")?;
    let (start, end) = (index(&args[1], "slice")?, index(&args[2], "slice")?);
    if start > end || end > items.len() {
        return Err(format!(
            "slice: indices {start}..{end} out of range for {} elements",
            items.len()
        ));
    }
    Ok(hcl::Value::Array(items[start..end].to_vec()))
}

/// Elements of a set, as `toset` orders them (strings lexically, distinct).
fn set(v: &hcl::Value, what: &str) -> Result<Vec<hcl::Value>, String> {
    Ok(set_elements(list(v, what)?))
}

fn f_setsubtract(args: FuncArgs) -> Result<hcl::Value, String> {
    let remove = set(&args[1], "setsubtract")?;
    let kept = set(&args[0], "setsubtract")?
        .into_iter()
        .filter(|v| !remove.contains(v))
        .collect();
    Ok(hcl::Value::Array(kept))
}

fn f_setintersection(args: FuncArgs) -> Result<hcl::Value, String> {
    let mut sets = args.iter().map(|a| set(a, "setintersection"));
    let mut out = sets.next().ok_or("setintersection: no argument")??;
    for other in sets {
        let other = other?;
        out.retain(|v| other.contains(v));
    }
    Ok(hcl::Value::Array(out))
}

/// `substr(string, offset, length)` in characters; a negative offset counts from the end and a
/// length of -1 runs to the end.
fn f_substr(args: FuncArgs) -> Result<hcl::Value, String> {
    let chars: Vec<char> = args[0].as_str().unwrap_or_default().chars().collect();
    let number = |v: &hcl::Value| {
        v.as_number()
            .and_then(|n| n.as_i64())
            .ok_or("substr: expected whole numbers")
    };
    let (offset, length) = (number(&args[1])?, number(&args[2])?);
    let len = chars.len() as i64;
    let start = if offset < 0 { len + offset } else { offset }.clamp(0, len);
    let end = if length < 0 {
        len
    } else {
        (start + length).min(len)
    };
    Ok(hcl::Value::from(
        chars[start as usize..end.max(start) as usize]
            .iter()
            .collect::<String>(),
    ))
}

fn f_title(args: FuncArgs) -> Result<hcl::Value, String> {
    let mut out = String::new();
    let mut start = true;
    for c in args[0].as_str().unwrap_or_default().chars() {
        if start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = !c.is_alphanumeric();
    }
    Ok(hcl::Value::from(out))
}

fn f_chomp(args: FuncArgs) -> Result<hcl::Value, String> {
    Ok(hcl::Value::from(
        args[0]
            .as_str()
            .unwrap_or_default()
            .trim_end_matches(['\n', '\r']),
    ))
}

fn f_strrev(args: FuncArgs) -> Result<hcl::Value, String> {
    Ok(hcl::Value::from(
        args[0]
            .as_str()
            .unwrap_or_default()
            .chars()
            .rev()
            .collect::<String>(),
    ))
}

/// `basename`/`dirname` as Go's `filepath.Base`/`filepath.Dir` on a Unix path.
fn f_basename(args: FuncArgs) -> Result<hcl::Value, String> {
    let path = args[0].as_str().unwrap_or_default();
    let trimmed = path.trim_end_matches('/');
    Ok(hcl::Value::from(match trimmed {
        "" if path.is_empty() => ".",
        "" => "/",
        t => t.rsplit('/').next().unwrap_or(t),
    }))
}

fn f_dirname(args: FuncArgs) -> Result<hcl::Value, String> {
    let path = args[0].as_str().unwrap_or_default();
    let dir = match path.rfind('/') {
        Some(0) => "/".to_string(),
        Some(i) => path[..i].trim_end_matches('/').to_string(),
        None => ".".to_string(),
    };
    Ok(hcl::Value::from(if dir.is_empty() {
        "/".to_string()
    } else {
        dir
    }))
}

fn compile(pattern: &str) -> Result<regex::Regex, String> {
    regex::Regex::new(pattern).map_err(|e| format!("invalid regular expression: {e}"))
}

/// One match's value as Terraform gives it: the whole match without groups, a list of the
/// groups, or an object of the named groups.
fn captures(re: &regex::Regex, caps: &regex::Captures) -> hcl::Value {
    let names: Vec<Option<&str>> = re.capture_names().skip(1).collect();
    if names.is_empty() {
        return hcl::Value::from(caps.get(0).map_or("", |m| m.as_str()));
    }
    let group = |i: usize| {
        caps.get(i)
            .map_or(hcl::Value::Null, |m| hcl::Value::from(m.as_str()))
    };
    if names.iter().all(Option::is_some) {
        return hcl::Value::Object(
            names
                .iter()
                .enumerate()
                .map(|(i, n)| (n.unwrap_or_default().to_string(), group(i + 1)))
                .collect(),
        );
    }
    hcl::Value::Array((1..=names.len()).map(group).collect())
}

fn f_regex(args: FuncArgs) -> Result<hcl::Value, String> {
    let re = compile(args[0].as_str().unwrap_or_default())?;
    let text = args[1].as_str().unwrap_or_default();
    let caps = re
        .captures(text)
        .ok_or_else(|| "regex: the pattern does not match".to_string())?;
    Ok(captures(&re, &caps))
}

fn f_regexall(args: FuncArgs) -> Result<hcl::Value, String> {
    let re = compile(args[0].as_str().unwrap_or_default())?;
    let text = args[1].as_str().unwrap_or_default();
    Ok(hcl::Value::Array(
        re.captures_iter(text).map(|c| captures(&re, &c)).collect(),
    ))
}
