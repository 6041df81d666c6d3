#!/usr/bin/env node
// Asks Pagefind (in Chromium) the questions of a relevance set; see
// pagefind.sh. Prints the score by kind and each miss.
//
//   node benches/registers/pagefind_relevance.mjs HUGO_PUBLIC QUESTIONS_YAML

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const browserTests = path.join(repo, 'tests', 'browser');
const require = createRequire(path.join(browserTests, 'package.json'));
const { launchChromium, startServer } = await import(path.join(browserTests, 'search.mjs'));

const [publicDir, questionsFile] = process.argv.slice(2);
const questions = [];
for (const line of fs.readFileSync(questionsFile, 'utf8').split('\n')) {
  const m = line.match(/^- \{ kind: (\w+), query: "((?:[^"\\]|\\.)*)", expect: (\S+) \}/);
  if (m) questions.push({ kind: m[1], query: m[2].replace(/\\"/g, '"').replace(/\\\\/g, '\\'), expect: m[3] });
}
fs.writeFileSync(path.join(publicDir, 'pf-test.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body></body></html>');
const { chromium } = require('playwright-core');
const server = await startServer(path.resolve(publicDir));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launchChromium(chromium);
const page = await (await browser.newContext()).newPage();
await page.goto(`${base}/pf-test.html`);
await page.evaluate(async () => {
  window.pf = await import('/pagefind/pagefind.js');
  await window.pf.init();
});
const byKind = {};
const misses = [];
for (const q of questions) {
  const urls = await page.evaluate(async (text) => {
    const s = await window.pf.search(text);
    const data = await Promise.all(s.results.slice(0, 3).map((r) => r.data()));
    return data.map((d) => d.url);
  }, q.query);
  const ids = urls.map((u) => u.replace(/^\/|\/$/g, '').replace(/\/index\.html$/, ''));
  const found = ids.includes(q.expect);
  const k = (byKind[q.kind] ||= { found: 0, of: 0 });
  k.of++;
  if (found) k.found++;
  else misses.push(`${q.kind} "${q.query}": expected ${q.expect}, got ${ids.join(' | ')}`);
}
await browser.close();
server.close();
const total = Object.values(byKind).reduce((n, k) => n + k.found, 0);
console.log(`pagefind: ${total}/${questions.length} in the top 3 (${Object.entries(byKind).map(([k, v]) => `${k} ${v.found}/${v.of}`).join(', ')})`);
for (const m of misses) console.log(`  miss: ${m}`);
