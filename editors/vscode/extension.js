// The crosscheck extension: starts the language server for plain-text and Markdown articles.
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');
const { serverCommand } = require('./server');

let client;

async function activate(context) {
  const settings = vscode.workspace.getConfiguration('crosscheck');
  const command = serverCommand(settings.get('server.path'), context.extensionPath);
  const serverOptions = { command, transport: TransportKind.stdio };
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'plaintext' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    outputChannelName: 'crosscheck',
    // The server reads the `crosscheck` section at start-up and whenever it changes.
    initializationOptions: serverSettings(settings),
    synchronize: { configurationSection: 'crosscheck' },
  };
  client = new LanguageClient('crosscheck', 'crosscheck', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand('crosscheck.restart', async () => {
      client.outputChannel.appendLine('Restarting the crosscheck server…');
      await client.restart();
    })
  );
  try {
    await client.start();
  } catch (error) {
    vscode.window.showErrorMessage(
      `crosscheck could not start "${command}": ${error.message}. Set crosscheck.server.path to the crosscheck binary.`
    );
  }
}

/** The settings the server reads (camelCase keys, as in crosscheck.toml). */
function serverSettings(settings) {
  return {
    severity: settings.get('severity') || {},
    singleSource: settings.get('singleSource'),
    configPath: settings.get('configPath') || undefined,
    sources: settings.get('sources') || [],
    drafts: settings.get('drafts') || [],
    tolerance: settings.get('tolerance') || {},
    aliases: settings.get('aliases') || {},
    cache: settings.get('cache') ?? undefined,
  };
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
