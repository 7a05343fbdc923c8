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
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        // A newsroom folder need not be a git repository for its .gitignore to count.
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(|entry| {
            entry.depth() == 0
                || !entry.file_type().is_some_and(|t| t.is_dir())
                || !skip_folder(&entry.file_name().to_string_lossy())
        })
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = match &error {
                    ignore::Error::WithPath { path, .. } => path.clone(),
                    _ => dir.to_path_buf(),
                };
                walk.unreadable.push((path, error.to_string()));
                continue;
            }
        };
        let path = entry.path();
        if !entry.file_type().is_some_and(|t| t.is_file()) || !is_article(path) {
            continue;
        }
        if walk.files.len() >= limits.max_files {
            walk.over_count += 1;
        } else if entry.metadata().map_or(0, |m| m.len()) > limits.max_bytes {
            walk.too_large.push(path.to_path_buf());
        } else {
            walk.files.push(path.to_path_buf());
        }
    }
}

/// Reads an article as UTF-8 text, with a reason a person can act on when it cannot.
pub fn read_article(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::IsADirectory => "a folder where a file was expected".to_string(),
        _ => format!("cannot read: {e}"),
    })?;
    article_text(bytes)
}

/// Bytes as article text: UTF-8 without NUL bytes (a NUL means a binary file, not an article).
pub fn article_text(bytes: Vec<u8>) -> Result<String, String> {
    if bytes.contains(&0) {
        return Err("a binary file, not an article".to_string());
    }
    String::from_utf8(bytes)
        .map_err(|e| format!("not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to()))
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

    #[test]
    fn a_walk_honours_gitignore_and_skips_hidden_and_build_folders() {
        let dir = tempfile::tempdir().expect("temp dir");
        let write = |name: &str| {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
            std::fs::write(path, "An article.").expect("write");
        };
        for name in ["a.txt", "desk/b.md", "archive/old.txt", "desk/scratch.txt", ".git/c.txt", "node_modules/d.txt"] {
            write(name);
        }
        std::fs::write(dir.path().join(".gitignore"), "archive/\nscratch.txt\n").expect("gitignore");
        let walk = walk_articles(dir.path(), Limits::UNLIMITED);
        let found: Vec<String> =
            walk.files.iter().map(|p| p.strip_prefix(dir.path()).expect("under").display().to_string()).collect();
        assert_eq!(found, vec!["a.txt", "desk/b.md"]);
    }

    #[test]
    fn binary_and_non_utf8_files_say_why() {
        assert_eq!(article_text(b"PNG\0\x01".to_vec()), Err("a binary file, not an article".to_string()));
        assert_eq!(article_text(b"caf\xe9".to_vec()), Err("not UTF-8 text (invalid byte at offset 3)".to_string()));
        assert_eq!(article_text("Kyiv — “quoted”".as_bytes().to_vec()).as_deref(), Ok("Kyiv — “quoted”"));
    }
}
