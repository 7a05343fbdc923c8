//! A minimal LSP client for the benches: spawns any language server on stdio and speaks
//! `Content-Length`-framed JSON-RPC to it. A reader thread stamps every message with the instant
//! its frame was read; server requests (registerCapability, configuration…) are answered with
//! null. Every wait has a deadline and fails with an error instead of hanging, and dropping the
//! client kills the server. Writes go straight to the server's stdin from the calling thread, so
//! a latency is measured from the moment a frame is written: the bench has at most one message
//! of a few KiB unread by the server at a time, well inside a pipe's buffer, so a write cannot
//! block on a stuck server (and one that died makes it fail).

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The longest any single wait may take before the run is given up.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// How much of the server's stderr is kept to show when something fails.
const LOG_TAIL: usize = 4096;

pub fn file_uri(path: &Path) -> String {
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    url::Url::from_file_path(&path).map(String::from).unwrap_or_else(|()| format!("file://{}", path.display()))
}

pub struct Server {
    name: String,
    child: Child,
    /// `None` once closed.
    stdin: Option<ChildStdin>,
    /// Each message from the server with the instant its frame was read.
    messages: Receiver<(Instant, Value)>,
    next_id: i64,
    /// The end of the server's stderr.
    log: Arc<Mutex<String>>,
}

impl Server {
    /// Starts `program args` with piped stdio; `name` labels its errors.
    pub fn spawn(name: &str, program: &Path, args: &[&str]) -> Result<Server, String> {
        let mut child = Command::new(program)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|error| format!("cannot start {}: {error}", program.display()))?;
        let stdin = child.stdin.take().ok_or("no stdin")?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let stderr = child.stderr.take().ok_or("no stderr")?;
        let log = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut log = sink.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                log.push_str(&line);
                log.push('\n');
                if log.len() > 2 * LOG_TAIL {
                    let mut cut = log.len() - LOG_TAIL;
                    while !log.is_char_boundary(cut) {
                        cut += 1;
                    }
                    log.drain(..cut);
                }
            }
        });
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
                    if let Some((key, value)) = header.split_once(':') {
                        if key.eq_ignore_ascii_case("content-length") {
                            length = value.trim().parse::<usize>().ok();
                        }
                    }
                }
                let Some(length) = length else { return };
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let at = Instant::now();
                let Ok(message) = serde_json::from_slice::<Value>(&body) else { return };
                if sender.send((at, message)).is_err() {
                    return;
                }
            }
        });
        Ok(Server { name: name.to_string(), child, stdin: Some(stdin), messages, next_id: 1, log })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The server's peak resident memory in KiB (`VmHWM`), on Linux.
    pub fn peak_memory_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).ok()?;
        let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }

    /// The end of what the server wrote to stderr, for error messages.
    pub fn log_tail(&self) -> String {
        let log = self.log.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut cut = log.len().saturating_sub(1500);
        while !log.is_char_boundary(cut) {
            cut += 1;
        }
        log[cut..].to_string()
    }

    /// Writes one message; the instant just before the write.
    pub fn send(&mut self, message: &Value) -> Result<Instant, String> {
        let body = serde_json::to_string(message).map_err(|error| error.to_string())?;
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        let stdin = self.stdin.as_mut().ok_or("stdin is closed")?;
        let at = Instant::now();
        stdin
            .write_all(frame.as_bytes())
            .and_then(|()| stdin.flush())
            .map_err(|error| format!("{}: cannot write to the server: {error}", self.name))?;
        Ok(at)
    }

    pub fn notify(&mut self, method: &str, params: Value) -> Result<Instant, String> {
        let mut message = json!({ "jsonrpc": "2.0", "method": method });
        if !params.is_null() {
            message["params"] = params;
        }
        self.send(&message)
    }

    /// Sends a request and waits for its result.
    pub fn request(&mut self, method: &str, params: Value) -> Result<Value, String> {
        let id = self.next_id;
        self.next_id += 1;
        let mut message = json!({ "jsonrpc": "2.0", "id": id, "method": method });
        if !params.is_null() {
            message["params"] = params;
        }
        self.send(&message)?;
        let what = format!("the reply to {method}");
        let (_, reply) = self.wait_for(&what, |m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())?;
        match reply.get("error") {
            Some(error) => Err(format!("{}: {method} failed: {error}", self.name)),
            None => Ok(reply["result"].clone()),
        }
    }

    /// Waits up to `TIMEOUT` for a message that `accept` takes; others are dropped. Server
    /// requests are answered with null on the way.
    pub fn wait_for(&mut self, what: &str, mut accept: impl FnMut(&Value) -> bool) -> Result<(Instant, Value), String> {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let (at, message) = self.messages.recv_timeout(left).map_err(|_| {
                let state = match self.child.try_wait() {
                    Ok(Some(status)) => format!("the server ended ({status})"),
                    _ => format!("nothing within {TIMEOUT:?}"),
                };
                format!("{}: no {what}: {state}; its stderr ended with:\n{}", self.name, self.log_tail())
            })?;
            if message.get("method").is_some() && message.get("id").is_some() {
                self.send(&json!({ "jsonrpc": "2.0", "id": message["id"], "result": null }))?;
            }
            if accept(&message) {
                return Ok((at, message));
            }
        }
    }

    /// The `initialize` request with one workspace folder and UTF-16 positions; its result (the
    /// server's capabilities and, when it says, its name and version). The `initialized`
    /// notification is left to the caller, to time what follows.
    pub fn initialize(&mut self, workspace: &Path) -> Result<Value, String> {
        let uri = file_uri(workspace);
        self.request(
            "initialize",
            json!({
                "processId": std::process::id(),
                "rootUri": uri,
                "workspaceFolders": [{ "uri": uri, "name": "workspace" }],
                "capabilities": {
                    "general": { "positionEncodings": ["utf-16"] },
                    "textDocument": {
                        "synchronization": { "dynamicRegistration": false },
                        "publishDiagnostics": { "relatedInformation": true, "versionSupport": true }
                    },
                    "workspace": { "workspaceFolders": true, "didChangeWatchedFiles": { "dynamicRegistration": true } }
                }
            }),
        )
    }

    /// The shutdown request and the exit notification; waits for the process to end.
    pub fn shutdown(mut self) -> Result<(), String> {
        self.request("shutdown", Value::Null)?;
        self.notify("exit", Value::Null)?;
        drop(self.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return if status.success() { Ok(()) } else { Err(format!("{}: exited with {status}", self.name)) };
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        Err(format!("{}: did not exit within 10 s of shutdown and exit", self.name))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}
