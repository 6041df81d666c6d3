#!/usr/bin/env python3
"""Converts the Kubernetes Enhancement Proposals (a real public register of
proposals and their fate, one deciding group per area) into a cahier site,
for the third search relevance set of tests/registers/.

    python3 benches/registers/keps.py --src KEPS_DIR --out SITE_DIR

KEPS_DIR is the `keps/` folder of a checkout of
github.com/kubernetes/enhancements (Apache-2.0); tests/registers/README.md
names the commit the committed copy was made from. Standard library only.

Each folder with a `kep.yaml` and a `README.md` becomes one decision,
`decisions/kep-NNNN` (the first folder of a number wins):
- title: `title` of kep.yaml;
- summary: the first paragraph of the README's `Summary` section, unless
  it is a link, an image or HTML;
- date: `creation-date` (day and month swapped when the month is above
  12, as in 2023-14-05), else `last-updated`, else 2018-01-01;
- by: the owning SIG, each a committee (`working-group`);
- status: implemented and implementable -> adopted, provisional and
  deferred -> proposed, rejected -> rejected, withdrawn, replaced,
  superseded and removed -> withdrawn;
- body: the README without its HTML comments (the template's
  instructions) and its first-level heading, with `[[` broken up (it would
  read as a wikilink).
"""

import os
import re

from register_site import main, start, without_wikilinks, write_decision, yaml_string

SITE_YAML = """title: Kubernetes Enhancement Proposals
description: The KEPs as a decision register (converted by benches/registers/keps.py)
base_url: https://keps.example.org/
languages: [en]
broken_links: warn
"""

STATUS = {
    "implemented": "adopted",
    "implementable": "adopted",
    "provisional": "proposed",
    "deferred": "proposed",
    "rejected": "rejected",
    "withdrawn": "withdrawn",
    "replaced": "withdrawn",
    "superseded": "withdrawn",
    "removed": "withdrawn",
}


def field(yaml, key):
    """A top-level scalar of kep.yaml, without its comment or quotes."""
    m = re.search(rf"^{key}:\s*(.*)$", yaml, re.M)
    return m.group(1).split("#")[0].strip().strip("\"'") if m else ""


def date_of(yaml):
    for key in ("creation-date", "last-updated"):
        m = re.search(r"(\d{4})-(\d{2})-(\d{2})", field(yaml, key))
        if m:
            y, mo, d = m.groups()
            return f"{y}-{d}-{mo}" if int(mo) > 12 else f"{y}-{mo}-{d}"
    return "2018-01-01"


def summary_of(body):
    """The first paragraph of the Summary section, on one line."""
    m = re.search(r"^## Summary\s*\n+(.*?)(\n\n|\n#)", body, re.S | re.M)
    text = " ".join(m.group(1).split()) if m else ""
    if text.startswith(("[", "<", "!")):
        return ""
    return text if len(text) <= 300 else text[:300].rsplit(" ", 1)[0] + "…"


def convert(src, out):
    sigs = sorted(d for d in os.listdir(src) if d.startswith("sig-"))
    committees = {s: (s.replace("sig-", "SIG ").replace("-", " ").title(), "working-group", f"The Kubernetes {s} special interest group.") for s in sigs}
    start(out, SITE_YAML, committees)
    written = 0
    for folder, _, files in sorted(os.walk(src)):
        if "kep.yaml" not in files or "README.md" not in files:
            continue
        with open(os.path.join(folder, "kep.yaml"), encoding="utf-8") as f:
            yaml = f.read()
        title, number = field(yaml, "title"), field(yaml, "kep-number")
        if not title or not number.isdigit():
            continue
        slug = f"kep-{int(number):04d}"
        if os.path.exists(os.path.join(out, "content", "decisions", slug + ".md")):
            continue
        sig = field(yaml, "owning-sig")
        if sig not in sigs:
            sig = os.path.relpath(folder, src).split(os.sep)[0]
        with open(os.path.join(folder, "README.md"), encoding="utf-8") as f:
            body = f.read()
        body = re.sub(r"<!--.*?-->", "", body, flags=re.S)
        body = re.sub(r"^# .*\n", "", body, count=1, flags=re.M)
        status = field(yaml, "status").split()
        fm = [
            f"title: {yaml_string(title)}",
            f"date: {date_of(yaml)}",
            f"by: {sig}",
            f"status: {STATUS.get(status[0].lower() if status else '', 'proposed')}",
        ]
        summary = summary_of(body)
        if summary:
            fm.append(f"summary: {yaml_string(summary)}")
        write_decision(out, slug, fm, without_wikilinks(body))
        written += 1
    print(f"keps.py: {written} decisions -> {out}")


if __name__ == "__main__":
    main(__doc__, "the keps/ folder of a kubernetes/enhancements checkout", convert)
