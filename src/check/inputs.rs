//! Finding and reading the articles named on the command line: files as given, folders read
//! recursively for `*.txt` and `*.md` (hidden folders, `target/` and `node_modules/` skipped).

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug)]
pub struct Article {
    /// The path as the user wrote it, joined with the file's place under a folder.
    pub id: String,
    pub name: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub path: PathBuf,
    pub reason: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}

pub fn is_article(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("txt" | "md")
    )
}

pub fn skip_folder(name: &str) -> bool {
    name.starts_with('.') || name == "target" || name == "node_modules"
}

pub fn collect_articles(paths: &[PathBuf]) -> (Vec<Article>, Vec<InputError>) {
    let mut articles = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        let error = |reason: String| InputError {
            path: path.clone(),
            reason,
        };
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                errors.push(error("no such file or directory".into()))
            }
            Err(e) => errors.push(error(format!("cannot read: {e}"))),
            Ok(meta) if meta.is_dir() => {
                let mut files = Vec::new();
                walk(path, &mut files, &mut errors);
                if files.is_empty() {
                    errors.push(error("a folder with no articles (*.txt or *.md)".into()));
                }
                files.sort();
                for file in files {
                    read_article(&file, &mut articles, &mut errors);
                }
            }
            Ok(_) => read_article(path, &mut articles, &mut errors),
        }
    }
    (articles, errors)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(InputError {
                path: dir.to_path_buf(),
                reason: format!("cannot read folder: {e}"),
            });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => {
                if !skip_folder(&name) {
                    walk(&path, files, errors);
                }
            }
            Ok(_) if is_article(&path) && !name.starts_with('.') => files.push(path),
            _ => {}
        }
    }
}

fn read_article(path: &Path, articles: &mut Vec<Article>, errors: &mut Vec<InputError>) {
    let error = |reason: String| InputError {
        path: path.to_path_buf(),
        reason,
    };
    match std::fs::read(path) {
        Err(e) => errors.push(error(format!("cannot read: {e}"))),
        Ok(bytes) => match String::from_utf8(bytes) {
            Err(_) => errors.push(error("not UTF-8 text".into())),
            Ok(text) => articles.push(Article {
                id: path.display().to_string(),
                name: path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                ),
                text,
            }),
        },
    }
}
