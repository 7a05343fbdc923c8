//! Reading the articles named on the command line: files as given, folders through the shared
//! walk in `files` (honouring .gitignore, following symbolic links), and `-` for standard input.
//! An input named on the command line that cannot be read is an error naming it and the reason;
//! the others are still read. Inside a folder, the rules are the language server's: what cannot
//! be read (unreadable, not UTF-8, binary, not a regular file, a link to nothing, a link loop) is
//! skipped with one line naming it and the reason, and is no error.

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

/// What `collect_articles` read, what it could not read, and what it skipped inside folders.
#[derive(Debug, Default)]
pub struct Collected {
    pub articles: Vec<Article>,
    pub errors: Vec<InputError>,
    pub skipped: Vec<InputError>,
}

/// Reads the articles at `paths`; `-` is standard input, named `stdin_name`.
pub fn collect_articles(paths: &[PathBuf], stdin_name: Option<&str>) -> Collected {
    let mut collected = Collected::default();
    let Collected { articles, errors, skipped } = &mut collected;
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
                skipped.extend(walk.skipped.into_iter().map(|(path, reason)| InputError { path, reason }));
                let before = articles.len();
                for file in walk.files {
                    match files::read_article(&file) {
                        Ok(text) => articles.push(article(&file, text, false)),
                        Err(reason) => skipped.push(InputError { path: file, reason }),
                    }
                }
                if articles.len() == before {
                    errors.push(error("a folder with no articles (*.txt or *.md)".into()));
                }
            }
            // Named on the command line: read as given, a named pipe too.
            Ok(_) => match files::read_any(path) {
                Ok(text) => articles.push(article(path, text, true)),
                Err(reason) => errors.push(error(reason)),
            },
        }
    }
    collected
}

fn article(path: &Path, text: String, named: bool) -> Article {
    Article {
        id: path.display().to_string(),
        name: path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned()),
        text,
        named,
    }
}
