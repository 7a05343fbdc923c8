//! The server's message stream. The first byte of the input picks a mode:
//! - 0: the rest is an arbitrary byte stream into the framing layer (`transport::pump`): it must
//!   end with `Ok` or a reason, forward in whole frames only messages tower-lsp can read, and
//!   answer the rest with JSON-RPC errors;
//! - 1: the same bytes into the whole server, in process over in-memory pipes (skipped when they
//!   could name a file, so that no input makes the server read or write the disk);
//! - otherwise: a session built from the rest (initialize, initialized, didOpen, didChange,
//!   hovers and the other requests, shutdown, exit, with values swapped for hostile ones,
//!   garbage bodies and broken frames) into the whole server.
//!
//! The server must not panic (libFuzzer aborts on any panic, even one a handler guard catches),
//! must answer every server request-shaped reply with valid JSON-RPC, must answer a final valid
//! request unless the stream it was sent ended it (an `exit`, or a frame that swallowed the
//! request), and must then end with exit code 0 or 1 once the client exits or closes the stream.

#![no_main]

use crosscheck::server::fuzzing::{frames_of, pump, serve, MAX_BODY};
use libfuzzer_sys::arbitrary::{Result as ArbitraryResult, Unstructured};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::io::AsyncWriteExt;
use tokio::sync::mpsc;
use tower_lsp::jsonrpc::{Request, Response};

/// The id of the request every session ends with, which the server must answer.
const FINAL_ID: &str = "fuzz-final";
/// How long the server may take to answer the final request, and then to exit.
const PATIENCE: Duration = Duration::from_secs(5);

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    match mode {
        0 => framing(rest),
        1 => {
            let lowered = String::from_utf8_lossy(rest).to_lowercase();
            // A file URI (or an escape that could spell one) would let the input send the
            // server reading folders on this machine.
            if !lowered.contains("file") && !lowered.contains("\\u") {
                let sandbox = Sandbox::new();
                run_session(rest.to_vec(), &sandbox);
            }
        }
        _ => {
            let sandbox = Sandbox::new();
            let Ok(session) = build_session(&mut Unstructured::new(rest), &sandbox) else { return };
            run_session(session, &sandbox);
        }
    }
});

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime")
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    framed.extend_from_slice(body);
    framed
}

/// The bodies of whole frames in `stream`, as the framing layer reads them.
fn bodies(stream: &[u8]) -> Vec<Vec<u8>> {
    let stream = stream.to_vec();
    runtime().block_on(async move {
        let (sender, mut received) = mpsc::unbounded_channel();
        frames_of(&stream[..], sender).await;
        let mut out = Vec::new();
        while let Ok(framed) = received.try_recv() {
            let at = framed.windows(4).position(|w| w == b"\r\n\r\n").expect("a header") + 4;
            out.push(framed[at..].to_vec());
        }
        out
    })
}

/// What the framing layer makes of `stream`: the messages forwarded to the server (each checked
/// to be a JSON-RPC 2.0 object), and whether the stream could be framed to its end.
fn forwarded(stream: &[u8]) -> (Vec<Value>, bool) {
    let stream = stream.to_vec();
    let (server, replies, framed) = runtime().block_on(async move {
        let (sender, mut received) = mpsc::unbounded_channel();
        let mut server = Vec::new();
        let framed = pump(&stream[..], &mut server, sender, MAX_BODY).await;
        if let Err(reason) = &framed {
            assert!(!reason.is_empty(), "an unframeable stream has a reason");
        }
        let mut replies = Vec::new();
        while let Ok(reply) = received.try_recv() {
            replies.push(reply);
        }
        (server, replies, framed.is_ok())
    });
    for reply in replies {
        for body in bodies(&reply) {
            let reply: Value = serde_json::from_slice(&body).expect("an error reply is JSON");
            assert_eq!(reply["jsonrpc"], "2.0", "{reply}");
            assert!(reply["error"]["code"].is_i64(), "{reply}");
        }
    }
    let messages: Vec<Value> = bodies(&server)
        .iter()
        .map(|body| {
            let message: Value = serde_json::from_slice(body).expect("a forwarded body is JSON");
            assert_eq!(message["jsonrpc"], "2.0", "{message}");
            // tower-lsp stops serving at the first message it cannot read.
            let read =
                serde_json::from_slice::<Request>(body).is_ok() || serde_json::from_slice::<Response>(body).is_ok();
            assert!(read, "tower-lsp cannot read {message}");
            message
        })
        .collect();
    (messages, framed)
}

fn framing(stream: &[u8]) {
    let (messages, _) = forwarded(stream);
    for message in messages {
        assert!(message.is_object());
        if let Some(params) = message.get("params") {
            assert!(params.is_object() || params.is_array(), "{message}");
        }
    }
}

/// A folder of its own for one session, removed afterwards: the documents' URIs point into it, and
/// an "Ignore" command writes its crosscheck.toml there.
struct Sandbox {
    folder: PathBuf,
}

impl Sandbox {
    fn new() -> Sandbox {
        static COUNT: AtomicU64 = AtomicU64::new(0);
        let folder = std::env::temp_dir().join(format!(
            "crosscheck-fuzz-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&folder).expect("a sandbox folder");
        Sandbox { folder }
    }

    fn uri(&self, name: &str) -> String {
        url_of(&self.folder.join(name))
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

fn url_of(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Runs the whole server on `session` followed by the final request, shutdown and exit.
fn run_session(session: Vec<u8>, sandbox: &Sandbox) {
    // For reading a failing input: the session as the server receives it.
    if let Some(path) = std::env::var_os("CROSSCHECK_FUZZ_DUMP") {
        let _ = std::fs::write(path, &session);
    }
    let final_request = json!({
        "jsonrpc": "2.0", "id": FINAL_ID, "method": "textDocument/hover",
        "params": { "textDocument": { "uri": sandbox.uri("a.txt") }, "position": { "line": 0, "character": 0 } }
    });
    let final_frame = frame(final_request.to_string().as_bytes());
    let ending = [
        frame(br#"{"jsonrpc":"2.0","id":"fuzz-shutdown","method":"shutdown"}"#),
        frame(br#"{"jsonrpc":"2.0","method":"exit"}"#),
    ]
    .concat();
    // Whether the server gets to see the final request: the framing layer forwards it, and no
    // `exit` before it ends the server.
    let whole = [session.clone(), final_frame.clone(), ending.clone()].concat();
    let (messages, _) = forwarded(&whole);
    let mut answerable = false;
    for message in &messages {
        if message["method"] == "exit" {
            break;
        }
        if message["id"] == FINAL_ID {
            answerable = message == &final_request;
            break;
        }
    }
    let runtime = runtime();
    runtime.block_on(async move {
        let (mut client_in, server_in) = tokio::io::duplex(1 << 16);
        let (server_out, client_out) = tokio::io::duplex(1 << 16);
        let mut served = tokio::spawn(serve(server_in, server_out));
        // The client's writer: whatever is queued, until `None` ends the stream.
        let (to_server, mut outgoing) = mpsc::unbounded_channel::<Option<Vec<u8>>>();
        tokio::spawn(async move {
            while let Some(Some(bytes)) = outgoing.recv().await {
                if client_in.write_all(&bytes).await.is_err() {
                    return;
                }
            }
            let _ = client_in.shutdown().await;
        });
        // The client's reader: every frame from the server is JSON-RPC; its requests are
        // answered with null; the final reply is reported.
        let (frames, mut incoming) = mpsc::unbounded_channel();
        tokio::spawn(frames_of(client_out, frames));
        let (answered, mut final_answered) = mpsc::unbounded_channel::<()>();
        let replies = to_server.clone();
        tokio::spawn(async move {
            while let Some(framed) = incoming.recv().await {
                let at = framed.windows(4).position(|w| w == b"\r\n\r\n").expect("a header") + 4;
                let message: Value = serde_json::from_slice(&framed[at..]).expect("the server writes JSON");
                assert_eq!(message["jsonrpc"], "2.0", "{message}");
                if message.get("method").is_some() {
                    if let Some(id) = message.get("id") {
                        let reply = json!({ "jsonrpc": "2.0", "id": id, "result": null });
                        let _ = replies.send(Some(frame(reply.to_string().as_bytes())));
                    }
                } else if message["id"] == FINAL_ID {
                    let _ = answered.send(());
                }
            }
        });
        let _ = to_server.send(Some(session));
        let _ = to_server.send(Some(final_frame));
        if answerable {
            tokio::select! {
                _ = final_answered.recv() => {}
                code = &mut served => {
                    let code = code.expect("the server task does not panic");
                    panic!("the server ended (code {code}) before answering a request it was sent");
                }
                () = tokio::time::sleep(PATIENCE) => panic!("no answer to the final request within {PATIENCE:?}"),
            }
        }
        // Shutdown and exit (which a broken frame may swallow), then the end of the stream.
        let _ = to_server.send(Some(ending));
        let _ = to_server.send(None);
        let code = tokio::time::timeout(PATIENCE, served)
            .await
            .expect("the server exits after exit or the end of its input")
            .expect("the server task does not panic");
        assert!(code == 0 || code == 1, "exit code {code}");
    });
    runtime.shutdown_timeout(Duration::from_secs(1));
}

/// Texts the sessions open and edit, with the multi-byte text positions are tested on.
const TEXTS: &[&str] = &[
    "Floods in Valmere killed at least 14 people on Tuesday, the governor said.\n",
    "“We have not seen water like this in 40 years,” Marrow told reporters.\r\nRebels control 30 per cent of the district.",
    "About 2,300 homes — or 12% — lost power 😀 on 3 March.\rThe army denied it.",
    "",
];

fn uri(u: &mut Unstructured, sandbox: &Sandbox) -> ArbitraryResult<String> {
    Ok(match u.int_in_range(0..=3)? {
        0 | 1 => sandbox.uri("a.txt"),
        2 => sandbox.uri("b.md"),
        _ => "untitled:Untitled-1".to_string(),
    })
}

fn text(u: &mut Unstructured) -> ArbitraryResult<String> {
    Ok(match u.int_in_range(0..=3)? {
        0 => TEXTS[u.choose_index(TEXTS.len())?].to_string(),
        1 => TEXTS.concat(),
        _ => u.arbitrary::<String>()?,
    })
}

fn number(u: &mut Unstructured) -> ArbitraryResult<Value> {
    Ok(match u.int_in_range(0..=5)? {
        0..=2 => json!(u.int_in_range(0..=12u32)?),
        3 => json!(u32::MAX),
        4 => json!(-1),
        _ => json!(1e300),
    })
}

fn position(u: &mut Unstructured) -> ArbitraryResult<Value> {
    Ok(json!({ "line": number(u)?, "character": number(u)? }))
}

fn document(u: &mut Unstructured, sandbox: &Sandbox) -> ArbitraryResult<Value> {
    Ok(json!({ "uri": uri(u, sandbox)? }))
}

/// A value that does not belong where it is put.
fn hostile(u: &mut Unstructured) -> ArbitraryResult<Value> {
    Ok(match u.int_in_range(0..=7)? {
        0 => Value::Null,
        1 => json!(u.arbitrary::<i64>()?),
        2 => json!(-1.5e308),
        3 => json!(u.arbitrary::<String>()?),
        4 => json!(u.arbitrary::<bool>()?),
        5 => json!([]),
        6 => json!({}),
        _ => json!([{ "a": [null, 1, "x"] }]),
    })
}

/// Replaces one value somewhere in `message` by a hostile one.
fn mutate(u: &mut Unstructured, message: &mut Value) -> ArbitraryResult<()> {
    let mut at = message;
    loop {
        let children = match at {
            Value::Object(map) if !map.is_empty() => map.len(),
            Value::Array(list) if !list.is_empty() => list.len(),
            _ => break,
        };
        if u.ratio(1, 3)? {
            break;
        }
        let pick = u.choose_index(children)?;
        at = match at {
            Value::Object(map) => map.values_mut().nth(pick).expect("in range"),
            Value::Array(list) => &mut list[pick],
            _ => unreachable!(),
        };
    }
    *at = hostile(u)?;
    Ok(())
}

fn request(id: u32, method: &str, params: Value) -> Value {
    json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params })
}

fn notification(method: &str, params: Value) -> Value {
    json!({ "jsonrpc": "2.0", "method": method, "params": params })
}

fn initialize(u: &mut Unstructured, sandbox: &Sandbox) -> ArbitraryResult<Value> {
    let encodings = if u.arbitrary()? { json!(["utf-8", "utf-16"]) } else { json!(["utf-16"]) };
    let hover = if u.arbitrary()? { json!(["markdown", "plaintext"]) } else { json!(["plaintext"]) };
    let settings = match u.int_in_range(0..=4)? {
        0 => Value::Null,
        1 => json!({ "singleSource": false, "severity": { "figure-conflict": "error", "name-variant": "off" } }),
        2 => json!({ "tolerance": { "figures": 0.1, "days": 1 }, "ignore": [{ "code": "misquote" }] }),
        3 => json!({ "aliases": { "Valmere": ["the river town"] }, "sources": ["*.txt"] }),
        _ => hostile(u)?,
    };
    let root = if u.arbitrary()? { json!(url_of(&sandbox.folder)) } else { Value::Null };
    Ok(request(
        0,
        "initialize",
        json!({
            "processId": null,
            "rootUri": root,
            "initializationOptions": settings,
            "capabilities": {
                "general": { "positionEncodings": encodings },
                "textDocument": { "hover": { "contentFormat": hover } },
                "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": u.arbitrary::<bool>()? } },
                "window": { "workDoneProgress": u.arbitrary::<bool>()? }
            }
        }),
    ))
}

/// One message of a session, before any mutation.
fn message(u: &mut Unstructured, sandbox: &Sandbox, id: u32) -> ArbitraryResult<Value> {
    Ok(match u.int_in_range(0..=19)? {
        0 => initialize(u, sandbox)?,
        1 => notification("initialized", json!({})),
        2 | 3 => notification(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri(u, sandbox)?, "languageId": "plaintext", "version": 1, "text": text(u)? } }),
        ),
        4..=6 => {
            let mut changes = Vec::new();
            for _ in 0..u.int_in_range(1..=3)? {
                if u.ratio(1, 8)? {
                    changes.push(json!({ "text": text(u)? }));
                } else {
                    changes.push(json!({ "range": { "start": position(u)?, "end": position(u)? }, "text": text(u)? }));
                }
            }
            notification(
                "textDocument/didChange",
                json!({ "textDocument": { "uri": uri(u, sandbox)?, "version": number(u)? }, "contentChanges": changes }),
            )
        }
        7 => notification("textDocument/didClose", json!({ "textDocument": document(u, sandbox)? })),
        8 => notification("textDocument/didSave", json!({ "textDocument": document(u, sandbox)? })),
        9 => request(
            id,
            "textDocument/hover",
            json!({ "textDocument": document(u, sandbox)?, "position": position(u)? }),
        ),
        10 => request(
            id,
            "textDocument/definition",
            json!({ "textDocument": document(u, sandbox)?, "position": position(u)? }),
        ),
        11 => request(
            id,
            "textDocument/references",
            json!({ "textDocument": document(u, sandbox)?, "position": position(u)?, "context": { "includeDeclaration": true } }),
        ),
        12 => request(id, "textDocument/documentSymbol", json!({ "textDocument": document(u, sandbox)? })),
        13 => request(
            id,
            "textDocument/inlayHint",
            json!({ "textDocument": document(u, sandbox)?, "range": { "start": position(u)?, "end": position(u)? } }),
        ),
        14 => request(
            id,
            "textDocument/codeAction",
            json!({
                "textDocument": document(u, sandbox)?,
                "range": { "start": position(u)?, "end": position(u)? },
                "context": { "diagnostics": [] }
            }),
        ),
        15 => request(id, "workspace/symbol", json!({ "query": u.arbitrary::<String>()? })),
        16 => request(
            id,
            "workspace/executeCommand",
            json!({
                "command": "crosscheck.ignore",
                "arguments": [{ "code": "figure-conflict", "text": u.arbitrary::<String>()? }, uri(u, sandbox)?]
            }),
        ),
        17 => notification("workspace/didChangeConfiguration", json!({ "settings": { "crosscheck": hostile(u)? } })),
        18 => notification("$/cancelRequest", json!({ "id": id.saturating_sub(1) })),
        _ => match u.int_in_range(0..=3)? {
            0 => request(id, "shutdown", Value::Null),
            1 => request(id, "fuzz/unknown", json!({})),
            2 => notification("fuzz/unknown", json!([])),
            // Rare: an exit in the middle ends the session early.
            _ if u.ratio(1, 4)? => notification("exit", Value::Null),
            _ => notification("initialized", Value::Null),
        },
    })
}

/// A session: mostly valid messages in a plausible order, some mutated, some garbage, a few
/// broken frames.
fn build_session(u: &mut Unstructured, sandbox: &Sandbox) -> ArbitraryResult<Vec<u8>> {
    let mut stream = Vec::new();
    if u.ratio(7, 8)? {
        stream.extend(frame(initialize(u, sandbox)?.to_string().as_bytes()));
        stream.extend(frame(notification("initialized", json!({})).to_string().as_bytes()));
    }
    let mut id = 1;
    while !u.is_empty() && id < 40 {
        id += 1;
        let mut message = message(u, sandbox, id)?;
        if u.ratio(1, 6)? {
            mutate(u, &mut message)?;
        }
        let body = if u.ratio(1, 20)? { u.arbitrary::<Vec<u8>>()? } else { message.to_string().into_bytes() };
        let framed = match u.int_in_range(0..=40)? {
            0 => {
                // A Content-Length off by a little.
                let delta = u.int_in_range(-3i64..=3)?;
                let length = (body.len() as i64 + delta).max(0);
                [format!("Content-Length: {length}\r\n\r\n").into_bytes(), body].concat()
            }
            1 => [b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n".to_vec(), frame(&body)].concat(),
            2 => [format!("content-length:{}\n\n", body.len()).into_bytes(), body].concat(),
            3 => [u.arbitrary::<Vec<u8>>()?, b"\r\n".to_vec(), frame(&body)].concat(),
            4 => [b"Content-Length: x\r\n".to_vec(), frame(&body)].concat(),
            _ => frame(&body),
        };
        stream.extend(framed);
    }
    Ok(stream)
}
