//! `crosscheck --check`: reads the articles, builds the corpus, runs the shared analysis on each
//! checked file and prints the findings. Exit codes: 0 clean, 1 warnings or errors, 2 bad input.

mod human;
mod inputs;
mod json;

use crate::cli::{Cli, Format};
use crate::engine::{analyze_with, Corpus, DocumentAnalysis, Options, Severity, SourceDoc};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

pub use inputs::{collect_articles, InputError};

/// The folder checked when no PATH is given.
pub const DEFAULT_PATH: &str = "seeds";

/// A checked file with its analysis.
pub struct Checked {
    pub path: String,
    pub doc: std::sync::Arc<SourceDoc>,
    pub analysis: DocumentAnalysis,
}

#[allow(clippy::print_stderr)]
pub fn run(cli: &Cli) -> u8 {
    let paths: Vec<PathBuf> = if cli.paths.is_empty() { vec![PathBuf::from(DEFAULT_PATH)] } else { cli.paths.clone() };
    let config_path = cli.config.clone().or_else(|| {
        let first = paths.first()?;
        let folder = if first.is_dir() { first.as_path() } else { first.parent().unwrap_or(Path::new("")) };
        let folder = if folder.as_os_str().is_empty() { Path::new(".") } else { folder };
        crate::config::Config::find(&std::path::absolute(folder).ok()?)
    });
    let config = match config_path.as_deref().map(crate::config::Config::load).transpose() {
        Ok(config) => config.unwrap_or_default(),
        Err(error) => {
            eprintln!("crosscheck: {error}");
            return 2;
        }
    };
    let (checked_files, mut errors) = collect_articles(&paths);
    let (corpus_files, corpus_errors) = collect_articles(&cli.corpus);
    errors.extend(corpus_errors);
    if !errors.is_empty() {
        for error in &errors {
            eprintln!("crosscheck: {error}");
        }
        return 2;
    }

    // A file named both as a PATH and under a --corpus folder is one article, not its own source.
    let canonical = |id: &str| std::fs::canonicalize(id).unwrap_or_else(|_| PathBuf::from(id));
    let checked_paths: std::collections::BTreeSet<PathBuf> = checked_files.iter().map(|a| canonical(&a.id)).collect();
    let mut corpus = Corpus::new();
    let sources = corpus_files.into_iter().filter(|a| !checked_paths.contains(&canonical(&a.id)));
    for article in sources.chain(checked_files.iter().cloned()) {
        corpus.insert(SourceDoc::new(article.id.clone(), article.name, article.text));
    }
    let options = Options { single_source_hints: config.options().single_source_hints && !cli.no_single_source };
    let mut seen = std::collections::BTreeSet::new();
    let results: Vec<Checked> = checked_files
        .iter()
        .filter(|article| seen.insert(article.id.clone()))
        .filter_map(|article| {
            let doc = corpus.get(&article.id)?.clone();
            let mut analysis = analyze_with(&corpus, &article.id, options)?;
            config.apply(&article.id, &mut analysis.findings);
            Some(Checked { path: article.id.clone(), doc, analysis })
        })
        .collect();

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = match cli.format {
        Format::Human => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            human::write(&mut out, &results, color)
        }
        Format::Json => json::write(&mut out, &results),
    };
    if let Err(error) = written.and_then(|()| out.flush()) {
        if error.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("crosscheck: cannot write the report: {error}");
            return 2;
        }
    }
    let failing = results.iter().flat_map(|r| &r.analysis.findings).any(|f| f.severity >= Severity::Warning);
    u8::from(failing)
}
