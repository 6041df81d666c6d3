#!/usr/bin/env node
// Browser checks of a built cahier site.
//
//   node tests/browser/run.mjs SITE_DIR
//
// SITE_DIR is a site folder already written by `cahier build --out SITE_DIR`.
// The checks: HTML validity (Nu checker), accessibility (axe-core), the
// register's filters and point-in-time view, navigation from file://, the
// status banner of superseded decisions, and screenshots of key pages at a
// desktop and a mobile width (written to target/screenshots/ of the repo).
//
// One line per check, `ok - name` or `not ok - name: reason`, then
// `N passed, M failed`; exit status 1 when anything failed.
//
// Environment: CHROMIUM (default /usr/bin/chromium); REGISTER_DATES, a
// comma-separated list of YYYY-MM-DD for the point-in-time check (default:
// 2011-01-01 and today).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { searchFor } from './search.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const axe = require('axe-core');
// vnu-jar exports the path of its jar (a String object).
const VNU_JAR = String(require('vnu-jar'));

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const SCREENSHOTS = path.join(REPO, 'target', 'screenshots');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Every wait is bounded.
const CHECK_TIMEOUT_MS = 120_000; // one browser check, all its steps
const VNU_TIMEOUT_MS = 600_000; // the Nu checker on the whole site
const NAV_TIMEOUT_MS = 30_000;
const ACTION_TIMEOUT_MS = 10_000;
const LAUNCH_TIMEOUT_MS = 60_000;

// ---------------------------------------------------------------------------
// Arguments and site data

const siteArg = process.argv[2];
if (!siteArg) {
  console.error('usage: node tests/browser/run.mjs SITE_DIR');
  process.exit(2);
}
const SITE = path.resolve(siteArg);
if (!fs.existsSync(path.join(SITE, 'index.html'))) {
  console.error(`${SITE} has no index.html: build the site first (cahier build --out ${siteArg})`);
  process.exit(2);
}

const decisions = JSON.parse(fs.readFileSync(path.join(SITE, 'decisions.json'), 'utf8'));
const byId = new Map(decisions.map((d) => [d.id, d]));

// ---------------------------------------------------------------------------
// Reporting

let passed = 0;
let failed = 0;

function report(name, err) {
  if (err) {
    failed++;
    const reason = String(err && err.message ? err.message : err);
    const [first, ...rest] = reason.split('\n');
    console.log(`not ok - ${name}: ${first}`);
    for (const line of rest) console.log(`#   ${line}`);
  } else {
    passed++;
    console.log(`ok - ${name}`);
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function check(name, fn, ms = CHECK_TIMEOUT_MS) {
  try {
    await withTimeout(Promise.resolve().then(fn), ms, name);
    report(name);
  } catch (err) {
    report(name, err);
  }
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

function sameSet(actual, expected) {
  const a = new Set(actual);
  const e = new Set(expected);
  const missing = [...e].filter((x) => !a.has(x));
  const extra = [...a].filter((x) => !e.has(x));
  return { missing, extra, ok: missing.length === 0 && extra.length === 0 && actual.length === a.size };
}

// ---------------------------------------------------------------------------
// A tiny static server over SITE (127.0.0.1, ephemeral port)

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.ics': 'text/calendar; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

function startServer(root) {
  const server = http.createServer((req, res) => {
    const send = (status, file, headers = {}) => {
      if (!file) {
        res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
        res.end(`${status}\n`);
        return;
      }
      const type = TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(file).on('error', () => res.end()).pipe(res);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, null);
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      return send(400, null);
    }
    const file = path.join(root, pathname);
    if (file !== root && !file.startsWith(root + path.sep)) return send(403, null);
    let stat = null;
    try {
      stat = fs.statSync(file);
    } catch {}
    if (stat && stat.isDirectory()) {
      if (!pathname.endsWith('/')) {
        const u = new URL(req.url, 'http://127.0.0.1');
        return send(301, null, { location: u.pathname + '/' + u.search });
      }
      const index = path.join(file, 'index.html');
      if (fs.existsSync(index)) return send(200, index);
      return send(404, null);
    }
    if (stat && stat.isFile()) return send(200, file);
    const notFound = path.join(root, '404.html');
    return send(404, fs.existsSync(notFound) ? notFound : null);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

// ---------------------------------------------------------------------------
// a. HTML validity with the Nu checker

function runVnu() {
  return new Promise((resolve, reject) => {
    const args = ['-jar', VNU_JAR, '--errors-only', '--format', 'json', '--skip-non-html', SITE];
    const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the Nu checker timed out after ${VNU_TIMEOUT_MS / 1000} s`));
    }, VNU_TIMEOUT_MS);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot run java: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      // The JSON report goes to stderr; look in both streams.
      for (const text of [err, out]) {
        const start = text.indexOf('{');
        if (start < 0) continue;
        try {
          return resolve(JSON.parse(text.slice(start)));
        } catch {}
      }
      reject(new Error(`the Nu checker exited ${code} without a JSON report: ${(err || out).slice(0, 500)}`));
    });
  });
}

async function checkHtmlValidity() {
  const report = await runVnu();
  const messages = (report.messages || []).filter((m) => m.type !== 'info');
  if (messages.length === 0) return;
  const lines = messages.slice(0, 20).map((m) => {
    const file = m.url ? m.url.replace(pathToFileURL(SITE).href, '') : '?';
    const where = m.lastLine ? `:${m.lastLine}:${m.firstColumn || m.lastColumn || 0}` : '';
    return `${file}${where} ${m.type}: ${m.message}${m.extract ? ` [${m.extract.replace(/\s+/g, ' ').trim().slice(0, 80)}]` : ''}`;
  });
  throw new Error(`${messages.length} error(s)\n${lines.join('\n')}`);
}

// ---------------------------------------------------------------------------
// Browser helpers

let browser;
let base; // http://127.0.0.1:PORT
const pageErrors = []; // uncaught exceptions and console errors, all pages

async function newPage(viewport = { width: 1280, height: 900 }, colorScheme = 'light') {
  const context = await browser.newContext({ viewport, locale: 'fr-FR', colorScheme });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(NAV_TIMEOUT_MS);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    // Failed loads are reported below with their URL.
    if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) {
      pageErrors.push(`${page.url()}: console: ${m.text()}`);
    }
  });
  page.on('response', (r) => {
    // Chromium asks for /favicon.ico on its own; the theme declares none.
    if (r.status() >= 400 && !/\/favicon\.ico$/.test(r.url()) && r.url() !== page.url()) {
      pageErrors.push(`${page.url()}: ${r.url()}: HTTP ${r.status()}`);
    }
  });
  page.on('requestfailed', (r) => {
    if (!/\/favicon\.ico$/.test(r.url())) pageErrors.push(`${page.url()}: ${r.url()}: ${r.failure()?.errorText}`);
  });
  return page;
}

async function withPage(fn, viewport, colorScheme) {
  const page = await newPage(viewport, colorScheme);
  try {
    return await fn(page);
  } finally {
    await page.context().close().catch(() => {});
  }
}

async function open(page, url) {
  const res = await page.goto(url, { waitUntil: 'load' });
  if (res && !res.ok() && !url.startsWith('file:')) throw new Error(`${url}: HTTP ${res.status()}`);
  return res;
}

// Clicks a link and waits until the page at another URL has loaded.
async function clickAndWait(page, locator) {
  const before = page.url();
  await locator.click();
  await page.waitForURL((u) => u.href !== before, { waitUntil: 'load' });
}

function urlPath(href) {
  return new URL(href).pathname;
}

// A site path ("/decisions/") as the HTTP URL and its file:// URL.
const http_ = (p) => base + p;

// First link in <main> of the page at `listPath` leading strictly below it.
async function firstLinkUnder(listPath) {
  return withPage(async (page) => {
    await open(page, http_(listPath));
    const hrefs = await page.$$eval('main a[href]', (as) => as.map((a) => a.href));
    const hit = hrefs.map(urlPath).find((p) => p.startsWith(listPath) && p !== listPath);
    assert(hit, `no link under ${listPath} on ${listPath}`);
    return hit;
  });
}

// ---------------------------------------------------------------------------
// b. Accessibility with axe-core

// axe on a page, in a colour scheme and at a width; `then` brings the page
// to the state a reader reaches (a query typed, a filter chosen).
async function axeCheck(pagePath, { scheme = 'light', width = 1280, then } = {}) {
  await withPage(async (page) => {
    await open(page, http_(pagePath));
    if (then) await then(page);
    await page.addScriptTag({ content: axe.source });
    const result = await page.evaluate(() =>
      window.axe.run(document, { resultTypes: ['violations'] }).then((r) =>
        r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          count: v.nodes.length,
          target: v.nodes[0] ? v.nodes[0].target.join(' ') : '',
        }))
      )
    );
    const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    const minor = result.filter((v) => !bad.includes(v));
    for (const v of minor) console.log(`# ${pagePath} (${scheme}, ${width}px): ${v.id} (${v.impact}, ${v.count}×) ${v.target}`);
    if (bad.length) {
      throw new Error(
        `${bad.length} serious/critical violation(s)\n` +
          bad.map((v) => `${v.id} (${v.impact}, ${v.count}×): ${v.target} — ${v.help}`).join('\n')
      );
    }
  }, { width, height: 900 }, scheme);
}

// At 390 pixels: no page scrolls sideways as a whole, and each register
// row shows its status inside the viewport.
async function checkNarrow(pages) {
  const problems = [];
  await withPage(async (page) => {
    for (const [name, p] of pages) {
      await open(page, http_(p));
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (wide > 0) problems.push(`${name} ${p}: the page scrolls ${wide}px sideways at 390px`);
    }
    await open(page, http_('/decisions/'));
    const hidden = await page.$$eval('#register tbody tr', (trs) =>
      trs
        .filter((tr) => !tr.hidden)
        .filter((tr) => {
          const badge = tr.querySelector('.status-cell .badge');
          if (!badge) return true;
          const r = badge.getBoundingClientRect();
          return r.width === 0 || r.left < 0 || r.right > document.documentElement.clientWidth;
        })
        .map((tr) => tr.dataset.title)
    );
    if (hidden.length) problems.push(`register at 390px: ${hidden.length} row(s) without their status on screen, e.g. ${hidden.slice(0, 3).join(' | ')}`);
  }, { width: 390, height: 844 });
  assert(!problems.length, problems.join('\n'));
}

// /in-force/ as printed: each top-level topic after the first starts a
// page, the date is repeated on every page, and Chromium makes a PDF of at
// least as many pages as there are top-level topics.
async function checkInForcePrint() {
  await withPage(async (page) => {
    await open(page, http_('/in-force/'));
    await page.emulateMedia({ media: 'print' });
    const layout = await page.evaluate(() => {
      const sections = [...document.querySelectorAll('.in-force-topic.depth-0')];
      const date = document.querySelector('.print-date');
      return {
        top: sections.length,
        breaking: sections.slice(1).filter((s) => getComputedStyle(s).breakBefore === 'page').length,
        dateFixed: !!date && getComputedStyle(date).position === 'fixed' && getComputedStyle(date).display !== 'none',
      };
    });
    assert(layout.top > 1, `only ${layout.top} top-level topic section(s)`);
    assert(layout.breaking === layout.top - 1, `${layout.breaking} of ${layout.top - 1} top-level topics start a page`);
    assert(layout.dateFixed, 'the date is not repeated on printed pages');
    const pdf = await page.pdf({ format: 'A4' });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    assert(pages >= layout.top, `the PDF has ${pages} pages for ${layout.top} top-level topics`);
  });
}

// The header search box, the search filters and the register filters,
// with the keyboard alone.
// Glossary terms (content format 14.4): on a page that uses them, Tab
// reaches the first marked term, whose <abbr> carries the definition and
// whose link, followed with Enter, lands on the term's entry in the
// glossary.
async function checkGlossaryTerms() {
  await withPage(async (page) => {
    await open(page, http_('/onboarding/faq/'));
    let term = null;
    for (let i = 0; i < 80 && !term; i++) {
      await page.keyboard.press('Tab');
      term = await page.evaluate(() => {
        const a = document.activeElement;
        if (!a || !a.matches('a.term')) return null;
        const abbr = a.querySelector('abbr[title]');
        return { text: a.textContent, title: abbr && abbr.title, href: a.getAttribute('href') };
      });
    }
    assert(term, 'no glossary term reachable with Tab on /onboarding/faq/');
    assert(term.title && term.title.length > 3, `the term ${term.text} has no definition: ${JSON.stringify(term)}`);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname.endsWith('/glossaire/lexique/'), { waitUntil: 'load' });
    const anchor = new URL(page.url()).hash.slice(1);
    const target = await page.evaluate((id) => {
      const el = document.getElementById(id);
      return el ? el.textContent.trim() : null;
    }, anchor);
    assert(target === term.text || (target && target.toLowerCase() === term.text.toLowerCase()), `#${anchor} holds ${target}, not ${term.text}`);
  });
}

async function checkKeyboard() {
  await withPage(async (page) => {
    await open(page, http_('/'));
    // Header search: Tab until the box has the focus, type, pick with the arrows.
    let focused = false;
    for (let i = 0; i < 30 && !focused; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement && document.activeElement.id === 'site-search-q');
    }
    assert(focused, 'the header search box is not reachable with Tab');
    await page.keyboard.type('embauche');
    await page.waitForSelector('#site-search-list:not([hidden]) [role=option]');
    await page.keyboard.press('ArrowDown');
    const before = page.url();
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.href !== before, { waitUntil: 'load' });
    assert(!new URL(page.url()).pathname.endsWith('/search/') || new URL(page.url()).search === '', `Enter on a suggestion opened ${page.url()}`);

    // Register filters: Tab to the topic filter, choose with the arrows.
    await open(page, http_('/decisions/'));
    const total = await page.$$eval('#register tbody tr', (trs) => trs.length);
    focused = false;
    for (let i = 0; i < 40 && !focused; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement && document.activeElement.name === 'status');
    }
    assert(focused, 'the status filter of the register is not reachable with Tab');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction((total) => [...document.querySelectorAll('#register tbody tr')].filter((tr) => !tr.hidden).length < total, total);

    // Search filters: a query, then Tab to the first filter and Space.
    await open(page, http_('/search/?q=embauche'));
    await page.waitForSelector('#search-app[data-state=done]');
    const shown = await page.$$eval('li.search-hit', (li) => li.length);
    // The filter panel is open beside the results on a wide screen; folded, Enter opens it.
    if (!(await page.$eval('.search-facets', (d) => d.open))) {
      await page.focus('.search-facets summary');
      await page.keyboard.press('Enter');
    }
    await page.waitForSelector('.search-facets .facet-value');
    focused = false;
    for (let i = 0; i < 80 && !focused; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => {
        const a = document.activeElement;
        return !!a && a.classList.contains('facet-value');
      });
    }
    assert(focused, 'no search filter is reachable with Tab');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => /[?&](type|status|by|year|lang|topic)=/.test(location.search), null, { timeout: ACTION_TIMEOUT_MS });
    assert(shown > 0, 'the query had no result');
  });
}

// ---------------------------------------------------------------------------
// c. Register filters

// The rows of the register table as the browser shows them.
function registerRows(page) {
  return page.$$eval('#register tbody tr', (trs) =>
    trs.map((tr) => ({
      visible: !tr.hidden && tr.getClientRects().length > 0,
      topics: (tr.dataset.topics || '').split(/\s+/).filter(Boolean),
      effective: tr.dataset.effective,
      href: (tr.cells[1] && tr.cells[1].querySelector('a') || {}).href || '',
    }))
  );
}

async function registerCount(page) {
  return Number((await page.textContent('#register-count')).trim());
}

async function waitForFilters(page) {
  await page.locator('#register-filters').waitFor({ state: 'visible' });
}

// The paths of the decisions in force on `day` (YYYY-MM-DD), from decisions.json.
function expectedInForce(day) {
  const out = [];
  for (const d of decisions) {
    if (d.status !== 'adopted' || !(d.date <= day)) continue;
    const enders = [...(d.superseded_by || []), ...(d.repealed_by || [])]
      .map((id) => byId.get(id))
      .filter(Boolean)
      .map((x) => x.date)
      .sort();
    if (enders.length && enders[0] <= day) continue; // ended on the date the later one was taken
    if (d.expires && d.expires < day) continue; // still in force on the expiry date itself
    out.push(d.url);
  }
  return out;
}

function today() {
  const n = new Date();
  const p = (x) => String(x).padStart(2, '0');
  return `${n.getFullYear()}-${p(n.getMonth() + 1)}-${p(n.getDate())}`;
}

async function checkTopicFilter() {
  await withPage(async (page) => {
    await open(page, http_('/decisions/'));
    await waitForFilters(page);
    const all = await registerRows(page);
    assert(all.length > 0, 'the register table has no rows');
    assert(all.every((r) => r.visible), 'not every row is visible before filtering');
    assert((await registerCount(page)) === all.length, `#register-count is not ${all.length} before filtering`);
    const options = await page.$$eval('select[name=topic] option', (os) => os.map((o) => o.value).filter(Boolean));
    assert(options.length > 0, 'select[name=topic] has no topic option');
    // A topic that keeps some rows but not all.
    const topic =
      options.find((t) => {
        const n = all.filter((r) => r.topics.includes(t)).length;
        return n > 0 && n < all.length;
      }) || options[0];
    await page.selectOption('select[name=topic]', topic);
    const rows = await registerRows(page);
    const visible = rows.filter((r) => r.visible);
    assert(visible.length > 0, `topic ${topic}: no row visible`);
    const wrong = visible.filter((r) => !r.topics.includes(topic));
    assert(!wrong.length, `topic ${topic}: visible rows without it: ${wrong.map((r) => urlPath(r.href)).join(', ')}`);
    const hiddenWith = rows.filter((r) => !r.visible && r.topics.includes(topic));
    assert(!hiddenWith.length, `topic ${topic}: hidden rows that have it: ${hiddenWith.map((r) => urlPath(r.href)).join(', ')}`);
    const count = await registerCount(page);
    assert(count === visible.length, `topic ${topic}: #register-count says ${count}, ${visible.length} rows visible`);
    const q = new URL(page.url()).searchParams.get('topic');
    assert(q === topic, `topic ${topic}: the URL is ${page.url()}, expected ?topic=${topic}`);
  });
}

async function checkUrlRoundTrip() {
  await withPage(async (page) => {
    await open(page, http_('/decisions/'));
    const topics = await page.$$eval('select[name=topic] option', (os) => os.map((o) => o.value).filter(Boolean));
    const all = await registerRows(page);
    const topic = topics.find((t) => all.some((r) => r.topics.includes(t) && r.effective === 'adopted')) || topics[0];
    await open(page, http_(`/decisions/?topic=${encodeURIComponent(topic)}&status=in-force`));
    await waitForFilters(page);
    const t = await page.inputValue('select[name=topic]');
    const s = await page.inputValue('select[name=status]');
    assert(t === topic, `select[name=topic] is "${t}", expected "${topic}"`);
    assert(s === 'in-force', `select[name=status] is "${s}", expected "in-force"`);
    const rows = await registerRows(page);
    const visible = rows.filter((r) => r.visible);
    const expected = rows.filter((r) => r.topics.includes(topic) && r.effective === 'adopted');
    assert(visible.length === expected.length && visible.every((r) => r.topics.includes(topic) && r.effective === 'adopted'),
      `${visible.length} rows visible, expected the ${expected.length} in force with topic ${topic}`);
    const count = await registerCount(page);
    assert(count === visible.length, `#register-count says ${count}, ${visible.length} rows visible`);
    const params = new URL(page.url()).searchParams;
    assert(params.get('topic') === topic && params.get('status') === 'in-force', `the URL lost the filters: ${page.url()}`);
  });
}

async function checkPointInTime(day) {
  await withPage(async (page) => {
    await open(page, http_('/decisions/'));
    await waitForFilters(page);
    await page.fill('input[name=on]', day);
    await page.waitForFunction((d) => new URLSearchParams(location.search).get('on') === d, day, { timeout: ACTION_TIMEOUT_MS });
    const rows = await registerRows(page);
    const shown = rows.filter((r) => r.visible).map((r) => urlPath(r.href));
    const expected = expectedInForce(day);
    const cmp = sameSet(shown, expected);
    const count = await registerCount(page);
    const problems = [];
    if (cmp.missing.length) problems.push(`missing: ${cmp.missing.join(', ')}`);
    if (cmp.extra.length) problems.push(`unexpected: ${cmp.extra.join(', ')}`);
    if (count !== shown.length) problems.push(`#register-count says ${count}, ${shown.length} rows visible`);
    assert(!problems.length, `${shown.length} rows shown, ${expected.length} expected\n${problems.join('\n')}`);
  });
}

// ---------------------------------------------------------------------------
// d. Navigation from file://

async function checkFileNavRegister() {
  await withPage(async (page) => {
    await open(page, pathToFileURL(path.join(SITE, 'index.html')).href);
    const link = page.locator('nav.site-nav a', { hasText: /^\s*Décisions\s*$/ }).first();
    await clickAndWait(page, link);
    assert(page.url().endsWith('decisions/index.html'), `the nav link led to ${page.url()}`);
    assert((await page.locator('table#register tbody tr').count()) > 0, `${page.url()} has no register table with rows`);
  });
}

async function checkFileTwoClicks() {
  await withPage(async (page) => {
    await open(page, pathToFileURL(path.join(SITE, 'index.html')).href);
    const card = page.locator('.topic-cards a').first();
    assert((await card.count()) === 1, 'the home page has no topic card link');
    await clickAndWait(page, card);
    assert(/\/topics\/[^/]+\/index\.html$/.test(page.url()), `the topic card led to ${page.url()}`);
    const first = page.locator('main .decision-list a.title').first();
    assert((await first.count()) === 1, `${page.url()} has no decision link`);
    await clickAndWait(page, first);
    const url = page.url();
    assert(url.startsWith('file:') && url.endsWith('/index.html'), `the decision link led to ${url}`);
    const rel = '/' + path.relative(SITE, path.dirname(fileURLToPath(url))).split(path.sep).join('/') + '/';
    const d = decisions.find((x) => x.url === rel);
    assert(d, `${rel} is not a decision of decisions.json`);
    assert(d.in_force, `${rel} is not in force (${d.effective_status})`);
    assert((await page.locator('.status-banner.adopted').count()) === 1, `${rel} has no .status-banner.adopted`);
  });
}

// The register between two dates, from file://, the dates in the address:
// what entered force and the proposals pending are those decisions.json
// dates in the period; what left force is no longer in force today.
async function checkCompareFromFile() {
  const [from, to] = ['2010-01-01', '2016-12-31'];
  await withPage(async (page) => {
    const url = pathToFileURL(path.join(SITE, 'decisions', 'changes', 'index.html')).href + `?from=${from}&to=${to}`;
    await open(page, url);
    await page.waitForFunction(([f, t]) => {
      const times = document.querySelectorAll('#compare-period time');
      return times.length === 2 && times[0].textContent === f && times[1].textContent === t;
    }, [from, to]);
    const inputs = await page.evaluate(() => [document.querySelector('input[name=from]').value, document.querySelector('input[name=to]').value]);
    assert(inputs[0] === from && inputs[1] === to, `the date fields hold ${inputs}, not the address's dates`);
    const listed = (name) => page.evaluate((n) => [...document.querySelectorAll(`[data-list="${n}"] > li > a:first-child`)].map((a) => new URL(a.href).pathname), name);
    const toUrl = (p) => {
      assert(p.endsWith('/index.html'), `a link from file:// does not name index.html: ${p}`);
      return '/' + path.relative(SITE, path.dirname(decodeURIComponent(p))).split(path.sep).join('/') + '/';
    };
    const within = (d) => from <= d.date && d.date <= to;
    for (const [name, expected] of [
      ['entered', decisions.filter((d) => d.status === 'adopted' && within(d))],
      ['pending', decisions.filter((d) => d.effective_status === 'proposed' && within(d))],
    ]) {
      const got = (await listed(name)).map(toUrl).sort();
      const want = expected.map((d) => d.url).sort();
      assert(JSON.stringify(got) === JSON.stringify(want), `${name}: listed ${got.length} (${got.slice(0, 3)}…), decisions.json says ${want.length} (${want.slice(0, 3)}…)`);
    }
    const left = (await listed('left')).map(toUrl);
    assert(left.length > 0, `nothing left force between ${from} and ${to}`);
    for (const u of left) {
      const d = decisions.find((x) => x.url === u);
      assert(d && !d.in_force, `${u} is listed as having left force but is in force today`);
    }
    // Another date: the lists and the address follow.
    await page.fill('input[name=from]', '2015-01-01');
    await page.dispatchEvent('input[name=from]', 'change');
    await page.waitForFunction(() => document.querySelector('#compare-period time').textContent === '2015-01-01');
    assert(page.url().includes('from=2015-01-01') && page.url().includes(`to=${to}`), `the address did not follow: ${page.url()}`);
  });
}

// ---------------------------------------------------------------------------
// e. Status banner of superseded decisions

async function checkSupersededBanners() {
  const superseded = decisions.filter((d) => d.effective_status === 'superseded');
  assert(superseded.length > 0, 'decisions.json has no superseded decision');
  const problems = [];
  await withPage(async (page) => {
    for (const d of superseded) {
      const current = byId.get(d.current);
      await open(page, http_(d.url));
      const banner = page.locator('.status-banner.superseded');
      if ((await banner.count()) !== 1) {
        problems.push(`${d.url}: no .status-banner.superseded`);
        continue;
      }
      if (!current || current.id === d.id) {
        problems.push(`${d.url}: decisions.json names no other current decision (${d.current})`);
        continue;
      }
      const hrefs = await banner.locator('a[href]').evaluateAll((as) => as.map((a) => a.href));
      const i = hrefs.findIndex((h) => urlPath(h) === current.url);
      if (i < 0) {
        problems.push(`${d.url}: the banner has no link to the current decision ${current.url}`);
        continue;
      }
      await clickAndWait(page, banner.locator('a[href]').nth(i));
      if (urlPath(page.url()) !== current.url) {
        problems.push(`${d.url}: the banner link led to ${page.url()}, expected ${current.url}`);
        continue;
      }
      const want = current.effective_status;
      if ((await page.locator(`.status-banner.${want}`).count()) !== 1) {
        problems.push(`${current.url}: no .status-banner.${want}`);
      } else if (want !== 'adopted') {
        problems.push(`${d.url}: its current decision ${current.url} is ${want}, not in force`);
      }
    }
  });
  assert(!problems.length, `${problems.length} of ${superseded.length} superseded decisions\n${problems.join('\n')}`);
}

// ---------------------------------------------------------------------------
// f. Screenshots

async function checkScreenshots(pages) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const viewports = [
    ['desktop', { width: 1280, height: 900 }],
    ['mobile', { width: 390, height: 844 }],
  ];
  const problems = [];
  for (const [vname, viewport] of viewports) {
    await withPage(async (page) => {
      for (const [name, p] of pages) {
        await open(page, http_(p));
        await page.evaluate(() => document.fonts && document.fonts.ready);
        await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${vname}.png`) });
        await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${vname}-full.png`), fullPage: true });
        // The page itself must not scroll sideways (wide tables scroll in their own box).
        const over = await page.evaluate(() => {
          const w = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth <= w) return null;
          const culprits = [];
          for (const el of document.querySelectorAll('body *')) {
            const r = el.getBoundingClientRect();
            if (r.right > w + 1 && r.width > 0) {
              let p = el.parentElement;
              let clipped = false;
              while (p && p !== document.body) {
                const s = getComputedStyle(p);
                if (s.overflowX !== 'visible') { clipped = true; break; }
                p = p.parentElement;
              }
              if (!clipped) culprits.push(el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : ''));
            }
            if (culprits.length >= 3) break;
          }
          return `${document.documentElement.scrollWidth}px wide for ${w}px (${culprits.join(', ')})`;
        });
        if (over) problems.push(`${p} at ${viewport.width}px: page scrolls sideways, ${over}`);
      }
    }, viewport);
  }
  assert(!problems.length, problems.join('\n'));
}

// ---------------------------------------------------------------------------

async function main() {
  // a. Before the browser: the checker runs alone on the two cores.
  await check('HTML validity (Nu checker, every .html file)', checkHtmlValidity, VNU_TIMEOUT_MS + 10_000);

  let server;
  try {
    server = await startServer(SITE);
    base = `http://127.0.0.1:${server.address().port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: LAUNCH_TIMEOUT_MS });
  } catch (err) {
    report('start the server and Chromium', err);
    return finish(server);
  }

  // Pages picked from the site itself.
  let topicPage, committeePage, superseded, meetingPage, principlePage, wikiPage;
  await check('find the sample pages', async () => {
    topicPage = await firstLinkUnder('/topics/');
    committeePage = await firstLinkUnder('/committees/');
    principlePage = await firstLinkUnder('/principles/');
    wikiPage = await firstLinkUnder('/procedures/');
    const s = decisions.find((d) => d.effective_status === 'superseded');
    assert(s, 'decisions.json has no superseded decision');
    superseded = s.url;
    const inline = decisions.find((d) => d.meeting && d.id.startsWith(d.meeting + '/'));
    assert(inline, 'decisions.json has no decision written inline in a meeting');
    meetingPage = '/' + inline.meeting + '/';
    assert(fs.existsSync(path.join(SITE, inline.meeting, 'index.html')), `${meetingPage} was not built`);
  });

  const axePages = [
    ['home', '/'],
    ['topics', '/topics/'],
    ['topic', topicPage],
    ['register', '/decisions/'],
    ['authority', '/authority/'],
    ['committees', '/committees/'],
    ['committee', committeePage],
    ['superseded decision', superseded],
    ['meeting with an inline decision', meetingPage],
    ['follow-up', '/follow-up/'],
    ['principles', '/principles/'],
    ['principle', principlePage],
    ['wiki page', wikiPage],
    ['meetings', '/meetings/'],
    ['timeline', '/timeline/'],
    ['rules in force', '/in-force/'],
    ['recent changes', '/changes/'],
    ['register between two dates', '/decisions/changes/'],
    ['glossary', '/glossaire/lexique/'],
    ['page with glossary terms', '/onboarding/faq/'],
    ['outdated procedure (banner)', '/procedures/astreinte/'],
    ['outdated translation (banner)', '/en/procedures/fermetures/'],
    ['wiki health', '/health/'],
    ['English wiki health', '/en/health/'],
    ['not found', '/404.html'],
    ['English home', '/en/'],
  ];
  // Every page kind, light and dark, wide and narrow; then the states a
  // reader reaches on the search page and the register.
  const states = [
    ['search, empty', '/search/', null],
    ['search, with results', '/search/', (page) => searchFor(page, 'embauche')],
    ['search, no result', '/search/', (page) => searchFor(page, 'zzqxwv')],
    ['search, with a filter', '/search/?q=embauche&type=decision', (page) => page.waitForSelector('#search-app[data-state=done]')],
    ['register, with a topic filter', '/decisions/?topic=remuneration', null],
    ['register, in force on a date', '/decisions/?on=2011-01-01', null],
    ['register between two chosen dates', '/decisions/changes/?from=2008-01-01&to=2012-12-31', null],
  ];
  for (const scheme of ['light', 'dark']) {
    for (const width of [1280, 390]) {
      for (const [name, p] of axePages) {
        if (!p) {
          report(`accessibility: ${name}`, new Error('no such page found'));
          continue;
        }
        await check(`accessibility (${scheme}, ${width}px): ${name} ${p}`, () => axeCheck(p, { scheme, width }));
      }
      for (const [name, p, then] of states) {
        await check(`accessibility (${scheme}, ${width}px): ${name} ${p}`, () => axeCheck(p, { scheme, width, then }));
      }
    }
  }
  await check('at 390px: no page scrolls sideways, every register row shows its status', () =>
    checkNarrow([...axePages.filter(([, p]) => p), ['search', '/search/'], ['timeline', '/timeline/'], ['meetings', '/meetings/']]));
  await check('keyboard: header search, register filters and search filters work without a mouse', checkKeyboard);
  await check('keyboard: a glossary term is reached with Tab, shows its definition and leads to its entry', checkGlossaryTerms);
  await check('/in-force/ printed: a page per top-level topic, the date on every page', checkInForcePrint);

  await check('register: topic filter hides other rows, count and URL follow', checkTopicFilter);
  await check('register: ?topic=…&status=in-force pre-selects both filters', checkUrlRoundTrip);
  // REGISTER_DATES=2006-12-31,2027-06-01 checks other dates instead.
  const days = process.env.REGISTER_DATES ? process.env.REGISTER_DATES.split(',').map((x) => x.trim()).filter(Boolean) : ['2011-01-01', today()];
  for (const day of days) {
    await check(`register: in force on ${day} matches decisions.json`, () => checkPointInTime(day));
  }

  await check('file://: nav link "Décisions" opens the register', checkFileNavRegister);
  await check('file://: home → topic card → decision in force in two clicks', checkFileTwoClicks);
  await check('file://: the register between two dates given in the address', checkCompareFromFile);

  await check('superseded decisions: banner links to the current decision, which is in force', checkSupersededBanners, 300_000);

  await check('screenshots at 1280×900 and 390×844, no sideways scrolling', () =>
    checkScreenshots([
      ['home', '/'],
      ['topic', topicPage],
      ['superseded-decision', superseded],
      ['register', '/decisions/'],
      ['authority', '/authority/'],
    ]), 300_000);

  await check('no JavaScript error nor failed load on any page visited', () => {
    const unique = [...new Set(pageErrors)];
    assert(!unique.length, `${unique.length} error(s)\n${unique.slice(0, 20).join('\n')}`);
  });

  return finish(server);
}

async function finish(server) {
  if (browser) await withTimeout(browser.close(), 30_000, 'closing Chromium').catch(() => {});
  if (server) {
    server.closeAllConnections?.();
    await new Promise((r) => server.close(() => r()));
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch(async (err) => {
  report('run', err);
  if (browser) await browser.close().catch(() => {});
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(1);
});
