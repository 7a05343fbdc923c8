//! `crosscheck --check`: reads the articles, builds the corpus, runs the shared analysis on each
//! checked file and prints the findings. Exit codes: 0 clean, 1 warnings or errors, 2 bad input.

mod human;
mod inputs;
mod json;

use crate::cli::{Cli, Format};
use crate::config::Config;
use crate::engine::{analyze_with, Corpus, DocumentAnalysis, Options, Severity, SourceDoc};
use crate::project::Project;
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
    let (config, root) = match project_settings(cli) {
        Ok(found) => found,
        Err(error) => {
            eprintln!("crosscheck: {error}");
            return 2;
        }
    };
    let project = Project::new(&config, &root);
    let paths: Vec<PathBuf> = match (cli.paths.is_empty(), project.names_drafts()) {
        (false, _) => cli.paths.clone(),
        (true, true) => vec![project.root().to_path_buf()],
        (true, false) => vec![PathBuf::from(DEFAULT_PATH)],
    };
    let (read, mut errors) = collect_articles(&paths);
    // Folders give the project's drafts, and the rest of what they hold may be sources; a file
    // named on the command line is always checked.
    let (checked_files, others): (Vec<_>, Vec<_>) =
        read.into_iter().partition(|article| article.named || project.is_draft(Path::new(&article.id)));
    let (mut corpus_files, corpus_errors) = collect_articles(&cli.corpus);
    errors.extend(corpus_errors);
    corpus_files.extend(others.into_iter().filter(|a| project.is_source(Path::new(&a.id))));
    if project.names_sources() {
        let (project_files, project_errors) = collect_articles(&[project.root().to_path_buf()]);
        errors.extend(project_errors);
        corpus_files.extend(project_files.into_iter().filter(|a| project.is_source(Path::new(&a.id))));
    }
    if checked_files.is_empty() && errors.is_empty() {
        let folders: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        eprintln!("crosscheck: {}: no article matches the project's drafts {:?}", folders.join(", "), config.drafts);
        return 2;
    }
    if !errors.is_empty() {
        for error in &errors {
            eprintln!("crosscheck: {error}");
        }
        return 2;
    }

    let corpus = build_corpus(&project, &checked_files, corpus_files);
    let options = Options {
        single_source_hints: config.options().single_source_hints && !cli.no_single_source,
        ..config.options()
    };
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

/// The project file (`--config`, or the nearest one above the first PATH or the working folder)
/// and the project's folder: the file's folder, or the working folder when there is no file.
fn project_settings(cli: &Cli) -> Result<(Config, PathBuf), String> {
    let working = std::path::absolute(".").map_err(|e| format!("cannot tell the working folder: {e}"))?;
    let start = match cli.paths.first() {
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

/// Every article read with the project's entities: sources are evidence, checked files that the
/// project does not count as sources are drafts. A file both checked and among the sources is
/// one article.
fn build_corpus(project: &Project, checked: &[inputs::Article], sources: Vec<inputs::Article>) -> Corpus {
    let canonical = |id: &str| std::fs::canonicalize(id).unwrap_or_else(|_| PathBuf::from(id));
    let checked_paths: std::collections::BTreeSet<PathBuf> = checked.iter().map(|a| canonical(&a.id)).collect();
    let mut seen_sources = std::collections::BTreeSet::new();
    let mut corpus = Corpus::new();
    for article in sources {
        let path = canonical(&article.id);
        if !checked_paths.contains(&path) && seen_sources.insert(path) {
            corpus.insert(project.read(article.id, article.name, article.text));
        }
    }
    for article in checked {
        let doc = project.read(article.id.clone(), article.name.clone(), article.text.clone());
        if project.is_source(Path::new(&article.id)) {
            corpus.insert(doc);
        } else {
            corpus.insert_draft(doc);
        }
    }
    corpus
}
