//! The transport over real JSON-RPC against the binary: broken frames and bodies get the
//! JSON-RPC errors the specification asks for and the server goes on answering; `void` params
//! may be left out, `null` or `{}`; only a stream that can no longer be framed ends the process,
//! with a non-zero exit.

mod common;

use common::LspClient;
use serde_json::{json, Value};

fn framed(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

/// The server still answers a real request.
fn still_serving(client: &mut LspClient) {
    let symbols = client.request("workspace/symbol", json!({ "query": "" }));
    assert!(symbols.is_array() || symbols.is_null(), "{symbols}");
}

/// The next error reply the client receives with this id.
fn error_with_id(client: &mut LspClient, id: Value) -> Value {
    loop {
        let message = client.wait_any();
        if message.get("error").is_some() && message["id"] == id {
            return message["error"].clone();
        }
    }
}

#[test]
fn a_body_that_is_not_json_gets_a_parse_error_and_the_server_goes_on() {
    let (mut client, _) = LspClient::start(None, &["utf-16"]);
    client.send_raw(b"Content-Length: 17\r\n\r\n{this is not json");
    assert_eq!(error_with_id(&mut client, Value::Null)["code"], -32700);
    still_serving(&mut client);
    client.shutdown();
}

#[test]
fn messages_that_are_not_json_rpc_requests_get_invalid_request_or_params() {
    let (mut client, _) = LspClient::start(None, &["utf-16"]);
    client.send_raw(&framed("[1, 2, 3]"));
    assert_eq!(error_with_id(&mut client, Value::Null)["code"], -32600, "JSON that is not an object");
    client.send_raw(&framed(r#"{"jsonrpc":"2.0","id":901,"method":42}"#));
    assert_eq!(error_with_id(&mut client, json!(901))["code"], -32600, "a method that is not a string");
    client.send_raw(&framed(r#"{"jsonrpc":"2.0","id":902}"#));
    assert_eq!(error_with_id(&mut client, json!(902))["code"], -32600, "no method");
    client.send_raw(&framed(r#"{"jsonrpc":"2.0","id":[1],"method":"shutdown"}"#));
    assert_eq!(error_with_id(&mut client, Value::Null)["code"], -32600, "an id that is neither number nor string");
    client.send_raw(&framed(r#"{"jsonrpc":"2.0","id":903,"method":"textDocument/hover","params":"x"}"#));
    assert_eq!(error_with_id(&mut client, json!(903))["code"], -32602, "params that are a string");
    client.send_raw(&framed(r#"{"jsonrpc":"2.0","id":904,"method":"no/suchMethod","params":{}}"#));
    assert_eq!(error_with_id(&mut client, json!(904))["code"], -32601, "an unknown method");
    still_serving(&mut client);
    client.shutdown();
}

#[test]
fn headers_that_cannot_be_read_are_skipped() {
    let (mut client, _) = LspClient::start(None, &["utf-16"]);
    client.send_raw(b"this is no header\r\n\r\n");
    client.send_raw(b"Content-Length: lots\r\n\r\n");
    client.send_raw(b"Content-Length: 99999999999999999999999999\r\n\r\n");
    still_serving(&mut client);
    client.shutdown();
}

#[test]
fn shutdown_with_params_null_or_empty_is_accepted_and_exit_ends_cleanly() {
    for params in ["null", "{}"] {
        let (mut client, _) = LspClient::start(None, &["utf-16"]);
        client.send_raw(&framed(&format!(r#"{{"jsonrpc":"2.0","id":77,"method":"shutdown","params":{params}}}"#)));
        let reply = client.reply(77);
        assert!(reply.get("error").is_none(), "shutdown with params {params}: {reply}");
        client.send_raw(&framed(r#"{"jsonrpc":"2.0","method":"exit","params":null}"#));
        assert_eq!(client.close_and_wait(), Some(0), "exit after shutdown with params {params}");
    }
}

#[test]
fn a_stream_that_ends_inside_a_message_ends_the_process_with_an_error() {
    let (mut client, _) = LspClient::start(None, &["utf-16"]);
    client.send_raw(b"Content-Length: 100\r\n\r\n{\"jsonrpc\":");
    let code = client.close_and_wait();
    assert!(code.is_some_and(|c| c != 0), "exit code {code:?}");
}
