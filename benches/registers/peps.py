#!/usr/bin/env python3
"""Converts the Python Enhancement Proposals (a real public register of
decisions) into a cahier site, for the search relevance set of
tests/registers/.

    python3 benches/registers/peps.py --src PEPS_DIR --out SITE_DIR

PEPS_DIR is the `peps/` folder of a checkout of github.com/python/peps
(public domain / CC0-1.0); tests/registers/README.md names the commit the
committed copy was made from. Standard library only.

Each PEP becomes one decision, `decisions/pep-NNNN`:
- title: the PEP's `Title:`; summary: the first paragraph of its abstract;
- date: `Created:`; by: `bdfl` before 2019-01-01 (Guido van Rossum decided),
  `steering-council` after (PEP 13);
- status: Final, Accepted, Active, Superseded -> adopted; Rejected ->
  rejected; Withdrawn -> withdrawn; Draft, Deferred, Provisional -> proposed;
- supersedes: the PEPs of `Replaces:`; topics: `Topic:` (governance,
  packaging, typing, release);
- body: the reStructuredText as it is, but section titles become Markdown
  headings and `[[` is broken up (it would read as a wikilink). Search cares
  about the words; the pages read as plain text.
"""

import os
import re
from datetime import datetime

from register_site import main, start, write_decision, yaml_string

STATUS = {
    "final": "adopted",
    "accepted": "adopted",
    "active": "adopted",
    "superseded": "adopted",
    "april fool!": "adopted",
    "rejected": "rejected",
    "withdrawn": "withdrawn",
    "draft": "proposed",
    "deferred": "proposed",
    "provisional": "proposed",
}

TOPICS = ["governance", "packaging", "typing", "release"]

SITE_YAML = """title: Python Enhancement Proposals
description: The PEPs as a decision register (converted by benches/registers/peps.py)
base_url: https://peps.example.org/
languages: [en]
broken_links: warn
topics:
  - id: governance
    label: { en: Governance }
  - id: packaging
    label: { en: Packaging }
  - id: typing
    label: { en: Typing }
  - id: release
    label: { en: Releases }
"""

COMMITTEES = {
    "bdfl": ("Benevolent Dictator For Life", "board", "Guido van Rossum decided on PEPs until he stepped down in July 2018."),
    "steering-council": ("Python Steering Council", "board", "Five members elected by the core developers decide on PEPs since 2019 (PEP 13)."),
}


def header(text):
    """The RFC 822 style header of a PEP, and the text after it."""
    fields, key, end = {}, None, 0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not line.strip():
            end = i
            break
        if line[0] in " \t" and key:
            fields[key] += " " + line.strip()
        elif ":" in line:
            key, value = line.split(":", 1)
            key = key.strip().lower()
            fields[key] = value.strip()
    return fields, "\n".join(lines[end:])


def plain(rst):
    """Inline reStructuredText as plain text."""
    rst = re.sub(r"`([^`<]+?)\s*<[^>]+>`_+", r"\1", rst)
    rst = re.sub(r":[a-z:]+:`~?([^`]+)`", r"\1", rst)
    rst = rst.replace("``", "").replace("`", "")
    rst = re.sub(r"\[\d+\]_|\[#[^\]]*\]_", "", rst)
    rst = re.sub(r"\*\*?([^*]+)\*\*?", r"\1", rst)
    return re.sub(r"\s+", " ", rst).strip()


def abstract(body):
    """The first paragraph of the Abstract (or of the first section)."""
    m = re.search(r"^(Abstract|Introduction|Overview|Summary)\n[=\-~]+\n+(.+?)(\n\n|\Z)", body, re.M | re.S)
    if not m:
        m = re.search(r"^[^\n]+\n[=\-~]{3,}\n+(?!\.\.)(.+?)(\n\n|\Z)", body, re.M | re.S)
        paragraph = m.group(1) if m else ""
    else:
        paragraph = m.group(2)
    summary = plain(paragraph)
    if len(summary) > 300:
        summary = summary[:300].rsplit(" ", 1)[0] + "…"
    return summary


def markdown(body):
    """Section titles as Markdown headings; no wikilinks."""
    lines = body.split("\n")
    levels = []
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        under = lines[i + 1] if i + 1 < len(lines) else ""
        if line.strip() and not line.startswith(" ") and re.fullmatch(r"([=\-~^\"'`#*+])\1{2,}", under) and len(under) >= len(line.rstrip()):
            char = under[0]
            if char not in levels:
                levels.append(char)
            out.append("#" * min(2 + levels.index(char), 6) + " " + plain(line))
            i += 2
            continue
        out.append(line.replace("[[", "[ [").replace("]]", "] ]"))
        i += 1
    return "\n".join(out).strip() + "\n"


def convert(src, out):
    peps = {}
    for name in sorted(os.listdir(src)):
        m = re.fullmatch(r"pep-(\d{4})\.(rst|txt)", name)
        if not m:
            continue
        with open(os.path.join(src, name), encoding="utf-8") as f:
            fields, body = header(f.read())
        peps[int(m.group(1))] = (fields, body)
    start(out, SITE_YAML, COMMITTEES, TOPICS)
    written = 0
    for number, (fields, body) in sorted(peps.items()):
        created = datetime.strptime(fields["created"].split(",")[0].strip(), "%d-%b-%Y").date()
        status = STATUS[fields.get("status", "draft").lower()]
        by = "bdfl" if created.year < 2019 else "steering-council"
        topics = [t.strip().lower() for t in fields.get("topic", "").split(",") if t.strip()]
        replaces = [int(n) for n in re.findall(r"\d+", fields.get("replaces", "")) if int(n) in peps and int(n) != number]
        fm = [
            f"title: {yaml_string(fields['title'])}",
            f"date: {created.isoformat()}",
            f"by: {by}",
            f"status: {status}",
        ]
        summary = abstract(body)
        if summary:
            fm.append(f"summary: {yaml_string(summary)}")
        if topics:
            fm.append(f"topics: [{', '.join(topics)}]")
        if replaces:
            fm.append(f"supersedes: [{', '.join(f'pep-{n:04d}' for n in replaces)}]")
        write_decision(out, f"pep-{number:04d}", fm, markdown(body))
        written += 1
    print(f"peps.py: {written} decisions -> {out}")


if __name__ == "__main__":
    main(__doc__, "the peps/ folder of a python/peps checkout", convert)
