//! Compiled VM programs kept on disk, so that a run loading exactly the policies an earlier run
//! loaded (pre-commit: every commit, the same few rules) skips regorus' analysis and compilation,
//! about two thirds of a one-file run.
//!
//! An entry is found by a SHA-256 over everything the program is made from: this executable
//! (version, size, modification time), every policy file's path and text, the data documents and
//! the generated aggregate rule. Anything else (a changed policy, a rebuilt tollgate) is a
//! different key, and a file that does not read back whole is a miss: the policies are then
//! compiled as if there were no cache. Entries are written to a temporary file and renamed, so
//! concurrent runs (pre-commit starts several) never see half an entry.
//!
//! Where: `TOLLGATE_CACHE_DIR`, else `$XDG_CACHE_HOME/tollgate`, else `~/.cache/tollgate`. Off
//! when `TOLLGATE_CACHE_DIR` is set but empty, and on CI (`CI` set) unless `TOLLGATE_CACHE_DIR`
//! names a directory: a fresh runner has nothing to reuse, and a gate should not read state it
//! did not make.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

const MAGIC: &[u8] = b"tollgate-vm-program 1\n";
/// Entries kept; older ones are removed when a new one is written.
const KEEP: usize = 16;

/// A compiled program and which entries it evaluates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub in_vm: Vec<bool>,
    pub exceptions_in_vm: Vec<bool>,
    /// regorus' binary form of the program.
    pub program: Vec<u8>,
}

/// The cache directory this run uses, if any.
pub fn dir() -> Option<PathBuf> {
    let env = |name: &str| std::env::var_os(name);
    if let Some(dir) = env("TOLLGATE_CACHE_DIR") {
        return (!dir.is_empty()).then(|| PathBuf::from(dir));
    }
    if env("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0") {
        return None;
    }
    let base = match env("XDG_CACHE_HOME").filter(|v| !v.is_empty()) {
        Some(xdg) => PathBuf::from(xdg),
        None => PathBuf::from(env("HOME").filter(|v| !v.is_empty())?).join(".cache"),
    };
    Some(base.join("tollgate"))
}

/// The key of a program made from `parts` by this executable.
pub fn key(parts: &[&[u8]]) -> String {
    let mut hash = Sha256::new();
    let mut add = |bytes: &[u8]| {
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(bytes);
    };
    add(MAGIC);
    add(env!("CARGO_PKG_VERSION").as_bytes());
    add(executable_identity().as_bytes());
    for part in parts {
        add(part);
    }
    data_encoding::HEXLOWER.encode(&hash.finalize())
}

/// Size and modification time of the running binary: a rebuilt tollgate (same version, other
/// compiler) must not reuse its predecessor's programs.
fn executable_identity() -> String {
    std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let modified = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{} {modified}", m.len())
        })
        .unwrap_or_default()
}

fn path(dir: &Path, key: &str) -> PathBuf {
    dir.join(format!("program-{key}.bin"))
}

/// The entry stored under `key`, when one reads back whole.
pub fn read(dir: &Path, key: &str) -> Option<Entry> {
    let bytes = std::fs::read(path(dir, key)).ok()?;
    decode(&bytes, key)
}

/// Stores `entry` under `key`. Failing to write is not an error: the next run compiles again.
pub fn write(dir: &Path, key: &str, entry: &Entry) {
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let Ok(mut file) = tempfile::NamedTempFile::new_in(dir) else {
        return;
    };
    use std::io::Write;
    if file.write_all(&encode(entry, key)).is_ok() && file.persist(path(dir, key)).is_ok() {
        prune(dir);
    }
}

/// Removes all but the `KEEP` most recently written entries.
fn prune(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut programs: Vec<(std::time::SystemTime, PathBuf)> = entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("program-"))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    if programs.len() <= KEEP {
        return;
    }
    programs.sort();
    for (_, old) in &programs[..programs.len() - KEEP] {
        let _ = std::fs::remove_file(old);
    }
}

fn flags(bits: &[bool]) -> Vec<u8> {
    bits.iter().map(|&b| if b { b'1' } else { b'0' }).collect()
}

fn encode(entry: &Entry, key: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(entry.program.len() + 256);
    out.extend_from_slice(MAGIC);
    for line in [
        key.as_bytes(),
        &flags(&entry.in_vm),
        &flags(&entry.exceptions_in_vm),
    ] {
        out.extend_from_slice(line);
        out.push(b'\n');
    }
    out.extend_from_slice(&(entry.program.len() as u64).to_le_bytes());
    out.extend_from_slice(&entry.program);
    out
}

fn decode(bytes: &[u8], key: &str) -> Option<Entry> {
    let mut rest = bytes.strip_prefix(MAGIC)?;
    let mut line = || {
        let end = rest.iter().position(|&b| b == b'\n')?;
        let (head, tail) = rest.split_at(end);
        rest = &tail[1..];
        Some(head)
    };
    if line()? != key.as_bytes() {
        return None;
    }
    let parse = |l: &[u8]| -> Option<Vec<bool>> {
        l.iter()
            .map(|b| match b {
                b'1' => Some(true),
                b'0' => Some(false),
                _ => None,
            })
            .collect()
    };
    let in_vm = parse(line()?)?;
    let exceptions_in_vm = parse(line()?)?;
    let (len, program) = rest.split_first_chunk::<8>()?;
    (u64::from_le_bytes(*len) == program.len() as u64).then(|| Entry {
        in_vm,
        exceptions_in_vm,
        program: program.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> Entry {
        Entry {
            in_vm: vec![true, false, true],
            exceptions_in_vm: vec![],
            program: b"\x00\x01binary\n\xff".to_vec(),
        }
    }

    #[test]
    fn entries_read_back_only_whole_and_under_their_key() {
        let tmp = tempfile::tempdir().unwrap();
        let k = key(&[b"package a", b"{}"]);
        assert_ne!(k, key(&[b"package a ", b"{}"]));
        // Parts are delimited: moving a byte between them is another key.
        assert_ne!(key(&[b"ab", b"c"]), key(&[b"a", b"bc"]));
        write(tmp.path(), &k, &entry());
        assert_eq!(read(tmp.path(), &k), Some(entry()));
        assert_eq!(read(tmp.path(), &key(&[b"other"])), None);
        let bytes = encode(&entry(), &k);
        assert_eq!(decode(&bytes[..bytes.len() - 1], &k), None, "truncated");
        assert_eq!(decode(&bytes, "another key"), None);
    }

    #[test]
    fn only_the_newest_entries_are_kept() {
        let tmp = tempfile::tempdir().unwrap();
        for i in 0..KEEP + 3 {
            write(tmp.path(), &key(&[i.to_string().as_bytes()]), &entry());
        }
        let left = std::fs::read_dir(tmp.path()).unwrap().count();
        assert_eq!(left, KEEP);
    }
}
