"""What the converters of real registers (peps.py, rfcs.py, keps.py,
eips.py) share: the folders of a cahier site, its committees, one
decision's file, its body without wikilinks, and the command line.
Standard library only."""

import argparse
import os
import shutil


def yaml_string(s):
    """A YAML double-quoted string."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def start(out, site_yaml, committees, committee_topics=()):
    """Replaces `out` with an empty site: its site.yaml and its committees
    (id -> (title, kind, text)), each filed under `committee_topics`."""
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(os.path.join(out, "content", "decisions"))
    os.makedirs(os.path.join(out, "content", "committees"))
    with open(os.path.join(out, "site.yaml"), "w", encoding="utf-8") as f:
        f.write(site_yaml)
    topics = f"topics: [{', '.join(committee_topics)}]\n" if committee_topics else ""
    for cid, (title, kind, text) in committees.items():
        with open(os.path.join(out, "content", "committees", cid + ".md"), "w", encoding="utf-8") as f:
            f.write(f"---\ntitle: {title}\nkind: {kind}\n{topics}---\n\n{text}\n")


def without_wikilinks(body):
    """The body with `[[` and `]]` broken up (cahier would read them as
    wikilinks), stripped, ending with a newline."""
    return "\n".join(l.replace("[[", "[ [").replace("]]", "] ]") for l in body.split("\n")).strip() + "\n"


def write_decision(out, slug, front_matter, body):
    """`content/decisions/SLUG.md`: the front matter's lines, then the body."""
    with open(os.path.join(out, "content", "decisions", f"{slug}.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(["---", *front_matter, "---"]) + "\n\n" + body)


def main(doc, source, convert):
    """The command line of a converter: --src (`source` says what it is)
    and --out."""
    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    ap.add_argument("--src", required=True, help=source)
    ap.add_argument("--out", required=True, help="the site folder to write (replaced)")
    args = ap.parse_args()
    convert(args.src, args.out)
