// Starts the language server exactly as the extension's defaults describe (the default of
// crosscheck.server.path, resolved by the extension's own server.js, with its arguments) and
// talks to it through vscode-jsonrpc, as vscode-languageclient does.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert');
const cp = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const rpc = require('vscode-jsonrpc/node');
const manifest = require('../package.json');
const { serverCommand, SERVER_ARGS } = require('../server');

const seeds = path.resolve(__dirname, '..', '..', '..', 'seeds');
const seed = path.join(seeds, '000_6d7eafbd92b84179.txt');

function within(ms, promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

test('the manifest activates on plain text and Markdown and contributes the settings', () => {
  assert.deepStrictEqual(manifest.activationEvents, ['onLanguage:plaintext', 'onLanguage:markdown', 'onCommand:crosscheck.restart']);
  assert.deepStrictEqual(manifest.contributes.commands.map((c) => c.command), ['crosscheck.restart']);
  const properties = manifest.contributes.configuration.properties;
  for (const key of ['crosscheck.configPath', 'crosscheck.singleSource', 'crosscheck.severity', 'crosscheck.sources', 'crosscheck.drafts', 'crosscheck.tolerance', 'crosscheck.aliases']) {
    assert.ok(properties[key] && (properties[key].description || properties[key].markdownDescription), `${key} is described`);
  }
  assert.strictEqual(properties['crosscheck.server.path'].default, '');
  assert.deepStrictEqual(properties['crosscheck.trace.server'].enum, ['off', 'messages', 'verbose']);
});

test('the server started with the extension defaults publishes the Pokrovsk dispute for a seed', async () => {
  const defaultPath = manifest.contributes.configuration.properties['crosscheck.server.path'].default;
  const command = serverCommand(defaultPath, path.resolve(__dirname, '..'));
  const server = cp.spawn(command, SERVER_ARGS, { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
  server.on('error', (error) => assert.fail(`cannot start ${command}: ${error.message}`));

  const connection = rpc.createMessageConnection(
    new rpc.StreamMessageReader(server.stdout),
    new rpc.StreamMessageWriter(server.stdin)
  );
  const uri = pathToFileURL(seed).href;
  const diagnostics = new Promise((resolve) => {
    connection.onNotification('textDocument/publishDiagnostics', (params) => {
      if (params.uri === uri && params.diagnostics.some((d) => d.code === 'control-disputed')) {
        resolve(params);
      }
    });
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();

  const result = await within(
    30000,
    connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(seeds).href,
      workspaceFolders: [{ uri: pathToFileURL(seeds).href, name: 'seeds' }],
      capabilities: {
        general: { positionEncodings: ['utf-16'] },
        workspace: { didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } },
      },
    }),
    'initialize result'
  );
  assert.strictEqual(result.capabilities.positionEncoding, 'utf-16');
  connection.sendNotification('initialized', {});
  connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'plaintext', version: 1, text: fs.readFileSync(seed, 'utf8') },
  });

  const published = await within(30000, diagnostics, 'Pokrovsk diagnostics');
  const dispute = published.diagnostics.find((d) => d.code === 'control-disputed');
  assert.strictEqual(dispute.source, 'crosscheck');
  assert.strictEqual(dispute.severity, 3, 'information: the seed attributes the claim');
  assert.match(dispute.message, /Pokrovsk/);
  assert.ok(dispute.relatedInformation.length > 0);

  await connection.sendRequest('shutdown');
  connection.sendNotification('exit');
  assert.strictEqual(await within(10000, exited, 'server exit'), 0);
  connection.dispose();
});
