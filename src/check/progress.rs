//! A progress bar on stderr for long runs: only on a terminal, only past a few hundred articles,
//! so that short runs and CI logs stay clean.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// Articles from which a stage counts as long.
const LONG_RUN: usize = 300;

/// Hidden until a long stage starts on a terminal.
pub struct Progress(ProgressBar);

impl Default for Progress {
    fn default() -> Progress {
        Progress(ProgressBar::hidden())
    }
}

impl Progress {
    /// Starts a stage (`reading`, `checking`) of `articles` articles.
    pub fn start(&self, stage: &'static str, articles: usize) {
        let bar = &self.0;
        if articles >= LONG_RUN && std::io::stderr().is_terminal() {
            let style = ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len} articles ({eta} left)")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
            bar.set_style(style);
            bar.set_draw_target(ProgressDrawTarget::stderr());
        } else {
            bar.set_draw_target(ProgressDrawTarget::hidden());
        }
        bar.set_length(articles as u64);
        bar.set_position(0);
        bar.set_message(stage);
    }

    pub fn tick(&self) {
        self.0.inc(1);
    }

    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}
