//! The routing table: each LSP method converts its input, calls the session or the analysis, and
//! converts the result back. Work that takes time runs off the async runtime.

use super::hover;
use super::navigation;
use super::position::{self, Encoding};
use super::publish::Publisher;
use super::scheduler::Scheduler;
use super::session::{doc_id, ClientAbilities, FileChange, Session};
use super::workspace;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::mpsc::UnboundedSender;
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::*;
use tower_lsp::{Client, LanguageServer};

pub struct Backend {
    client: Client,
    publisher: Publisher,
    session: Arc<Session>,
    scheduler: Arc<Scheduler>,
}

impl Backend {
    pub fn new(client: Client) -> Backend {
        Backend::publishing_to(client, None)
    }

    /// A backend that publishes diagnostics as frames onto `frames`, the stream of outgoing
    /// frames (see `publish.rs`); through tower-lsp's client when `None`.
    pub fn publishing_to(client: Client, frames: Option<UnboundedSender<Vec<u8>>>) -> Backend {
        let publisher = Publisher::new(client.clone(), frames.as_ref());
        Backend { client, publisher, session: Arc::default(), scheduler: Arc::default() }
    }

    fn analyse(&self, id: String) {
        self.scheduler.request(id, &self.publisher, &self.session);
    }

    fn analyse_open_documents(&self) {
        for id in self.session.open_ids() {
            self.analyse(id);
        }
    }

    /// Runs `f` off the runtime on an open document's current analysis, with the corpus, the
    /// document and the byte offset of `at`; `None` when the document is not open or `f` finds
    /// nothing.
    async fn with_analysis<R: Send + 'static>(
        &self,
        uri: &Url,
        at: Position,
        f: impl FnOnce(
                &crate::engine::Corpus,
                &crate::engine::SourceDoc,
                &crate::engine::DocumentAnalysis,
                usize,
                ClientAbilities,
            ) -> Option<R>
            + Send
            + 'static,
    ) -> Option<R> {
        let id = doc_id(uri);
        if self.session.refusal(&id).is_some() {
            return None;
        }
        let snapshot = self.session.snapshot(&id)?;
        let session = Arc::clone(&self.session);
        let abilities = session.abilities();
        // tower-lsp drops this future on `$/cancelRequest`; the flag tells the blocking work.
        let cancelled = CancelOnDrop::default();
        let flag = Arc::clone(&cancelled.0);
        let outcome = tokio::task::spawn_blocking(move || {
            let stop = || flag.load(std::sync::atomic::Ordering::Relaxed);
            session.ingest(&snapshot, &stop);
            session.with_corpus(|corpus| {
                let analysis = session.analysis_in(corpus, &snapshot, &stop)?;
                let doc = corpus.get(&id)?;
                let offset = position::offset(&doc.text, &doc.lines, at, abilities.encoding);
                f(corpus, &doc, &analysis, offset, abilities)
            })
        })
        .await;
        outcome.unwrap_or_else(|error| {
            tracing::error!("a request on {uri} failed: {error}");
            None
        })
    }

    /// Reads the corpus again after the settings changed which files are sources or how they
    /// are read (aliases), then refreshes every open document.
    async fn reread(&self) {
        let folders = self.session.reset_corpus();
        tracing::info!("the project's settings changed what is read: reading {} folders again", folders.len());
        self.scan(folders).await;
        self.analyse_open_documents();
    }

    /// Reads folders into the corpus off the runtime, then refreshes every open document.
    /// Findings are not published while a scan runs; this refresh publishes them.
    async fn scan(&self, folders: Vec<PathBuf>) {
        let folders: Vec<PathBuf> = folders.into_iter().filter(|f| self.session.claim_scan(f)).collect();
        if folders.is_empty() {
            return;
        }
        self.session.scan_started();
        let max_bytes = self.session.config().max_document_bytes();
        let listed = tokio::task::spawn_blocking(move || {
            folders.iter().flat_map(|f| workspace::articles_under(f, max_bytes)).collect::<Vec<_>>()
        })
        .await
        .unwrap_or_default();
        let progress = self.begin_progress(format!("Indexing {} articles", group_thousands(listed.len()))).await;
        let session = Arc::clone(&self.session);
        let added = tokio::task::spawn_blocking(move || workspace::read_files(&session, &listed)).await;
        self.session.scan_finished();
        match added {
            Ok(count) => tracing::info!("indexed {count} articles"),
            Err(error) => tracing::error!("scanning the workspace failed: {error}"),
        }
        if let Some(token) = progress {
            self.end_progress(token).await;
        }
        self.analyse_open_documents();
    }

    /// Shows the user why the project file or the editor's settings were refused (a glob that
    /// reaches outside the project folder, a bad value), once; the log has it too.
    async fn show_refused_settings(&self) {
        if let Some(error) = self.session.take_config_error() {
            let message = format!("crosscheck is ignoring {error}. The defaults hold until it is fixed.");
            let message = crate::inert::one_line(&message).into_owned();
            self.client.show_message(MessageType::ERROR, message).await;
        }
    }

    /// Starts a `$/progress` report when the client shows them; the token to end it with.
    async fn begin_progress(&self, title: String) -> Option<NumberOrString> {
        if !self.session.abilities().work_done_progress {
            return None;
        }
        let token = NumberOrString::String(format!("crosscheck-{}", self.session.next_token()));
        let created = self
            .client
            .send_request::<request::WorkDoneProgressCreate>(WorkDoneProgressCreateParams { token: token.clone() })
            .await;
        if created.is_err() {
            return None;
        }
        let begin = WorkDoneProgressBegin { title, cancellable: Some(false), message: None, percentage: None };
        self.client
            .send_notification::<notification::Progress>(ProgressParams {
                token: token.clone(),
                value: ProgressParamsValue::WorkDone(WorkDoneProgress::Begin(begin)),
            })
            .await;
        Some(token)
    }

    async fn end_progress(&self, token: NumberOrString) {
        let end = WorkDoneProgressEnd { message: None };
        self.client
            .send_notification::<notification::Progress>(ProgressParams {
                token,
                value: ProgressParamsValue::WorkDone(WorkDoneProgress::End(end)),
            })
            .await;
    }
}

/// Set when dropped: a request's future dropped on cancellation stops its blocking work.
#[derive(Default)]
struct CancelOnDrop(Arc<std::sync::atomic::AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// "2431" → "2,431".
fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[tower_lsp::async_trait]
impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let capabilities = &params.capabilities;
        let encoding = Encoding::negotiate(capabilities);
        let markdown_hover = capabilities
            .text_document
            .as_ref()
            .and_then(|t| t.hover.as_ref())
            .and_then(|h| h.content_format.as_ref())
            .is_none_or(|formats| formats.contains(&MarkupKind::Markdown));
        let watch_files_dynamically = capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        let work_done_progress = capabilities.window.as_ref().and_then(|w| w.work_done_progress).unwrap_or(false);
        self.session.set_abilities(ClientAbilities {
            encoding,
            markdown_hover,
            watch_files_dynamically,
            work_done_progress,
        });
        #[allow(deprecated)]
        let roots: Vec<PathBuf> = match (&params.workspace_folders, &params.root_uri) {
            (Some(folders), _) if !folders.is_empty() => {
                folders.iter().filter_map(|f| f.uri.to_file_path().ok()).collect()
            }
            (_, Some(root)) => root.to_file_path().ok().into_iter().collect(),
            _ => Vec::new(),
        };
        if let Some(folder) = roots.first() {
            // Nothing is read yet: the scan in `initialized` reads with these settings.
            let _ = self.session.discover_config(folder);
        }
        self.session.set_roots(roots);
        match crate::config::Config::from_json(
            params.initialization_options.as_ref().unwrap_or(&serde_json::Value::Null),
        ) {
            Ok(settings) => {
                let _ = self.session.set_editor_settings(settings);
            }
            Err(error) => self.session.refuse_settings(format!("initializationOptions: {error}")),
        }
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(encoding.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions { include_text: Some(false) })),
                    ..TextDocumentSyncOptions::default()
                })),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                document_symbol_provider: Some(OneOf::Left(true)),
                workspace_symbol_provider: Some(OneOf::Left(true)),
                inlay_hint_provider: Some(OneOf::Left(true)),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: vec![navigation::IGNORE_COMMAND.into()],
                    ..ExecuteCommandOptions::default()
                }),
                code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                    code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                    ..CodeActionOptions::default()
                })),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "crosscheck".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        if self.session.abilities().watch_files_dynamically {
            let options = DidChangeWatchedFilesRegistrationOptions {
                watchers: vec![
                    FileSystemWatcher { glob_pattern: GlobPattern::String("**/*.{txt,md}".into()), kind: None },
                    FileSystemWatcher {
                        glob_pattern: GlobPattern::String(format!("**/{}", crate::config::FILE_NAME)),
                        kind: None,
                    },
                ],
            };
            let registration = Registration {
                id: "crosscheck-watch-articles".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(options).ok(),
            };
            if let Err(error) = self.client.register_capability(vec![registration]).await {
                tracing::warn!("the client refused file watching: {error}");
            }
        }
        self.show_refused_settings().await;
        self.scan(self.session.roots()).await;
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let document = params.text_document;
        let folder = document.uri.to_file_path().ok().and_then(|p| p.parent().map(PathBuf::from));
        let id = self.session.open(document.uri, &document.text, document.version);
        let without_workspace = self.session.roots().is_empty();
        let reads_differently = match (without_workspace, &folder) {
            (true, Some(folder)) => self.session.discover_config(folder),
            _ => false,
        };
        self.show_refused_settings().await;
        if reads_differently {
            self.reread().await;
        }
        self.analyse(id);
        if without_workspace {
            self.scan(folder.into_iter().collect()).await;
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let document = params.text_document;
        let applied = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.session.change(&document.uri, document.version, &params.content_changes)
        }));
        match applied {
            Ok(Some(id)) => self.analyse(id),
            Ok(None) => tracing::warn!("a change for {} which is not open", document.uri),
            Err(_) => tracing::error!("applying a change to {} failed", document.uri),
        }
    }

    async fn did_save(&self, _: DidSaveTextDocumentParams) {}

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        // Clients that push settings send them here; others are asked for section "crosscheck".
        let pushed = params.settings.get("crosscheck").cloned();
        let settings = match pushed {
            Some(settings) => settings,
            None => {
                let item = ConfigurationItem { scope_uri: None, section: Some("crosscheck".into()) };
                match self.client.configuration(vec![item]).await {
                    Ok(mut values) if !values.is_empty() => values.remove(0),
                    Ok(_) => serde_json::Value::Null,
                    Err(error) => {
                        tracing::warn!("the client did not give its settings: {error}");
                        return;
                    }
                }
            }
        };
        match crate::config::Config::from_json(&settings) {
            Ok(settings) => {
                if self.session.set_editor_settings(settings) {
                    self.reread().await;
                }
            }
            Err(error) => self.session.refuse_settings(format!("the crosscheck settings: {error}")),
        }
        self.show_refused_settings().await;
        self.analyse_open_documents();
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let id = self.session.close(&uri);
        self.publisher.publish(uri.clone(), Vec::new(), None).await;
        // The file on disk (if any) takes the buffer's place in the corpus.
        let session = Arc::clone(&self.session);
        let path = uri.to_file_path().ok();
        let _ = tokio::task::spawn_blocking(move || match path {
            Some(path) if path.is_file() => workspace::read_files(&session, &[path]) > 0,
            _ => session.remove_file(&id),
        })
        .await;
        self.analyse_open_documents();
    }

    /// A burst of changes (a `git checkout` sends thousands) is one corpus update and one
    /// refresh: the changes are queued, and the one handler that found no drain under way
    /// applies everything queued, round after round, until nothing is left. No timer.
    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let changes = params.changes.into_iter().filter_map(|event| {
            let path = event.uri.to_file_path().ok()?;
            let change = if event.typ == FileChangeType::DELETED { FileChange::Deleted } else { FileChange::Written };
            Some((path, change))
        });
        if !self.session.queue_file_changes(changes) {
            return;
        }
        let (mut changed, mut reads_differently) = (false, false);
        loop {
            // Notifications already read are handled first, so that their changes join this round.
            tokio::task::yield_now().await;
            let batch = self.session.take_file_changes();
            if batch.is_empty() {
                break;
            }
            let session = Arc::clone(&self.session);
            let applied = tokio::task::spawn_blocking(move || workspace::apply_changes(&session, batch))
                .await
                .unwrap_or_else(|error| {
                    tracing::error!("applying file changes failed: {error}");
                    workspace::Applied::default()
                });
            changed |= applied.changed > 0 || applied.settings_changed;
            reads_differently |= applied.reads_differently;
        }
        self.show_refused_settings().await;
        if reads_differently {
            self.reread().await;
        } else if changed {
            self.analyse_open_documents();
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let at = params.text_document_position_params;
        if let Some(reason) = self.session.refusal(&doc_id(&at.text_document.uri)) {
            return Ok(Some(Hover {
                contents: HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::PlainText,
                    value: format!("crosscheck: {reason}"),
                }),
                range: None,
            }));
        }
        let hover = self
            .with_analysis(&at.text_document.uri, at.position, |_, doc, analysis, offset, abilities| {
                let (report, target) = analysis.claims_at(offset).into_iter().next()?;
                let kind = if abilities.markdown_hover { MarkupKind::Markdown } else { MarkupKind::PlainText };
                let context = report.claim.context.slice(&doc.text);
                Some(Hover {
                    contents: HoverContents::Markup(MarkupContent {
                        kind,
                        value: hover::render(report, target, context, abilities.markdown_hover),
                    }),
                    range: Some(position::range(&doc.text, &doc.lines, target.span, abilities.encoding)),
                })
            })
            .await;
        Ok(hover)
    }

    async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        let at = params.text_document_position_params;
        let found = self
            .with_analysis(&at.text_document.uri, at.position, |corpus, _, analysis, offset, abilities| {
                navigation::definition(corpus, analysis, offset, abilities.encoding)
            })
            .await;
        Ok(found.map(GotoDefinitionResponse::Scalar))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let at = params.text_document_position;
        let found = self
            .with_analysis(&at.text_document.uri, at.position, |corpus, _, analysis, offset, abilities| {
                Some(navigation::references(corpus, analysis, offset, abilities.encoding))
            })
            .await;
        Ok(found)
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        let found = self
            .with_analysis(&params.text_document.uri, Position::default(), |_, doc, analysis, _, abilities| {
                Some(navigation::document_symbols(doc, analysis, abilities.encoding))
            })
            .await;
        Ok(found.map(DocumentSymbolResponse::Nested))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let range = params.range;
        let found = self
            .with_analysis(&params.text_document.uri, range.start, move |_, doc, analysis, start, abilities| {
                let end = position::offset(&doc.text, &doc.lines, range.end, abilities.encoding);
                Some(navigation::inlay_hints(
                    doc,
                    analysis,
                    crate::engine::text::Span::new(start, end),
                    abilities.encoding,
                ))
            })
            .await;
        Ok(found)
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let (uri, range) = (params.text_document.uri, params.range);
        let for_uri = uri.clone();
        let found = self
            .with_analysis(&uri, range.start, move |_, doc, analysis, start, abilities| {
                let end = position::offset(&doc.text, &doc.lines, range.end, abilities.encoding);
                let span = crate::engine::text::Span::new(start, end);
                Some(navigation::code_actions(doc, analysis, &for_uri, span, abilities.encoding))
            })
            .await;
        Ok(found)
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<serde_json::Value>> {
        if params.command != navigation::IGNORE_COMMAND {
            return Err(tower_lsp::jsonrpc::Error::method_not_found());
        }
        let mut arguments = params.arguments.into_iter();
        let entry = arguments.next().and_then(|a| serde_json::from_value::<crate::config::Ignore>(a).ok());
        let article = arguments.next().and_then(|a| serde_json::from_value::<Url>(a).ok());
        let (Some(entry), Some(article)) = (entry, article) else {
            return Err(tower_lsp::jsonrpc::Error::invalid_params("expected an ignore entry and the article's URI"));
        };
        let session = Arc::clone(&self.session);
        match tokio::task::spawn_blocking(move || session.add_ignore(&entry, &article)).await {
            Ok(Ok(path)) => {
                tracing::info!("ignored in {}", path.display());
                self.show_refused_settings().await;
                self.analyse_open_documents();
            }
            Ok(Err(error)) => {
                self.client
                    .show_message(
                        MessageType::ERROR,
                        crate::inert::one_line(&format!("crosscheck could not write the ignore: {error}")).into_owned(),
                    )
                    .await;
            }
            Err(error) => tracing::error!("writing an ignore failed: {error}"),
        }
        Ok(None)
    }

    async fn symbol(&self, params: WorkspaceSymbolParams) -> Result<Option<Vec<SymbolInformation>>> {
        let session = Arc::clone(&self.session);
        let encoding = session.abilities().encoding;
        let found = tokio::task::spawn_blocking(move || {
            session.with_corpus(|corpus| navigation::workspace_symbols(corpus, &params.query, encoding))
        })
        .await
        .unwrap_or_default();
        Ok(Some(found))
    }
}
