//! Prints every role the engine reads from the articles of the given folders, one a line:
//! `cargo run --release --example roles -- FOLDER...`. A tool for tuning role extraction on real
//! copy, not part of the product.

use crosscheck::engine::claim::{ClaimKind, Role};
use crosscheck::engine::SourceDoc;
use std::path::Path;

fn main() {
    for folder in std::env::args().skip(1) {
        for path in crosscheck::files::walk_articles(Path::new(&folder), crosscheck::files::Limits::UNLIMITED).files {
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            let doc = SourceDoc::new(path.display().to_string(), path.display().to_string(), text);
            for claim in &doc.extraction.claims {
                let ClaimKind::Role(role) = &claim.kind else { continue };
                let shown = match role {
                    Role::Family(f) => format!("{} | {} of {}", f.person.full_name(), f.relation, f.of.full_name()),
                    Role::Title(t) => {
                        let orgs: Vec<String> = t
                            .orgs
                            .iter()
                            .map(|o| {
                                format!(
                                    "{}{}",
                                    o.text,
                                    o.entity.as_deref().map(|e| format!(" [{e}]")).unwrap_or_default()
                                )
                            })
                            .collect();
                        format!(
                            "{} | {} | {} | {:?}",
                            t.person.full_name(),
                            t.title.as_deref().unwrap_or("-"),
                            orgs.join(" + "),
                            t.tense
                        )
                    }
                };
                println!(
                    "{}:{}\t[{}]\t{shown}",
                    doc.name,
                    doc.line_number(claim.span.start),
                    claim.span.slice(&doc.text)
                );
            }
        }
    }
}
