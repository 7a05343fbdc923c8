//! A test LSP client: spawns the real `crosscheck` binary and speaks `Content-Length`-framed
//! JSON-RPC to it over stdio. Server requests (registerCapability…) are answered with null.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const TIMEOUT: Duration = Duration::from_secs(30);

/// The environment variable that puts the binary's claims cache in a folder of the caller's.
pub const CACHE_DIR: &str = "CROSSCHECK_CACHE_DIR";

/// The `crosscheck` binary with a claims cache of its own: `CROSSCHECK_CACHE_DIR` names a fresh
/// temporary folder, removed with this value, so that no test reads or writes the user's cache
/// and none sees another's entries. Derefs to the `Command`; keep it as long as what it spawns
/// runs (a `.output()` in the same expression does).
pub struct Binary {
    command: Command,
    cache: tempfile::TempDir,
}

impl Binary {
    pub fn cache_dir(&self) -> &Path {
        self.cache.path()
    }
}

impl std::ops::Deref for Binary {
    type Target = Command;

    fn deref(&self) -> &Command {
        &self.command
    }
}

impl std::ops::DerefMut for Binary {
    fn deref_mut(&mut self) -> &mut Command {
        &mut self.command
    }
}

pub fn binary() -> Binary {
    let cache = tempfile::tempdir().expect("a folder for the claims cache");
    let mut command = Command::new(env!("CARGO_BIN_EXE_crosscheck"));
    command.env(CACHE_DIR, cache.path());
    Binary { command, cache }
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn seeds() -> PathBuf {
    repo_root().join("seeds")
}

/// Copies every seed article into `folder` (created if needed): a workspace the tests may write to.
#[allow(dead_code)]
pub fn copy_seeds(folder: &Path) {
    std::fs::create_dir_all(folder).expect("folder for the seeds");
    for entry in std::fs::read_dir(seeds()).expect("seeds") {
        let path = entry.expect("seed").path();
        std::fs::copy(&path, folder.join(path.file_name().expect("name"))).expect("copy seed");
    }
}

pub fn file_uri(path: &Path) -> String {
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    format!("file://{}", path.display()).replace(' ', "%20")
}

pub struct LspClient {
    child: Child,
    /// The server's own claims cache (`binary`), unless the test chose another folder.
    _cache: tempfile::TempDir,
    /// `None` once closed.
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    next_id: i64,
    /// Notifications received while waiting for something else.
    pub backlog: Vec<Value>,
    /// The server's stderr, when started with `start_logged`.
    log: Option<Arc<Mutex<String>>>,
}

impl LspClient {
    pub fn spawn() -> LspClient {
        LspClient::spawn_with_log(None, None)
    }

    /// Spawns the server with `CROSSCHECK_LOG=filter` and its stderr collected for `log`, its
    /// claims cache in `cache` (else in a temporary folder of its own).
    fn spawn_with_log(filter: Option<&str>, cache: Option<&Path>) -> LspClient {
        let Binary { mut command, cache: own_cache } = binary();
        if let Some(cache) = cache {
            command.env(CACHE_DIR, cache);
        }
        command.arg("--stdio").stdin(Stdio::piped()).stdout(Stdio::piped());
        match filter {
            Some(filter) => command.env("CROSSCHECK_LOG", filter).stderr(Stdio::piped()),
            None => command.stderr(Stdio::inherit()),
        };
        let mut child = command.spawn().expect("start crosscheck");
        let log = child.stderr.take().map(|stderr| {
            let log = Arc::new(Mutex::new(String::new()));
            let sink = Arc::clone(&log);
            std::thread::spawn(move || {
                for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                    let mut log = sink.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                    log.push_str(&line);
                    log.push('\n');
                }
            });
            log
        });
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) == 0 {
                        return;
                    }
                    let header = header.trim_end();
                    if header.is_empty() {
                        break;
                    }
                    if let Some(value) = header.strip_prefix("Content-Length: ") {
                        length = value.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("Content-Length header")];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let message: Value = serde_json::from_slice(&body).expect("server sent valid JSON");
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        LspClient { child, _cache: own_cache, stdin: Some(stdin), messages, next_id: 1, backlog: Vec::new(), log }
    }

    /// `start` with the server's log at `filter` (`CROSSCHECK_LOG`) collected: see `log`.
    pub fn start_logged(workspace: Option<&Path>, filter: &str) -> LspClient {
        let mut client = LspClient::spawn_with_log(Some(filter), None);
        client.handshake(workspace, &["utf-16"], Value::Null);
        client
    }

    /// `start_logged` with the claims cache in `cache`, which outlives the server.
    pub fn start_logged_with_cache(workspace: Option<&Path>, filter: &str, cache: &Path) -> LspClient {
        let mut client = LspClient::spawn_with_log(Some(filter), Some(cache));
        client.handshake(workspace, &["utf-16"], Value::Null);
        client
    }

    /// What the server has logged so far (started with `start_logged`).
    pub fn log(&self) -> String {
        let log = self.log.as_ref().expect("started with start_logged");
        log.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// Starts a server and runs the initialize handshake with the given workspace folder and
    /// offered position encodings.
    pub fn start(workspace: Option<&Path>, encodings: &[&str]) -> (LspClient, Value) {
        LspClient::start_with(workspace, encodings, Value::Null)
    }

    /// `start` with `initializationOptions`.
    pub fn start_with(workspace: Option<&Path>, encodings: &[&str], options: Value) -> (LspClient, Value) {
        let mut client = LspClient::spawn();
        let result = client.handshake(workspace, encodings, options);
        (client, result)
    }

    /// The initialize request and the initialized notification; the server's capabilities.
    fn handshake(&mut self, workspace: Option<&Path>, encodings: &[&str], options: Value) -> Value {
        let folders = workspace.map(|w| json!([{ "uri": file_uri(w), "name": "workspace" }])).unwrap_or(Value::Null);
        let result = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": null,
                "workspaceFolders": folders,
                "initializationOptions": options,
                "capabilities": {
                    "general": { "positionEncodings": encodings },
                    "textDocument": { "hover": { "contentFormat": ["markdown", "plaintext"] }, "publishDiagnostics": { "relatedInformation": true } },
                    "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } }
                }
            }),
        );
        self.notify("initialized", json!({}));
        result
    }

    pub fn send(&mut self, message: &Value) {
        let body = serde_json::to_string(message).expect("serialise");
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    /// Writes bytes as they are: broken frames, bodies that are not JSON.
    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).expect("write to server");
        stdin.flush().expect("flush");
    }

    /// The server process's id (to read its memory and CPU time from `/proc`).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends a request without waiting for its reply; its id, to find the reply among the
    /// messages `drain` returns.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        id
    }

    /// Closes the server's stdin and waits for it to end; its exit code.
    pub fn close_and_wait(mut self) -> Option<i32> {
        drop(self.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("server did not end after its input was closed");
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        let mut message = json!({ "jsonrpc": "2.0", "method": method });
        if !params.is_null() {
            message["params"] = params;
        }
        self.send(&message);
    }

    /// Sends a request and returns its result, answering server requests and keeping
    /// notifications in the backlog meanwhile.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let mut message = json!({ "jsonrpc": "2.0", "id": id, "method": method });
        if !params.is_null() {
            message["params"] = params;
        }
        self.send(&message);
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self.receive(deadline).unwrap_or_else(|| panic!("no reply to {method}"));
            if message.get("id") == Some(&json!(id)) && message.get("method").is_none() {
                assert!(message.get("error").is_none(), "{method} failed: {message}");
                return message["result"].clone();
            }
            self.backlog.push(message);
        }
    }

    /// The next message from the server, the backlog first.
    pub fn wait_any(&mut self) -> Value {
        if !self.backlog.is_empty() {
            return self.backlog.remove(0);
        }
        let deadline = Instant::now() + TIMEOUT;
        self.receive(deadline).unwrap_or_else(|| panic!("no message within {TIMEOUT:?}"))
    }

    /// Waits for the reply (result or error) to the request `id` sent with `send`.
    pub fn reply(&mut self, id: u64) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self.receive(deadline).unwrap_or_else(|| panic!("no reply to request {id}"));
            if message.get("id") == Some(&json!(id)) && message.get("method").is_none() {
                return message;
            }
            self.backlog.push(message);
        }
    }

    fn receive(&mut self, deadline: Instant) -> Option<Value> {
        let left = deadline.saturating_duration_since(Instant::now());
        let message = match self.messages.recv_timeout(left) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => return None,
        };
        if message.get("method").is_some() && message.get("id").is_some() {
            // A server request: acknowledge it.
            let reply = json!({ "jsonrpc": "2.0", "id": message["id"], "result": null });
            self.send(&reply);
        }
        Some(message)
    }

    /// Every message until the server has been quiet for `quiet` (the backlog first).
    pub fn drain(&mut self, quiet: Duration) -> Vec<Value> {
        let mut messages = std::mem::take(&mut self.backlog);
        while let Some(message) = self.receive(Instant::now() + quiet) {
            messages.push(message);
        }
        messages
    }

    /// Waits until the server's log (see `start_logged`) satisfies `accept`; the log.
    pub fn wait_for_log(&self, mut accept: impl FnMut(&str) -> bool) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let log = self.log();
            if accept(&log) {
                return log;
            }
            assert!(Instant::now() < deadline, "the log never showed what the test waits for:\n{log}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for a notification `method` whose params satisfy `accept`, looking at the backlog first.
    pub fn wait_for(&mut self, method: &str, mut accept: impl FnMut(&Value) -> bool) -> Value {
        if let Some(at) = self.backlog.iter().position(|m| m["method"] == method && accept(&m["params"])) {
            return self.backlog.remove(at)["params"].clone();
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self
                .receive(deadline)
                .unwrap_or_else(|| panic!("no {method} that the test accepts within {TIMEOUT:?}"));
            if message["method"] == method && accept(&message["params"]) {
                return message["params"].clone();
            }
            self.backlog.push(message);
        }
    }

    /// Waits for the diagnostics of `uri` that satisfy `accept`.
    pub fn diagnostics(&mut self, uri: &str, mut accept: impl FnMut(&[Value]) -> bool) -> Vec<Value> {
        let params = self.wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && accept(p["diagnostics"].as_array().map_or(&[][..], |v| v.as_slice()))
        });
        params["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": text } }),
        );
    }

    pub fn shutdown(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                assert!(status.success(), "server exited with {status}");
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("server did not exit after shutdown and exit");
    }
}

impl Drop for LspClient {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// The diagnostics at information and above: what the checker reports, without its hints.
pub fn findings(diagnostics: &[Value]) -> Vec<Value> {
    diagnostics.iter().filter(|d| d["severity"] != 4).cloned().collect()
}

/// The rule codes of the findings (hints left out).
pub fn codes(diagnostics: &[Value]) -> Vec<String> {
    findings(diagnostics).iter().map(|d| d["code"].as_str().unwrap_or("").to_string()).collect()
}

/// The rule codes of the hints.
pub fn hint_codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics.iter().filter(|d| d["severity"] == 4).map(|d| d["code"].as_str().unwrap_or("").to_string()).collect()
}
