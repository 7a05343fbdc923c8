//! The corpus on disk: articles under the workspace folders (or the opened file's folder when the
//! client gives none), read within limits, with what was skipped logged.

use super::session::{path_id, Session};
use crate::files::{self, Limits};
use std::path::Path;

pub const LIMITS: Limits = Limits { max_files: 5_000, max_bytes: 2 * 1024 * 1024 };

/// The articles under `folder`, within limits, with what was skipped logged.
pub fn articles_under(folder: &Path) -> Vec<std::path::PathBuf> {
    let walk = files::walk_articles(folder, LIMITS);
    for (path, reason) in &walk.unreadable {
        tracing::warn!("skipped unreadable folder {}: {reason}", path.display());
    }
    for path in &walk.too_large {
        tracing::warn!("skipped {}: larger than {} bytes", path.display(), LIMITS.max_bytes);
    }
    if walk.over_count > 0 {
        tracing::warn!(
            "skipped {} articles under {}: more than {} files",
            walk.over_count,
            folder.display(),
            LIMITS.max_files
        );
    }
    walk.files
}

/// Reads one article from disk into the corpus (unless it is open or the project does not count it
/// as a source); false when skipped.
pub fn read_file(session: &Session, path: &Path) -> bool {
    let Some(id) = path_id(path) else { return false };
    if !session.is_source_file(path) {
        return session.remove_file(&id);
    }
    match files::read_article(path) {
        Ok(text) => {
            let name = path.file_name().map_or_else(|| id.clone(), |n| n.to_string_lossy().into_owned());
            session.ingest_file(id, name, text)
        }
        Err(reason) => {
            tracing::info!("skipped {}: {reason}", path.display());
            false
        }
    }
}
