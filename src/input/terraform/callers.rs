//! Finding who calls a module directory (pre-commit names a file inside a called module: it is
//! judged through its caller), and the local modules a directory calls.

use super::*;

/// A module directory outside the scan that calls `dir` (cheaply: the `.tf` files of `dir`'s
/// ancestors up to `root` and of their subdirectories two levels down, at most 2,000 directories),
/// the nearest first.
pub fn find_caller(dir: &Path, root: &Path) -> Option<PathBuf> {
    let target = std::fs::canonicalize(dir).ok()?;
    let mut seen = 0usize;
    let mut ancestor = target.parent();
    while let Some(a) = ancestor {
        if !a.starts_with(root) {
            break;
        }
        let mut candidates = vec![a.to_path_buf()];
        let mut frontier = vec![a.to_path_buf()];
        for _ in 0..2 {
            let mut next = Vec::new();
            for d in &frontier {
                for entry in std::fs::read_dir(d).into_iter().flatten().flatten() {
                    let p = entry.path();
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if p.is_dir() && !name.starts_with('.') && name != "node_modules" {
                        next.push(p);
                    }
                }
            }
            candidates.extend(next.iter().cloned());
            frontier = next;
        }
        for c in candidates {
            seen += 1;
            if seen > 2000 {
                return None;
            }
            if std::fs::canonicalize(&c).ok().as_ref() == Some(&target) {
                continue;
            }
            if local_calls(&c)
                .iter()
                .any(|callee| std::fs::canonicalize(callee).ok().as_ref() == Some(&target))
            {
                return Some(c);
            }
        }
        ancestor = a.parent();
    }
    None
}

/// The local module directories the `.tf` files of `dir` call (to know which directories are
/// judged through their callers rather than as roots).
pub fn local_calls(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_ascii_lowercase();
        if !name.ends_with(".tf") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        if !text.contains("module") {
            continue;
        }
        let Ok(body) = hcl_edit::parser::parse_body(crate::input::strip_bom(&text)) else {
            continue;
        };
        for block in body.get_blocks("module") {
            let source = block.body.get_attribute("source").and_then(|a| {
                hcl::Expression::from(a.value.clone())
                    .evaluate(&base_context())
                    .ok()
            });
            if let Some(hcl::Value::String(source)) = source {
                if source.starts_with("./") || source.starts_with("../") {
                    out.push(dir.join(source));
                }
            }
        }
    }
    out
}
