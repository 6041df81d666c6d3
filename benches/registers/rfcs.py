#!/usr/bin/env python3
"""Converts the Rust RFCs (a real public register of accepted decisions)
into a cahier site, for the second search relevance set of
tests/registers/.

    python3 benches/registers/rfcs.py --src RFCS_TEXT_DIR --out SITE_DIR

RFCS_TEXT_DIR is the `text/` folder of a checkout of
github.com/rust-lang/rfcs (MIT / Apache-2.0); tests/registers/README.md
names the commit the committed copy was made from. Standard library only.

Each RFC becomes one decision, `decisions/rfc-NNNN`:
- title: the RFC's first-level heading when it has one, else its file name
  in words (`0216-collection-views` -> "Collection views");
- summary: the first paragraph of its `Summary` section;
- date: `Start Date` (a date that does not exist, such as 2014-19-19,
  falls back to the first of January of its year);
- status: adopted (the folder holds the RFCs that were merged); by: the
  `core-team` before 2018-03-01, when the teams' RFC process began, the
  `teams` after;
- body: the Markdown after the header list, with `[[` broken up (it would
  read as a wikilink) and the `[summary]: #summary` anchors dropped.
"""

import os
import re
from datetime import date

from register_site import main, start, without_wikilinks, write_decision, yaml_string

SITE_YAML = """title: Rust RFCs
description: The Rust RFCs as a decision register (converted by benches/registers/rfcs.py)
base_url: https://rfcs.example.org/
languages: [en]
broken_links: warn
"""

COMMITTEES = {
    "core-team": ("Rust core team", "board", "The core team accepted RFCs until the teams took them over."),
    "teams": ("Rust teams", "board", "Each team (language, library, compiler, cargo, ...) accepts the RFCs of its area."),
}

# A header line: `- Start Date: 2014-06-15`, `* RFC PR #: ...`.
FIELD = re.compile(r"^\s*\S?[-*]\s*([A-Za-z .#-]+?)\s*#?:\s*(.*)$")


def split(text):
    """The RFC's title (or None), its header fields, and its body. The
    header is the list of fields at the top, maybe after a title heading, a
    title line, an HTML comment or a YAML front matter."""
    text = text.replace("\r\n", "\n")
    text = re.sub(r"\A\s*<!--.*?-->\s*", "", text, flags=re.S)
    title = None
    m = re.match(r"\A---\n(.*?)\n---\n", text, re.S)
    if m:
        t = re.search(r"^title:\s*(.+)$", m.group(1), re.M)
        title = t.group(1).strip().strip("\"'") if t else None
        text = text[m.end() :]
    lines = text.split("\n")
    fields, body_start = {}, 0
    for i, line in enumerate(lines[:40]):
        stripped = line.strip()
        m = FIELD.match(line)
        if not stripped or stripped.startswith("[^"):
            continue
        if m and not stripped.startswith("#"):
            fields[m.group(1).strip().lower()] = m.group(2).strip()
            body_start = i + 1
        elif not fields and title is None:
            title = stripped.lstrip("#").strip()
            body_start = i + 1
        else:
            break
    return title, fields, "\n".join(lines[body_start:])


def plain(md):
    """Inline Markdown as plain text."""
    md = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", md)
    md = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", md)
    md = md.replace("`", "").replace("**", "").replace("__", "")
    return re.sub(r"\s+", " ", md).strip()


def summary_of(body):
    """The first paragraph of the Summary section."""
    m = re.search(r"^#+\s*Summary\s*\n(.*?)(?=^#|\Z)", body, re.M | re.S | re.I)
    if not m:
        return ""
    for block in re.split(r"\n\s*\n", m.group(1)):
        block = "\n".join(l for l in block.split("\n") if not re.match(r"^\[[^\]]+\]:\s*#", l)).strip()
        if block and not block.startswith(("```", "    ")):
            text = plain(block)
            return text if len(text) <= 300 else text[:300].rsplit(" ", 1)[0] + "…"
    return ""


def title_of(heading, name):
    if heading:
        return plain(heading)
    words = re.sub(r"^\d+-", "", name).replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def date_of(value):
    """yyyy-mm-dd, dd-mm-yyyy or yyyy/mm/dd; a day that does not exist gives
    the first of January of its year."""
    value = value or ""
    m = re.search(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})", value)
    if m:
        y, mo, d = (int(x) for x in m.groups())
    else:
        m = re.search(r"(\d{1,2})-(\d{1,2})-(\d{4})", value)
        if not m:
            return None
        d, mo, y = (int(x) for x in m.groups())
    try:
        return date(y, mo, d)
    except ValueError:
        return date(y, 1, 1)


def markdown(body):
    """The body without its `[name]: #name` anchor lines, nor wikilinks."""
    return without_wikilinks("\n".join(l for l in body.split("\n") if not re.match(r"^\[[a-z0-9-]+\]:\s*#", l)))


def convert(src, out):
    start(out, SITE_YAML, COMMITTEES)
    written = 0
    for name in sorted(os.listdir(src)):
        m = re.fullmatch(r"(\d{4})-(.+)\.md", name)
        if not m:
            continue
        with open(os.path.join(src, name), encoding="utf-8") as f:
            heading, fields, body = split(f.read())
        started = date_of(fields.get("start date"))
        if started is None:
            continue
        number = int(m.group(1))
        by = "core-team" if started < date(2018, 3, 1) else "teams"
        fm = [
            f"title: {yaml_string(title_of(heading, name[:-3]))}",
            f"date: {started.isoformat()}",
            f"by: {by}",
            "status: adopted",
        ]
        summary = summary_of(body)
        if summary:
            fm.append(f"summary: {yaml_string(summary)}")
        write_decision(out, f"rfc-{number:04d}", fm, markdown(body))
        written += 1
    print(f"rfcs.py: {written} decisions -> {out}")


if __name__ == "__main__":
    main(__doc__, "the text/ folder of a rust-lang/rfcs checkout", convert)
