//! The corpus on disk: articles under the workspace folders (or the opened file's folder when the
//! client gives none), read within limits, with what was skipped logged (one warning each).
//! Symbolic links are followed; a file is one document however many paths lead to it. Files
//! come in as a batch (a burst of watched-file changes) and go into the corpus as one update; a
//! scan goes in a few hundred files an update.

use super::session::{FileChange, Session};
use crate::files::{self, Limits};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The most articles read from one workspace folder.
const MAX_FILES: usize = 5_000;

/// The articles under `folder`, within limits (`max_bytes`: the project's size limit), with what
/// was skipped logged.
pub fn articles_under(folder: &Path, max_bytes: u64) -> Vec<PathBuf> {
    let walk = files::walk_articles(folder, Limits { max_files: MAX_FILES, max_bytes });
    for (path, reason) in &walk.skipped {
        tracing::warn!("skipped {}: {reason}", path.display());
    }
    for path in &walk.too_large {
        tracing::warn!("skipped {}: too large to check (over {max_bytes} bytes)", path.display());
    }
    if walk.over_count > 0 {
        tracing::warn!("skipped {} articles under {}: more than {MAX_FILES} files", walk.over_count, folder.display());
    }
    walk.files
}

/// What a batch of changes did.
#[derive(Clone, Copy, Debug, Default)]
pub struct Applied {
    /// Documents put in or taken out of the corpus.
    pub changed: usize,
    /// The project file changed: what is reported may differ.
    pub settings_changed: bool,
    /// The project file changed which files are read or how: the corpus must be read again.
    pub reads_differently: bool,
}

/// Articles of a scan read between two updates of the corpus.
const SCAN_BATCH: usize = 128;

/// Reads the files into the corpus, a batch of them an update: only one batch waits, read whole,
/// for the index, which then sets each aside (with a claims cache) until an analysis reaches it.
/// A scan's findings are published when it ends, so none is drawn from a part of it. The number
/// of documents that changed.
pub fn read_files(session: &Session, paths: &[PathBuf]) -> usize {
    let batch = |paths: &[PathBuf]| paths.iter().map(|p| (p.clone(), FileChange::Written)).collect();
    let changed = paths.chunks(SCAN_BATCH).map(|paths| apply(session, batch(paths)).changed).sum();
    shrink_after(session, changed);
    changed
}

/// A batch of several documents leaves the index's lists with room to spare.
fn shrink_after(session: &Session, changed: usize) {
    if changed > 1 {
        session.shrink_corpus();
    }
}

/// Applies watched-file changes: the project file is read again; articles are read (in parallel,
/// through the project's claims cache) and go into the corpus, with deletions, as one update. A
/// file that cannot be read is skipped with one warning.
pub fn apply_changes(session: &Session, changes: Vec<(PathBuf, FileChange)>) -> Applied {
    let applied = apply(session, changes);
    shrink_after(session, applied.changed);
    applied
}

/// `apply_changes`, leaving the index's lists as they grew.
fn apply(session: &Session, changes: Vec<(PathBuf, FileChange)>) -> Applied {
    let mut applied = Applied::default();
    let mut written = Vec::new();
    let mut gone = Vec::new();
    for (path, change) in changes {
        if session.is_config_file(&path) {
            if let Some(folder) = path.parent() {
                applied.reads_differently |= session.discover_config(folder);
            }
            applied.reads_differently |= session.reload_config();
            applied.settings_changed = true;
        } else if change == FileChange::Deleted || (files::is_article(&path) && !session.is_source_file(&path)) {
            gone.push(path);
        } else if files::is_article(&path) {
            written.push(path);
        }
    }
    let project = session.project();
    let max_bytes = session.config().max_document_bytes();
    let read: Vec<(PathBuf, crate::engine::Prepared)> = written
        .into_par_iter()
        .filter_map(|path| {
            let id = super::session::path_id(&path)?;
            if std::fs::metadata(&path).is_ok_and(|m| m.len() > max_bytes) {
                tracing::warn!("skipped {}: too large to check (over {max_bytes} bytes)", path.display());
                return None;
            }
            match files::read_article(&path) {
                Ok(text) => {
                    let name = path.file_name().map_or_else(|| id.clone(), |n| n.to_string_lossy().into_owned());
                    let doc = project.read_file(id, name, text);
                    Some((path, crate::engine::Prepared::new(doc)))
                }
                Err(reason) => {
                    tracing::warn!("skipped {}: {reason}", path.display());
                    None
                }
            }
        })
        .collect();
    project.log_cache_use();
    let (count_read, count_gone) = (read.len(), gone.len());
    // A source on disk is held whole once an analysis reaches it; the claims cache reads it back.
    applied.changed = session.update_files(read, &gone, project.read_back());
    tracing::debug!(
        "one corpus update: {count_read} files read, {count_gone} gone, {} documents changed",
        applied.changed
    );
    applied
}
