#!/usr/bin/env node
// Screenshots of the main pages of the example site, at 1280 and 390
// pixels wide, for docs/screenshots/ (shown in the README).
//
//   cargo run --release -- build --out /tmp/cahier-example
//   node tests/browser/screenshots.mjs /tmp/cahier-example
//
// Writes docs/screenshots/<page>-<width>.png (the top of each page, as a
// reader first sees it). Run it again after a change of the theme. For a
// /changes/ page with the cooperative's history rather than cahier's own
// commits, build the example replayed as a repository:
//
//   python3 tests/example_history.py /tmp/konbit
//   cargo run --release -- build --root /tmp/konbit --out /tmp/cahier-example

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { launchChromium, startServer } from './search.mjs';

const require = createRequire(import.meta.url);
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = path.join(REPO, 'docs', 'screenshots');

const PAGES = [
  ['home', '/'],
  ['register', '/decisions/'],
  ['topic', '/topics/remuneration/'],
  ['decision', '/decisions/2012-01-10-fin-du-gel-des-embauches/'],
  ['authority', '/authority/'],
  ['search', '/search/?q=qui%20d%C3%A9cide%20des%20embauches'],
  ['changes', '/changes/'],
  ['compare', '/decisions/changes/?from=2010-01-01&to=2015-12-31'],
];

async function main() {
  const site = process.argv[2];
  if (!site || !fs.existsSync(path.join(site, 'index.html'))) {
    console.error('usage: node tests/browser/screenshots.mjs SITE_DIR (the example site built by `cahier build --out SITE_DIR`)');
    process.exit(2);
  }
  fs.mkdirSync(OUT, { recursive: true });
  const { chromium } = require('playwright-core');
  const server = await startServer(path.resolve(site));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchChromium(chromium);
  try {
    for (const [width, height] of [[1280, 800], [390, 844]]) {
      const page = await (await browser.newContext({ viewport: { width, height }, locale: 'fr-FR' })).newPage();
      for (const [name, p] of PAGES) {
        await page.goto(base + p, { waitUntil: 'load' });
        if (p.startsWith('/search/')) {
          await page.waitForFunction(() => document.getElementById('search-app')?.dataset.state === 'done');
          await page.waitForLoadState('networkidle');
        }
        if (p.startsWith('/decisions/changes/')) {
          await page.waitForFunction(() => document.querySelector('#compare-period time')?.textContent === '2010-01-01');
        }
        const file = path.join(OUT, `${name}-${width}.png`);
        await page.screenshot({ path: file });
        console.log(path.relative(REPO, file));
      }
      await page.context().close();
    }
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
