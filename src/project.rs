//! What a project reads, from its settings: which files are sources (evidence) and which are
//! drafts (checked), by globs relative to the project folder, and the entity table with the
//! project's aliases. `--check` and the language server both decide through it.
//!
//! A glob with a `/` is matched against the path under the project folder (`wires/**`,
//! `desk/*.md`); one without is matched against the file name in any folder (`*.draft.md`).
//! A glob never reaches outside the project folder: one that is absolute or has a `..` is
//! refused (the project file is then reported as invalid), and a file outside the folder is
//! matched by no glob.
//!
//! A project may have a claims cache (`crate::cache`): the articles both edges read from files
//! go through `read_file`, which takes a kept extraction when there is one. Open buffers, whose
//! text changes at every keystroke, are read with `read`/`read_until`, past the cache.

use crate::cache::ClaimsCache;
use crate::config::Config;
use crate::engine::entities::{self, EntityTable};
use crate::engine::SourceDoc;
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub struct Project {
    root: PathBuf,
    sources: Option<GlobSet>,
    drafts: Option<GlobSet>,
    entities: Arc<EntityTable>,
    /// The hash of the aliases the entity table was made with: part of every cache key.
    entities_fingerprint: [u8; 32],
    cache: Option<ClaimsCache>,
}

/// A glob as the project file writes it, or why it is not one.
pub fn compile_glob(glob: &str) -> Result<Glob, String> {
    if reaches_outside(glob.trim()) {
        return Err(format!(
            "glob \"{glob}\" reaches outside the project folder: globs are relative to the folder of {}, with no \"..\" and no absolute path",
            crate::config::FILE_NAME
        ));
    }
    let pattern = glob.trim().trim_start_matches("./");
    let pattern = if pattern.contains('/') { pattern.to_string() } else { format!("**/{pattern}") };
    GlobBuilder::new(&pattern).literal_separator(true).build().map_err(|e| format!("bad glob \"{glob}\": {e}"))
}

/// An absolute path (`/x`, `\\x`, `C:x`, `~/x`) or one with a `..` component.
pub(crate) fn reaches_outside(glob: &str) -> bool {
    let drive = glob.len() >= 2 && glob.as_bytes()[1] == b':' && glob.as_bytes()[0].is_ascii_alphabetic();
    glob.starts_with(['/', '\\', '~']) || drive || glob.split(['/', '\\']).any(|part| part == "..")
}

fn glob_set(globs: &[String]) -> Option<GlobSet> {
    if globs.is_empty() {
        return None;
    }
    let mut set = GlobSetBuilder::new();
    for glob in globs {
        match compile_glob(glob) {
            Ok(glob) => {
                set.add(glob);
            }
            Err(error) => tracing::warn!("ignoring {error}"),
        }
    }
    set.build().map_err(|e| tracing::warn!("ignoring the globs {globs:?}: {e}")).ok()
}

impl Project {
    /// The project whose folder is `root` (the project file's folder, or the workspace's).
    pub fn new(config: &Config, root: &Path) -> Project {
        let entities = if config.aliases.is_empty() {
            Arc::clone(entities::shipped())
        } else {
            Arc::new(EntityTable::with_aliases(&config.aliases))
        };
        Project {
            root: std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf()),
            sources: glob_set(&config.sources),
            drafts: glob_set(&config.drafts),
            entities,
            entities_fingerprint: crate::cache::entities_fingerprint(&config.aliases),
            cache: None,
        }
    }

    /// The project with a claims cache for the files it reads (`read_file`); `None`, without.
    pub fn with_cache(mut self, cache: Option<ClaimsCache>) -> Project {
        self.cache = cache;
        self
    }

    /// What reads a source set aside back as this project first read it (`read_file`: from the
    /// claims cache, when the entry is still there). None without a cache: a source read back
    /// would be extracted again, so none is set aside.
    pub fn read_back(self: &Arc<Self>) -> Option<crate::engine::ReadBack> {
        self.cache.as_ref()?;
        let project = Arc::clone(self);
        Some(Arc::new(move |id: &str, name: &str, text: String| project.read_file(id, name, text)))
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Whether the project names its sources; when it does not, every article is one.
    pub fn names_sources(&self) -> bool {
        self.sources.is_some()
    }

    /// Whether the project names its drafts; when it does not, every article is checked.
    pub fn names_drafts(&self) -> bool {
        self.drafts.is_some()
    }

    /// Whether the file is evidence: every file when the project names no sources, else a file
    /// under the project folder that a glob matches.
    pub fn is_source(&self, path: &Path) -> bool {
        self.sources.as_ref().is_none_or(|set| self.relative(path).is_some_and(|p| set.is_match(p)))
    }

    pub fn is_draft(&self, path: &Path) -> bool {
        self.drafts.as_ref().is_none_or(|set| self.relative(path).is_some_and(|p| set.is_match(p)))
    }

    /// The path under the project folder; `None` outside it.
    fn relative(&self, path: &Path) -> Option<PathBuf> {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        absolute.strip_prefix(&self.root).ok().map(Path::to_path_buf)
    }

    /// Reads an article with the project's entity table.
    pub fn read(&self, id: impl Into<String>, name: impl Into<String>, text: impl Into<String>) -> SourceDoc {
        SourceDoc::read_with(&self.entities, id, name, text)
    }

    /// `read`, given up (`None`) as soon as `stop` says the document is no longer wanted.
    pub fn read_until(
        &self,
        id: impl Into<String>,
        name: impl Into<String>,
        text: impl Into<String>,
        stop: &dyn Fn() -> bool,
    ) -> Option<SourceDoc> {
        SourceDoc::read_with_until(&self.entities, id, name, text, stop)
    }

    /// `read_until` for a new version of a document being edited: re-uses what `previous`, its
    /// last version, read of the sentences the edit left as they were (`SourceDoc::revise_until`).
    pub fn revise_until(
        &self,
        previous: Option<&SourceDoc>,
        id: impl Into<String>,
        name: impl Into<String>,
        text: impl Into<String>,
        stop: &dyn Fn() -> bool,
    ) -> Option<SourceDoc> {
        crate::engine::entities::reading_with(&self.entities, || {
            SourceDoc::revise_until(previous, id, name, text, stop)
        })
    }

    /// Reads an article from a file: its extraction from the claims cache when the cache has
    /// one of this text by this engine with this entity table, else extracted and then kept
    /// there. The document is the same either way.
    pub fn read_file(&self, id: impl Into<String>, name: impl Into<String>, text: impl Into<String>) -> SourceDoc {
        let text = text.into();
        let Some(cache) = &self.cache else {
            return self.read(id, name, text);
        };
        let key = ClaimsCache::key(&text, &self.entities_fingerprint);
        if let Some(extraction) = cache.load(&key, &text) {
            return entities::reading_with(&self.entities, || SourceDoc::from_extraction(id, name, text, extraction));
        }
        let doc = self.read(id, name, text);
        cache.store(&key, &doc.extraction);
        doc
    }

    /// Logs (debug) how many of the files read since the last call came from the claims cache
    /// and how many were extracted: one line per scan, batch or run that read a file.
    pub fn log_cache_use(&self) {
        if let Some(cache) = &self.cache {
            let (read, extracted) = cache.take_counts();
            if read + extracted > 0 {
                tracing::debug!("claims cache: {read} read, {extracted} extracted");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_choose_sources_and_drafts_under_the_project_folder() {
        let config =
            Config::parse("sources = [\"wires/**\"]\ndrafts = [\"*.draft.md\", \"desk/*.txt\"]\n").expect("valid");
        let project = Project::new(&config, Path::new("/news"));
        assert!(project.is_source(Path::new("/news/wires/reuters/a.txt")));
        assert!(!project.is_source(Path::new("/news/desk/a.txt")));
        assert!(project.is_draft(Path::new("/news/desk/a.txt")));
        assert!(!project.is_draft(Path::new("/news/desk/old/a.txt")), "* stays in its folder");
        assert!(project.is_draft(Path::new("/news/anywhere/deep/story.draft.md")));
        assert!(!project.is_draft(Path::new("/news/wires/a.txt")));
        assert!(!project.is_draft(Path::new("/elsewhere/story.draft.md")), "no glob matches outside the folder");
        let everything = Project::new(&Config::default(), Path::new("/news"));
        assert!(everything.is_source(Path::new("/elsewhere/a.txt")) && everything.is_draft(Path::new("/news/a.txt")));
        assert!(!everything.names_sources() && !everything.names_drafts());
    }

    #[test]
    fn globs_that_reach_outside_the_project_folder_are_refused() {
        for glob in
            ["../wires/**", "wires/../../x/*.txt", "/etc/**", "\\\\server\\share\\*", "C:/news/*", "~/news/*", " ../x"]
        {
            let error = compile_glob(glob).expect_err(glob);
            assert!(error.contains("outside the project folder") && error.contains(glob), "{error}");
        }
        for glob in ["wires/**", "./desk/*.md", "*.draft.md", "a..b/*.txt"] {
            assert!(compile_glob(glob).is_ok(), "{glob}");
        }
        assert!(Config::parse("sources = [\"../elsewhere/**\"]\n").unwrap_err().contains("outside the project folder"));
    }

    #[test]
    fn aliases_change_how_articles_are_read() {
        let text = "The Azov brigade said its forces still hold the north of Pokrovsk.";
        let shipped = Project::new(&Config::default(), Path::new("/news"));
        let config = Config::parse("[aliases]\nUkraine = [\"Azov brigade\"]\n").expect("valid");
        let project = Project::new(&config, Path::new("/news"));
        let side = |project: &Project| {
            let doc = project.read("a", "a.txt", text);
            // The side the attribution gives, on whichever claims it carries.
            doc.extraction.claims.iter().find_map(|c| c.attribution.as_ref().and_then(|a| a.side.clone()))
        };
        assert_eq!(side(&shipped), None);
        assert_eq!(side(&project), Some("Ukraine".to_string()), "the brigade speaks for Ukraine");
    }
}
