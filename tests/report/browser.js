// The evidence report in Debian's Chromium, driven by playwright-core: it renders without console
// errors, a row named by its claim shows the expected verdict colour, the filters work, markup
// from an article stays inert text, and a screenshot is written.
//
//   node tests/report/browser.js TOOLS_DIR REPORT.html SCREENSHOT.png ROW_TEXT VERDICT [INJECTED_TEXT]
//
// TOOLS_DIR holds node_modules/playwright-core (as .ci/run installs it). With INJECTED_TEXT, the
// check is that this text is shown as text and that no script from it ran.
'use strict';

const path = require('node:path');
const { pathToFileURL } = require('node:url');

const [tools, report, screenshot, rowText, verdict, injected] = process.argv.slice(2);
if (!tools || !report || !screenshot || !rowText || !verdict) {
  console.error('usage: browser.js TOOLS_DIR REPORT.html SCREENSHOT.png ROW_TEXT VERDICT [INJECTED_TEXT]');
  process.exit(2);
}
const { chromium } = require(path.join(tools, 'node_modules', 'playwright-core'));

function log(line) {
  process.stdout.write(`${line}\n`);
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    const requests = [];
    page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    await page.goto(pathToFileURL(path.resolve(report)).href, { waitUntil: 'load' });
    await page.waitForSelector('table.matrix');

    const row = page.locator('tr.row', { hasText: rowText }).first();
    const rowClass = await row.getAttribute('class');
    if (!rowClass.split(' ').includes(verdict)) throw new Error(`the "${rowText}" row is "${rowClass}", not ${verdict}`);
    const colours = await row.locator(`td.cell.${verdict}`).evaluateAll((cells) =>
      cells.map((c) => getComputedStyle(c).backgroundColor));
    const expected = await page.evaluate((v) => {
      const probe = document.createElement('td');
      probe.className = `cell ${v}`;
      document.body.appendChild(probe);
      const colour = getComputedStyle(probe).backgroundColor;
      probe.remove();
      return colour;
    }, verdict);
    if (colours.length === 0 || colours.some((c) => c !== expected)) {
      throw new Error(`the "${rowText}" row's ${verdict} cells are ${JSON.stringify(colours)}, not ${expected}`);
    }
    log(`row "${rowText}": ${verdict}, ${colours.length} cells in ${expected}`);

    // The first statement of the row opens on click and shows its passage.
    const first = row.locator('details').first();
    await first.locator('summary').click();
    const passage = (await first.locator('.passage').innerText()).trim();
    if (!passage.startsWith('line ')) throw new Error(`no passage on click: ${passage}`);
    log(`passage on click: ${passage.slice(0, 80)}`);

    // The verdict filter hides the other rows.
    await page.click(`.filters button[data-filter="${verdict}"]`);
    const shown = await page.locator('tr.row:visible').evaluateAll((rows) => rows.map((r) => r.dataset.verdict));
    if (shown.length === 0 || shown.some((v) => v !== verdict)) throw new Error(`filter ${verdict} shows ${shown}`);
    log(`filter ${verdict}: ${shown.length} rows shown`);
    await page.click('.filters button[data-filter="all"]');

    if (injected) {
      await page.$$eval('details', (all) => all.forEach((d) => { d.open = true; }));
      const pwned = await page.evaluate(() => window.__pwned);
      if (pwned !== undefined) throw new Error(`markup from an article ran: window.__pwned = ${pwned}`);
      const text = await page.locator('body').innerText();
      if (!text.includes(injected)) throw new Error(`the injected markup is not shown as text: ${injected}`);
      const images = await page.locator('img, script[src], iframe').count();
      if (images !== 0) throw new Error(`${images} elements came from article text`);
      log('injected markup stays inert text');
    }

    await page.screenshot({ path: screenshot, fullPage: false });
    log(`screenshot: ${screenshot}`);
    if (requests.length > 0) throw new Error(`the page fetched: ${requests.join(', ')}`);
    if (problems.length > 0) throw new Error(`console:\n${problems.join('\n')}`);
    log('no console errors, no network');
  } finally {
    await browser.close();
  }
}

main().then(
  () => log('report in Chromium: all checks passed'),
  (error) => {
    console.error(`report browser test failed: ${error.message}`);
    process.exitCode = 1;
  }
);
