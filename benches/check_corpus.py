#!/usr/bin/env python3
"""Check that a generated corpus is valid for cahier, independently of cahier.

    python3 benches/check_corpus.py SITE

Reads SITE/site.yaml and SITE/content/ with PyYAML and checks what the
content format (spec sections 1-12) makes an error: every wikilink, `.md`
link and front-matter reference resolves (full id, relative path, unique
short id, then title; ambiguity is an error), every topic is an id or an
alias, required keys are present, ids and URLs are unique, `supersedes` has
no cycle. It also counts what would be warnings (missing `#heading` anchors,
supersedes-later, outside-mandate, mandate-overlap). Exit 1 on any error.
"""

import collections
import datetime as dt
import os
import re
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_corpus import slug  # noqa: E402  (the spec's slug, shared on purpose)

TYPE_BY_FOLDER = {"decisions": "decision", "committees": "committee", "principles": "principle",
                  "meetings": "meeting"}
LINK = re.compile(r"\[\[([^\]|#]+)(?:#([^\]|]*))?(?:\|[^\]]*)?\]\]")
FENCE = re.compile(r"^(```+|~~~+)\s*(\S*)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
TODAY = dt.date.today()


def key(text):
    return text.strip().replace(" ", "-").replace("_", "-").lower()


class Site:
    def __init__(self, root):
        self.root = root
        self.errors = []
        self.warnings = collections.Counter()
        self.pages = {}          # id key -> page dict
        self.versions = {}       # (id key, lang) -> page dict
        self.stats = collections.Counter()

    def error(self, where, msg):
        self.errors.append(f"{where}: {msg}")

    # -- loading ---------------------------------------------------------------
    def load(self):
        with open(os.path.join(self.root, "site.yaml"), encoding="utf-8") as fh:
            cfg = yaml.safe_load(fh)
        self.langs = cfg.get("languages", ["fr"])
        self.topic_of = {}
        self.topic_parent = {}
        for t in cfg.get("topics", []):
            for name in [t["id"]] + list(t.get("aliases", [])):
                if name.lower() in self.topic_of:
                    self.error("site.yaml", f"topic name {name} declared twice")
                self.topic_of[name.lower()] = t["id"]
            self.topic_parent[t["id"]] = t.get("parent")
        for t, p in self.topic_parent.items():
            if p and p not in self.topic_parent:
                self.error("site.yaml", f"topic {t} has unknown parent {p}")
        content = os.path.join(self.root, "content")
        for root, dirs, files in os.walk(content):
            dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
            for f in sorted(files):
                if not f.endswith(".md") or (f.startswith((".", "_")) and not f.startswith("_index.")):
                    continue
                self.load_file(os.path.join(root, f), os.path.relpath(os.path.join(root, f), content))

    def load_file(self, path, rel):
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        stem = rel[:-3].replace(os.sep, "/")
        lang = self.langs[0]
        parts = stem.rsplit(".", 1)
        if len(parts) == 2 and parts[1] in self.langs:
            stem, lang = parts
        if stem.split("/")[-1] == "_index":
            stem = stem.rsplit("/", 1)[0] if "/" in stem else ""
        if not text.startswith("---\n"):
            return self.error(rel, "no front matter")
        end = text.find("\n---\n", 4)
        if end < 0:
            return self.error(rel, "front-matter-unclosed")
        fm = yaml.safe_load(text[4:end]) or {}
        body = text[end + 5:]
        pid = fm.get("id", stem)
        folder = stem.split("/")[0] if "/" in stem else ""
        ptype = fm.get("type", TYPE_BY_FOLDER.get(folder, "page"))
        self.add(pid, lang, ptype, fm, body, rel)
        self.stats["files"] += 1
        self.stats["bytes"] += len(text.encode("utf-8"))
        if ptype == "meeting":
            self.load_inline(pid, fm, body, rel)

    def load_inline(self, meeting_id, meeting_fm, body, rel):
        lines = body.split("\n")
        i = 0
        while i < len(lines):
            m = FENCE.match(lines[i])
            if m and m.group(2) == "decision":
                j = i + 1
                while not lines[j].startswith(m.group(1)):
                    j += 1
                block = lines[i + 1:j]
                sep = block.index("---")
                fm = yaml.safe_load("\n".join(block[:sep])) or {}
                fm.setdefault("date", meeting_fm.get("date"))
                fm.setdefault("by", meeting_fm.get("by"))
                fm.setdefault("meeting", meeting_id)
                name = fm.get("id") or slug(fm.get("title", ""))
                self.add(f"{meeting_id}/{name}", self.langs[0], "decision", fm, "\n".join(block[sep + 1:]),
                         f"{rel} (inline, line {i + 1})")
                self.stats["inline decisions"] += 1
                i = j
            i += 1

    def add(self, pid, lang, ptype, fm, body, rel):
        k = pid.lower()
        if (k, lang) in self.versions:
            self.error(rel, f"duplicate-id {pid} ({lang})")
        if "title" not in fm:
            self.error(rel, "missing-field title")
        page = {"id": pid, "lang": lang, "type": ptype, "fm": fm, "body": body, "rel": rel,
                "headings": headings(body)}
        self.versions[(k, lang)] = page
        if k not in self.pages or lang == self.langs[0]:
            self.pages[k] = page
        self.stats[ptype + (f" ({lang})" if lang != self.langs[0] else "")] += 1

    # -- resolution --------------------------------------------------------------
    def index(self):
        self.by_full = {key(p["id"]): p for p in self.pages.values()}
        self.by_short = collections.defaultdict(list)
        self.by_title = collections.defaultdict(list)
        for p in self.pages.values():
            self.by_short[key(p["id"].rsplit("/", 1)[-1])].append(p)
            self.by_title[key(str(p["fm"].get("title", "")))].append(p)
        urls = {}
        for (k, lang), p in self.versions.items():
            url = ("" if lang == self.langs[0] else lang + "/") + "/".join(slug(s) for s in p["id"].split("/"))
            if url in urls:
                self.error(p["rel"], f"duplicate-id: URL /{url}/ also used by {urls[url]}")
            urls[url] = p["rel"]

    def resolve(self, target, where, folder=""):
        t = key(target)
        full = [p for p in {id(x): x for x in filter(None, [
            self.by_full.get(t), self.by_full.get(key(f"{folder}/{target}")) if folder else None])}.values()]
        for rank in (full, self.by_short.get(t, []), self.by_title.get(t, [])):
            if len(rank) == 1:
                return rank[0]
            if len(rank) > 1:
                self.error(where, f"ambiguous-reference {target}: {[p['id'] for p in rank]}")
                return rank[0]
        return None

    def ref(self, value, want, where, context=None):
        page = self.resolve(str(value), where)
        if page is None:
            self.error(where, f"unknown-reference {value} (expected a {want})")
        elif page["type"] != want:
            self.error(where, f"{value} is a {page['type']}, not a {want}")
        return page

    # -- checks ------------------------------------------------------------------
    def check(self):
        self.index()
        sup = {}
        for (k, lang), p in self.versions.items():
            fm, where = p["fm"], p["rel"]
            for t in as_list(fm.get("topics")):
                if str(t).lower() not in self.topic_of:
                    self.error(where, f"unknown-topic {t}")
            check = getattr(self, "check_" + p["type"], None)
            if check and lang == self.langs[0]:
                check(p, fm, where, sup)
            self.check_links(p)
        self.check_cycles(sup)
        self.check_authority()

    def check_decision(self, p, fm, where, sup):
        for field in ("date", "by"):
            if fm.get(field) is None:
                self.error(where, f"missing-field {field}")
        if fm.get("by") is not None:
            self.ref(fm["by"], "committee", where)
        if fm.get("meeting"):
            self.ref(fm["meeting"], "meeting", where)
        for field in ("supersedes", "repeals", "amends", "related"):
            for r in as_list(fm.get(field)):
                old = self.ref(r, "decision", where)
                if old and field != "related":
                    self.stats[field] += 1
                    if field == "supersedes":
                        sup.setdefault(p["id"].lower(), []).append(old["id"].lower())
                    if as_date(old["fm"].get("date")) and as_date(fm.get("date")) and \
                            as_date(old["fm"]["date"]) > as_date(fm["date"]):
                        self.warnings["supersedes-later"] += 1
        for r in as_list(fm.get("principles")):
            self.ref(r, "principle", where)
        status = fm.get("status", "adopted")
        if status not in ("proposed", "adopted", "rejected", "withdrawn"):
            self.error(where, f"bad-value status {status}")
        for field in ("date", "review", "expires"):
            if fm.get(field) is not None and as_date(fm[field]) is None:
                self.error(where, f"bad-value {field} {fm[field]}")

    def check_committee(self, p, fm, where, sup):
        for field in ("parent", "escalates_to"):
            if fm.get(field):
                self.ref(fm[field], "committee", where)
        if fm.get("mandate_adopted_by"):
            self.ref(fm["mandate_adopted_by"], "decision", where)

    def check_principle(self, p, fm, where, sup):
        if fm.get("adopted_by"):
            self.ref(fm["adopted_by"], "decision", where)
        for r in as_list(fm.get("supersedes")):
            self.ref(r, "principle", where)

    def check_meeting(self, p, fm, where, sup):
        for field in ("date", "by"):
            if fm.get(field) is None:
                self.error(where, f"missing-field {field}")
        if fm.get("by"):
            self.ref(fm["by"], "committee", where)

    def check_links(self, p):
        folder = p["id"].rsplit("/", 1)[0] if "/" in p["id"] else ""
        for line_no, target, anchor in links(p["body"]):
            where = f"{p['rel']}:{line_no}"
            self.stats["wikilinks"] += 1
            page = self.resolve(target.strip(), where, folder)
            if page is None:
                self.error(where, f"broken-link [[{target}]]")
                continue
            if anchor is not None:
                self.stats["anchor links"] += 1
                version = self.versions.get((page["id"].lower(), p["lang"]), page)
                if slug(anchor) not in version["headings"]:
                    self.warnings["broken-anchor"] += 1

    def check_cycles(self, sup):
        state = {}

        def visit(n, path):
            if state.get(n) == 1:
                self.error(n, "supersedes-cycle " + " -> ".join(path + [n]))
                return
            if state.get(n) == 2:
                return
            state[n] = 1
            for m in sup.get(n, []):
                visit(m, path + [n])
            state[n] = 2

        for n in list(sup):
            visit(n, [])
        superseded = collections.Counter(m for olds in sup.values() for m in olds)
        self.stats["decisions superseded twice"] = sum(1 for c in superseded.values() if c > 1)

    def check_authority(self):
        comms = {k: p for k, p in self.pages.items() if p["type"] == "committee"}
        parent = {}
        for k, c in comms.items():
            par = c["fm"].get("parent")
            parent[k] = self.resolve(str(par), c["rel"])["id"].lower() if par else None
        children = collections.defaultdict(list)
        for k, par in parent.items():
            if par:
                children[par].append(k)
        topic_kids = collections.defaultdict(list)
        for t, par in self.topic_parent.items():
            if par:
                topic_kids[par].append(t)

        def subtree(t):
            return [t] + [x for k in topic_kids[t] for x in subtree(k)]

        def own(k):
            return [self.topic_of[str(t).lower()] for t in as_list(comms[k]["fm"].get("topics"))
                    if str(t).lower() in self.topic_of]

        def authority(k):
            if comms[k]["fm"].get("kind") == "assembly":
                return set(self.topic_parent)
            out = {x for t in own(k) for x in subtree(t)}
            for ch in children[k]:
                out |= authority(ch)
            return out

        auth = {k: authority(k) for k in comms}
        for p in self.pages.values():
            if p["type"] != "decision" or not p["fm"].get("by"):
                continue
            by = self.resolve(str(p["fm"]["by"]), p["rel"])
            topics = {self.topic_of.get(str(t).lower()) for t in as_list(p["fm"].get("topics"))}
            if by and topics and not (topics & auth.get(by["id"].lower(), set())):
                self.warnings["outside-mandate"] += 1

        def ancestors(k):
            out = []
            while parent.get(k):
                k = parent[k]
                out.append(k)
            return out

        active = [k for k in comms if not (as_date(comms[k]["fm"].get("dissolved")) or dt.date.max) <= TODAY]
        claims = collections.defaultdict(list)
        for k in active:
            for t in own(k):
                claims[t].append(k)
        for t, ks in claims.items():
            for i, x in enumerate(ks):
                for y in ks[i + 1:]:
                    if x not in ancestors(y) and y not in ancestors(x):
                        self.warnings["mandate-overlap"] += 1


def as_list(v):
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def as_date(v):
    if isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v))
    except ValueError:
        return None


def headings(body):
    out, seen, fence = set(), collections.Counter(), None
    for line in body.split("\n"):
        m = FENCE.match(line)
        if m:
            fence = None if fence and line.startswith(fence) else (fence or m.group(1))
            continue
        if fence:
            continue
        h = HEADING.match(line)
        if h:
            s = slug(h.group(2))
            seen[s] += 1
            out.add(s if seen[s] == 1 else f"{s}-{seen[s]}")
    return out


def links(body):
    """(line, target, anchor) of each [[wikilink]] outside code blocks and spans."""
    fence = None
    for n, line in enumerate(body.split("\n"), 1):
        m = FENCE.match(line)
        if m:
            fence = None if fence and line.startswith(fence) else (fence or m.group(1))
            continue
        if fence:
            continue
        line = re.sub(r"`[^`]*`", "", line)
        for l in LINK.finditer(line):
            yield n, l.group(1), l.group(2)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    site = Site(sys.argv[1])
    site.load()
    site.check()
    for k, v in sorted(site.stats.items()):
        print(f"  {k}: {v}")
    print("warnings that cahier would report:", dict(site.warnings) or "none")
    for e in site.errors[:30]:
        print("error:", e)
    print(f"{len(site.errors)} errors")
    sys.exit(1 if site.errors else 0)


if __name__ == "__main__":
    main()
