//! The `.txt` articles under a folder, for the benches and examples that read real copy.

use std::path::{Path, PathBuf};

/// Every `.txt` file under `folder`, recursively, in sorted order within each folder.
pub fn articles_under(folder: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            articles_under(&path, found);
        } else if path.extension().is_some_and(|e| e == "txt") {
            found.push(path);
        }
    }
}
