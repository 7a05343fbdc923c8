//! A progress bar on stderr for long runs: only on a terminal, only past a few hundred articles,
//! so that short runs and CI logs stay clean.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// Articles from which a run counts as long.
const LONG_RUN: usize = 300;

pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// A bar for reading `articles` articles, or none.
    pub fn new(articles: usize) -> Progress {
        if articles < LONG_RUN || !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = ProgressBar::with_draw_target(Some(articles as u64), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len} articles ({eta} left)")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        bar.set_style(style);
        bar.set_message("reading");
        Progress(Some(bar))
    }

    pub fn start_analysis(&self, articles: usize) {
        if let Some(bar) = &self.0 {
            bar.set_length(articles as u64);
            bar.set_position(0);
            bar.set_message("checking");
        }
    }

    pub fn tick(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
