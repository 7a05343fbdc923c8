//! `crosscheck --check` and `--report`: reads the articles, builds the corpus, runs the shared
//! analysis on each checked file (in parallel), prints the findings in the chosen format and
//! writes the HTML report when asked. Exit codes: 0 nothing at or above `--fail-on`, 1 findings
//! at or above it, 2 bad usage or an input named on the command line that could not be read (the
//! rest is still reported; a file inside a folder that cannot be read is skipped, one line each).

mod github;
mod human;
mod inputs;
mod json;
mod progress;
pub mod report;
mod sarif;

use crate::cli::{Cli, Color, FailOn, Format};
use crate::config::Config;
use crate::engine::{analyze_with, Corpus, DocumentAnalysis, Options, Prepared, Severity, SourceDoc};
use crate::project::Project;
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

pub use inputs::{collect_articles, Collected, InputError};

/// The folder checked when no PATH is given.
pub const DEFAULT_PATH: &str = "seeds";

/// A checked file with its analysis.
pub struct Checked {
    pub path: String,
    pub doc: std::sync::Arc<SourceDoc>,
    pub analysis: DocumentAnalysis,
}

/// Everything one run found: the checked files, the inputs that could not be read, the corpus.
/// Kept whole only for the report; printing streams the files one at a time.
pub struct Outcome {
    pub results: Vec<Checked>,
    pub errors: Vec<InputError>,
    pub corpus: Corpus,
}

/// The inputs read: the corpus, the articles to check, the inputs that could not be read.
struct Inputs {
    corpus: Corpus,
    /// The ids of the articles to check, each once, in order.
    checked: Vec<String>,
    errors: Vec<InputError>,
    /// Files skipped inside folders: named on stderr, no error.
    skipped: Vec<InputError>,
}

/// Files analysed in parallel before their findings are written and dropped: enough to keep the
/// cores busy, few enough that a run over any number of files holds a bounded number.
const CHUNK: usize = 64;

/// An output format, fed the checked files one at a time in order.
trait Sink {
    fn begin(&mut self, out: &mut dyn Write, errors: &[InputError]) -> std::io::Result<()>;
    fn file(&mut self, out: &mut dyn Write, checked: &Checked, corpus: &Corpus) -> std::io::Result<()>;
    fn end(&mut self, out: &mut dyn Write, errors: &[InputError]) -> std::io::Result<()>;
}

/// Findings counted by severity, for the summaries.
#[derive(Clone, Copy, Debug, Default)]
struct Tally {
    files: usize,
    errors: usize,
    warnings: usize,
    information: usize,
    hints: usize,
}

impl Tally {
    fn add(&mut self, checked: &Checked) {
        self.files += 1;
        for finding in &checked.analysis.findings {
            match finding.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Information => self.information += 1,
                Severity::Hint => self.hints += 1,
            }
        }
    }
}

#[allow(clippy::print_stderr)]
pub fn run(cli: &Cli) -> u8 {
    crate::init_logging();
    if cli.stdin_filename.is_some() && !cli.paths.iter().any(|p| p.as_os_str() == "-") {
        eprintln!("crosscheck: --stdin-filename names the article read from `-`, and no PATH is `-`");
        return 2;
    }
    let (config, root) = match project_settings(cli) {
        Ok(found) => found,
        Err(error) => {
            eprintln!("crosscheck: {}", crate::inert::log_line(&error));
            return 2;
        }
    };
    let options = Options {
        single_source_hints: config.options().single_source_hints && !cli.no_single_source,
        ..config.options()
    };
    let cache = crate::cache::ClaimsCache::for_project(&config, &root, cli.no_cache);
    let project = std::sync::Arc::new(Project::new(&config, &root).with_cache(cache));
    let progress = progress::Progress::default();
    let inputs = read_inputs(cli, &config, &project, &progress);
    for skipped in &inputs.skipped {
        eprintln!("crosscheck: skipped {}", crate::inert::log_line(&skipped.to_string()));
    }
    for error in &inputs.errors {
        eprintln!("crosscheck: {}", crate::inert::log_line(&error.to_string()));
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut sink = sink(cli);
    let mut kept = Vec::new();
    let mut failing = false;
    let threshold = threshold(cli.fail_on);
    let printed = (|| -> std::io::Result<()> {
        if cli.check {
            sink.begin(&mut out, &inputs.errors)?;
        }
        for checked in analyses(&inputs, &config, options, cli.report.is_some(), &progress) {
            failing |= threshold.is_some_and(|t| checked.analysis.findings.iter().any(|f| f.severity >= t));
            if cli.check {
                sink.file(&mut out, &checked, &inputs.corpus)?;
            }
            if cli.report.is_some() {
                kept.push(checked);
            }
        }
        if cli.check {
            sink.end(&mut out, &inputs.errors)?;
        }
        out.flush()
    })();
    progress.finish();
    let (read_back, readings, set_aside) = inputs.corpus.read_back_count();
    if set_aside > 0 {
        tracing::debug!(
            "sources set aside: {read_back} of {set_aside} read back for the analyses ({readings} readings)"
        );
    }
    if let Err(error) = printed {
        if error.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("crosscheck: cannot write the findings: {error}");
            return 2;
        }
    }
    let has_errors = !inputs.errors.is_empty();
    // The corpus is left for the process's end to free: taking a large corpus apart claim by
    // claim costs a sixth of a one-article check, and nothing runs after this.
    if let Some(path) = &cli.report {
        let outcome = Outcome { results: kept, errors: inputs.errors, corpus: inputs.corpus };
        let written = report::write_file(path, &outcome, options);
        std::mem::forget(outcome);
        if let Err(error) = written {
            eprintln!("crosscheck: cannot write the report {}: {error}", path.display());
            return 2;
        }
        if !cli.check {
            eprintln!("crosscheck: wrote the evidence report {}", path.display());
        }
    } else {
        std::mem::forget(inputs);
    }
    if has_errors {
        return 2;
    }
    u8::from(cli.check && failing)
}

fn sink(cli: &Cli) -> Box<dyn Sink> {
    match cli.format {
        Format::Human => {
            let color = match cli.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
            };
            Box::new(human::Human::new(color))
        }
        Format::Json => Box::<json::Json>::default(),
        Format::Sarif => Box::<sarif::Sarif>::default(),
        Format::Github => Box::new(github::Github),
    }
}

/// The lowest severity that fails the run, if any does.
fn threshold(fail_on: FailOn) -> Option<Severity> {
    match fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Information => Some(Severity::Information),
        FailOn::Never => None,
    }
}

/// The real path of a file (links resolved), for telling two paths to one file apart.
fn canonical(id: &str) -> PathBuf {
    std::fs::canonicalize(id).unwrap_or_else(|_| PathBuf::from(id))
}

/// Reads the inputs and builds the corpus.
fn read_inputs(cli: &Cli, config: &Config, project: &std::sync::Arc<Project>, progress: &progress::Progress) -> Inputs {
    let paths: Vec<PathBuf> = match (cli.paths.is_empty(), project.names_drafts()) {
        (false, _) => cli.paths.clone(),
        (true, true) => vec![project.root().to_path_buf()],
        (true, false) => vec![PathBuf::from(DEFAULT_PATH)],
    };
    let stdin_name = cli.stdin_filename.as_deref();
    let named = within_limit(collect_articles(&paths, stdin_name), config);
    let (mut errors, mut skipped) = (named.errors, named.skipped);
    // Folders give the project's drafts, and the rest of what they hold may be sources; a file
    // named on the command line is always checked. A file reached by two paths (a symbolic link
    // and its target) is checked once.
    let (checked_files, others): (Vec<_>, Vec<_>) =
        named.articles.into_iter().partition(|article| article.named || project.is_draft(Path::new(&article.id)));
    let mut seen = std::collections::BTreeSet::new();
    let checked_files: Vec<inputs::Article> =
        checked_files.into_iter().filter(|article| seen.insert(canonical(&article.id))).collect();
    let corpus = within_limit(collect_articles(&cli.corpus, None), config);
    errors.extend(corpus.errors);
    skipped.extend(corpus.skipped);
    let mut corpus_files = corpus.articles;
    corpus_files.extend(others.into_iter().filter(|a| project.is_source(Path::new(&a.id))));
    if project.names_sources() {
        let project_files = within_limit(collect_articles(&[project.root().to_path_buf()], None), config);
        errors.extend(project_files.errors);
        skipped.extend(project_files.skipped);
        corpus_files.extend(project_files.articles.into_iter().filter(|a| project.is_source(Path::new(&a.id))));
    }
    // Folders that overlap (a PATH inside a --corpus folder) skip the same file once.
    let mut seen_skipped = std::collections::BTreeSet::new();
    skipped.retain(|skip| seen_skipped.insert(canonical(&skip.path.display().to_string())));
    if checked_files.is_empty() && errors.is_empty() {
        let folders: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        errors.push(InputError {
            path: PathBuf::from(folders.join(", ")),
            reason: format!("no article matches the project's drafts {:?}", config.drafts),
        });
    }
    progress.start("reading", checked_files.len() + corpus_files.len());
    let checked: Vec<String> = checked_files.iter().map(|a| a.id.clone()).collect();
    let corpus = build_corpus(project, checked_files, corpus_files, progress);
    Inputs { corpus, checked, errors, skipped }
}

/// Leaves out the articles over the project's size limit, as the editor does: an article named on
/// the command line is an error (it was asked for and is not checked), one found in a folder is
/// skipped with one line.
fn within_limit(mut collected: Collected, config: &Config) -> Collected {
    let articles = std::mem::take(&mut collected.articles);
    for article in articles {
        match config.too_large(article.text.len()) {
            None => collected.articles.push(article),
            Some(reason) => {
                let refusal = InputError { path: PathBuf::from(&article.id), reason };
                if article.named {
                    collected.errors.push(refusal);
                } else {
                    collected.skipped.push(refusal);
                }
            }
        }
    }
    collected
}

/// The checked files' analyses, in order, a chunk at a time: each chunk is analysed in parallel
/// and handed out before the next starts.
fn analyses<'a>(
    inputs: &'a Inputs,
    config: &'a Config,
    options: Options,
    keep_claims: bool,
    progress: &'a progress::Progress,
) -> impl Iterator<Item = Checked> + 'a {
    progress.start("checking", inputs.checked.len());
    let corpus = &inputs.corpus;
    inputs.checked.chunks(CHUNK).flat_map(move |chunk| {
        chunk
            .par_iter()
            .filter_map(|id| {
                let doc = corpus.get(id)?.clone();
                let mut analysis = analyze_with(corpus, id, options)?;
                config.apply(id, &mut analysis.findings);
                // The claims with all their passages are for the report; findings carry their own.
                if !keep_claims {
                    analysis.claims = Vec::new();
                }
                progress.tick();
                Some(Checked { path: id.clone(), doc, analysis })
            })
            .collect::<Vec<_>>()
    })
}

/// `text` with every line but the first indented by `by` spaces: a pretty-printed JSON value
/// placed inside an outer document being written piece by piece.
fn indent(text: &str, by: usize) -> String {
    text.replace('\n', &format!("\n{}", " ".repeat(by)))
}

/// The project file (`--config`, or the nearest one above the first PATH or the working folder)
/// and the project's folder: the file's folder, or the working folder when there is no file.
fn project_settings(cli: &Cli) -> Result<(Config, PathBuf), String> {
    let working = std::path::absolute(".").map_err(|e| format!("cannot tell the working folder: {e}"))?;
    let first = cli.paths.first().map(|p| match (p.as_os_str() == "-", &cli.stdin_filename) {
        (true, Some(name)) => PathBuf::from(name),
        (true, None) => working.join(inputs::STDIN_NAME),
        (false, _) => p.clone(),
    });
    let start = match first.as_ref() {
        Some(first) if first.is_dir() => std::path::absolute(first).unwrap_or_else(|_| working.clone()),
        Some(first) => std::path::absolute(first)
            .ok()
            .and_then(|file| file.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| working.clone()),
        None => working.clone(),
    };
    let Some(path) = cli.config.clone().or_else(|| Config::find(&start)) else {
        return Ok((Config::default(), working));
    };
    let config = Config::load(&path)?;
    let root = std::path::absolute(&path).ok().and_then(|p| p.parent().map(Path::to_path_buf)).unwrap_or(working);
    Ok((config, root))
}

/// What an article read is to the corpus.
#[derive(Clone, Copy)]
enum Role {
    /// A checked file that is no source.
    Draft,
    /// A source that is not checked: set aside, with a claims cache, until an analysis reaches it.
    Source,
    /// A checked file that is also a source: held whole, as its own analysis reads it at once.
    CheckedSource,
}

/// Articles read in parallel between two insertions into the corpus.
const BATCH: usize = 128;

/// Checked articles from which the sources' sentences are weighed once for all analyses.
const WEIGH_SENTENCES_FROM: usize = 8;

/// Every article read with the project's entities, through its claims cache if it has one:
/// sources are evidence, checked files that the project does not count as sources are drafts. A
/// file both checked and among the sources is one article.
/// Extraction runs in parallel; the index is filled in order, so the result does not depend on
/// the number of threads. Each article's text moves into its document: the corpus holds it once.
/// With a claims cache, a source that is not checked is set aside once indexed, and read back
/// from the cache when an analysis reaches it (`Corpus::insert_set_aside`): one article checked
/// against an archive holds the part of it that the article reaches, not all of it.
fn build_corpus(
    project: &std::sync::Arc<Project>,
    checked: Vec<inputs::Article>,
    sources: Vec<inputs::Article>,
    progress: &progress::Progress,
) -> Corpus {
    let checked_paths: std::collections::BTreeSet<PathBuf> = checked.iter().map(|a| canonical(&a.id)).collect();
    let analyses = checked_paths.len();
    let mut seen_sources = std::collections::BTreeSet::new();
    let sources: Vec<inputs::Article> = sources
        .into_iter()
        .filter(|article| {
            let path = canonical(&article.id);
            !checked_paths.contains(&path) && seen_sources.insert(path)
        })
        .collect();
    // A source is prepared for the index on the reading thread; a draft is not indexed.
    let read = |article: inputs::Article, role: Role| {
        let doc = project.read_file(article.id, article.name, article.text);
        progress.tick();
        match role {
            Role::Draft => Err(Box::new(doc)),
            source => Ok((Prepared::new(doc), source)),
        }
    };
    let read_back = project.read_back();
    let mut articles: Vec<(inputs::Article, Role)> =
        sources.into_iter().map(|article| (article, Role::Source)).collect();
    articles.extend(checked.into_iter().map(|article| {
        let role = if project.is_source(Path::new(&article.id)) { Role::CheckedSource } else { Role::Draft };
        (article, role)
    }));
    let mut corpus = Corpus::new();
    // Each source an analysis reaches is read back for that analysis, not kept for the run:
    // one article reaches half of fnc1-train's sources, and another analysis reads back what
    // it needs again.
    corpus.release_read_backs();
    // In batches, each inserted before the next is read: what preparing a source holds for the
    // index only until its insertion (its keys by claim and by sentence) is then held for one
    // batch, not for the whole corpus at once (2.5 MB of fnc1-train's).
    let mut articles = articles.into_iter();
    loop {
        let batch: Vec<(inputs::Article, Role)> = articles.by_ref().take(BATCH).collect();
        if batch.is_empty() {
            break;
        }
        let docs: Vec<Result<(Prepared, Role), Box<SourceDoc>>> =
            batch.into_par_iter().map(|(article, role)| read(article, role)).collect();
        for doc in docs {
            match doc {
                Ok((source, role)) => match (&read_back, role) {
                    (Some(read_back), Role::Source) => {
                        corpus.insert_set_aside(source, std::sync::Arc::clone(read_back));
                    }
                    _ => {
                        corpus.insert(source);
                    }
                },
                Err(draft) => {
                    corpus.insert_draft(*draft);
                }
            }
        }
    }
    project.log_cache_use();
    corpus.shrink_to_fit();
    // A source is weighed whole the first time an analysis aligns with it: that pays back only
    // when many analyses do (one article against fnc1-train spent 3% more instructions on it).
    if analyses >= WEIGH_SENTENCES_FROM {
        corpus.weigh_sentences();
    }
    corpus
}
