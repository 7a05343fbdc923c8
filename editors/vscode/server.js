// How the extension finds and starts the language server. Shared with the tests, so that they
// start it exactly as the extension does.
'use strict';

const fs = require('fs');
const path = require('path');

/** Arguments the extension's client passes to the server (TransportKind.stdio adds --stdio). */
const SERVER_ARGS = ['--stdio'];

/**
 * The server command: the `crosscheck.server.path` setting when set, else the binary bundled in
 * the extension's `server/` folder, else `crosscheck` on PATH.
 */
function serverCommand(configuredPath, extensionPath) {
  if (typeof configuredPath === 'string' && configuredPath.trim() !== '') {
    return configuredPath.trim();
  }
  const executable = process.platform === 'win32' ? 'crosscheck.exe' : 'crosscheck';
  const bundled = path.join(extensionPath, 'server', executable);
  if (fs.existsSync(bundled)) {
    return bundled;
  }
  return 'crosscheck';
}

module.exports = { serverCommand, SERVER_ARGS };
