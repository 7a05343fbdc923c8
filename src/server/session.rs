//! The server's state: open documents, the corpus, the project's settings, the negotiated encoding
//! and client abilities. Edits are applied synchronously under a plain mutex (never across an
//! `.await`), so they land in the order the client sent them. The corpus sits behind a read-write
//! lock that analyses share. Each open document's last analysis is kept, keyed by the versions of
//! its text, the corpus and the settings, so hovers and jumps reuse what diagnostics computed.

use super::documents::OpenDocument;
use super::position::Encoding;
use crate::config::Config;
use crate::engine::{analyze_incrementally, Corpus, DocId, DocumentAnalysis, Prepared, ReadBack};
use crate::project::Project;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};
use tower_lsp::lsp_types::Url;

#[derive(Clone, Copy, Debug, Default)]
pub struct ClientAbilities {
    pub encoding: Encoding,
    pub markdown_hover: bool,
    pub watch_files_dynamically: bool,
    pub work_done_progress: bool,
}

/// A snapshot of an open document taken for one analysis.
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub id: DocId,
    pub uri: Url,
    pub text: String,
    pub version: i32,
    pub generation: u64,
}

#[derive(Default)]
pub struct Session {
    abilities: RwLock<ClientAbilities>,
    documents: Mutex<HashMap<DocId, OpenDocument>>,
    corpus: RwLock<Corpus>,
    /// Generation of each open document's text that the corpus holds.
    ingested: Mutex<HashMap<DocId, u64>>,
    /// Workspace folders, or the folders of opened files when the client gave none.
    roots: Mutex<Vec<PathBuf>>,
    scanned: Mutex<HashSet<PathBuf>>,
    next_generation: std::sync::atomic::AtomicU64,
    /// The project file's settings with the editor's on top.
    config: RwLock<crate::config::Config>,
    /// The project file read, and the editor's settings, to merge again when either changes.
    config_file: Mutex<Option<PathBuf>>,
    editor_settings: RwLock<crate::config::Config>,
    /// Why the project file or the editor's settings were last refused, until it is shown.
    config_error: Mutex<Option<String>>,
    /// Folder scans under way; findings computed meanwhile would rest on half a corpus.
    scans_running: std::sync::atomic::AtomicUsize,
    /// What the settings make of files: sources, drafts, the entity table.
    project: RwLock<Option<Arc<Project>>>,
    /// The corpus's changes, counted under its write lock.
    changes: Mutex<Changes>,
    /// Bumped at every settings change.
    config_version: AtomicU64,
    analyses: Mutex<HashMap<DocId, CachedAnalysis>>,
    /// Open documents refused as too large, so the user is told once, not at every keystroke.
    refused: Mutex<HashSet<DocId>>,
    /// Each path a file on disk was read by, with the document it gave (its real path): a link
    /// and its target are one document, and a path that goes away can still be traced to it.
    disk_paths: Mutex<HashMap<PathBuf, DocId>>,
    /// Watched-file changes not applied yet: a burst is applied as one corpus update.
    pending: Mutex<PendingFiles>,
    /// The versions of documents and analyses an edit replaced, freed once its diagnostics are
    /// out (`take_replaced`): freeing a long article's claims is no part of a keystroke's wait.
    replaced: Mutex<Vec<Box<dyn Send>>>,
}

/// What happened to a watched file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileChange {
    Written,
    Deleted,
}

/// Changes waiting for the drain, the latest per path, and whether a drain is under way.
#[derive(Default)]
struct PendingFiles {
    changes: BTreeMap<PathBuf, FileChange>,
    draining: bool,
}

/// Changes to the corpus: all of them, and each document's own, so that what changed besides a
/// document (the version of its evidence) can be told.
#[derive(Default)]
struct Changes {
    total: u64,
    own: HashMap<DocId, u64>,
}

impl Changes {
    fn record(&mut self, doc: Option<&str>) {
        self.total += 1;
        match doc {
            Some(id) => *self.own.entry(id.to_string()).or_default() += 1,
            // A change to everything: no document's own count explains it.
            None => self.own.clear(),
        }
    }

    /// The version of everything but `doc`.
    fn others(&self, doc: &str) -> u64 {
        self.total - self.own.get(doc).copied().unwrap_or(0)
    }
}

/// An analysis with the document generation, corpus version and settings version it was made
/// from, and the version of the other documents (its evidence).
struct CachedAnalysis {
    key: (u64, u64, u64),
    others: u64,
    analysis: Arc<DocumentAnalysis>,
}

/// Locks a mutex, recovering the data if a panicking thread poisoned it: one failed request must
/// not take every later one down with it.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn read<T>(lock: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn write<T>(lock: &RwLock<T>) -> RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The corpus identity of a URI: file URIs are normalised through their real path, so that a
/// file opened or read through a symbolic link is the same document as its target.
pub fn doc_id(uri: &Url) -> DocId {
    uri.to_file_path().ok().and_then(|path| path_id(&path)).unwrap_or_else(|| uri.to_string())
}

pub fn path_id(path: &Path) -> Option<DocId> {
    Url::from_file_path(crate::files::real_path(path)).ok().map(|u| u.to_string())
}

/// The short name shown in messages: the file name.
pub fn display_name(uri: &Url) -> String {
    uri.path_segments()
        .and_then(|mut segments| segments.next_back().map(str::to_string))
        .and_then(|s| percent_encoding::percent_decode_str(&s).decode_utf8().ok().map(|c| c.into_owned()))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| uri.to_string())
}

impl Session {
    pub fn abilities(&self) -> ClientAbilities {
        *read(&self.abilities)
    }

    pub fn set_abilities(&self, abilities: ClientAbilities) {
        *write(&self.abilities) = abilities;
    }

    pub fn config(&self) -> Config {
        read(&self.config).clone()
    }

    pub fn project(&self) -> Arc<Project> {
        if let Some(project) = read(&self.project).as_ref() {
            return Arc::clone(project);
        }
        Arc::new(Project::new(&Config::default(), &self.project_root()))
    }

    /// Sets the editor's settings; true when they change which files are read or how.
    pub fn set_editor_settings(&self, settings: Config) -> bool {
        if let Some(path) = settings.config_path.as_deref().filter(|p| !p.is_empty()) {
            *lock(&self.config_file) = Some(PathBuf::from(path));
        }
        *write(&self.editor_settings) = settings;
        self.reload_config()
    }

    /// Finds the project file at or above `folder` if none is known yet, and reads it when it
    /// is new; true when that changes which files are read or how.
    pub fn discover_config(&self, folder: &Path) -> bool {
        let mut file = lock(&self.config_file);
        if file.is_some() {
            return false;
        }
        *file = Config::find(folder);
        let found = file.is_some();
        drop(file);
        found && self.reload_config()
    }

    /// Keeps why settings were refused, to be shown to the user (`take_config_error`).
    pub fn refuse_settings(&self, error: String) {
        tracing::warn!("ignoring {error}");
        *lock(&self.config_error) = Some(error);
    }

    /// Why the project file or the editor's settings were refused, once.
    pub fn take_config_error(&self) -> Option<String> {
        lock(&self.config_error).take()
    }

    /// Appends an ignore entry to the project file and applies it at once. The file is the one
    /// the project reads; when there is none, `crosscheck.toml` in the first workspace folder, or
    /// without a workspace folder, beside the article, which must be open. Nothing the client
    /// passes chooses another place, and a project file that is a symbolic link is not written
    /// through (it could point anywhere).
    pub fn add_ignore(&self, entry: &crate::config::Ignore, article: &Url) -> Result<PathBuf, String> {
        let known = lock(&self.config_file).clone();
        let path = match known.or_else(|| self.roots().first().map(|root| root.join(crate::config::FILE_NAME))) {
            Some(path) => path,
            None => {
                let open = self.is_open(&doc_id(article));
                let folder = (article.to_file_path().ok().filter(|_| open))
                    .and_then(|path| path.parent().map(Path::to_path_buf))
                    .ok_or_else(|| {
                        format!("no project folder to write to: no project file, no workspace folder, and {article} is not an open file")
                    })?;
                folder.join(crate::config::FILE_NAME)
            }
        };
        if std::fs::symlink_metadata(&path).is_ok_and(|meta| meta.file_type().is_symlink()) {
            return Err(format!(
                "{} is a symbolic link; crosscheck writes ignores only to a project file that is a plain file",
                path.display()
            ));
        }
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        std::io::Write::write_all(&mut file, entry.to_toml().as_bytes())
            .map_err(|e| format!("{}: {e}", path.display()))?;
        *lock(&self.config_file) = Some(path.clone());
        self.reload_config();
        Ok(path)
    }

    pub fn is_config_file(&self, path: &Path) -> bool {
        lock(&self.config_file).as_deref() == Some(path)
            || path.file_name().is_some_and(|n| n == crate::config::FILE_NAME)
    }

    /// Reads the project file again and merges the editor's settings over it. A broken file is
    /// logged and ignored: the defaults hold until it is fixed. True when the new settings read
    /// the articles differently (sources, drafts, aliases), so the corpus must be read again.
    pub fn reload_config(&self) -> bool {
        let path = lock(&self.config_file).clone();
        let file = match path.as_deref().map(Config::load) {
            Some(Ok(config)) => config,
            Some(Err(error)) => {
                self.refuse_settings(error);
                Config::default()
            }
            None => Config::default(),
        };
        let merged = file.overlay(read(&self.editor_settings).clone());
        let root = self.project_root();
        let cache = crate::cache::ClaimsCache::for_project(&merged, &root, false);
        let project = Arc::new(Project::new(&merged, &root).with_cache(cache));
        let mut config = write(&self.config);
        let reads_differently = config.reads_differently(&merged);
        *config = merged;
        *write(&self.project) = Some(project);
        self.config_version.fetch_add(1, Ordering::SeqCst);
        reads_differently
    }

    /// The folder the project's globs are relative to: the project file's, else the first
    /// workspace folder's.
    fn project_root(&self) -> PathBuf {
        let file = lock(&self.config_file).clone();
        file.as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .or_else(|| lock(&self.roots).first().cloned())
            .unwrap_or_default()
    }

    /// Whether the document is evidence for the others, and whether it is checked.
    fn role(&self, uri: &Url) -> (bool, bool) {
        let project = self.project();
        match uri.to_file_path() {
            Ok(path) => (project.is_source(&path), project.is_draft(&path)),
            // An unsaved buffer is checked, and is a source only when the project names none.
            Err(()) => (!project.names_sources(), true),
        }
    }

    pub fn is_source_file(&self, path: &Path) -> bool {
        self.project().is_source(path)
    }

    /// Empties the corpus so that it can be read again with new settings; the folders that
    /// were scanned, to scan again.
    pub fn reset_corpus(&self) -> Vec<PathBuf> {
        let mut corpus = write(&self.corpus);
        *corpus = Corpus::new();
        lock(&self.ingested).clear();
        lock(&self.disk_paths).clear();
        lock(&self.changes).record(None);
        drop(corpus);
        lock(&self.scanned).drain().collect()
    }

    pub fn set_roots(&self, roots: Vec<PathBuf>) {
        *lock(&self.roots) = roots;
    }

    pub fn roots(&self) -> Vec<PathBuf> {
        lock(&self.roots).clone()
    }

    /// Marks a folder as scanned; false when it already was.
    pub fn claim_scan(&self, folder: &Path) -> bool {
        lock(&self.scanned).insert(folder.to_path_buf())
    }

    pub fn scan_started(&self) {
        self.scans_running.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }

    pub fn scan_finished(&self) {
        self.scans_running.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }

    pub fn indexing(&self) -> bool {
        self.scans_running.load(std::sync::atomic::Ordering::SeqCst) > 0
    }

    /// A fresh number for a progress token.
    pub fn next_token(&self) -> u64 {
        self.generation()
    }

    fn generation(&self) -> u64 {
        self.next_generation.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1
    }

    pub fn open(&self, uri: Url, text: &str, version: i32) -> DocId {
        let id = doc_id(&uri);
        let generation = self.generation();
        lock(&self.documents).insert(id.clone(), OpenDocument::new(uri, text, version, generation));
        id
    }

    /// Applies edits in order; returns the document's id, or `None` when it is not open.
    pub fn change(
        &self,
        uri: &Url,
        version: i32,
        changes: &[tower_lsp::lsp_types::TextDocumentContentChangeEvent],
    ) -> Option<DocId> {
        let id = doc_id(uri);
        let encoding = self.abilities().encoding;
        let generation = self.generation();
        let mut documents = lock(&self.documents);
        let doc = documents.get_mut(&id)?;
        doc.apply(changes, encoding);
        doc.version = version;
        doc.generation = generation;
        Some(id)
    }

    pub fn close(&self, uri: &Url) -> DocId {
        let id = doc_id(uri);
        // As every change to the open documents does, so that `is_current` can tell none came.
        self.generation();
        lock(&self.documents).remove(&id);
        lock(&self.ingested).remove(&id);
        lock(&self.analyses).remove(&id);
        lock(&self.refused).remove(&id);
        id
    }

    /// Why the open document is not checked (it is over the size limit), or `None`.
    pub fn refusal(&self, id: &str) -> Option<String> {
        let bytes = lock(&self.documents).get(id)?.rope.len_bytes();
        // Asked at every edit and request: the settings are read in place, not cloned.
        read(&self.config).too_large(bytes)
    }

    /// Notes that the document is refused; true the first time since it was last checked.
    pub fn refuse(&self, id: &str) -> bool {
        lock(&self.refused).insert(id.to_string())
    }

    /// Notes that the document is checked again.
    pub fn accept(&self, id: &str) {
        lock(&self.refused).remove(id);
    }

    /// Takes a refused document's earlier text out of the corpus; true if it was there.
    pub fn withdraw(&self, id: &str) -> bool {
        lock(&self.analyses).remove(id);
        if lock(&self.ingested).remove(id).is_none() {
            return false;
        }
        self.change_corpus(id, |corpus| corpus.remove(id))
    }

    pub fn is_open(&self, id: &str) -> bool {
        lock(&self.documents).contains_key(id)
    }

    pub fn open_ids(&self) -> Vec<DocId> {
        lock(&self.documents).keys().cloned().collect()
    }

    /// The open document's URI and version, without copying its text.
    pub fn version(&self, id: &str) -> Option<(Url, i32)> {
        lock(&self.documents).get(id).map(|doc| (doc.uri.clone(), doc.version))
    }

    pub fn snapshot(&self, id: &str) -> Option<Snapshot> {
        let documents = lock(&self.documents);
        let doc = documents.get(id)?;
        Some(Snapshot {
            id: id.to_string(),
            uri: doc.uri.clone(),
            text: doc.text(),
            version: doc.version,
            generation: doc.generation,
        })
    }

    /// True while `generation` is still the document's latest text.
    pub fn is_current(&self, id: &str, generation: u64) -> bool {
        // Asked between every two claims of an analysis: while no generation came after this
        // one, no document was opened, changed or closed since, and the lock is not needed.
        if self.next_generation.load(std::sync::atomic::Ordering::SeqCst) == generation {
            return true;
        }
        lock(&self.documents).get(id).is_some_and(|d| d.generation == generation)
    }

    /// The generation of the open document's text that the corpus holds.
    pub fn ingested(&self, id: &str) -> Option<u64> {
        lock(&self.ingested).get(id).copied()
    }

    /// Puts the snapshot's text into the corpus unless a newer one is there; true when the corpus changed.
    /// Reading the text gives up when `stop` says it is no longer wanted (an edit came after it),
    /// and the corpus is left as it was.
    pub fn ingest(&self, snapshot: &Snapshot, stop: &dyn Fn() -> bool) -> bool {
        if lock(&self.ingested).get(&snapshot.id).is_some_and(|&g| g >= snapshot.generation) {
            return false;
        }
        let (is_source, _) = self.role(&snapshot.uri);
        let name = display_name(&snapshot.uri);
        // The version the corpus holds: what it read of the sentences this edit left alone holds.
        let previous = read(&self.corpus).get(&snapshot.id);
        let project = self.project();
        let revised = project.revise_until(previous.as_deref(), snapshot.id.clone(), name, snapshot.text.clone(), stop);
        let Some(doc) = revised else {
            tracing::debug!("stopped reading {}: superseded", snapshot.id);
            return false;
        };
        // A source is prepared for the index before the corpus is locked, after the version it replaces.
        let doc = if is_source { Ok(Prepared::after(doc, previous.as_deref())) } else { Err(doc) };
        // Locks are taken corpus first, then `ingested`, everywhere.
        let changed = self.change_corpus(&snapshot.id, |corpus| {
            let mut ingested = lock(&self.ingested);
            if ingested.get(&snapshot.id).is_some_and(|&g| g >= snapshot.generation) {
                return false;
            }
            match doc {
                Ok(source) => corpus.insert(source),
                Err(draft) => corpus.insert_draft(draft),
            };
            ingested.insert(snapshot.id.clone(), snapshot.generation);
            true
        });
        if let Some(previous) = previous {
            self.set_aside(previous);
        }
        changed
    }

    /// Keeps `replaced` to be freed later (`take_replaced`).
    fn set_aside(&self, replaced: impl Send + 'static) {
        lock(&self.replaced).push(Box::new(replaced));
    }

    /// What edits replaced since the last call, to free off the path of a reply.
    pub fn take_replaced(&self) -> Vec<Box<dyn Send>> {
        std::mem::take(&mut lock(&self.replaced))
    }

    pub fn remove_file(&self, id: &str) -> bool {
        if self.is_open(id) {
            return false;
        }
        self.change_corpus(id, |corpus| corpus.remove(id))
    }

    /// Queues watched-file changes; true when the caller is to drain them (no drain is under way).
    pub fn queue_file_changes(&self, changes: impl IntoIterator<Item = (PathBuf, FileChange)>) -> bool {
        let mut pending = lock(&self.pending);
        pending.changes.extend(changes);
        !pending.changes.is_empty() && !std::mem::replace(&mut pending.draining, true)
    }

    /// Takes every queued change; none ends the drain, so that the next change starts another.
    pub fn take_file_changes(&self) -> Vec<(PathBuf, FileChange)> {
        let mut pending = lock(&self.pending);
        let changes: Vec<_> = std::mem::take(&mut pending.changes).into_iter().collect();
        if changes.is_empty() {
            pending.draining = false;
        }
        changes
    }

    /// Has the index's lists give back the room they grew into (after a batch of updates).
    pub fn shrink_corpus(&self) {
        write(&self.corpus).shrink_to_fit();
    }

    /// Applies files from disk to the corpus in one update: the documents read (each with the
    /// path it was read by; an open one is left alone, as the buffer wins) and the paths gone
    /// (a file, or a folder with every file read under it). A document read by several paths
    /// goes when none of them leads to it any more. With `read_back`, the documents read are
    /// set aside until an analysis reaches them (`Corpus::insert_set_aside`). The number of
    /// documents changed.
    pub fn update_files(&self, read: Vec<(PathBuf, Prepared)>, gone: &[PathBuf], read_back: Option<ReadBack>) -> usize {
        let open: HashSet<DocId> = lock(&self.documents).keys().cloned().collect();
        let mut corpus = write(&self.corpus);
        if read_back.is_some() {
            // A source set aside is read back for the analyses that reach it and let go once
            // none holds it: an article opened in fnc1-train reached 1,085 of its 1,683 sources,
            // and each further article opened reaches others. An open document's analysis holds
            // what its last edited sentence reached, for the next keystroke there.
            corpus.release_read_backs();
        }
        let mut disk_paths = lock(&self.disk_paths);
        let mut touched = Vec::new();
        for path in gone {
            let under: Vec<PathBuf> = disk_paths.keys().filter(|p| p.starts_with(path)).cloned().collect();
            let mut ids: Vec<DocId> = under.iter().filter_map(|p| disk_paths.remove(p)).collect();
            if ids.is_empty() {
                ids.extend(path_id(path));
            }
            for id in ids {
                let still_led_to = disk_paths.iter().any(|(p, other)| *other == id && path_id(p).as_ref() == Some(&id));
                if !still_led_to && !open.contains(&id) && corpus.remove(&id) {
                    disk_paths.retain(|_, other| *other != id);
                    touched.push(id);
                }
            }
        }
        for (path, prepared) in read {
            let id = prepared.doc().id.clone();
            disk_paths.insert(path, id.clone());
            if !open.contains(&id) {
                touched.push(id);
                match &read_back {
                    Some(read_back) => corpus.insert_set_aside(prepared, Arc::clone(read_back)),
                    None => {
                        corpus.insert(prepared);
                    }
                }
            }
        }
        let mut changes = lock(&self.changes);
        for id in &touched {
            changes.record(Some(id));
        }
        touched.len()
    }

    fn change_corpus<R>(&self, doc: &str, f: impl FnOnce(&mut Corpus) -> R) -> R {
        let mut corpus = write(&self.corpus);
        let result = f(&mut corpus);
        lock(&self.changes).record(Some(doc));
        result
    }

    /// The document's analysis as the project wants it reported (settings applied; no findings
    /// for a file that is not a draft), from the cache when nothing it rests on has changed.
    /// Call it inside `with_corpus`, off the async runtime. `None` also when `stop` ends it early.
    pub fn analysis_in(
        &self,
        corpus: &Corpus,
        snapshot: &Snapshot,
        stop: &dyn Fn() -> bool,
    ) -> Option<Arc<DocumentAnalysis>> {
        let ingested = lock(&self.ingested).get(&snapshot.id).copied()?;
        // The versions are read while the corpus is read-locked, so no change slips between.
        let (total, others) = {
            let changes = lock(&self.changes);
            (changes.total, changes.others(&snapshot.id))
        };
        let config_version = self.config_version.load(Ordering::SeqCst);
        let key = (ingested, total, config_version);
        // The last analysis, when only this document changed since: its unchanged claims keep
        // their evidence, and an edit looks up the edited claims only.
        let previous = match lock(&self.analyses).get(&snapshot.id) {
            Some(cached) if cached.key == key => return Some(Arc::clone(&cached.analysis)),
            Some(cached) if cached.others == others && cached.key.2 == config_version => {
                Some(Arc::clone(&cached.analysis))
            }
            _ => None,
        };
        let config = self.config();
        let mut analysis = analyze_incrementally(corpus, &snapshot.id, config.options(), stop, previous.as_deref())?;
        if tracing::enabled!(tracing::Level::DEBUG) {
            let (read_back, readings, set_aside) = corpus.read_back_count();
            let held = corpus.held_read_backs();
            tracing::debug!(
                "sources set aside: {read_back} of {set_aside} read back so far ({readings} readings), {held} held now"
            );
        }
        config.apply(snapshot.uri.path(), &mut analysis.findings);
        if !self.role(&snapshot.uri).1 {
            analysis.findings.clear();
        }
        let analysis = Arc::new(analysis);
        if self.is_open(&snapshot.id) {
            let cached = CachedAnalysis { key, others, analysis: Arc::clone(&analysis) };
            let replaced = lock(&self.analyses).insert(snapshot.id.clone(), cached);
            if let Some(replaced) = replaced {
                self.set_aside(replaced.analysis);
            }
        }
        Some(analysis)
    }

    /// Whether the next analysis of the open document can re-use its last one: nothing but its
    /// own text changed since (no other document, no setting).
    pub fn follows_up(&self, id: &str) -> bool {
        let others = lock(&self.changes).others(id);
        let config_version = self.config_version.load(Ordering::SeqCst);
        lock(&self.analyses).get(id).is_some_and(|cached| cached.others == others && cached.key.2 == config_version)
    }

    /// Runs `f` with read access to the corpus (for analysis and for converting related passages).
    pub fn with_corpus<R>(&self, f: impl FnOnce(&Corpus) -> R) -> R {
        f(&read(&self.corpus))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp::lsp_types::TextDocumentContentChangeEvent;

    #[test]
    fn a_document_follows_up_its_last_analysis_until_something_else_changes() {
        let session = Session::default();
        let uri = Url::parse("untitled:draft").expect("a URI");
        let id = session.open(uri, "Russian forces control a fifth of Ukraine, officials said.\n", 1);
        assert!(!session.follows_up(&id), "never analysed");
        let analyse = || {
            let snapshot = session.snapshot(&id).expect("open");
            session.ingest(&snapshot, &|| false);
            session.with_corpus(|corpus| session.analysis_in(corpus, &snapshot, &|| false)).expect("analysed");
        };
        analyse();
        assert!(session.follows_up(&id));
        let edit = TextDocumentContentChangeEvent { range: None, range_length: None, text: "Edited.\n".to_string() };
        let uri = Url::parse("untitled:draft").expect("a URI");
        session.change(&uri, 2, &[edit]);
        assert!(session.follows_up(&id), "its own edit leaves the other documents as they were");
        let source =
            crate::engine::SourceDoc::new("file:///source.txt", "source.txt", "Russia controls a fifth of Ukraine.\n");
        session.update_files(vec![(PathBuf::from("/source.txt"), Prepared::new(source))], &[], None);
        assert!(!session.follows_up(&id), "another document changed");
        analyse();
        assert!(session.follows_up(&id));
        session.reload_config();
        assert!(!session.follows_up(&id), "the settings changed");
    }

    #[test]
    fn a_snapshot_is_current_until_its_own_document_is_changed_or_closed() {
        let session = Session::default();
        let (draft, other) =
            (Url::parse("untitled:draft").expect("a URI"), Url::parse("untitled:other").expect("a URI"));
        let edit = |text: &str| TextDocumentContentChangeEvent { range: None, range_length: None, text: text.into() };
        let id = session.open(draft.clone(), "One.\n", 1);
        let first = session.snapshot(&id).expect("open");
        assert!(session.is_current(&id, first.generation), "nothing came after it");
        session.open(other.clone(), "Another.\n", 1);
        session.change(&other, 2, &[edit("Another, edited.\n")]);
        assert!(session.is_current(&id, first.generation), "only another document moved on");
        session.change(&draft, 2, &[edit("Two.\n")]);
        assert!(!session.is_current(&id, first.generation), "its document was edited");
        let second = session.snapshot(&id).expect("open");
        assert!(session.is_current(&id, second.generation));
        session.close(&draft);
        assert!(!session.is_current(&id, second.generation), "its document was closed");
    }
}
