//! Reading the articles named on the command line: files as given, folders through the shared
//! walk in `files`.

use crate::files::{self, Limits};
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug)]
pub struct Article {
    /// The path as the user wrote it, joined with the file's place under a folder.
    pub id: String,
    pub name: String,
    pub text: String,
    /// Named on the command line, not found in a folder.
    pub named: bool,
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

pub fn collect_articles(paths: &[PathBuf]) -> (Vec<Article>, Vec<InputError>) {
    let mut articles = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        let error = |reason: String| InputError { path: path.clone(), reason };
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                errors.push(error("no such file or directory".into()))
            }
            Err(e) => errors.push(error(format!("cannot read: {e}"))),
            Ok(meta) if meta.is_dir() => {
                let walk = files::walk_articles(path, Limits::UNLIMITED);
                errors.extend(
                    walk.unreadable
                        .into_iter()
                        .map(|(path, reason)| InputError { path, reason: format!("cannot read folder: {reason}") }),
                );
                if walk.files.is_empty() {
                    errors.push(error("a folder with no articles (*.txt or *.md)".into()));
                }
                for file in walk.files {
                    read_into(&file, false, &mut articles, &mut errors);
                }
            }
            Ok(_) => read_into(path, true, &mut articles, &mut errors),
        }
    }
    (articles, errors)
}

fn read_into(path: &Path, named: bool, articles: &mut Vec<Article>, errors: &mut Vec<InputError>) {
    match files::read_article(path) {
        Err(reason) => errors.push(InputError { path: path.to_path_buf(), reason }),
        Ok(text) => articles.push(Article {
            id: path.display().to_string(),
            name: path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned()),
            text,
            named,
        }),
    }
}
