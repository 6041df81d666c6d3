#!/usr/bin/env node
// The browser's query analysis against the golden list of the shared text
// analysis (tests/golden-analysis.yaml: `{ word, lang, stem }`).
//
//   node tests/browser/golden.mjs [SITE_DIR]
//
// SITE_DIR is a site built from tests/sites/golden/ (every golden word in a
// page of its language). Without it, the fixture is copied to a temporary
// folder and built there with $CAHIER (default target/debug/cahier).
//
// For each word, search-load.js and search-query.js (loaded in Node, reading
// the site's search/ files) tokenise, fold and drop stop words, look the
// folded word up in the term shards, and the entry found must list `stem`
// among its stems.
// One line per word, then `N passed, M failed`; exit status 1 on failure.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const GOLDEN = path.join(REPO, 'tests', 'golden-analysis.yaml');
const FIXTURE = path.join(REPO, 'tests', 'sites', 'golden');

/* The golden list: `- { word: "…", lang: fr, stem: … }` entries, or the
   same keys in block style. */
export function parseGolden(text) {
  const out = [];
  const scalar = (v) => {
    v = v.trim();
    if (/^".*"$/.test(v)) return JSON.parse(v);
    if (/^'.*'$/.test(v)) return v.slice(1, -1).replace(/''/g, "'");
    return v;
  };
  const pairs = (s, into) => {
    const re = /(\w+)\s*:\s*("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^,}]*)/g;
    let m;
    while ((m = re.exec(s))) into[m[1]] = scalar(m[2]);
  };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/(^|\s)#.*$/, '');
    if (!line.trim()) continue;
    const item = line.match(/^\s*-\s+(.*)$/);
    if (item) {
      out.push({});
      const body = item[1].trim();
      pairs(body.startsWith('{') ? body.slice(1, body.lastIndexOf('}')) : body, out[out.length - 1]);
    } else if (out.length) pairs(line, out[out.length - 1]);
  }
  return out.filter((e) => e.word && e.stem);
}

function buildFixture() {
  const cahier = process.env.CAHIER || path.join(REPO, 'target', 'debug', 'cahier');
  if (!fs.existsSync(cahier)) throw new Error(`${cahier} not found: run cargo build (or set CAHIER)`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cahier-golden-'));
  fs.cpSync(FIXTURE, path.join(tmp, 'site'), { recursive: true, filter: (p) => !p.includes('.cahier-cache') });
  const out = path.join(tmp, 'public');
  execFileSync(cahier, ['build', '--root', path.join(tmp, 'site'), '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
  return { out, tmp };
}

async function main() {
  let passed = 0;
  let failed = 0;
  const report = (name, err) => {
    if (err) {
      failed++;
      console.log(`not ok - ${name}: ${err}`);
    } else {
      passed++;
      console.log(`ok - ${name}`);
    }
  };
  let built = null;
  try {
    if (!fs.existsSync(GOLDEN)) throw new Error(`${GOLDEN} is missing`);
    const golden = parseGolden(fs.readFileSync(GOLDEN, 'utf8'));
    if (!golden.length) throw new Error(`${GOLDEN} has no entry`);
    let site = process.argv[2];
    if (!site) {
      built = buildFixture();
      site = built.out;
    }
    const dir = path.join(path.resolve(site), 'search');
    if (!fs.existsSync(path.join(dir, 'index.js'))) throw new Error(`${dir}/index.js not found: build the site first`);

    // The search's loading and query scripts in Node: each adds to
    // globalThis.cahierSearch; its loader reads the index files from disk
    // and runs them.
    for (const script of ['search-load.js', 'search-query.js']) require(path.join(REPO, 'themes', 'default', 'static', script));
    const cs = globalThis.cahierSearch;
    cs.loadScript = (file, done) => {
      const p = path.join(dir, file);
      if (fs.existsSync(p)) vm.runInThisContext(fs.readFileSync(p, 'utf8'), { filename: p });
      done();
    };
    await cs.load('index.js');
    for (const g of golden) {
      const name = `${g.word} (${g.lang}) -> ${g.stem}`;
      try {
        const kept = cs.words(g.word).map(cs.fold).filter(cs.isSearchable);
        if (kept.length !== 1) throw new Error(`the query gives ${kept.length} word(s): ${JSON.stringify(kept)}`);
        const e = await cs.lookUp(kept[0]);
        if (!e) throw new Error(`"${kept[0]}" is not in the index (is "${g.word}" in a ${g.lang} page of tests/sites/golden/?)`);
        if (!e.stems.includes(g.stem)) throw new Error(`"${kept[0]}" has the stems ${JSON.stringify(e.stems)}`);
        const r = await cs.query(g.word);
        if (!r.hits.length) throw new Error('the query finds no page');
        report(name);
      } catch (err) {
        report(name, err.message);
      }
    }
  } catch (err) {
    report('golden analysis', err.message);
  } finally {
    if (built) fs.rmSync(built.tmp, { recursive: true, force: true });
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

// A lookup whose promise never settles would let Node exit silently.
process.on('beforeExit', () => {
  console.log('not ok - golden analysis: a lookup never finished (a search/ file did not call back)');
  console.log('0 passed, 1 failed');
  process.exit(1);
});
main();
