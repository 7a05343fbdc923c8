//! Finding article files on disk, shared by `--check` and the language server's workspace scan:
//! `*.txt` and `*.md`, hidden folders, `target/` and `node_modules/` skipped, and project documents
//! (README, CHANGELOG, LICENSE…) left out, since they are not reports of an event.

use std::path::{Path, PathBuf};

/// Limits on what one walk collects; what is left out is counted, not silently dropped.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_files: usize,
    pub max_bytes: u64,
}

impl Limits {
    pub const UNLIMITED: Limits = Limits { max_files: usize::MAX, max_bytes: u64::MAX };
}

#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<PathBuf>,
    /// Folders that could not be read, with the reason.
    pub unreadable: Vec<(PathBuf, String)>,
    pub too_large: Vec<PathBuf>,
    /// Articles not collected because `max_files` was reached.
    pub over_count: usize,
}

pub fn is_article(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return false };
    let extension_ok = matches!(path.extension().and_then(|e| e.to_str()), Some("txt" | "md"));
    extension_ok && !name.starts_with('.') && !is_project_document(name)
}

fn is_project_document(name: &str) -> bool {
    const NAMES: &[&str] = &[
        "readme",
        "changelog",
        "license",
        "licence",
        "contributing",
        "architecture",
        "code_of_conduct",
        "security",
        "authors",
        "notice",
    ];
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem).to_ascii_lowercase();
    NAMES.contains(&stem.as_str())
}

pub fn skip_folder(name: &str) -> bool {
    name.starts_with('.') || name == "target" || name == "node_modules"
}

/// Every article under `dir`, sorted, within `limits`.
pub fn walk_articles(dir: &Path, limits: Limits) -> Walk {
    let mut walk = Walk::default();
    visit(dir, limits, &mut walk);
    walk.files.sort();
    walk
}

fn visit(dir: &Path, limits: Limits, walk: &mut Walk) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            walk.unreadable.push((dir.to_path_buf(), e.to_string()));
            return;
        }
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        match entry.file_type() {
            Ok(kind) if kind.is_dir() && !skip_folder(&name) => visit(&path, limits, walk),
            Ok(kind) if kind.is_file() && is_article(&path) => {
                if walk.files.len() >= limits.max_files {
                    walk.over_count += 1;
                } else if entry.metadata().map_or(0, |m| m.len()) > limits.max_bytes {
                    walk.too_large.push(path);
                } else {
                    walk.files.push(path);
                }
            }
            _ => {}
        }
    }
}

/// Reads an article as UTF-8 text, with a reason a person can act on when it cannot.
pub fn read_article(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        _ => format!("cannot read: {e}"),
    })?;
    String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_are_text_and_markdown_but_not_project_documents() {
        assert!(is_article(Path::new("seeds/000.txt")));
        assert!(is_article(Path::new("desk/draft.md")));
        assert!(!is_article(Path::new("README.md")));
        assert!(!is_article(Path::new("notes.rs")));
        assert!(!is_article(Path::new(".hidden.txt")));
    }
}
