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
    /// The articles found, each once: a file reached by two paths (a symbolic link and its
    /// target) is one article, under the first path the sorted walk reaches it by.
    pub files: Vec<PathBuf>,
    /// What was left out inside the folder, with the reason: folders and links that could not be
    /// read, symbolic link loops (not followed), articles that are not regular files.
    pub skipped: Vec<(PathBuf, String)>,
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

/// Every article under `dir`, sorted, within `limits`. Symbolic links are followed. A file
/// reached by several paths is listed once, by a path without links when there is one. A link
/// back to a folder being walked is a loop: reported once and not followed. A link to a folder
/// entered already is not followed again.
pub fn walk_articles(dir: &Path, limits: Limits) -> Walk {
    let mut walk = Walk::default();
    visit(dir, limits, &mut walk);
    walk.files.sort();
    walk
}

fn visit(dir: &Path, limits: Limits, walk: &mut Walk) {
    // The folders entered, by their real path.
    let entered = std::sync::Arc::new(std::sync::Mutex::new(std::collections::HashSet::from([real_path(dir)])));
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        // A newsroom folder need not be a git repository for its .gitignore to count.
        .require_git(false)
        .follow_links(true)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(move |entry| {
            if !entry.file_type().is_some_and(|t| t.is_dir()) {
                return true;
            }
            if skip_folder(&entry.file_name().to_string_lossy()) {
                return false;
            }
            let mut entered = entered.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            entered.insert(real_path(entry.path())) || !entry.path_is_symlink()
        })
        .build();
    // Each file's real path, with where it is in `files`.
    let mut listed = std::collections::HashMap::new();
    let mut loops = std::collections::HashSet::new();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                // One loop, met from each of its folders, is reported once.
                if let Some(ignore::Error::Loop { ancestor, child }) = innermost(&error) {
                    let ends = [real_path(child.parent().unwrap_or(child)), real_path(ancestor)];
                    if !loops.insert(if ends[0] <= ends[1] { ends } else { [ends[1].clone(), ends[0].clone()] }) {
                        continue;
                    }
                }
                walk.skipped.extend(describe(&error, dir));
                continue;
            }
        };
        let path = entry.path();
        let Some(file_type) = entry.file_type() else { continue };
        if file_type.is_dir() || !is_article(path) {
            continue;
        }
        if !file_type.is_file() {
            // A FIFO would block the reader; a socket or a device is not an article either.
            walk.skipped.push((path.to_path_buf(), "not a regular file".to_string()));
            continue;
        }
        let real = real_path(path);
        if let Some(&at) = listed.get(&real) {
            let direct = std::path::absolute(path).is_ok_and(|p| p == real);
            if direct {
                walk.files[at] = path.to_path_buf();
            }
            continue;
        }
        if walk.files.len() >= limits.max_files {
            walk.over_count += 1;
        } else if entry.metadata().map_or(0, |m| m.len()) > limits.max_bytes {
            walk.too_large.push(path.to_path_buf());
        } else {
            listed.insert(real, walk.files.len());
            walk.files.push(path.to_path_buf());
        }
    }
}

fn innermost(error: &ignore::Error) -> Option<&ignore::Error> {
    match error {
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithPath { err, .. } => innermost(err),
        other => Some(other),
    }
}

/// What a walk error skipped and why, in words; `None` for what would not have been an article
/// anyway (a hidden name, such as an editor's lock link, or a file of another kind).
fn describe(error: &ignore::Error, dir: &Path) -> Option<(PathBuf, String)> {
    match error {
        ignore::Error::WithDepth { err, .. } => describe(err, dir),
        ignore::Error::WithPath { path, err } => {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let may_be_article = is_article(path) || (path.extension().is_none() && !name.starts_with('.'));
            may_be_article.then(|| (path.clone(), reason(err)))
        }
        ignore::Error::Loop { ancestor, child } => {
            Some((child.clone(), format!("a symbolic link loop (back to {}), not followed", ancestor.display())))
        }
        other => Some((dir.to_path_buf(), reason(other))),
    }
}

fn reason(error: &ignore::Error) -> String {
    match error {
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithPath { err, .. } => reason(err),
        ignore::Error::Io(io) if io.kind() == std::io::ErrorKind::NotFound => {
            "a symbolic link to nothing (no such file or directory)".to_string()
        }
        ignore::Error::Io(io) => format!("cannot read: {io}"),
        other => other.to_string(),
    }
}

/// The path with symbolic links resolved; for a path that does not exist (a buffer not saved
/// yet, a file just deleted), its folder's real path with its name, else the path as given.
pub fn real_path(path: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    match (path.parent().and_then(|folder| std::fs::canonicalize(folder).ok()), path.file_name()) {
        (Some(folder), Some(name)) => folder.join(name),
        _ => path.to_path_buf(),
    }
}

/// Reads an article as UTF-8 text, with a reason a person can act on when it cannot. Only a
/// regular file (or a link to one) is read: a FIFO would block the reader until someone wrote to it.
pub fn read_article(path: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(io_reason)?;
    if meta.is_dir() {
        return Err("a folder where a file was expected".to_string());
    }
    if !meta.is_file() {
        return Err("not a regular file".to_string());
    }
    read_any(path)
}

/// Reads whatever `path` names (a named pipe too, as `<(…)` gives on a command line) as article
/// text.
pub fn read_any(path: &Path) -> Result<String, String> {
    article_text(std::fs::read(path).map_err(io_reason)?)
}

fn io_reason(error: std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::IsADirectory => "a folder where a file was expected".to_string(),
        _ => format!("cannot read: {error}"),
    }
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

    /// The walk's finds and skips as paths under `dir`.
    fn walked(dir: &Path) -> (Vec<String>, Vec<String>) {
        let under = |p: &Path| p.strip_prefix(dir).expect("under").display().to_string();
        let walk = walk_articles(dir, Limits::UNLIMITED);
        let skipped = walk.skipped.iter().map(|(p, reason)| format!("{}: {reason}", under(p))).collect();
        (walk.files.iter().map(|p| under(p)).collect(), skipped)
    }

    #[cfg(unix)]
    #[test]
    fn a_walk_follows_links_once_and_reports_loops_and_what_is_not_a_file() {
        use std::os::unix::fs::symlink;
        let root = tempfile::tempdir().expect("temp dir");
        let outside = tempfile::tempdir().expect("temp dir");
        let dir = root.path();
        std::fs::write(outside.path().join("agency.txt"), "An article.").expect("write");
        std::fs::create_dir_all(dir.join("a")).expect("a");
        std::fs::create_dir_all(dir.join("b")).expect("b");
        std::fs::write(dir.join("a/one.txt"), "An article.").expect("write");
        std::fs::write(dir.join("b/two.txt"), "An article.").expect("write");
        // A folder linked in from outside, a file and its link, a ↔ b, a link to the root.
        symlink(outside.path(), dir.join("wire")).expect("link");
        symlink(dir.join("a/one.txt"), dir.join("again.txt")).expect("link");
        symlink(dir.join("b"), dir.join("a/to_b")).expect("link");
        symlink(dir.join("a"), dir.join("b/to_a")).expect("link");
        symlink(dir, dir.join("b/up")).expect("link");
        symlink(dir.join("nowhere.txt"), dir.join("gone.txt")).expect("link");
        symlink(dir.join(".#lock"), dir.join(".#one.txt")).expect("link");
        let fifo = std::process::Command::new("mkfifo").arg(dir.join("pipe.txt")).status();
        let (files, skipped) = walked(dir);
        assert_eq!(files, vec!["a/one.txt", "b/two.txt", "wire/agency.txt"]);
        let mut expected = vec![
            format!("a/to_b/to_a: a symbolic link loop (back to {}), not followed", dir.join("a").display()),
            format!("a/to_b/up: a symbolic link loop (back to {}), not followed", dir.display()),
            "gone.txt: a symbolic link to nothing (no such file or directory)".to_string(),
        ];
        if fifo.is_ok_and(|s| s.success()) {
            expected.push("pipe.txt: not a regular file".to_string());
        }
        assert_eq!(skipped, expected);
        assert_eq!(read_article(&dir.join("pipe.txt")), Err("not a regular file".to_string()));
    }

    #[test]
    fn binary_and_non_utf8_files_say_why() {
        assert_eq!(article_text(b"PNG\0\x01".to_vec()), Err("a binary file, not an article".to_string()));
        assert_eq!(article_text(b"caf\xe9".to_vec()), Err("not UTF-8 text (invalid byte at offset 3)".to_string()));
        assert_eq!(article_text("Kyiv — “quoted”".as_bytes().to_vec()).as_deref(), Ok("Kyiv — “quoted”"));
    }
}
