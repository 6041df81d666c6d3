#!/usr/bin/env python3
"""What the git history costs a build (spec 14.1; the target: a 10,000-page
site with 20,000 commits adds under 1 s).

    python3 benches/history.py --site DIR [--commits 20000] [--runs 3] [--cahier BIN]

DIR is a site made by benches/gen_corpus.py. The script copies it to
DIR-git, makes there, with one `git fast-import`, a repository whose first
commit adds every file and whose next commits each change one to three
pages (a few of them move or delete a page), checks the last tree out, and
times `cahier build` cold (no output, no cache), best of --runs, with the
repository and with `.git` moved aside, and warm (with the log the last
build kept in `.cahier-cache/history.log`). It prints both times, their
difference, and the time of the `git log` that cahier runs.
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path


def make_repository(site, dest, commits, seed=1):
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(site, dest, ignore=shutil.ignore_patterns(".cahier-cache", "public", ".git"))
    files = sorted(p.relative_to(dest).as_posix() for p in (dest / "content").rglob("*.md"))
    texts = {f: (dest / f).read_bytes() for f in files}
    rng = random.Random(seed)
    subprocess.run(["git", "init", "-q", "-b", "main", str(dest)], check=True)
    fi = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=dest, stdin=subprocess.PIPE)
    out = fi.stdin
    names = ["Ana", "Bruno", "Chloé", "Dmitri", "Élise", "Farid"]
    t0 = 1_100_000_000  # 2004

    def data(b):
        out.write(b"data %d\n" % len(b))
        out.write(b)
        out.write(b"\n")

    def header(n, msg):
        who = names[n % len(names)]
        stamp = t0 + n * 8 * 3600
        out.write(b"commit refs/heads/main\n")
        out.write(f"committer {who} <{n % len(names)}@example.org> {stamp} +0000\n".encode())
        data(msg.encode())

    header(0, "Import du wiki")
    out.write(b"M 644 inline site.yaml\n")
    data((dest / "site.yaml").read_bytes())
    for f in files:
        out.write(f"M 644 inline {f}\n".encode())
        data(texts[f])
    live = list(files)
    # Drafts come and go; only they are moved or deleted, so that no link
    # of the corpus breaks.
    drafts = []
    for n in range(1, commits):
        roll = rng.random()
        if roll < 0.01:
            f = f"content/brouillons/brouillon-{n}.md"
            header(n, f"Brouillon {n}")
            texts[f] = f"---\ntitle: Brouillon {n}\n---\nÀ relire.\n".encode()
            out.write(f"M 644 inline {f}\n".encode())
            data(texts[f])
            drafts.append(f)
        elif roll < 0.015 and drafts:
            f = drafts.pop(rng.randrange(len(drafts)))
            new = f.replace("content/brouillons/", "content/archives/", 1)
            header(n, f"Archive {Path(f).stem}")
            out.write(f'R "{f}" "{new}"\n'.encode())
        elif roll < 0.02 and drafts:
            f = drafts.pop(rng.randrange(len(drafts)))
            header(n, f"Supprime {Path(f).stem}")
            out.write(f'D "{f}"\n'.encode())
        else:
            changed = rng.sample(live, rng.randint(1, 3))
            header(n, f"Met à jour {', '.join(Path(f).stem for f in changed)}")
            for f in changed:
                texts[f] = texts[f] + f"\nModification {n}.\n".encode()
                out.write(f"M 644 inline {f}\n".encode())
                data(texts[f])
    out.close()
    if fi.wait() != 0:
        sys.exit("history.py: git fast-import failed")
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=dest, check=True)
    subprocess.run(["git", "clean", "-q", "-fdx", "content"], cwd=dest, check=True)
    return len(live) + len(drafts)


def best(cmd, runs, clean):
    times = []
    for _ in range(runs):
        for c in clean:
            shutil.rmtree(c, ignore_errors=True)
        t = time.perf_counter()
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - t)
        if r.returncode != 0:
            sys.exit(f"history.py: {' '.join(map(str, cmd))} failed:\n{r.stderr.decode()[-2000:]}")
    return min(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--site", required=True, type=Path)
    ap.add_argument("--commits", type=int, default=20000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cahier", default=str(Path(__file__).resolve().parent.parent / "target/release/cahier"))
    args = ap.parse_args()
    dest = Path(str(args.site).rstrip("/") + "-git")
    t = time.perf_counter()
    pages = make_repository(args.site, dest, args.commits)
    print(f"repository: {pages} pages, {args.commits} commits, made in {time.perf_counter() - t:.1f} s -> {dest}")
    out = Path(str(dest) + "-out")
    clean = [out, dest / ".cahier-cache"]
    build = [args.cahier, "build", "--root", str(dest), "--out", str(out)]
    log = ["git", "-C", str(dest), "log", "-z", "-M", "--name-status", "--relative", "--format=%x01%H%x00%cs%x00%an%x00%s"]
    git_log = best(log, args.runs, [])
    with_git = best(build, args.runs, clean)
    # Warm: the log the previous build kept in .cahier-cache/ is still good.
    warm = best(build, args.runs, [out])
    os.rename(dest / ".git", dest / ".git-aside")
    try:
        without = best(build, args.runs, clean)
    finally:
        os.rename(dest / ".git-aside", dest / ".git")
    print(f"git log alone:           {git_log:.2f} s")
    print(f"cahier build, in git:    {with_git:.2f} s cold, {warm:.2f} s warm (the log kept by the last build)")
    print(f"cahier build, no git:    {without:.2f} s")
    print(f"history adds:            {with_git - without:+.2f} s cold, {warm - without:+.2f} s warm (target: under 1 s)")


if __name__ == "__main__":
    main()
