//! The engine's fingerprint, for the claims cache (`src/cache.rs`): a BLAKE3 hash of the crate's
//! version, of every file under `src/engine/` and `data/` (path and bytes, in sorted path order)
//! and of `Cargo.lock` (the versions of regex, serde and postcard, which shape what extraction
//! gives and how it is stored). Any change to the engine, its tables or those versions makes a
//! new fingerprint, so a cached extraction is never read by an engine that would extract
//! otherwise, and nobody has to remember to bump a number. Given to the crate as the
//! environment variable `CROSSCHECK_ENGINE_FINGERPRINT` (64 hex digits).

use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for folder in ["src/engine", "data"] {
        collect(&root.join(folder), &mut files);
        // A directory: cargo reruns this script when any file under it changes.
        println!("cargo:rerun-if-changed={folder}");
    }
    let lock = root.join("Cargo.lock");
    if lock.is_file() {
        files.push(lock);
    }
    println!("cargo:rerun-if-changed=Cargo.lock");
    println!("cargo:rerun-if-changed=build.rs");
    files.sort();

    let mut hasher = blake3::Hasher::new();
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    field(&mut hasher, version.as_bytes());
    for file in &files {
        let relative = file.strip_prefix(&root).unwrap_or(file);
        // The path with `/` on every platform, so a checkout hashes the same everywhere.
        let name: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        field(&mut hasher, name.join("/").as_bytes());
        let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        field(&mut hasher, &bytes);
    }
    println!("cargo:rustc-env=CROSSCHECK_ENGINE_FINGERPRINT={}", hasher.finalize().to_hex());
}

/// Every file under `folder`, recursively.
fn collect(folder: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.is_file() {
            files.push(path);
        }
    }
}

/// A length-prefixed field, so that no two sequences of fields hash alike.
fn field(hasher: &mut blake3::Hasher, bytes: &[u8]) {
    hasher.update(&(bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}
