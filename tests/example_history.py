#!/usr/bin/env python3
"""Makes a git repository of the example site with a history worth reading.

    python3 tests/example_history.py DEST [--source DIR]

The example site (`site.yaml` and `content/` of this repository, or of
--source) lives in cahier's own repository, whose commits are about the
code. This script replays it as the cooperative would have written it: a
wiki created in 2004, minutes and decisions committed on the day they were
taken, by the members who took the minutes, wiki pages written in a first
version and completed years later, one page moved to another folder and one
draft deleted. Commits are backdated (GIT_AUTHOR_DATE, GIT_COMMITTER_DATE).

The last commit leaves DEST/content identical to the example's: the script
checks it, and exits 1 otherwise. DEST must not exist or be empty. Used by
tests/history.rs and by the README's screenshots of /changes/.
"""

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

MEMBERS = ["Élise Marchand", "Tomas Ferreira", "Karim Haddad", "Julien Roy", "Maëlle Côté", "Noé Lafleur"]
CREATED = "2004-03-15"
# A page written before the folders existed, moved into the wiki later.
MOVED = ("content/outils-internes.md", "content/wiki/outils.md", "2013-02-04")
# A draft the cooperative wrote, then dropped.
DRAFT = ("content/wiki/brouillon-charte-2011.md", "2011-05-02", "2011-10-03")
# No commit after this day: the history ends before the session that wrote it.
LATEST = "2026-11-20"
DRAFT_TEXT = """---
title: "Brouillon : charte de 2011"
topics: [principes]
---

Premier jet des principes de 2011, à discuter en journée de réflexion.
Remplacé par les principes adoptés le 24 septembre 2011.
"""


def front_matter_date(text):
    """The `date:`, `adopted:` or `updated:` of a page, if any."""
    for key in ("date", "adopted", "updated"):
        m = re.search(rf"^{key}:\s*['\"]?(\d{{4}}-\d{{2}}-\d{{2}})", text, re.M)
        if m:
            return m.group(1)
    return None


def title_of(text, path):
    m = re.search(r"^title:\s*['\"]?(.*?)['\"]?\s*$", text, re.M)
    return m.group(1) if m else Path(path).stem


def spread(path, start=2005, end=2025):
    """A stable date for an undated page, from its path."""
    h = int(hashlib.sha256(path.encode()).hexdigest(), 16)
    year = start + h % (end - start + 1)
    return min(f"{year}-{1 + (h >> 8) % 12:02d}-{1 + (h >> 16) % 28:02d}", LATEST)


def first_version(text):
    """The page as first written: its front matter and the first half of
    its paragraphs."""
    parts = text.split("\n---\n", 1)
    if len(parts) != 2 or not text.startswith("---\n"):
        return None
    head, body = parts
    paragraphs = body.strip("\n").split("\n\n")
    if len(paragraphs) < 4:
        return None
    return head + "\n---\n" + "\n\n".join(paragraphs[: len(paragraphs) // 2]) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dest")
    ap.add_argument("--source", default=str(Path(__file__).resolve().parent.parent))
    args = ap.parse_args()
    src, dest = Path(args.source), Path(args.dest)
    if dest.exists() and any(dest.iterdir()):
        sys.exit(f"example_history: {dest} is not empty")
    dest.mkdir(parents=True, exist_ok=True)

    files = sorted(p.relative_to(src).as_posix() for p in (src / "content").rglob("*") if p.is_file())
    texts = {f: (src / f).read_bytes() for f in files}

    # (date, order, subject, author, [(path, bytes or None to delete, git mv from)])
    commits = []

    def commit(date, subject, author, changes, order=1):
        commits.append((date, order, subject, author, changes))

    commit(CREATED, "Création du wiki de la coopérative", MEMBERS[0], [("site.yaml", (src / "site.yaml").read_bytes(), None)], order=0)
    by_date = {}
    later = []
    for i, f in enumerate(files):
        data = texts[f]
        text = data.decode("utf-8", "replace")
        if f == MOVED[1]:
            continue
        date = front_matter_date(text) if f.endswith(".md") else None
        author = MEMBERS[i % len(MEMBERS)]
        if date and not f.startswith("content/wiki/") and not f.startswith("content/procedures/"):
            kind = f.split("/")[1]
            by_date.setdefault((date, kind), []).append((f, data, title_of(text, f), author))
            continue
        first = first_version(text) if f.endswith(".md") else None
        start = spread(f, 2004, 2016) if f.count("/") > 1 or f.endswith(".svg") else CREATED
        start = max(start, CREATED)
        if first is not None:
            commit(start, f"{title_of(text, f)} : première version", author, [(f, first.encode(), None)])
            # Completed years later, on its `updated:` day when it has one.
            done = front_matter_date(text) or spread(f + "/done", int(start[:4]) + 1, 2026)
            later.append((max(done, start), f"{title_of(text, f)} : complète la page", MEMBERS[(i + 1) % len(MEMBERS)], f, data))
        else:
            commit(start, f"Ajoute {title_of(text, f) if f.endswith('.md') else f.split('/')[-1]}", author, [(f, data, None)])
    for date, subject, author, f, data in later:
        commit(date, subject, author, [(f, data, None)])
    for (date, kind), items in sorted(by_date.items()):
        author = items[0][3]
        if kind == "meetings":
            subject = f"Compte rendu du {date} : {items[0][2]}"
        elif kind == "decisions":
            subject = f"Décision du {date} : {items[0][2]}" + (f" (et {len(items) - 1} autre{'s' if len(items) > 2 else ''})" if len(items) > 1 else "")
        else:
            subject = f"{kind.capitalize()} : {', '.join(i[2] for i in items)}"
        commit(date, subject, author, [(f, data, None) for f, data, _, _ in items])
    moved_text = texts[MOVED[1]]
    commit("2006-04-10", "Liste des outils internes", MEMBERS[3], [(MOVED[0], moved_text, None)])
    commit(MOVED[2], "Range la page des outils dans le wiki", MEMBERS[4], [(MOVED[1], None, MOVED[0])])
    commit(DRAFT[1], "Brouillon de la charte de 2011", MEMBERS[1], [(DRAFT[0], DRAFT_TEXT.encode(), None)])
    commit(DRAFT[2], "Supprime le brouillon : les principes de 2011 sont adoptés", MEMBERS[2], [(DRAFT[0], None, None)])

    def git(*a, env=None):
        subprocess.run(["git", *a], cwd=dest, check=True, env=env, stdout=subprocess.DEVNULL)

    git("init", "-q", "-b", "main")
    for date, _, subject, author, changes in sorted(commits, key=lambda c: (c[0], c[1])):
        for path, data, moved_from in changes:
            if moved_from:
                (dest / path).parent.mkdir(parents=True, exist_ok=True)
                git("mv", moved_from, path)
            elif data is None:
                git("rm", "-q", path)
            else:
                (dest / path).parent.mkdir(parents=True, exist_ok=True)
                (dest / path).write_bytes(data)
                git("add", path)
        stamp = f"{date}T12:00:00+0100"
        email = re.sub(r"[^a-z]", "", author.lower().encode("ascii", "ignore").decode()) + "@konbit.example"
        env = dict(os.environ, GIT_AUTHOR_NAME=author, GIT_AUTHOR_EMAIL=email, GIT_COMMITTER_NAME=author,
                   GIT_COMMITTER_EMAIL=email, GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
        git("-c", "commit.gpgsign=false", "commit", "-q", "--allow-empty", "-m", subject, env=env)

    # The replay must end on the example as it is.
    for f in files:
        if (dest / f).read_bytes() != texts[f]:
            sys.exit(f"example_history: {f} differs from the example at the end of the history")
    extra = [p for p in (dest / "content").rglob("*") if p.is_file() and p.relative_to(dest).as_posix() not in texts]
    if extra:
        sys.exit(f"example_history: files left over: {extra}")
    print(f"example_history: {len(commits)} commits from {CREATED} to {max(c[0] for c in commits)} in {dest}")


if __name__ == "__main__":
    main()
