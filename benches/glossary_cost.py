#!/usr/bin/env python3
"""What a glossary costs a build (standard library only).

    python3 benches/gen_corpus.py --pages 10000 --out /dev/shm/g10k
    cargo build --release
    python3 benches/glossary_cost.py --site /dev/shm/g10k [--terms 300] [--common 200] [--runs 5] [--bin PATH]

Writes a glossary page of TERMS terms into the generated site
(`content/glossaire.md`), then builds the site with it and without it
(the page renamed `_glossaire.md`, which cahier ignores), in turns, cold
(the output folder removed before each build), and prints the median of
each, the difference, and how many terms the pages marked.

The terms are those a glossary of this corpus could hold: COMMON noun
phrases the generator writes (`comité de travail`, `conseil
d'administration`, `compte de résultat`…, French, English, then places),
then acronyms (all-caps, matched as written) up to TERMS; a tenth get an
alias. The noun phrases occur on nearly every page: with the default 200,
each page marks about 38 terms, some thirty times what the example site's
pages do (1.3), which makes it an upper bound; `--common 30` is closer to a
real wiki. The site is left with the glossary renamed away.
"""

import argparse
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from corpus_text import NOUNS_EN, NOUNS_FR, PLACES  # noqa: E402

ARTICLE = re.compile(r"^(la |le |les |l'|l’|the |a |an )", re.IGNORECASE)


def terms(n, common, seed):
    """N distinct terms (compared as cahier compares them: ignoring case),
    the first COMMON from the corpus's noun phrases."""
    rng = random.Random(seed)
    seen, out = set(), []

    def add(term):
        term = term.strip()
        if term and term.lower() not in seen:
            seen.add(term.lower())
            out.append(term)

    phrases = list(NOUNS_FR) + list(NOUNS_EN) + list(PLACES)
    for phrase in phrases:
        if len(out) < min(common, n):
            add(ARTICLE.sub("", phrase))
    while len(out) < n:
        add("".join(rng.choice("ABCDEFGHIJKLMNOPRSTUV") for _ in range(rng.randint(2, 5))))
    return out[:n]


def glossary(n, common, seed):
    rng = random.Random(seed)
    chosen = terms(n, common, seed)
    # A tenth in front matter with an alias (the acronym of the phrase),
    # the rest as a definition list.
    front = chosen[: n // 10]
    lines = ["---", "title: Glossaire", "terms:"]
    taken = {t.lower() for t in chosen}
    for t in front:
        lines += [f'  - term: "{t}"', f'    definition: "définition de {t}"']
        alias = "".join(w[0] for w in re.findall(r"\w+", t)).upper() + "X"
        if alias.lower() not in taken:
            taken.add(alias.lower())
            lines.append(f'    aliases: ["{alias}"]')
    lines += ["---", "", "Le jargon de la coopérative.", ""]
    for t in chosen[n // 10:]:
        lines += [t, f": {rng.choice(['ce que', 'la façon dont', 'le lieu où'])} la coopérative appelle {t}", ""]
    return "\n".join(lines) + "\n"


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def build(binary, site, out):
    """Wall time, CPU time (user + system) and the stages cahier printed."""
    shutil.rmtree(out, ignore_errors=True)
    start, start_cpu = time.perf_counter(), cpu()
    run = subprocess.run([binary, "build", "--root", site, "--out", out], capture_output=True, text=True)
    took, took_cpu = time.perf_counter() - start, cpu() - start_cpu
    if run.returncode != 0:
        sys.exit(f"cahier build failed:\n{run.stderr[-3000:]}")
    stages = re.search(r"\((load .*)\)", run.stderr)
    return took, took_cpu, stages.group(1) if stages else ""


def marks(out):
    count = pages = 0
    for folder, _, files in os.walk(out):
        for f in files:
            if f == "index.html":
                with open(os.path.join(folder, f), encoding="utf-8") as h:
                    n = h.read().count('<a class="term"')
                count += n
                pages += n > 0
    return count, pages


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--site", required=True, help="a site written by benches/gen_corpus.py")
    ap.add_argument("--terms", type=int, default=300)
    ap.add_argument("--common", type=int, default=200, help="terms taken from the corpus's noun phrases (default 200)")
    ap.add_argument("--runs", type=int, default=5, help="builds of each kind (default 5)")
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(os.path.dirname(__file__), "..", "target"))
    ap.add_argument("--bin", default=os.path.join(target, "release", "cahier"))
    ap.add_argument("--out", help="output folder (default SITE-out)")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    site = os.path.abspath(a.site)
    out = os.path.abspath(a.out or site.rstrip("/") + "-out")
    on, off = os.path.join(site, "content", "glossaire.md"), os.path.join(site, "content", "_glossaire.md")
    with open(off, "w", encoding="utf-8") as f:
        f.write(glossary(a.terms, a.common, a.seed))
    if os.path.exists(on):
        os.remove(on)
    times = {"without": [], "with": []}
    cpus = {"without": [], "with": []}
    stages = {}
    try:
        for _ in range(a.runs):
            for kind in ("without", "with"):
                if kind == "with":
                    os.rename(off, on)
                try:
                    took, took_cpu, stages[kind] = build(a.bin, site, out)
                finally:
                    if kind == "with":
                        os.rename(on, off)
                times[kind].append(took)
                cpus[kind].append(took_cpu)
                print(f"{kind:8} {took:6.2f} s wall, {took_cpu:6.2f} s CPU", flush=True)
        os.rename(off, on)
        build(a.bin, site, out)
        count, pages = marks(out)
    finally:
        if os.path.exists(on):
            os.rename(on, off)
    print()
    print(f"site: {site}, {a.terms} terms ({a.common} common), {a.runs} cold builds of each, medians")
    for name, series in (("wall", times), ("CPU", cpus)):
        without, with_ = statistics.median(series["without"]), statistics.median(series["with"])
        print(f"{name:4}: without a glossary {without:.2f} s, with it {with_:.2f} s, "
              f"difference {with_ - without:+.2f} s ({(with_ - without) / without * 100:+.1f} %)")
    print(f"stages without: {stages['without']}")
    print(f"stages with:    {stages['with']}")
    print(f"terms marked: {count} on {pages} pages ({count / max(pages, 1):.1f} a page)")


if __name__ == "__main__":
    main()
