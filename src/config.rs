//! The project's settings: `crosscheck.toml`, found by walking up from the workspace folder (or
//! the checked path), overlaid by the editor's settings (`initializationOptions` and
//! `workspace/configuration`, section `crosscheck`, camelCase keys). A missing file means the
//! defaults, never an error. Severities, switches, tolerances and ignores change what is reported
//! (`Config::options`, `Config::apply`); sources, drafts and aliases change what is read
//! (`crate::project::Project`); `cache` says where extractions are kept (`crate::cache`). Both
//! edges use the same settings.

use crate::engine::{Finding, Options, Severity, Tolerance};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "crosscheck.toml";

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Config {
    /// Rule code → level (`error`, `warning`, `information`, `hint`, `off`).
    pub severity: BTreeMap<String, Level>,
    /// The hint on claims no other source states (on unless set to false).
    #[serde(alias = "single_source", skip_serializing_if = "Option::is_none")]
    pub single_source: Option<bool>,
    /// Findings an editor has judged: a rule in a file, or one finding by its text.
    pub ignore: Vec<Ignore>,
    /// Editor setting: the project file to use instead of the nearest `crosscheck.toml`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config_path: Option<String>,
    /// Globs (relative to the project folder) of the files that are evidence; every article
    /// when empty. A file that is not a source is evidence for no other.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// Globs of the files to check; every article when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub drafts: Vec<String>,
    pub tolerance: Tolerances,
    /// Entity → phrases that stand for it, added to the shipped table ("Azov brigade" → Ukraine).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub aliases: BTreeMap<String, Vec<String>>,
    /// Articles larger than this many bytes are not checked (`DEFAULT_MAX_DOCUMENT_BYTES` unset).
    #[serde(alias = "max_document_bytes", skip_serializing_if = "Option::is_none")]
    pub max_document_bytes: Option<u64>,
    /// The claims cache (`crate::cache`): `false` turns it off, a folder moves it (relative to
    /// the project folder; a project file's stays inside it), `true` keeps it in the user's cache
    /// folder (the default). `CROSSCHECK_CACHE_DIR` overrides the folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache: Option<CacheSetting>,
}

/// The `cache` setting: `true`, `false` or a folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CacheSetting {
    On,
    Off,
    Folder(String),
}

impl Serialize for CacheSetting {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            CacheSetting::On => serializer.serialize_bool(true),
            CacheSetting::Off => serializer.serialize_bool(false),
            CacheSetting::Folder(folder) => serializer.serialize_str(folder),
        }
    }
}

impl<'de> Deserialize<'de> for CacheSetting {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = CacheSetting;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("true, false or a folder for the claims cache")
            }

            fn visit_bool<E: serde::de::Error>(self, on: bool) -> Result<CacheSetting, E> {
                Ok(if on { CacheSetting::On } else { CacheSetting::Off })
            }

            fn visit_str<E: serde::de::Error>(self, folder: &str) -> Result<CacheSetting, E> {
                if folder.trim().is_empty() {
                    return Err(E::custom("cache: name a folder, or say true or false"));
                }
                Ok(CacheSetting::Folder(folder.to_string()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// The size limit when none is set: 256 KB. The largest of 2,245 real articles in our shared
/// corpora is 27.6 KB (99.9% are under 16.4 KB); a long read of 15,000 words is about 90 KB.
/// At the limit, the worst text we could write takes about 24 s to analyse, real copy about a
/// second (README, Reliability).
pub const DEFAULT_MAX_DOCUMENT_BYTES: u64 = 256 * 1024;

/// How far apart figures and dates may be and still agree; unset means exact (beyond hedges).
#[derive(Clone, Copy, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Tolerances {
    /// A fraction between 0 and 1: 0.1 lets figures within 10% of each other agree.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figures: Option<f64>,
    /// Days: 1 lets dates a day apart agree.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    #[serde(alias = "info")]
    Information,
    Hint,
    Off,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Ignore {
    /// The rule code.
    pub code: String,
    /// The article's file name or path ending; every file when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The flagged text; every finding of the rule when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl Config {
    /// The nearest `crosscheck.toml` at or above `start`.
    pub fn find(start: &Path) -> Option<PathBuf> {
        start.ancestors().map(|dir| dir.join(FILE_NAME)).find(|candidate| candidate.is_file())
    }

    /// Reads a config file; the error names the file and what is wrong.
    pub fn load(path: &Path) -> Result<Config, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Config::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// A project file's text. It names no other file to read: `configPath` is the editor's.
    pub fn parse(text: &str) -> Result<Config, String> {
        let config = toml::from_str::<Config>(text).map_err(|e| e.message().to_string())?;
        if config.config_path.is_some() {
            return Err("configPath is an editor setting: a project file cannot name another project file".into());
        }
        if let Some(CacheSetting::Folder(folder)) = &config.cache {
            if crate::project::reaches_outside(folder.trim()) {
                return Err(format!(
                    "cache = \"{folder}\" reaches outside the project folder: a project file keeps the claims cache inside its folder (set CROSSCHECK_CACHE_DIR or the editor's cache setting to put it elsewhere)"
                ));
            }
        }
        config.validated()
    }

    /// Settings from the editor (JSON, camelCase); `null` means none. The VS Code extension's own
    /// settings (`server.path`, `trace.server`) come along in the section and are not ours.
    pub fn from_json(value: &serde_json::Value) -> Result<Config, String> {
        if value.is_null() {
            return Ok(Config::default());
        }
        let mut value = value.clone();
        if let Some(section) = value.as_object_mut() {
            section.remove("server");
            section.remove("trace");
        }
        serde_json::from_value::<Config>(value).map_err(|e| e.to_string())?.validated()
    }

    fn validated(self) -> Result<Config, String> {
        if let Some(figures) = self.tolerance.figures {
            if !(0.0..1.0).contains(&figures) {
                return Err(format!("tolerance.figures must be a fraction from 0 to 1 (0.1 is 10%), not {figures}"));
            }
        }
        for glob in self.sources.iter().chain(&self.drafts) {
            crate::project::compile_glob(glob)?;
        }
        Ok(self)
    }

    /// `other` over `self`: its severities, switches, globs and tolerances win, its ignores and
    /// aliases are added.
    pub fn overlay(mut self, other: Config) -> Config {
        self.severity.extend(other.severity);
        self.single_source = other.single_source.or(self.single_source);
        self.ignore.extend(other.ignore);
        self.config_path = other.config_path.or(self.config_path);
        if !other.sources.is_empty() {
            self.sources = other.sources;
        }
        if !other.drafts.is_empty() {
            self.drafts = other.drafts;
        }
        self.tolerance.figures = other.tolerance.figures.or(self.tolerance.figures);
        self.tolerance.days = other.tolerance.days.or(self.tolerance.days);
        self.max_document_bytes = other.max_document_bytes.or(self.max_document_bytes);
        self.cache = other.cache.or(self.cache);
        for (entity, phrases) in other.aliases {
            self.aliases.entry(entity).or_default().extend(phrases);
        }
        self
    }

    pub fn options(&self) -> Options {
        Options {
            single_source_hints: self.single_source.unwrap_or(true),
            tolerance: Tolerance {
                figures: self.tolerance.figures.unwrap_or(0.0),
                days: self.tolerance.days.unwrap_or(0),
            },
        }
    }

    /// The size limit: articles larger than this are not checked.
    pub fn max_document_bytes(&self) -> u64 {
        self.max_document_bytes.unwrap_or(DEFAULT_MAX_DOCUMENT_BYTES)
    }

    /// Why an article of `bytes` bytes is not checked, or `None` when it is within the limit.
    pub fn too_large(&self, bytes: usize) -> Option<String> {
        let limit = self.max_document_bytes();
        (bytes as u64 > limit).then(|| {
            format!("too large to check: {} bytes, over the limit of {limit} bytes (setting maxDocumentBytes)", bytes)
        })
    }

    /// Whether `other` reads the articles differently: other sources, drafts or aliases, so the
    /// corpus must be read again.
    pub fn reads_differently(&self, other: &Config) -> bool {
        self.sources != other.sources
            || self.drafts != other.drafts
            || self.aliases != other.aliases
            || self.max_document_bytes() != other.max_document_bytes()
    }

    /// The findings of the article `path` as the project wants them: ignored ones removed,
    /// severities as set, rules turned off gone.
    pub fn apply(&self, path: &str, findings: &mut Vec<Finding>) {
        findings.retain_mut(|finding| {
            let code = finding.code.as_str();
            let ignored = self.ignore.iter().any(|i| {
                i.code == code
                    && i.file.as_deref().is_none_or(|file| same_file(path, file))
                    && i.text.as_deref().is_none_or(|text| text == finding.text)
            });
            let level = self.severity.get(code).copied();
            finding.severity = match level {
                Some(Level::Error) => Severity::Error,
                Some(Level::Warning) => Severity::Warning,
                Some(Level::Information) => Severity::Information,
                Some(Level::Hint) => Severity::Hint,
                Some(Level::Off) | None => finding.severity,
            };
            !ignored && level != Some(Level::Off)
        });
    }
}

impl Ignore {
    /// The entry as a TOML table to append to the project file.
    pub fn to_toml(&self) -> String {
        let mut out = format!("\n[[ignore]]\ncode = {}\n", toml_string(&self.code));
        if let Some(file) = &self.file {
            out += &format!("file = {}\n", toml_string(file));
        }
        if let Some(text) = &self.text {
            out += &format!("text = {}\n", toml_string(text));
        }
        out
    }
}

/// A TOML basic string.
fn toml_string(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => out += "\\\"",
            '\\' => out += "\\\\",
            '\n' => out += "\\n",
            '\r' => out += "\\r",
            '\t' => out += "\\t",
            c if c.is_control() => out += &format!("\\u{:04X}", u32::from(c)),
            c => out.push(c),
        }
    }
    out + "\""
}

/// `file` names the article at `path`: its file name, or an ending of its path.
fn same_file(path: &str, file: &str) -> bool {
    let path = path.replace('\\', "/");
    let file = file.trim_start_matches("./");
    path == file || path.ends_with(&format!("/{file}")) || path.rsplit('/').next() == Some(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::text::Span;
    use crate::engine::{Code, Finding};

    fn finding(code: Code, text: &str) -> Finding {
        Finding {
            span: Span::new(0, 1),
            text: text.into(),
            severity: Severity::Warning,
            code,
            message: String::new(),
            related: Vec::new(),
        }
    }

    #[test]
    fn a_project_file_sets_severities_switches_and_ignores() {
        let config = Config::parse(
            "singleSource = false\n[severity]\nfigure-conflict = \"information\"\nname-variant = \"off\"\n\n[[ignore]]\ncode = \"misquote\"\nfile = \"draft.txt\"\ntext = \"a quote\"\n",
        )
        .expect("valid");
        assert!(!config.options().single_source_hints);
        let mut findings = vec![
            finding(Code::FigureConflict, "30 per cent"),
            finding(Code::NameVariant, "Zelensky"),
            finding(Code::Misquote, "a quote"),
            finding(Code::Misquote, "another quote"),
        ];
        config.apply("/desk/draft.txt", &mut findings);
        let left: Vec<(Code, Severity, &str)> =
            findings.iter().map(|f| (f.code, f.severity, f.text.as_str())).collect();
        assert_eq!(
            left,
            vec![
                (Code::FigureConflict, Severity::Information, "30 per cent"),
                (Code::Misquote, Severity::Warning, "another quote")
            ]
        );
    }

    #[test]
    fn tolerances_globs_and_aliases_are_read_and_checked() {
        let config = Config::parse(
            "sources = [\"wires/**\"]\ndrafts = [\"desk/*.md\"]\n[tolerance]\nfigures = 0.1\ndays = 1\n[aliases]\nUkraine = [\"Azov brigade\"]\n",
        )
        .expect("valid");
        assert_eq!(config.options().tolerance, Tolerance { figures: 0.1, days: 1 });
        assert_eq!(config.sources, vec!["wires/**"]);
        assert_eq!(config.aliases.get("Ukraine"), Some(&vec!["Azov brigade".to_string()]));
        assert!(Config::parse("[tolerance]\nfigures = 10\n").unwrap_err().contains("fraction"));
        assert!(Config::parse("drafts = [\"desk/[\"]\n").unwrap_err().contains("desk/["));
        let editor = Config::from_json(
            &serde_json::json!({ "tolerance": { "days": 2 }, "aliases": { "Ukraine": ["Kyiv's forces"] } }),
        )
        .expect("valid");
        let merged = config.clone().overlay(editor);
        assert_eq!(merged.options().tolerance, Tolerance { figures: 0.1, days: 2 });
        assert_eq!(merged.aliases["Ukraine"].len(), 2);
        assert!(merged.reads_differently(&config));
        assert!(
            !config.reads_differently(&config.clone().overlay(Config::parse("singleSource = false").expect("valid")))
        );
    }

    #[test]
    fn the_cache_setting_is_a_switch_or_a_folder() {
        assert_eq!(Config::parse("cache = false\n").expect("valid").cache, Some(CacheSetting::Off));
        assert_eq!(Config::parse("cache = true\n").expect("valid").cache, Some(CacheSetting::On));
        let file = Config::parse("cache = \".cache/crosscheck\"\n").expect("valid");
        assert_eq!(file.cache, Some(CacheSetting::Folder(".cache/crosscheck".into())));
        let json = serde_json::to_value(&file).expect("JSON");
        assert_eq!(json["cache"], ".cache/crosscheck");
        assert_eq!(Config::from_json(&json).expect("reads back"), file);
        // VS Code sends the setting unset as null: the project file's holds.
        let unset = Config::from_json(&serde_json::json!({ "cache": null })).expect("valid");
        assert_eq!(file.clone().overlay(unset).cache, file.cache);
        let editor = Config::from_json(&serde_json::json!({ "cache": false })).expect("valid");
        assert_eq!(file.clone().overlay(editor).cache, Some(CacheSetting::Off));
        assert_eq!(file.clone().overlay(Config::default()).cache, file.cache);
    }

    #[test]
    fn ignore_entries_round_trip_through_toml() {
        let entry = Ignore {
            code: "misquote".into(),
            file: Some("desk/draft.txt".into()),
            text: Some("a \"quoted\" \\ line".into()),
        };
        let config = Config::parse(&entry.to_toml()).expect("valid TOML");
        assert_eq!(config.ignore, vec![entry]);
    }

    #[test]
    fn editor_settings_overlay_the_file_and_bad_settings_say_why() {
        let file = Config::parse("[severity]\nmisquote = \"hint\"\n").expect("valid");
        let editor =
            Config::from_json(&serde_json::json!({ "severity": { "misquote": "error" }, "singleSource": false }))
                .expect("valid");
        let merged = file.overlay(editor);
        assert_eq!(merged.severity.get("misquote"), Some(&Level::Error));
        assert_eq!(merged.single_source, Some(false));
        assert!(Config::parse("[severity]\nmisquote = \"loud\"\n").is_err());
        assert!(Config::parse("unknownKey = 1\n").unwrap_err().contains("unknown field"));
        assert!(Config::parse("configPath = \"/etc/other.toml\"\n").unwrap_err().contains("editor setting"));
        for cache in ["../shared", "/var/cache/x", "~/x"] {
            let error = Config::parse(&format!("cache = {cache:?}\n")).expect_err(cache);
            assert!(error.contains("outside the project folder"), "{error}");
            // The editor's settings are the user's own: any folder.
            assert!(Config::from_json(&serde_json::json!({ "cache": cache })).is_ok(), "{cache}");
        }
        assert!(Config::parse("cache = \"\"\n").unwrap_err().contains("name a folder"));
        assert!(Config::parse("cache = 1\n").unwrap_err().contains("true, false or a folder"));
        let vscode_section =
            serde_json::json!({ "server": { "path": "" }, "trace": { "server": "off" }, "singleSource": true });
        assert_eq!(
            Config::from_json(&vscode_section).expect("the extension's own keys are skipped").single_source,
            Some(true)
        );
    }
}
