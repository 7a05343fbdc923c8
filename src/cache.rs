//! The claims cache: each article's extraction kept on disk, keyed by what makes it, so that a
//! server restarted on an unchanged workspace, or a second `--check` over the same corpus, reads
//! extractions instead of working them out again (extraction is most of the cost of reading a
//! corpus). An edge concern: the engine only gains `SourceDoc::from_extraction` and
//! `Extraction::fits`; what is stored, where, and when it is trusted is decided here, and both
//! edges reach it through `Project::read_file`.
//!
//! **Key.** An entry is the extraction of one text (its BLAKE3 hash) by one engine (the
//! fingerprint `build.rs` hashes from the crate version, every file of `src/engine/` and `data/`,
//! and `Cargo.lock`) with one entity table (the project's aliases, hashed). Whatever changes any
//! of the three finds no entry: nothing is ever read that this engine would extract otherwise.
//!
//! **Layout.** `<folder>/claims/<engine: 32 hex digits>/<2 hex digits>/<64 hex digits>`, one file
//! per entry; the file name hashes the text's hash with the entity table's. The first entry an
//! engine writes creates its folder and removes the folders of other engines beside it (only
//! names of 32 hex digits under `claims/`), so the cache does not grow across upgrades.
//!
//! **Entry.** A header (`MAGIC`, `FORMAT_VERSION`, the engine's fingerprint, the entity table's,
//! the text's hash, the payload's length and its BLAKE3 checksum), then the payload: the
//! words the extraction names, each once, then the extraction in postcard with each word written
//! as its place among them. An entry that does not match in every field, is cut short, fails its
//! checksum, does not decode or does not fit its text (`Extraction::fits`) is ignored, logged at
//! debug level, and replaced by a fresh extraction; it is never trusted and never panics.
//! Entries are written to a temporary file in the same folder and renamed into place, so a
//! reader (another server, a `--check` at the same time) sees a whole entry or none.
//!
//! **Size.** An entry read is marked as used (its file's modification time, at most once an
//! hour). A process's first write, and every `SWEEP_EVERY`th after it, starts a sweep on a
//! thread of its own: when this engine's entries together pass the limit (1 GiB, or
//! `CROSSCHECK_CACHE_LIMIT_MB`), the least recently used go until they fill nine tenths of it;
//! temporary files a writer left behind an hour ago go too. Each entry goes whole or not at all,
//! so a sweep cut short by the process's end leaves a sound cache.
//!
//! **Where.** `CROSSCHECK_CACHE_DIR` when set; else the project file's or the editor's `cache`
//! setting (a folder; `false` turns the cache off); else the user's cache folder
//! (`$XDG_CACHE_HOME/crosscheck`, `~/.cache/crosscheck`, `~/Library/Caches/crosscheck` on macOS,
//! `%LOCALAPPDATA%\crosscheck\cache` on Windows). `--no-cache` turns it off for `--check`. A
//! folder that cannot be written is no error: one warning, then the articles are extracted as
//! without a cache.

use crate::config::{CacheSetting, Config};
use crate::engine::extract::Extraction;
use crate::engine::interned::{self, Sym};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// Overrides every other setting of the cache's folder.
pub const ENV_DIR: &str = "CROSSCHECK_CACHE_DIR";

/// The most this engine's entries may fill, in MiB, instead of `DEFAULT_LIMIT`.
pub const ENV_LIMIT: &str = "CROSSCHECK_CACHE_LIMIT_MB";

/// What this engine's entries may fill before the least recently used go: about 70,000
/// articles of news copy, a desk's years, and the edits saved along the way.
const DEFAULT_LIMIT: u64 = 1 << 30;

/// Entries a process writes between two sweeps (a server runs for days; each saved version of
/// an article is an entry).
const SWEEP_EVERY: usize = 4096;

/// How long an entry's mark of use (or a temporary file) stands before it is renewed (removed).
const MARK_AGE: std::time::Duration = std::time::Duration::from_secs(3600);

/// The engine's fingerprint, from `build.rs`: 64 hex digits.
pub const ENGINE_FINGERPRINT: &str = env!("CROSSCHECK_ENGINE_FINGERPRINT");

/// The first bytes of every entry.
const MAGIC: &[u8; 18] = b"crosscheck claims\n";

/// The layout of an entry's header and the framing of its payload (its words, then the
/// extraction). The extraction's layout follows the engine's types, which the engine's
/// fingerprint covers.
pub const FORMAT_VERSION: u32 = 2;

/// The folder under the cache's folder that holds one folder per engine.
const CLAIMS: &str = "claims";

/// Hex digits of the engine's fingerprint in its folder's name.
const ENGINE_FOLDER_DIGITS: usize = 32;

const HASH: usize = 32;
const HEADER: usize = MAGIC.len() + 4 + HASH + HASH + HASH + 8 + HASH;

type Hash = [u8; HASH];

/// Where an article's extraction is kept: the hashes that name it.
pub struct EntryKey {
    content: Hash,
    entities: Hash,
    /// The file's name: the text's hash and the entity table's, hashed, in hex.
    name: String,
}

/// The hash of a project's entity table as its aliases make it (the shipped table is part of the
/// engine's fingerprint): entity, then its phrases in order, each field length-prefixed.
pub fn entities_fingerprint(aliases: &BTreeMap<String, Vec<String>>) -> Hash {
    let mut hasher = blake3::Hasher::new();
    let mut field = |bytes: &[u8]| {
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    };
    for (entity, phrases) in aliases {
        field(entity.as_bytes());
        field(&(phrases.len() as u64).to_le_bytes());
        for phrase in phrases {
            field(phrase.as_bytes());
        }
    }
    *hasher.finalize().as_bytes()
}

/// The claims cache of one project: an engine's folder and what was read and extracted through it.
pub struct ClaimsCache {
    /// `<folder>/claims`.
    claims: PathBuf,
    /// `<folder>/claims/<engine>`: this engine's entries.
    dir: PathBuf,
    engine: Hash,
    /// Entries read since the last `take_counts`.
    read: AtomicUsize,
    /// Articles extracted (and stored) since the last `take_counts`.
    extracted: AtomicUsize,
    /// Whether this engine's folder is there (created, others pruned); decided at the first write.
    ready: OnceLock<bool>,
    /// A write failed: said once, and no more tried.
    unwritable: AtomicBool,
    /// What this engine's entries may fill, in bytes.
    limit: u64,
    /// Entries written by this process: the first, and every `SWEEP_EVERY`th, start a sweep.
    written: AtomicUsize,
}

impl ClaimsCache {
    /// The cache a project uses, or `None` when it is turned off (`off`: `--no-cache`; or the
    /// setting `cache = false`) or no folder can be found for it. Nothing is read or written yet.
    pub fn for_project(config: &Config, root: &Path, off: bool) -> Option<ClaimsCache> {
        if off || config.cache == Some(CacheSetting::Off) {
            tracing::debug!("claims cache: off");
            return None;
        }
        let from_env = std::env::var_os(ENV_DIR).filter(|dir| !dir.is_empty()).map(PathBuf::from);
        let from_settings = match &config.cache {
            Some(CacheSetting::Folder(folder)) => Some(settings_folder(folder, root)),
            _ => None,
        };
        let Some(folder) = from_env.or(from_settings).or_else(user_cache_dir) else {
            warn_once(Path::new(""), "claims cache: no folder for it (no home folder); set CROSSCHECK_CACHE_DIR");
            return None;
        };
        let folder = std::path::absolute(&folder).unwrap_or(folder);
        let limit = std::env::var(ENV_LIMIT).ok().and_then(|mb| limit_of(&mb)).unwrap_or(DEFAULT_LIMIT);
        Some(ClaimsCache::at(&folder).with_limit(limit))
    }

    /// The same cache with `limit` bytes for this engine's entries.
    pub fn with_limit(mut self, limit: u64) -> ClaimsCache {
        self.limit = limit;
        self
    }

    /// The cache kept in `folder`.
    pub fn at(folder: &Path) -> ClaimsCache {
        let claims = folder.join(CLAIMS);
        ClaimsCache {
            dir: claims.join(&ENGINE_FINGERPRINT[..ENGINE_FOLDER_DIGITS]),
            claims,
            engine: parse_hex(ENGINE_FINGERPRINT),
            read: AtomicUsize::new(0),
            extracted: AtomicUsize::new(0),
            ready: OnceLock::new(),
            unwritable: AtomicBool::new(false),
            limit: DEFAULT_LIMIT,
            written: AtomicUsize::new(0),
        }
    }

    /// The folder of this engine's entries.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The key of `text` read with the entity table whose fingerprint is `entities`.
    pub fn key(text: &str, entities: &Hash) -> EntryKey {
        let content = *blake3::hash(text.as_bytes()).as_bytes();
        let mut hasher = blake3::Hasher::new();
        hasher.update(&content);
        hasher.update(entities);
        EntryKey { content, entities: *entities, name: hasher.finalize().to_hex().to_string() }
    }

    fn path(&self, key: &EntryKey) -> PathBuf {
        self.dir.join(&key.name[..2]).join(&key.name)
    }

    /// The extraction of `text` kept under `key`, if a sound one is there (counted as read).
    pub fn load(&self, key: &EntryKey, text: &str) -> Option<Extraction> {
        let path = self.path(key);
        let bytes = match read_marking_use(&path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return None,
            Err(error) => {
                tracing::debug!(
                    "claims cache: cannot read {}: {error}",
                    crate::inert::log_line(&path.display().to_string())
                );
                return None;
            }
        };
        match decode(&bytes, &self.engine, key) {
            Ok(extraction) if extraction.fits(text) => {
                self.read.fetch_add(1, Ordering::Relaxed);
                Some(extraction)
            }
            outcome => {
                let why = outcome.err().unwrap_or("its spans do not fit the text");
                tracing::debug!("claims cache: ignoring {}: {why}; extracting again", shown(&path));
                None
            }
        }
    }

    /// Keeps `extraction` under `key` (counted as extracted). A failure to write is said once,
    /// and writing stops; reading goes on as without a cache.
    pub fn store(&self, key: &EntryKey, extraction: &Extraction) {
        self.extracted.fetch_add(1, Ordering::Relaxed);
        if self.unwritable.load(Ordering::Relaxed) || !self.ready() {
            return;
        }
        let payload = match payload(extraction) {
            Ok(payload) => payload,
            Err(error) => {
                tracing::debug!("claims cache: cannot encode an extraction: {error}");
                return;
            }
        };
        if let Err(error) = self.write(key, &encode(&self.engine, key, &payload)) {
            self.unwritable.store(true, Ordering::Relaxed);
            warn_once(&self.dir, &format!("claims cache {}: cannot write: {error}", shown(&self.dir)));
            return;
        }
        if self.written.fetch_add(1, Ordering::Relaxed).is_multiple_of(SWEEP_EVERY) {
            let (dir, limit) = (self.dir.clone(), self.limit);
            let spawned =
                std::thread::Builder::new().name("claims-cache-sweep".into()).spawn(move || sweep(&dir, limit));
            if let Err(error) = spawned {
                tracing::debug!("claims cache: cannot start a sweep: {error}");
            }
        }
    }

    /// How many entries were read and how many articles extracted since the last call.
    pub fn take_counts(&self) -> (usize, usize) {
        (self.read.swap(0, Ordering::Relaxed), self.extracted.swap(0, Ordering::Relaxed))
    }

    /// Whether this engine's folder is there: the first time, it is created and the folders of
    /// other engines beside it are removed.
    fn ready(&self) -> bool {
        *self.ready.get_or_init(|| {
            if self.dir.is_dir() {
                return true;
            }
            if let Err(error) = std::fs::create_dir_all(&self.dir) {
                self.unwritable.store(true, Ordering::Relaxed);
                warn_once(&self.dir, &format!("claims cache {}: cannot create it: {error}", shown(&self.dir)));
                return false;
            }
            self.prune();
            true
        })
    }

    /// Removes the entries of other engines: folders under `claims/` named like an engine's.
    fn prune(&self) {
        let Ok(entries) = std::fs::read_dir(&self.claims) else { return };
        let own = &ENGINE_FINGERPRINT[..ENGINE_FOLDER_DIGITS];
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            let engine_folder = name.len() == ENGINE_FOLDER_DIGITS
                && name.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
            // The entry's own type: a link named like an engine's folder is left alone.
            if !engine_folder || name == own || !entry.file_type().is_ok_and(|t| t.is_dir()) {
                continue;
            }
            match std::fs::remove_dir_all(entry.path()) {
                Ok(()) => tracing::debug!("claims cache: removed the entries of another engine ({name})"),
                Err(error) => tracing::debug!("claims cache: cannot remove the entries of engine {name}: {error}"),
            }
        }
    }

    /// Writes an entry to a temporary file beside its place, then renames it into place.
    fn write(&self, key: &EntryKey, bytes: &[u8]) -> std::io::Result<()> {
        static TEMPORARY: AtomicU64 = AtomicU64::new(0);
        let folder = self.dir.join(&key.name[..2]);
        match std::fs::create_dir(&folder) {
            Err(error) if error.kind() != std::io::ErrorKind::AlreadyExists => return Err(error),
            _ => {}
        }
        let temporary = folder.join(format!(
            ".{}.{}.{}.tmp",
            key.name,
            std::process::id(),
            TEMPORARY.fetch_add(1, Ordering::Relaxed)
        ));
        let written = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)
            .and_then(|mut file| file.write_all(bytes));
        if let Err(error) = written {
            let _ = std::fs::remove_file(&temporary);
            return Err(error);
        }
        let target = folder.join(&key.name);
        if let Err(error) = std::fs::rename(&temporary, &target) {
            let _ = std::fs::remove_file(&temporary);
            // Another process put the same entry there first (and holds it open, on Windows).
            if !target.is_file() {
                return Err(error);
            }
        }
        Ok(())
    }
}

/// A limit written in MiB (`CROSSCHECK_CACHE_LIMIT_MB`), in bytes; `None` for what is not a
/// whole number.
fn limit_of(mib: &str) -> Option<u64> {
    mib.trim().parse::<u64>().ok().map(|mib| mib.saturating_mul(1 << 20))
}

/// An entry's bytes; an entry whose mark of use is older than `MARK_AGE` is marked used now (a
/// sweep removes the least recently used first). The mark is a modification time: reading needs
/// no write, and a mark that cannot be set leaves the entry as it is.
fn read_marking_use(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let metadata = file.metadata()?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    let now = std::time::SystemTime::now();
    let marked = metadata.modified().ok();
    if marked.is_none_or(|marked| now.duration_since(marked).is_ok_and(|age| age > MARK_AGE)) {
        let set = std::fs::OpenOptions::new().write(true).open(path).and_then(|file| file.set_modified(now));
        if let Err(error) = set {
            tracing::debug!("claims cache: cannot mark {} as used: {error}", shown(path));
        }
    }
    Ok(bytes)
}

/// What a sweep did.
#[derive(Debug, Default, PartialEq, Eq)]
struct Swept {
    /// Entries removed, and the bytes they held.
    removed: usize,
    freed: u64,
    /// The bytes of the entries kept.
    kept: u64,
}

/// Keeps the entries in `dir` (one engine's folder) within `limit` bytes: when they fill more,
/// the least recently used (`read_marking_use`) are removed until they fill nine tenths of it.
/// Temporary files older than `MARK_AGE` are removed whatever the size: their writer is gone.
fn sweep(dir: &Path, limit: u64) -> Swept {
    let now = std::time::SystemTime::now();
    let stale = |modified: std::time::SystemTime| now.duration_since(modified).is_ok_and(|age| age > MARK_AGE);
    let mut entries = Vec::new();
    let mut total = 0u64;
    for shard in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if !shard.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        for entry in std::fs::read_dir(shard.path()).into_iter().flatten().flatten() {
            let Ok(metadata) = entry.metadata() else { continue };
            if !metadata.is_file() {
                continue;
            }
            let modified = metadata.modified().unwrap_or(std::time::UNIX_EPOCH);
            if entry.file_name().to_str().is_some_and(|name| name.starts_with('.') && name.ends_with(".tmp")) {
                if stale(modified) {
                    let _ = std::fs::remove_file(entry.path());
                }
                continue;
            }
            total += metadata.len();
            entries.push((modified, metadata.len(), entry.path()));
        }
    }
    let mut swept = Swept { kept: total, ..Swept::default() };
    if total <= limit {
        return swept;
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.2.cmp(&b.2)));
    let target = limit / 10 * 9;
    for (_, length, path) in entries {
        if swept.kept <= target {
            break;
        }
        if std::fs::remove_file(&path).is_ok() {
            swept.removed += 1;
            swept.freed += length;
            swept.kept -= length;
        }
    }
    tracing::debug!("claims cache: removed {} entries used least recently ({} bytes)", swept.removed, swept.freed);
    swept
}

/// The folder a setting names: `~/` is the home folder; a relative one is under the project folder.
fn settings_folder(folder: &str, root: &Path) -> PathBuf {
    if let (Some(rest), Some(home)) = (folder.strip_prefix("~/"), home()) {
        return home.join(rest);
    }
    root.join(folder)
}

fn home() -> Option<PathBuf> {
    let variable = if cfg!(windows) { "USERPROFILE" } else { "HOME" };
    std::env::var_os(variable).map(PathBuf::from).filter(|p| p.is_absolute())
}

/// The user's cache folder for crosscheck.
fn user_cache_dir() -> Option<PathBuf> {
    let absolute = |name: &str| std::env::var_os(name).map(PathBuf::from).filter(|p| p.is_absolute());
    if cfg!(windows) {
        return absolute("LOCALAPPDATA").map(|dir| dir.join("crosscheck").join("cache"));
    }
    if cfg!(target_os = "macos") {
        return home().map(|home| home.join("Library").join("Caches").join("crosscheck"));
    }
    absolute("XDG_CACHE_HOME").or_else(|| home().map(|home| home.join(".cache"))).map(|dir| dir.join("crosscheck"))
}

/// Logs that the cache in `folder` cannot be used, once per folder in the process's life (the
/// server makes a cache anew whenever its settings change).
fn warn_once(folder: &Path, why: &str) {
    static WARNED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
    let mut warned = WARNED.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if warned.iter().any(|known| known == folder) {
        return;
    }
    warned.push(folder.to_path_buf());
    tracing::warn!("{}; articles are extracted without it", crate::inert::log_line(why));
}

/// A path for a log line (a setting or the environment may name any path).
fn shown(path: &Path) -> String {
    crate::inert::log_line(&path.display().to_string()).into_owned()
}

fn parse_hex(hex: &str) -> Hash {
    let mut out = [0; HASH];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = hex.get(2 * i..2 * i + 2).and_then(|pair| u8::from_str_radix(pair, 16).ok()).unwrap_or(0);
    }
    out
}

fn encode(engine: &Hash, key: &EntryKey, payload: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(HEADER + payload.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    bytes.extend_from_slice(engine);
    bytes.extend_from_slice(&key.entities);
    bytes.extend_from_slice(&key.content);
    bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    bytes.extend_from_slice(blake3::hash(payload).as_bytes());
    bytes.extend_from_slice(payload);
    bytes
}

/// The extraction an entry holds, or why it is not to be trusted.
fn decode(bytes: &[u8], engine: &Hash, key: &EntryKey) -> Result<Extraction, &'static str> {
    let mut rest = bytes;
    let mut take = |n: usize| -> Result<&[u8], &'static str> {
        if rest.len() < n {
            return Err("cut short");
        }
        let (head, tail) = rest.split_at(n);
        rest = tail;
        Ok(head)
    };
    if take(MAGIC.len())? != MAGIC {
        return Err("not an entry");
    }
    if take(4)? != FORMAT_VERSION.to_le_bytes() {
        return Err("another format version");
    }
    if take(HASH)? != engine {
        return Err("another engine's");
    }
    if take(HASH)? != key.entities {
        return Err("another entity table's");
    }
    if take(HASH)? != key.content {
        return Err("another text's");
    }
    let length = take(8)?;
    let checksum = take(HASH)?;
    let payload = rest;
    if u64::try_from(payload.len()).ok() != Some(u64::from_le_bytes(length.try_into().map_err(|_| "cut short")?)) {
        return Err("its length does not match");
    }
    if blake3::hash(payload).as_bytes() != checksum {
        return Err("its checksum does not match");
    }
    extraction_of(payload)
}

/// An entry's payload: its words, each once, then the extraction naming each word by its place
/// among them (`interned::writing_entry_words`).
fn payload(extraction: &Extraction) -> postcard::Result<Vec<u8>> {
    let (body, words) = interned::writing_entry_words(|| postcard::to_allocvec(extraction));
    let words: Vec<&str> = words.iter().map(|word| word.as_str()).collect();
    let mut payload = postcard::to_allocvec(&words)?;
    payload.extend_from_slice(&body?);
    Ok(payload)
}

/// The extraction a payload holds (see `payload`).
fn extraction_of(payload: &[u8]) -> Result<Extraction, &'static str> {
    let (words, body) = postcard::take_from_bytes::<Vec<&str>>(payload).map_err(|_| "its words do not decode")?;
    let words = words.into_iter().map(Sym::of).collect();
    match interned::reading_entry_words(words, || postcard::take_from_bytes::<Extraction>(body)) {
        Ok((extraction, [])) => Ok(extraction),
        Ok(_) => Err("bytes after its extraction"),
        Err(_) => Err("its extraction does not decode"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::text::LineIndex;

    fn extraction(text: &str) -> Extraction {
        crate::engine::extract::extract(text, &LineIndex::new(text))
    }

    const ARTICLE: &str = "KYIV, March 3 (Reuters) - Russian forces have taken full control of the town of \
        Avdiivka, the defence ministry said on Monday, a claim Ukraine's military denied. \"We are still \
        holding the northern districts,\" said Col. Oleksandr Shtupun, a spokesman. About 1,500 civilians \
        remain in the town, down from 32,000 before the war.";

    /// Every article the repository ships (the seeds and the labelled fixtures), and a few that
    /// nobody would write: multi-byte text, controls, quotes that never close, line ends of
    /// every kind.
    fn shipped_articles() -> Vec<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = Vec::new();
        let mut folders = vec![root.join("seeds"), root.join("tests/fixtures")];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "txt" || e == "md") {
                    texts.extend(std::fs::read_to_string(&path).ok());
                }
            }
        }
        texts.extend([
            "Київ — «Ми тримаємо лінію», — сказав Зеленський. 20% — це 115 600 км².".to_string(),
            "\u{202e}Putin\u{202c} said \"we have taken 30 per cent\x1b[2J of Bakhmut on 31 February\r\n".repeat(3),
            "\"Never closed: ‘about 1,500 civilians,’ he said on Monday, March 4, 2024\u{2028}… 👍🏽 Ms. Ó Súilleabháin"
                .into(),
            "x.".repeat(2_000),
            String::new(),
        ]);
        texts
    }

    #[test]
    fn every_shipped_article_round_trips_and_fits_its_text() {
        let texts = shipped_articles();
        assert!(texts.len() >= 5, "the seeds at least");
        let entities = entities_fingerprint(&BTreeMap::new());
        let engine = parse_hex(ENGINE_FINGERPRINT);
        for text in &texts {
            let extracted = extraction(text);
            assert!(extracted.fits(text), "a fresh extraction fits its text: {text:?}");
            let key = ClaimsCache::key(text, &entities);
            let bytes = encode(&engine, &key, &payload(&extracted).expect("encodes"));
            assert_eq!(decode(&bytes, &engine, &key).as_ref(), Ok(&extracted));
        }
    }

    #[test]
    fn the_json_form_of_claims_is_unchanged() {
        let extracted = extraction(ARTICLE);
        let json = serde_json::to_value(&extracted.claims).expect("JSON");
        let kinds: Vec<&str> =
            json.as_array().expect("claims").iter().filter_map(|c| c["kind"]["kind"].as_str()).collect();
        assert!(kinds.contains(&"figure") && kinds.contains(&"control"), "{kinds:?}");
        let figure = json.as_array().expect("claims").iter().find(|c| c["kind"]["kind"] == "figure").expect("figure");
        assert!(figure["kind"]["measures"][0]["dimension"]["type"].is_string(), "{figure}");
        // And JSON reads back as it was written.
        let again: Vec<crate::engine::claim::Claim> = serde_json::from_value(json).expect("reads back");
        assert_eq!(again, extracted.claims);
    }

    #[test]
    fn a_damaged_entry_is_refused_never_trusted() {
        let text = ARTICLE;
        let engine = parse_hex(ENGINE_FINGERPRINT);
        let entities = entities_fingerprint(&BTreeMap::new());
        let key = ClaimsCache::key(text, &entities);
        let extracted = extraction(text);
        let bytes = encode(&engine, &key, &payload(&extracted).expect("encodes"));
        assert!(decode(&bytes, &engine, &key).is_ok());
        for cut in [0, 5, HEADER - 1, HEADER, bytes.len() - 1] {
            assert!(decode(&bytes[..cut], &engine, &key).is_err(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer, &engine, &key), Err("its length does not match"));
        for at in (0..bytes.len()).step_by(7) {
            let mut flipped = bytes.clone();
            flipped[at] ^= 0x20;
            assert!(decode(&flipped, &engine, &key).is_err(), "byte {at} flipped");
        }
        let other_text = ClaimsCache::key("Another text.", &entities);
        assert_eq!(decode(&bytes, &engine, &other_text), Err("another text's"));
        let aliases = BTreeMap::from([("Ukraine".to_string(), vec!["Azov brigade".to_string()])]);
        let other_table = ClaimsCache::key(text, &entities_fingerprint(&aliases));
        assert_eq!(decode(&bytes, &engine, &other_table), Err("another entity table's"));
        assert_eq!(decode(&bytes, &[1; HASH], &key), Err("another engine's"));
    }

    /// A payload damaged after its checksum was taken (which only a deliberate edit does): it
    /// either does not decode, or does not fit its text, or the analysis of a corpus holding it
    /// does not panic.
    #[test]
    fn a_decoded_extraction_that_passes_the_checks_cannot_make_the_engine_panic() {
        use crate::engine::{analyze, Corpus, SourceDoc};
        let text = ARTICLE;
        let payload = payload(&extraction(text)).expect("encodes");
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let (mut decoded, mut fitting) = (0, 0);
        for _ in 0..400 {
            let mut damaged = payload.clone();
            for _ in 0..=(next() % 3) {
                let at = (next() as usize) % damaged.len();
                damaged[at] = next() as u8;
            }
            let Ok(extracted) = extraction_of(&damaged) else { continue };
            decoded += 1;
            if !extracted.fits(text) {
                continue;
            }
            fitting += 1;
            let mut corpus = Corpus::new();
            corpus.insert(SourceDoc::new("other", "other.txt", ARTICLE.replace("1,500", "2,500")));
            corpus.insert(SourceDoc::from_extraction("damaged", "damaged.txt", text, extracted));
            let _ = analyze(&corpus, "damaged");
            let _ = analyze(&corpus, "other");
        }
        assert!(decoded > 0 && fitting > 0, "some damaged payloads decode ({decoded}) and fit ({fitting})");
    }

    #[test]
    fn entries_are_written_read_and_replaced() {
        let folder = tempfile::tempdir().expect("temporary folder");
        let cache = ClaimsCache::at(folder.path());
        let entities = entities_fingerprint(&BTreeMap::new());
        let key = ClaimsCache::key(ARTICLE, &entities);
        assert!(cache.load(&key, ARTICLE).is_none(), "nothing there yet");
        let extracted = extraction(ARTICLE);
        cache.store(&key, &extracted);
        assert_eq!(cache.load(&key, ARTICLE), Some(extracted.clone()));
        assert_eq!(cache.take_counts(), (1, 1));
        // Damaged on disk: ignored, then written anew.
        let path = cache.path(&key);
        let bytes = std::fs::read(&path).expect("entry");
        std::fs::write(&path, &bytes[..bytes.len() / 2]).expect("cut");
        assert!(cache.load(&key, ARTICLE).is_none());
        cache.store(&key, &extracted);
        assert_eq!(std::fs::read(&path).expect("entry"), bytes);
        // No temporary file left behind.
        let left: Vec<_> = std::fs::read_dir(path.parent().expect("folder")).expect("list").flatten().collect();
        assert_eq!(left.len(), 1);
    }

    #[test]
    fn a_sweep_keeps_the_entries_within_the_limit_the_least_recently_used_going_first() {
        let folder = tempfile::tempdir().expect("temporary folder");
        let cache = ClaimsCache::at(folder.path());
        let entities = entities_fingerprint(&BTreeMap::new());
        let texts: Vec<String> = (0..6).map(|i| format!("{ARTICLE} Entry {i}.")).collect();
        let keys: Vec<EntryKey> = texts.iter().map(|text| ClaimsCache::key(text, &entities)).collect();
        for (text, key) in texts.iter().zip(&keys) {
            cache.store(key, &extraction(text));
        }
        let now = std::time::SystemTime::now();
        let days_ago = |days: u64| now - std::time::Duration::from_secs(days * 86_400);
        let mark = |path: &Path, when: std::time::SystemTime| {
            std::fs::File::options().write(true).open(path).and_then(|f| f.set_modified(when)).expect("mark");
        };
        // Entry i was last used 6 - i days ago: entry 0 is the oldest.
        for (i, key) in keys.iter().enumerate() {
            mark(&cache.path(key), days_ago(6 - i as u64));
        }
        // Reading entry 0 marks it used: it is now the most recent.
        assert!(cache.load(&keys[0], &texts[0]).is_some());
        let marked = std::fs::metadata(cache.path(&keys[0])).and_then(|m| m.modified()).expect("mark");
        assert!(marked > days_ago(1), "a read marks an old entry used");
        // A temporary file a writer left an hour and more ago goes; one being written stays.
        let shard = cache.path(&keys[0]).parent().expect("shard").to_path_buf();
        let (left, writing) = (shard.join(".x.1.0.tmp"), shard.join(".x.1.1.tmp"));
        std::fs::write(&left, b"half").expect("left");
        std::fs::write(&writing, b"half").expect("writing");
        mark(&left, days_ago(1));
        let size = |key: &EntryKey| std::fs::metadata(cache.path(key)).map(|m| m.len()).expect("entry");
        let total: u64 = keys.iter().map(size).sum();
        assert_eq!(sweep(cache.dir(), total), Swept { removed: 0, freed: 0, kept: total }, "within the limit");
        assert!(!left.exists() && writing.exists());
        // Half the entries' bytes: nine tenths of it hold two or three of them.
        let sizes: Vec<u64> = keys.iter().map(size).collect();
        let limit = total / 2;
        let swept = sweep(cache.dir(), limit);
        let order = [1, 2, 3, 4, 5, 0];
        let (removed, kept) = order.split_at(swept.removed);
        assert!(!removed.is_empty() && !kept.is_empty());
        assert!(removed.iter().all(|&i| !cache.path(&keys[i]).exists()), "the least recently used go first");
        assert!(kept.iter().all(|&i| cache.path(&keys[i]).exists()), "the others stay");
        assert_eq!(swept.kept, kept.iter().map(|&i| sizes[i]).sum::<u64>());
        assert_eq!(swept.freed, removed.iter().map(|&i| sizes[i]).sum::<u64>());
        let target = limit / 10 * 9;
        let last = removed[removed.len() - 1];
        assert!(swept.kept <= target && swept.kept + sizes[last] > target, "no more go than must");
        assert!(cache.load(&keys[0], &texts[0]).is_some(), "the entry read last stays");
    }

    #[test]
    fn the_limit_is_read_in_mebibytes() {
        assert_eq!(limit_of("512"), Some(512 << 20));
        assert_eq!(limit_of(" 2 "), Some(2 << 20));
        assert_eq!(limit_of("0"), Some(0));
        assert_eq!(limit_of("-1"), None);
        assert_eq!(limit_of("a lot"), None);
    }

    #[test]
    fn the_first_entry_of_an_engine_removes_other_engines_entries_only() {
        let folder = tempfile::tempdir().expect("temporary folder");
        let claims = folder.path().join(CLAIMS);
        let old = claims.join("0123456789abcdef0123456789abcdef");
        std::fs::create_dir_all(old.join("ab")).expect("an old engine's folder");
        std::fs::write(old.join("ab/entry"), b"old").expect("an old entry");
        let kept = [claims.join("notes"), claims.join("0123456789ABCDEF0123456789ABCDEF")];
        for folder in &kept {
            std::fs::create_dir_all(folder).expect("a folder of someone else's");
        }
        let cache = ClaimsCache::at(folder.path());
        let key = ClaimsCache::key(ARTICLE, &entities_fingerprint(&BTreeMap::new()));
        cache.store(&key, &extraction(ARTICLE));
        assert!(!old.exists(), "another engine's entries are removed");
        assert!(kept.iter().all(|folder| folder.is_dir()), "what is not named like an engine's folder stays");
        assert!(cache.load(&key, ARTICLE).is_some());
    }

    #[cfg(unix)]
    #[test]
    fn an_unwritable_folder_is_no_error() {
        let folder = tempfile::tempdir().expect("temporary folder");
        let file = folder.path().join("a-file");
        std::fs::write(&file, b"not a folder").expect("file");
        // A cache folder under a file cannot be created, even by root.
        let cache = ClaimsCache::at(&file.join("cache"));
        let key = ClaimsCache::key(ARTICLE, &entities_fingerprint(&BTreeMap::new()));
        cache.store(&key, &extraction(ARTICLE));
        cache.store(&key, &extraction(ARTICLE));
        assert!(cache.load(&key, ARTICLE).is_none());
        assert_eq!(cache.take_counts(), (0, 2));
    }

    #[test]
    fn the_cache_folder_is_found_in_order() {
        let root = Path::new("/news");
        let off = Config::parse("cache = false").expect("valid");
        assert!(ClaimsCache::for_project(&off, root, false).is_none());
        assert!(ClaimsCache::for_project(&Config::default(), root, true).is_none(), "--no-cache");
        assert_eq!(settings_folder(".cache/crosscheck", root), Path::new("/news/.cache/crosscheck"));
        assert_eq!(settings_folder("/var/cache/x", root), Path::new("/var/cache/x"));
        if let Some(home) = home() {
            assert_eq!(settings_folder("~/x", root), home.join("x"));
        }
        assert_eq!(ENGINE_FINGERPRINT.len(), 64);
        assert_ne!(parse_hex(ENGINE_FINGERPRINT), [0; HASH]);
    }
}
