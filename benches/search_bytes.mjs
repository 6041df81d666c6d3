// Bytes a browser downloads for a cold one-word search: cahier's static index vs Pagefind.
//
// usage: node benches/search_bytes.mjs CAHIER_OUT HUGO_OUT_WITH_PAGEFIND word1 [word2 ...]
//
// HUGO_OUT `-` measures cahier alone. VIEWPORT=WIDTHxHEIGHT sets the size of cahier's page
// (default 1280x720: the filter panel is open beside the results; below 800 px wide it
// starts folded, and the facets only its counts need are not loaded).
//
// Serves each folder from a node http server on 127.0.0.1 (ephemeral port). Text types
// (html, js, mjs, css, json, svg, txt, xml) are gzipped (level 6, zlib default) when the
// client sends Accept-Encoding: gzip; other types (.pagefind, .pf_meta, fonts, images) are
// sent as stored (Pagefind's .pagefind/.pf_meta files are already gzip-compressed on disk).
// "raw" = bytes of the file as stored; "gzip" = body bytes actually sent (headers excluded).
// Every response is Cache-Control: no-store and each measurement uses a fresh browser
// context, so every run is cold.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';

const require = createRequire('/work/main/tests/browser/');
const { chromium } = require('playwright-core');

const [cahierRoot, hugoRoot, ...words] = process.argv.slice(2);
if (!cahierRoot || !hugoRoot || !words.length) {
  console.error('usage: [VIEWPORT=WxH] node benches/search_bytes.mjs CAHIER_OUT HUGO_OUT|- word...');
  process.exit(2);
}
const withPagefind = hugoRoot !== '-';
const [width, height] = (process.env.VIEWPORT || '1280x720').split('x').map(Number);

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml', '.wasm': 'application/wasm', '.woff2': 'font/woff2', '.png': 'image/png', '.jpg': 'image/jpeg',
};
const GZ = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.xml']);

function serve(root) {
  const st = { log: [], inflight: 0, last: Date.now() };
  const server = http.createServer((req, res) => {
    st.inflight++;
    const done = () => { st.inflight--; st.last = Date.now(); };
    let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = path.join(root, path.normalize(p));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return done(); }
    try { if (fs.statSync(file).isDirectory()) file = path.join(file, 'index.html'); } catch { /* 404 below */ }
    let body;
    try { body = fs.readFileSync(file); } catch {
      res.writeHead(404, { 'Cache-Control': 'no-store' }).end();
      st.log.push({ url: p, status: 404, raw: 0, sent: 0 });
      return done();
    }
    const ext = path.extname(file).toLowerCase();
    const headers = { 'Content-Type': TYPES[ext] || 'application/octet-stream', 'Cache-Control': 'no-store' };
    let out = body;
    if (GZ.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
      out = zlib.gzipSync(body);
      headers['Content-Encoding'] = 'gzip';
    }
    headers['Content-Length'] = out.length;
    res.writeHead(200, headers);
    res.end(out);
    st.log.push({ url: p, status: 200, raw: body.length, sent: out.length });
    done();
  });
  return new Promise(ok => server.listen(0, '127.0.0.1', () => ok({ server, st, port: server.address().port })));
}

// Network idle, as seen by the server: nothing in flight and nothing new for `quiet` ms.
async function idle(st, quiet = 500, max = 60000) {
  const t0 = Date.now();
  while (Date.now() - t0 < max) {
    await new Promise(r => setTimeout(r, 50));
    if (st.inflight === 0 && Date.now() - st.last >= quiet) return;
  }
  throw new Error('network never went idle');
}

const sum = (log, f = () => true) => {
  const l = log.filter(f);
  return { n: l.length, raw: l.reduce((a, x) => a + x.raw, 0), gz: l.reduce((a, x) => a + x.sent, 0) };
};

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

async function session(srv, fn, options = {}) {
  const ctx = await browser.newContext(options);
  const page = await ctx.newPage();
  page.on('pageerror', e => console.error('pageerror:', e.message));
  srv.st.log = [];
  try { return await fn(page); } finally { await ctx.close(); }
}

const rows = [];
const isCahierSearch = x => /^\/search(-\w+)?\.js$/.test(x.url) || x.url.startsWith('/search/') && x.url !== '/search/';

// cahier: the /search/ page, then the word into #search-q.
// mode 'fill': one input event with the whole word (like a paste / pf.search(word)).
// mode 'type': one key every 150 ms (the page's 120 ms debounce fires on the leading edge,
// so the first letter runs a query of its own).
async function cahier(word, mode) {
  const srv = await serve(path.resolve(cahierRoot));
  const base = `http://127.0.0.1:${srv.port}`;
  try {
    return await session(srv, async page => {
      const t0 = Date.now();
      await page.goto(`${base}/search/`, { waitUntil: 'load' });
      await idle(srv.st);
      const boot = sum(srv.st.log), bootS = sum(srv.st.log, isCahierSearch), bootFiles = srv.st.log.map(x => x.url);
      const t1 = Date.now();
      if (mode === 'fill') await page.fill('#search-q', word);
      else await page.type('#search-q', word, { delay: 150 });
      // The results of the whole word (`data-q` is the query the results
      // answer): a prefix searched while typing does not count as done.
      await page.waitForFunction((word) => {
        const app = document.getElementById('search-app');
        const n = document.querySelectorAll('#search-app li.search-hit').length;
        return app.dataset.state === 'done' && app.dataset.q === word && (n >= 10 || (app.dataset.count !== undefined && n >= +app.dataset.count));
      }, word, { timeout: 60000 });
      const tRes = Date.now() - t1;
      await idle(srv.st);
      const hits = await page.$$eval('#search-app li.search-hit', l => l.length);
      const count = await page.$eval('#search-app', b => b.dataset.count);
      const all = sum(srv.st.log), allS = sum(srv.st.log, isCahierSearch);
      const files = srv.st.log.map(x => x.url).slice(bootFiles.length);
      return { tool: `cahier (${mode})`, word, boot, bootS, all, allS, hits, count, tRes, bootFiles, files, ms: Date.now() - t0 };
    }, { viewport: { width, height } });
  } finally { srv.server.close(); }
}

const PF_PAGE = 'pf-test.html';
if (withPagefind) fs.writeFileSync(path.join(hugoRoot, PF_PAGE), `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>pagefind test</title></head>
<body><p id="out">idle</p>
<script type="module">
window.pfBoot = async () => {
  window.pf = await import('/pagefind/pagefind.js');
  await window.pf.init();
  return 'ok';
};
window.pfSearch = async word => {
  const s = await window.pf.search(word);
  const data = await Promise.all(s.results.slice(0, 10).map(r => r.data()));
  return { count: s.results.length, loaded: data.length, first: data[0] && data[0].url };
};
</script></body></html>
`);

async function pagefind(word) {
  const srv = await serve(path.resolve(hugoRoot));
  const base = `http://127.0.0.1:${srv.port}`;
  try {
    return await session(srv, async page => {
      const t0 = Date.now();
      await page.goto(`${base}/${PF_PAGE}`, { waitUntil: 'load' });
      await page.waitForFunction(() => typeof window.pfBoot === 'function');
      await page.evaluate(() => window.pfBoot());
      await idle(srv.st);
      const isPf = x => x.url.startsWith('/pagefind/');
      const boot = sum(srv.st.log), bootS = sum(srv.st.log, isPf), bootFiles = srv.st.log.map(x => x.url);
      const t1 = Date.now();
      const r = await page.evaluate(w => window.pfSearch(w), word);
      const tRes = Date.now() - t1;
      await idle(srv.st);
      const all = sum(srv.st.log), allS = sum(srv.st.log, isPf);
      const files = srv.st.log.map(x => x.url).slice(bootFiles.length);
      return { tool: 'Pagefind', word, boot, bootS, all, allS, hits: r.loaded, count: r.count, tRes, bootFiles, files, ms: Date.now() - t0 };
    });
  } finally { srv.server.close(); }
}

try {
  for (const w of words) {
    rows.push(await cahier(w, 'fill'));
    rows.push(await cahier(w, 'type'));
    if (withPagefind) rows.push(await pagefind(w));
  }
} finally {
  await browser.close();
  if (withPagefind) try { fs.unlinkSync(path.join(hugoRoot, PF_PAGE)); } catch { /* already gone */ }
}

const f = n => n.toLocaleString('en-US');
console.log('| tool | word | matches | shown | bootstrap raw / gzip (all) | bootstrap raw / gzip (search files) | total raw / gzip (all) | total raw / gzip (search files) | requests boot / total | query→results ms |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.tool} | ${r.word} | ${r.count} | ${r.hits} | ${f(r.boot.raw)} / ${f(r.boot.gz)} | ${f(r.bootS.raw)} / ${f(r.bootS.gz)} | ${f(r.all.raw)} / ${f(r.all.gz)} | ${f(r.allS.raw)} / ${f(r.allS.gz)} | ${r.boot.n} / ${r.all.n} | ${r.tRes} |`);
}
if (process.env.VERBOSE) for (const r of rows) console.log(`\n${r.tool} ${r.word}\n boot: ${r.bootFiles.join(' ')}\n query: ${r.files.join(' ')}`);
