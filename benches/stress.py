#!/usr/bin/env python3
"""Times `cahier check` on the pathological inputs of the hardening review,
each at two sizes, and prints how the time grows with the size: a linear
stage grows about as much as its input (10x input, about 10x time), a
quadratic one a hundred times as much.

    cargo build --release
    python3 benches/stress.py [--bin target/release/cahier] [--runs 3]

The sites are generated into a temporary folder; nothing is kept.
"""

import argparse
import os
import random
import shutil
import subprocess
import tempfile
import time

COMMITTEE = {"content/committees/ct.md": "---\ntitle: CT\n---\n"}
WORDS = ("embauche salarié trésorerie coopérative assemblée gel recrutement budget poste contrat "
         "formation stagiaire mission client projet facture associé capital réserve prime salaire "
         "horaire télétravail bureau loyer serveur hébergement domaine logiciel libre licence").split()


def wikilink_lines(n):
    return {**COMMITTEE, "site.yaml": "broken_links: warn\n", "content/a.md": "---\ntitle: A\n---\n" + "[[x]]\n" * n}


def links_on_one_line(n):
    return {**COMMITTEE, "content/b.md": "---\ntitle: B\n---\n",
            "content/a.md": "---\ntitle: A\n---\n" + "[a](b.md) " * n + "\n"}


def nested_divs(n):
    return {**COMMITTEE, "content/a.md": "---\ntitle: A\n---\n" + "<div>" * n + "x" + "</div>" * n + "\n"}


def nested_yaml(n):
    return {**COMMITTEE, "content/a.md": "---\ntitle: A\nx: " + "[" * n + "\n---\n"}


def chain(n):
    files = dict(COMMITTEE)
    for i in range(n):
        sup = f"supersedes: [d{i - 1}]\n" if i else ""
        files[f"content/decisions/d{i}.md"] = f"---\ntitle: Décision {i}\ndate: 2020-01-01\nby: ct\n{sup}---\nRègle {i}.\n"
    return files


def similar(n):
    rng = random.Random(1)
    files = dict(COMMITTEE)
    for i in range(n):
        text = " ".join(rng.sample(WORDS, 25))
        files[f"content/decisions/s{i}.md"] = f"---\ntitle: Décision {i}\ndate: 2020-01-{1 + i % 28:02d}\nby: ct\n---\n{text}.\n"
    return files


CASES = [
    ("[[x]] lines", wikilink_lines, 4_000, 40_000),
    ("links on one line", links_on_one_line, 20_000, 200_000),
    ("nested <div>", nested_divs, 10_000, 100_000),
    ("nested YAML [", nested_yaml, 10_000, 100_000),
    ("supersession chain", chain, 1_000, 10_000),
    ("similar decisions", similar, 100, 1_000),
]


def write_site(root, files):
    for path, text in files.items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as f:
            f.write(text)


def best_time(binary, root, runs):
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([binary, "check", "--root", root, "--format", "json"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        best = min(best, time.perf_counter() - start)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default="target/release/cahier")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    binary = os.path.abspath(args.bin)
    print("| input | small | time | large | time | size ratio | time ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, make, small, large in CASES:
        times = []
        for n in (small, large):
            root = tempfile.mkdtemp(prefix="cahier-stress-")
            try:
                write_site(root, make(n))
                times.append(best_time(binary, root, args.runs))
            finally:
                shutil.rmtree(root, ignore_errors=True)
        print(f"| {name} | {small:,} | {times[0]:.2f} s | {large:,} | {times[1]:.2f} s "
              f"| {large / small:.0f}x | {times[1] / max(times[0], 1e-3):.1f}x |")


if __name__ == "__main__":
    main()
