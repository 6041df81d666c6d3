#!/usr/bin/env python3
"""Converts the Ethereum Improvement Proposals (a real public register of
proposals, most of them adopted into the protocol or left behind) into a
cahier site, for the fourth search relevance set of tests/registers/.

    python3 benches/registers/eips.py --src EIPS_DIR --out SITE_DIR

EIPS_DIR is the `EIPS/` folder of a checkout of github.com/ethereum/EIPs
(CC0-1.0); tests/registers/README.md names the commit the committed copy
was made from. Standard library only.

Each `eip-N.md` with a `title` and a `created` date becomes one decision,
`decisions/eip-NNNN`:
- title, summary (`description`), date (`created`) from its front matter;
- by: the `eip-editors`, one committee (the register's editors and client
  teams decide together);
- status: Final and Living -> adopted, Draft, Review and Last Call ->
  proposed, Stagnant -> rejected, Withdrawn and Moved -> withdrawn;
- body: the Markdown after the front matter, with `[[` broken up (it would
  read as a wikilink).
"""

import os
import re

from register_site import main, start, without_wikilinks, write_decision, yaml_string

SITE_YAML = """title: Ethereum Improvement Proposals
description: The EIPs as a decision register (converted by benches/registers/eips.py)
base_url: https://eips.example.org/
languages: [en]
broken_links: warn
"""

COMMITTEES = {"eip-editors": ("EIP editors", "board", "The editors and client teams of Ethereum.")}

STATUS = {
    "final": "adopted",
    "living": "adopted",
    "draft": "proposed",
    "review": "proposed",
    "last call": "proposed",
    "stagnant": "rejected",
    "withdrawn": "withdrawn",
    "moved": "withdrawn",
}


def convert(src, out):
    start(out, SITE_YAML, COMMITTEES)
    written = 0
    for name in sorted(os.listdir(src)):
        m = re.fullmatch(r"eip-(\d+)\.md", name)
        if not m:
            continue
        with open(os.path.join(src, name), encoding="utf-8") as f:
            text = f.read()
        header = re.match(r"---\n(.*?)\n---\n", text, re.S)
        if not header:
            continue
        fields = {}
        for line in header.group(1).split("\n"):
            if ":" in line:
                key, value = line.split(":", 1)
                fields[key.strip().lower()] = value.strip().strip('"')
        created = re.search(r"\d{4}-\d{2}-\d{2}", fields.get("created", ""))
        if not created or "title" not in fields:
            continue
        fm = [
            f"title: {yaml_string(fields['title'])}",
            f"date: {created.group(0)}",
            "by: eip-editors",
            f"status: {STATUS.get(fields.get('status', 'draft').lower(), 'proposed')}",
        ]
        if fields.get("description"):
            fm.append(f"summary: {yaml_string(fields['description'])}")
        write_decision(out, f"eip-{int(m.group(1)):04d}", fm, without_wikilinks(text[header.end() :]))
        written += 1
    print(f"eips.py: {written} decisions -> {out}")


if __name__ == "__main__":
    main(__doc__, "the EIPS/ folder of an ethereum/EIPs checkout", convert)
