//! The framing layer in front of tower-lsp. tower-lsp's own reader stops at the first frame it
//! cannot decode and refuses `"params": null` on `shutdown`, so every frame from the client is
//! read, checked and normalised here first: a body that is not JSON, not a JSON-RPC object, or
//! has a method, id or params of the wrong type gets the JSON-RPC error the specification asks
//! for (or is dropped and logged when it carries no id to answer); `params` that are `null`, or
//! `{}` on a method that takes none, are left out; a header line that cannot be read is skipped;
//! a body over the size limit is read past and dropped. Only a stream that can no longer be
//! framed (it ends inside a frame) ends the process, with a logged reason.

use serde_json::{json, Map, Value};
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc::UnboundedSender;

/// Frames larger than this are dropped unread: no article or protocol message comes near it.
pub const MAX_BODY: usize = 256 * 1024 * 1024;

/// Methods whose params are `void` in the protocol.
const VOID_METHODS: &[&str] = &["shutdown", "exit"];

/// What became of one frame from the client.
#[derive(Debug, PartialEq)]
pub enum Checked {
    /// A message to hand to the server, re-serialised.
    Forward(Vec<u8>),
    /// An error reply to send straight back to the client.
    Reply(Vec<u8>),
    /// Nothing to forward and no one to answer.
    Drop,
}

/// Reads frames from `input` until it ends: valid messages are written, framed, to `server`,
/// error replies are sent to `replies`; a frame over `max_body` bytes is read past and dropped.
/// `Ok` when the stream ends between frames, `Err` with the reason when it can no longer be
/// framed.
pub async fn pump(
    input: impl AsyncRead + Unpin,
    mut server: impl AsyncWrite + Unpin,
    replies: UnboundedSender<Vec<u8>>,
    max_body: usize,
) -> Result<(), String> {
    let mut input = tokio::io::BufReader::new(input);
    loop {
        let Some(length) = read_header(&mut input).await? else { return Ok(()) };
        if length > max_body {
            tracing::warn!(length, "a message over {max_body} bytes is dropped");
            skip(&mut input, length).await?;
            continue;
        }
        let mut body = vec![0; length];
        input.read_exact(&mut body).await.map_err(|e| format!("the stream ended inside a message: {e}"))?;
        match check(&body) {
            Checked::Forward(message) => {
                let written = async {
                    server.write_all(&frame(&message)).await?;
                    server.flush().await
                };
                if written.await.is_err() {
                    // The server has stopped reading: it is exiting.
                    return Ok(());
                }
            }
            Checked::Reply(reply) => {
                let _ = replies.send(frame(&reply));
            }
            Checked::Drop => {}
        }
    }
}

/// The Content-Length of the next frame, skipping header lines that cannot be read; `None` when
/// the stream ends before a frame starts.
async fn read_header(input: &mut (impl AsyncBufRead + Unpin)) -> Result<Option<usize>, String> {
    let mut length: Option<usize> = None;
    let mut started = false;
    loop {
        let mut line = Vec::new();
        let read = input.read_until(b'\n', &mut line).await.map_err(|e| format!("cannot read the stream: {e}"))?;
        if read == 0 {
            return if started { Err("the stream ended inside a header".to_string()) } else { Ok(None) };
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            match length {
                Some(length) => return Ok(Some(length)),
                // A blank line with no length before it: nothing to frame yet.
                None if started => {
                    tracing::warn!("a header without Content-Length is skipped");
                    started = false;
                }
                None => {}
            }
            continue;
        }
        started = true;
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(parsed) => length = Some(parsed),
                    Err(_) => tracing::warn!(header = text, "a Content-Length that is not a number is skipped"),
                }
            }
            Some(_) => {}
            None => {
                tracing::warn!(header = %text.chars().take(80).collect::<String>(), "a header line that cannot be read is skipped")
            }
        }
    }
}

/// Reads past `length` bytes without keeping them.
async fn skip(input: &mut (impl AsyncRead + Unpin), length: usize) -> Result<(), String> {
    let mut left = length as u64;
    let mut sink = tokio::io::sink();
    while left > 0 {
        let copied = tokio::io::copy(&mut (&mut *input).take(left), &mut sink)
            .await
            .map_err(|e| format!("cannot read the stream: {e}"))?;
        if copied == 0 {
            return Err("the stream ended inside a message".to_string());
        }
        left -= copied;
    }
    Ok(())
}

pub(super) fn frame(body: &[u8]) -> Vec<u8> {
    let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    framed.extend_from_slice(body);
    framed
}

/// Checks one body as a JSON-RPC 2.0 message and normalises its params.
pub fn check(body: &[u8]) -> Checked {
    let value: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(error) => {
            tracing::warn!(%error, "a message that is not JSON");
            return Checked::Reply(error_reply(&Value::Null, -32700, &format!("Parse error: {error}")));
        }
    };
    let Value::Object(mut message) = value else {
        tracing::warn!("a message that is not a JSON object");
        return Checked::Reply(error_reply(&Value::Null, -32600, "Invalid Request: not a JSON object"));
    };
    let id = message.get("id").cloned();
    // tower-lsp reads an id as an i64 or a string (or null), and stops serving at a message whose
    // id it cannot read: a fraction, or an integer beyond i64, is invalid here.
    let id_valid = match &id {
        None | Some(Value::String(_) | Value::Null) => true,
        Some(Value::Number(number)) => number.as_i64().is_some(),
        Some(_) => false,
    };
    let answer = |code: i64, text: &str| {
        tracing::warn!(text, "an invalid message");
        match &id {
            _ if !id_valid => Checked::Reply(error_reply(&Value::Null, code, text)),
            Some(id @ (Value::Number(_) | Value::String(_))) => Checked::Reply(error_reply(id, code, text)),
            _ => Checked::Drop,
        }
    };
    if !id_valid {
        return answer(-32600, "Invalid Request: the id must be an integer or a string");
    }
    match message.get("method") {
        None => {
            // A response to a request of the server.
            if id.is_some() && (message.contains_key("result") || message.contains_key("error")) {
                // tower-lsp reads no message without `"jsonrpc": "2.0"`, and stops serving there.
                message.insert("jsonrpc".to_string(), json!("2.0"));
                return forward(message);
            }
            return answer(-32600, "Invalid Request: no method");
        }
        Some(Value::String(_)) => {}
        Some(_) => return answer(-32600, "Invalid Request: the method must be a string"),
    }
    let method = message.get("method").and_then(Value::as_str).unwrap_or_default().to_string();
    let void = VOID_METHODS.contains(&method.as_str());
    match message.get("params") {
        Some(Value::Null) => {
            message.remove("params");
        }
        Some(Value::Object(map)) if void && map.is_empty() => {
            message.remove("params");
        }
        Some(Value::Array(list)) if void && list.is_empty() => {
            message.remove("params");
        }
        Some(Value::Object(_) | Value::Array(_)) | None => {}
        Some(_) => return answer(-32602, "Invalid params: params must be an object or an array"),
    }
    message.insert("jsonrpc".to_string(), json!("2.0"));
    forward(message)
}

fn forward(message: Map<String, Value>) -> Checked {
    match serde_json::to_vec(&Value::Object(message)) {
        Ok(bytes) => Checked::Forward(bytes),
        Err(_) => Checked::Drop,
    }
}

fn error_reply(id: &Value, code: i64, text: &str) -> Vec<u8> {
    let reply = json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": text } });
    serde_json::to_vec(&reply).unwrap_or_default()
}

/// Copies whole frames from the server's output to `out`, so that error replies sent on the same
/// channel never land inside one of the server's messages.
pub async fn frames_of(output: impl AsyncRead + Unpin, out: UnboundedSender<Vec<u8>>) {
    let mut output = tokio::io::BufReader::new(output);
    loop {
        let Ok(Some(length)) = read_header(&mut output).await else { return };
        let mut body = vec![0; length];
        if output.read_exact(&mut body).await.is_err() || out.send(frame(&body)).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply_of(body: &str) -> Value {
        match check(body.as_bytes()) {
            Checked::Reply(bytes) => serde_json::from_slice(&bytes).expect("a JSON reply"),
            other => panic!("expected a reply to {body:?}, got {other:?}"),
        }
    }

    fn forwarded(body: &str) -> Value {
        match check(body.as_bytes()) {
            Checked::Forward(bytes) => serde_json::from_slice(&bytes).expect("JSON forwarded"),
            other => panic!("expected {body:?} forwarded, got {other:?}"),
        }
    }

    #[test]
    fn bodies_that_are_not_json_rpc_get_the_errors_the_specification_asks_for() {
        assert_eq!(reply_of("{this is not json")["error"]["code"], -32700);
        assert_eq!(reply_of("{this is not json")["id"], Value::Null);
        assert_eq!(reply_of("[1, 2]")["error"]["code"], -32600);
        assert_eq!(reply_of(r#"{"jsonrpc":"2.0","id":4,"method":7}"#)["id"], 4);
        assert_eq!(reply_of(r#"{"jsonrpc":"2.0","id":4,"method":7}"#)["error"]["code"], -32600);
        assert_eq!(reply_of(r#"{"jsonrpc":"2.0","id":{"x":1},"method":"shutdown"}"#)["error"]["code"], -32600);
        assert_eq!(
            reply_of(r#"{"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":3}"#)["error"]["code"],
            -32602
        );
        assert_eq!(reply_of(r#"{"jsonrpc":"2.0","id":6}"#)["error"]["code"], -32600);
        assert_eq!(
            check(br#"{"jsonrpc":"2.0","method":"initialized","params":"x"}"#),
            Checked::Drop,
            "no id to answer"
        );
    }

    /// Found by the `transport` fuzz target: an id of -1.5e308 was forwarded, tower-lsp could
    /// not read it, and stopped serving.
    #[test]
    fn ids_that_tower_lsp_cannot_read_are_invalid_requests() {
        for body in [
            r#"{"jsonrpc":"2.0","id":-1.5e308,"method":"textDocument/hover","params":{}}"#,
            r#"{"jsonrpc":"2.0","id":1.5,"method":"shutdown"}"#,
            r#"{"jsonrpc":"2.0","id":18446744073709551615,"method":"shutdown"}"#,
            r#"{"jsonrpc":"2.0","id":2.0,"result":null}"#,
        ] {
            let reply = reply_of(body);
            assert_eq!(reply["error"]["code"], -32600, "{body}");
            assert_eq!(reply["id"], Value::Null, "{body}");
        }
        for body in [
            r#"{"jsonrpc":"2.0","id":-9223372036854775808,"method":"shutdown"}"#,
            r#"{"jsonrpc":"2.0","id":"1.5","method":"shutdown"}"#,
            r#"{"jsonrpc":"2.0","id":null,"method":"shutdown"}"#,
            r#"{"jsonrpc":"2.0","id":3,"error":{"code":-1,"message":"no"}}"#,
            r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
            // Found by the fuzz target too: a response of another JSON-RPC version, or of none.
            r#"{"jsonrpc":"1.0","id":1,"result":"textDocument/hover"}"#,
            r#"{"id":1,"error":{"code":-1,"message":"no"}}"#,
        ] {
            let message = serde_json::to_string(&forwarded(body)).expect("JSON");
            let read = serde_json::from_str::<tower_lsp::jsonrpc::Request>(&message).is_ok()
                || serde_json::from_str::<tower_lsp::jsonrpc::Response>(&message).is_ok();
            assert!(read, "tower-lsp reads {message}");
        }
    }

    #[test]
    fn void_params_may_be_left_out_null_or_empty() {
        for body in [
            r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#,
            r#"{"jsonrpc":"2.0","id":1,"method":"shutdown","params":null}"#,
            r#"{"jsonrpc":"2.0","id":1,"method":"shutdown","params":{}}"#,
            r#"{"jsonrpc":"2.0","method":"exit","params":null}"#,
        ] {
            assert!(forwarded(body).get("params").is_none(), "{body}");
        }
        let hover = forwarded(r#"{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"a":1}}"#);
        assert_eq!(hover["params"]["a"], 1);
        let response = forwarded(r#"{"jsonrpc":"2.0","id":9,"result":null}"#);
        assert_eq!(response["id"], 9);
    }

    #[tokio::test]
    async fn a_stream_with_broken_frames_is_read_to_its_end() {
        let input = b"Content-Length: 17\r\n\r\n{this is not jsonGarbage header\r\n\r\nContent-Length: 40\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        let (replies, mut received) = tokio::sync::mpsc::unbounded_channel();
        let mut server = Vec::new();
        let ended = pump(&input[..], &mut server, replies, MAX_BODY).await;
        assert_eq!(ended, Ok(()));
        let reply = received.recv().await.expect("a parse error reply");
        assert!(String::from_utf8_lossy(&reply).contains("-32700"));
        assert!(String::from_utf8_lossy(&server).contains("\"method\":\"ping\""), "the valid request is forwarded");
    }

    #[tokio::test]
    async fn a_stream_that_ends_inside_a_message_cannot_be_framed() {
        let (replies, _received) = tokio::sync::mpsc::unbounded_channel();
        let mut server = Vec::new();
        let ended = pump(&b"Content-Length: 100\r\n\r\n{\"jsonrpc\""[..], &mut server, replies, MAX_BODY).await;
        assert!(ended.is_err());
    }

    #[tokio::test]
    async fn a_frame_over_the_limit_is_read_past_and_dropped() {
        let huge = format!("{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"{}\"}}", "x".repeat(5_000));
        let ping = r#"{"jsonrpc":"2.0","id":2,"method":"ping"}"#;
        let input = [frame(huge.as_bytes()), frame(ping.as_bytes())].concat();
        let (replies, mut received) = tokio::sync::mpsc::unbounded_channel();
        let mut server = Vec::new();
        assert_eq!(pump(&input[..], &mut server, replies, 1_000).await, Ok(()));
        let forwarded = String::from_utf8_lossy(&server);
        assert!(!forwarded.contains("xxxx"), "the frame over the limit is dropped");
        assert!(forwarded.contains("\"method\":\"ping\""), "the next frame is read: {forwarded}");
        assert!(received.try_recv().is_err(), "no reply: the dropped frame's id is unknown");
    }
}
