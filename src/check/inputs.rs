//! Reading the articles named on the command line: files as given, folders through the shared
//! walk in `files` (honouring .gitignore), and `-` for standard input. An input that cannot be
//! read is an error naming it and the reason; the others are still read.

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

/// The name given to the article read from standard input when `--stdin-filename` is not set.
pub const STDIN_NAME: &str = "<stdin>";

/// Reads the articles at `paths`; `-` is standard input, named `stdin_name`.
pub fn collect_articles(paths: &[PathBuf], stdin_name: Option<&str>) -> (Vec<Article>, Vec<InputError>) {
    let mut articles = Vec::new();
    let mut errors = Vec::new();
    let mut stdin_read = false;
    for path in paths {
        let error = |reason: String| InputError { path: path.clone(), reason };
        if path.as_os_str() == "-" {
            let name = stdin_name.unwrap_or(STDIN_NAME);
            if std::mem::replace(&mut stdin_read, true) {
                errors.push(error("standard input can be read only once".into()));
                continue;
            }
            let mut bytes = Vec::new();
            match std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes)
                .map_err(|e| format!("cannot read standard input: {e}"))
                .and_then(|_| files::article_text(bytes))
            {
                Ok(text) => articles.push(Article {
                    id: name.to_string(),
                    name: Path::new(name).file_name().map_or(name.to_string(), |n| n.to_string_lossy().into_owned()),
                    text,
                    named: true,
                }),
                Err(reason) => errors.push(InputError { path: PathBuf::from(name), reason }),
            }
            continue;
        }
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
