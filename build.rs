//! Embeds the built-in policy library (`policies/**/*.rego`, tests and fixtures excluded) into the
//! binary, and fingerprints it so `tollgate --version` can say which library a binary carries.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "fixtures") {
                collect(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rego")
            && !path.to_string_lossy().ends_with("_test.rego")
        {
            out.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let policies = root.join("policies");
    println!("cargo:rerun-if-changed=policies");
    let mut files = Vec::new();
    collect(&policies, &mut files);
    files.sort();
    let mut code = String::from("pub(crate) static BUILTIN_POLICIES: &[(&str, &str)] = &[\n");
    // FNV-1a over names and contents: a stable fingerprint with no extra dependency.
    let mut hash: u64 = 0xcbf29ce484222325;
    for file in &files {
        let rel = file
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(file).unwrap();
        for b in rel.bytes().chain(text.bytes()) {
            hash ^= b as u64;
            hash = hash.wrapping_mul(0x100000001b3);
        }
        writeln!(
            code,
            "    ({rel:?}, include_str!({:?})),",
            file.to_string_lossy()
        )
        .unwrap();
    }
    code.push_str("];\n");
    writeln!(
        code,
        "pub(crate) const LIBRARY_HASH: &str = \"{hash:016x}\";"
    )
    .unwrap();
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("builtin_policies.rs");
    std::fs::write(out, code).unwrap();
}
