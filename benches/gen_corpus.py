#!/usr/bin/env python3
"""Generate a synthetic cahier site for benchmarks (standard library only).

    python3 benches/gen_corpus.py --pages N --out DIR [--seed S] [--hugo DIR2] [--long]

Writes DIR/site.yaml and DIR/content/ in the cahier content format
(/work/shared/spec/content-format.md): committees, meetings with inline
```decision blocks, decisions with supersession chains, principles, and wiki
pages in nested folders, some with an English translation. Bodies are French
(English for `.en.md`) prose of about 600 words, with headings, lists, tables
and [[wikilinks]]. Every reference and link points to something that exists,
so the corpus builds without errors.

N counts the Markdown files written (translations and folder `_index.md`
included). The same seed and N always give byte-identical output.

With --long, pages are long real-world ones: about 30 kB of Markdown each on
average (log-normal sizes, from 6 kB to well over 100 kB), a `##` section per
2.6 kB or so with long paragraphs, nested bullet lists, numbered procedures
(some with a command block inside a step), tables, fenced code (shell, YAML,
JSON, CSV, a mail template), quotes, task lists, `###` subsections (options
with pros and cons in decisions), inline code, external links and a
[[wikilink]] per kilobyte or so: long wiki procedures, RFC-like decisions,
detailed minutes. Same plan, same validity; without --long the output is
unchanged.

With --hugo DIR2, also writes a Hugo site reading the same Markdown files
(hard links when possible), with a minimal theme, for comparison.
"""

import argparse
import datetime as dt
import json
import math
import os
import random
import shutil
import sys
import time

from corpus_text import (ACT_FR, DOC_EN, DOC_FR, HEADINGS_EN, HEADINGS_FR, MONTHS_FR, NOUNS_EN, NOUNS_FR,
                         PLACES, PRINCIPLES_FR, SUB_FOLDERS, TOP_FOLDERS, TOPICS, VERBS_FR, Text, cap, de,
                         short_slug, slug)
from hugo_site import write_hugo

MARKER = ".gen_corpus"

START = dt.date(2005, 1, 3)
END = dt.date(2026, 10, 30)
SECOND_CHARTER = dt.date(2011, 6, 18)
FOCUS_NOUNS = 24  # nouns a page body draws from (of about 200)

# --long: page sizes follow a log-normal law of mean LONG_MEAN bytes (clipped
# to LONG_MIN..LONG_MAX), with a `##` section per LONG_SECTION bytes or so and
# a [[wikilink]] per LONG_LINK_EVERY bytes.
LONG_MEAN = 30_000
LONG_SIGMA = 0.6
LONG_MIN, LONG_MAX = 6_000, 160_000
LONG_SECTION = 2_600
LONG_LINK_EVERY = 1_000
# A section is filled with blocks until it reaches its share of the size; the
# last block overshoots, and links, markup and accents add to it: sections
# are given LONG_FILL of their share so that pages come out at their size.
LONG_FILL = 0.625

# --------------------------------------------------------------------------
# YAML front matter (a small emitter for the shapes we write).

def yscalar(v):
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, Plain):
        return str(v)
    return json.dumps(v, ensure_ascii=False)


class Plain(str):
    """A string written without quotes (ids, topics)."""


def yaml_lines(fields, indent=""):
    out = []
    for key, v in fields:
        if isinstance(v, list):
            if v and all(isinstance(x, Plain) for x in v) and len(v) < 6:
                out.append(f"{indent}{key}: [{', '.join(v)}]")
            else:
                out.append(f"{indent}{key}:")
                out.extend(f"{indent}  - {yscalar(x)}" for x in v)
        elif isinstance(v, dict):
            out.append(f"{indent}{key}:")
            out.extend(yaml_lines(list(v.items()), indent + "  "))
        else:
            out.append(f"{indent}{key}: {yscalar(v)}")
    return out


def front_matter(fields):
    return "---\n" + "\n".join(yaml_lines(fields)) + "\n---\n\n"


# --------------------------------------------------------------------------
# The site plan: every page, its id, type, date, references and headings,
# decided before any body is written so that links can point anywhere.

class Page:
    __slots__ = ("id", "short", "path", "type", "title", "title_en", "fields", "headings", "headings_en",
                 "date", "by", "inline", "extra", "meeting", "size")

    def __init__(self, pid, path, ptype, title):
        self.id = pid
        self.short = pid.rsplit("/", 1)[-1]
        self.path = path
        self.type = ptype
        self.title = title
        self.title_en = None
        self.fields = []
        self.headings = []
        self.headings_en = None
        self.date = None
        self.by = None
        self.inline = []     # for meetings: inline decisions (Page objects with path None)
        self.extra = {}
        self.meeting = None  # for inline decisions: the meeting Page
        self.size = None     # --long: the body's size in bytes, drawn when its headings are planned


class Planner:
    def __init__(self, n, rng, long=False):
        self.n = n
        self.r = rng
        self.long = long
        self.urls = set()     # slugs of ids: keeps ids, short ids and URLs unique
        self.shorts = set()
        self.pages = []
        self.fr = Text(rng, "fr")
        self.en = Text(rng, "en")

    def claim(self, folder, base):
        """A fresh id `folder/base[-k]` whose short id and URL are unused."""
        base = base or "page"
        k = 1
        while True:
            name = base if k == 1 else f"{base}-{k}"
            pid = f"{folder}/{name}" if folder else name
            if name not in self.shorts and slug(pid) not in self.urls and slug(name) not in self.shorts:
                self.shorts.add(name)
                self.shorts.add(slug(name))
                self.urls.add(slug(pid))
                return pid
            k += 1

    def rand_date(self, lo=START, hi=END):
        return lo + dt.timedelta(days=self.r.randint(0, (hi - lo).days))

    def sections(self, page, lo, hi):
        """How many headings a page plans: lo to hi, or with --long, as many as
        its size (drawn here, once per page) needs: about one per LONG_SECTION bytes."""
        if not self.long:
            return self.r.randint(lo, hi)
        if page.size is None:
            mu = math.log(LONG_MEAN) - LONG_SIGMA ** 2 / 2  # so that the mean is LONG_MEAN
            page.size = int(min(LONG_MAX, max(LONG_MIN, self.r.lognormvariate(mu, LONG_SIGMA))))
        k = round(page.size / LONG_SECTION) + self.r.randint(-1, 1)
        return max(lo + 2, min(len(HEADINGS_EN) - 4, k))

    def headings(self, lang, k):
        pool = HEADINGS_FR if lang == "fr" else HEADINGS_EN
        chosen = self.r.sample(pool, k)
        if self.r.random() < 0.4:
            n = self.r.choice(NOUNS_FR if lang == "fr" else NOUNS_EN)
            chosen[self.r.randrange(k)] = ("Le point sur " if lang == "fr" else "Focus on ") + n
        out, seen = [], set()
        for h in chosen:
            if slug(h) not in seen:
                seen.add(slug(h))
                out.append(h)
        return out

    # -- counts ------------------------------------------------------------
    def counts(self):
        n = self.n
        c = max(10, round(n * 0.02))
        m = max(2, round(n * 0.01))
        d = round(n * 0.30)
        p = max(4, round(n * 0.005))
        rest = n - c - m - d - p - 1
        if rest < 20:
            sys.exit("gen_corpus: --pages must be at least 100")
        t = round(rest / 11)
        return c, m, d, p, rest - t, t

    # -- topics ------------------------------------------------------------
    def topics(self):
        roots, children, parent = [], [], {}
        for rid, _, _, _, kids in TOPICS:
            roots.append(rid)
            for k in kids:
                children.append(k[0])
                parent[k[0]] = rid
        self.topic_roots, self.topic_children, self.topic_parent = roots, children, parent
        self.topic_aliases = {}
        for rid, _, _, al, kids in TOPICS:
            self.topic_aliases[rid] = al
            for k in kids:
                self.topic_aliases[k[0]] = k[3]

    def topic_ref(self, t):
        """A topic as written in front matter: usually its id, sometimes an alias."""
        al = self.topic_aliases[t]
        if al and self.r.random() < 0.15:
            return Plain(self.r.choice(al))
        return Plain(t)

    # -- committees ----------------------------------------------------------
    def committees(self, count):
        r = self.r
        self.comms = []
        self.comm_auth = {}  # committee id -> topics it has authority over (for decisions)
        self.comm_life = {}  # committee id -> (created, dissolved or None)

        def add(name, title, kind, parent, topics, created, dissolved=None):
            pid = self.claim("committees", name)
            p = Page(pid, pid + ".md", "committee", title)
            fields = [("title", title)]
            if kind != "committee":
                fields.append(("kind", Plain(kind)))
            if parent:
                fields.append(("parent", Plain(self.ref(parent))))
            fields.append(("created", created))
            if dissolved:
                fields.append(("dissolved", dissolved))
            if topics:
                fields.append(("topics", [self.topic_ref(t) for t in topics]))
            p.fields = fields
            p.headings = self.headings("fr", self.sections(p, 2, 4))
            p.extra = {"kind": kind, "parent": parent, "topics": topics}
            self.comms.append(p)
            self.pages.append(p)
            self.comm_life[pid] = (created, dissolved)
            return p

        founding = dt.date(2004, 11, 20)
        ag = add("ag", "Assemblée générale", "assembly", None, [], founding)
        ca = add("ca", "Conseil coopératif", "board", ag.id, [], founding)
        self.assembly, self.board = ag, ca
        self.comm_auth[ag.id] = self.topic_roots + self.topic_children
        self.comm_auth[ca.id] = list(self.topic_roots)
        domains = {}
        for rid, fr, _, _, _ in TOPICS:
            d = add(f"comite-{rid}", f"Comité {fr.lower()}", "committee", ca.id, [rid], founding)
            domains[rid] = d
            self.comm_auth[d.id] = [rid] + [c for c in self.topic_children if self.topic_parent[c] == rid]
        subs = []
        for cid, fr, _, _ in [k for t in TOPICS for k in t[4]]:
            if len(self.comms) >= count:
                break
            s = add(f"commission-{cid}", f"Commission {fr.lower()}", "subcommittee",
                    domains[self.topic_parent[cid]].id, [cid], self.rand_date(START, dt.date(2012, 1, 1)))
            self.comm_auth[s.id] = [cid]
            subs.append(s)
        self.permanent = [c.id for c in self.comms]
        parents = list(domains.values()) + subs
        while len(self.comms) < count:
            par = r.choice(parents)
            topic = r.choice(self.comm_auth[par.id])
            noun = r.choice(NOUNS_FR)
            created = self.rand_date(START, dt.date(2025, 6, 1))
            dissolved = min(created + dt.timedelta(days=r.randint(120, 1100)), dt.date(2026, 6, 1))
            title = f"Groupe de travail {noun} {created.year}"
            g = add(f"gt-{short_slug(noun, 30)}-{created.year}", title, "working-group", par.id, [topic],
                    created, dissolved)
            self.comm_auth[g.id] = [topic]

        # Mandate texts: powers, escalation; filled once decisions exist (mandate_adopted_by).
        for c in self.comms:
            if c.extra["kind"] in ("committee", "subcommittee") and r.random() < 0.7:
                c.fields.append(("powers", [f"{cap(r.choice(VERBS_FR)[3])} {r.choice(NOUNS_FR)}"
                                            for _ in range(r.randint(1, 3))]))
                c.fields.append(("escalates", [f"{cap(r.choice(VERBS_FR)[3])} {r.choice(NOUNS_FR)}"]))
                c.fields.append(("escalates_to", Plain(self.ref(ca.id if r.random() < 0.7 else ag.id))))
            if r.random() < 0.5:
                c.fields.append(("meets", r.choice(["weekly", "monthly", "quarterly", "yearly", "as needed"])))
            if r.random() < 0.4:
                c.fields.append(("members", [self.fr.name() for _ in range(r.randint(3, 7))]))

    def ref(self, pid):
        """A reference as a user writes it: the full id or the (unique) short id."""
        return pid if self.r.random() < 0.6 else pid.rsplit("/", 1)[-1]

    def pick_committee(self, date):
        r = self.r
        x = r.random()
        if x < 0.10:
            return self.assembly.id
        if x < 0.25:
            return self.board.id
        for _ in range(6):
            c = r.choice(self.comms)
            created, dissolved = self.comm_life[c.id]
            if created <= date and (dissolved is None or date < dissolved):
                return c.id
        return r.choice(self.permanent[2:] or self.permanent)

    def decision_topics(self, by):
        r = self.r
        auth = self.comm_auth[by]
        topics = [r.choice(auth)]
        for _ in range(r.choice([0, 0, 1, 1, 2])):
            t = r.choice(self.topic_roots + self.topic_children)
            if t not in topics:
                topics.append(t)
        return topics

    def decision_title(self):
        r = self.r
        n = r.choice(NOUNS_FR)
        t = f"{r.choice(ACT_FR)} {de(n)}"
        x = r.random()
        if x < 0.3:
            t += f" à {r.choice(PLACES)}"
        elif x < 0.5:
            t += f" pour {r.randint(2006, 2027)}"
        return t

    # -- meetings and decisions -------------------------------------------
    def register(self, n_meet, n_dec):
        r = self.r
        events = [(self.rand_date(), 1, i) for i in range(n_dec)]
        events += [(self.rand_date(dt.date(2005, 3, 1)), 0, i) for i in range(n_meet)]
        # The two charters of principles are adopted by the assembly early and in 2011.
        events.append((START, 2, 0))
        events.append((SECOND_CHARTER, 2, 1))
        events.sort()
        self.decisions = []
        self.meetings = []
        candidates = []          # adopted decisions still in force, in date order
        charters = {}
        for date, kind, _ in events:
            if kind == 0:
                self.new_meeting(date, candidates)
            elif kind == 1:
                self.new_decision(date, candidates)
            else:
                charters[date.year] = self.new_decision(date, candidates, charter=True)
        self.finish_principles([charters[2005], charters[2011]])
        # Mandates adopted by a decision (any existing one).
        for c in self.comms:
            if r.random() < 0.5:
                c.fields.append(("mandate_adopted_by", Plain(self.ref(r.choice(self.decisions).id))))

    def decision_fields(self, d, date, by, candidates, inline):
        """Front matter of a decision; updates the in-force candidates."""
        r = self.r
        topics = self.decision_topics(by)
        f = [("title", d.title)]
        if not inline:
            f += [("date", date), ("by", Plain(self.ref(by)))]
        f.append(("topics", [self.topic_ref(t) for t in topics]))
        f.append(("summary", self.fr.sentence()))
        f.append(("method", Plain(r.choice(["consensus", "consent", "consent", "vote", "delegated"]))))
        x = r.random()
        status = "adopted"
        if x < 0.03:
            status = "proposed"
        elif x < 0.04:
            status = "rejected"
        elif x < 0.05:
            status = "withdrawn"
        if status != "adopted":
            f.append(("status", Plain(status)))
        if status == "adopted" and candidates:
            recent = max(0, len(candidates) - 300)
            y = r.random()
            if y < 0.14:
                k = r.randint(1, 2) if r.random() < 0.15 else 1
                olds = [candidates.pop(r.randrange(recent, len(candidates))) for _ in range(min(k, len(candidates) - recent))]
                if olds:
                    f.append(("supersedes", [Plain(self.ref(o.id)) for o in olds]))
            elif y < 0.17:
                old = candidates.pop(r.randrange(recent, len(candidates)))
                f.append(("repeals", [Plain(self.ref(old.id))]))
            elif y < 0.23:
                old = candidates[r.randrange(recent, len(candidates))]
                f.append(("amends", [Plain(self.ref(old.id))]))
            if r.random() < 0.08 and self.decisions:
                rel = r.choice(self.decisions)
                f.append(("related", [Plain(self.ref(rel.id))]))
        if r.random() < 0.12 and date > START:
            f.append(("principles", [Plain(self.ref(r.choice(self.principles_for(date)).id))]))
        if r.random() < 0.15:
            f.append(("review", date + dt.timedelta(days=r.randint(180, 1500))))
        if r.random() < 0.05:
            f.append(("expires", date + dt.timedelta(days=r.randint(90, 2500))))
        if r.random() < 0.20:
            due = date + dt.timedelta(days=r.randint(15, 400))
            owner = Plain(self.ref(by)) if r.random() < 0.7 else self.fr.name()
            done = due - dt.timedelta(days=r.randint(0, 10)) if r.random() < 0.6 else False
            fu = {"owner": owner, "due": due, "done": done}
            if r.random() < 0.5:
                fu["note"] = self.fr.sentence()
            f.append(("follow_up", fu))
        d.fields = f
        if status == "adopted":
            candidates.append(d)

    def new_decision(self, date, candidates, charter=False):
        r = self.r
        by = self.assembly.id if charter else self.pick_committee(date)
        title = ("Adoption de la charte des principes " + str(date.year)) if charter else self.decision_title()
        pid = self.claim("decisions", f"{date.isoformat()}-{short_slug(title)}")
        d = Page(pid, pid + ".md", "decision", title)
        d.date, d.by = date, by
        d.headings = self.headings("fr", self.sections(d, 3, 5))
        self.decision_fields(d, date, by, candidates, inline=False)
        self.decisions.append(d)
        self.pages.append(d)
        return d

    def new_meeting(self, date, candidates):
        r = self.r
        by = self.pick_committee(date)
        comm = self.comm_by_id[by]
        title = f"{comm.title} du {date.day} {MONTHS_FR[date.month - 1]} {date.year}"
        pid = self.claim("meetings", f"{date.isoformat()}-{comm.short}")
        m = Page(pid, pid + ".md", "meeting", title)
        m.date, m.by = date, by
        m.headings = [f"{i + 1}. {h}" for i, h in enumerate(self.headings("fr", self.sections(m, 3, 5)))]
        m.fields = [("title", title), ("date", date), ("by", Plain(self.ref(by))),
                    ("attendees", [self.fr.name() for _ in range(r.randint(4, 12))]),
                    ("facilitator", self.fr.name()), ("minutes_by", self.fr.name())]
        for _ in range(r.randint(2, 4)):
            t = self.decision_title()
            name = short_slug(t)
            did = self.claim(pid, name)
            d = Page(did, None, "decision", t)
            d.date, d.by, d.meeting = date, by, m
            self.decision_fields(d, date, by, candidates, inline=True)
            if did.rsplit("/", 1)[-1] != slug(t):
                d.fields.insert(1, ("id", Plain(did.rsplit("/", 1)[-1])))
            m.inline.append(d)
            self.decisions.append(d)
        self.meetings.append(m)
        self.pages.append(m)

    def plan_principles(self, count):
        """Two sets of principles: the 2005 charter and the 2011 one, which supersedes it."""
        r = self.r
        half = count // 2
        self.principle_sets = []
        for year, n, names in ((2005, half, PRINCIPLES_FR[:8]), (2011, count - half, PRINCIPLES_FR)):
            pages = []
            for i in range(n):
                title = names[i % len(names)] + ("" if i < len(names) else f" ({i // len(names) + 1})")
                pid = self.claim("principles", f"{year}-{i + 1:02d}-{short_slug(title, 40)}")
                p = Page(pid, pid + ".md", "principle", title)
                p.headings = self.headings("fr", self.sections(p, 2, 4))
                pages.append(p)
                self.pages.append(p)
            self.principle_sets.append((year, pages))
        self.principle_pool = [p.id for _, ps in self.principle_sets for p in ps]

    def principles_for(self, date):
        return self.principle_sets[0 if date < SECOND_CHARTER else 1][1]

    def finish_principles(self, charters):
        for (year, pages), charter in zip(self.principle_sets, charters):
            older = self.principle_sets[0][1]
            for i, p in enumerate(pages):
                f = [("title", p.title), ("set", str(year)), ("order", i + 1), ("adopted", charter.date),
                     ("adopted_by", Plain(self.ref(charter.id)))]
                if year == 2005:
                    f.append(("retired", SECOND_CHARTER))
                elif i < len(older):
                    f.append(("supersedes", [Plain(self.ref(older[i].id))]))
                p.fields = f

    # -- wiki --------------------------------------------------------------
    def wiki(self, n_wiki, n_trans):
        r = self.r
        n_folders = max(8, n_wiki // 40)
        folders = []
        for name in TOP_FOLDERS:
            folders.append(self.claim("", name))
        level2 = []
        while len(folders) < n_folders:
            if level2 and r.random() < 0.4:
                parent = r.choice(level2)
                fid = self.claim(parent, r.choice(SUB_FOLDERS))
            else:
                parent = r.choice(folders[:len(TOP_FOLDERS)])
                fid = self.claim(parent, r.choice(SUB_FOLDERS))
                level2.append(fid)
            folders.append(fid)
        self.folders = folders
        wiki = []
        for fid in folders:
            title = cap(fid.rsplit("/", 1)[-1].replace("-", " "))
            p = Page(fid, fid + "/_index.md", "page", title)
            p.headings = self.headings("fr", self.sections(p, 2, 3))
            p.fields = [("title", title)]
            wiki.append(p)
        while len(wiki) < n_wiki:
            fid = r.choice(folders)
            n = r.choice(NOUNS_FR)
            doc, with_de = r.choice(DOC_FR)
            title = f"{doc} {de(n) if with_de else n}"
            if r.random() < 0.3:
                title += f" ({r.choice(PLACES)})" if r.random() < 0.5 else f" {r.randint(2006, 2026)}"
            pid = self.claim(fid, short_slug(title))
            p = Page(pid, pid + ".md", "page", title)
            p.headings = self.headings("fr", self.sections(p, 3, 5))
            f = [("title", title)]
            if r.random() < 0.7:
                f.append(("topics", [self.topic_ref(t) for t in
                                     r.sample(self.topic_roots + self.topic_children, r.randint(1, 3))]))
            if r.random() < 0.5:
                f.append(("summary", self.fr.sentence()))
            if r.random() < 0.3:
                f.append(("updated", self.rand_date(dt.date(2015, 1, 1))))
            if r.random() < 0.04:
                f.append(("aliases", [f"ancien-wiki/{short_slug(title, 30)}-{len(wiki)}"]))
            p.fields = f
            wiki.append(p)
        # Translations: the regular pages (not folder indexes), chosen at random.
        regular = [p for p in wiki if not p.path.endswith("_index.md")]
        for p in r.sample(regular, min(n_trans, len(regular))):
            n = r.choice(NOUNS_EN)
            p.title_en = cap(f"{r.choice(DOC_EN)} {n}")
            p.headings_en = self.headings("en", self.sections(p, 3, 5))
        self.wiki_pages = wiki
        self.pages.extend(wiki)

    def plan(self):
        c, m, d, p, w, t = self.counts()
        self.topics()
        self.committees(c)
        self.comm_by_id = {x.id: x for x in self.comms}
        self.plan_principles(p)
        self.register(m, d)
        # register() adds two charter decisions; keep the file count at N by taking them from the wiki.
        self.wiki(w - 2, t)
        return self

# --------------------------------------------------------------------------
# Long pages (--long): the blocks of long wiki procedures, RFC-like decisions
# and detailed minutes. Per language: labels and templates.

LONG_WORDS = {
    "fr": {
        "notes": ["Attention", "À noter", "Important", "Rappel", "Astuce", "En cas de doute"],
        "said": "compte rendu du",
        "option": "Option",
        "pros": "Avantages",
        "cons": "Limites",
        "step": "Étape",
        "tables": [["Étape", "Responsable", "Échéance", "Statut"],
                   ["Poste", "Montant (€)", "Variation", "Commentaire"],
                   ["Option", "Avantages", "Limites", "Coût (€)"],
                   ["Date", "Instance", "Sujet", "Pour", "Contre", "Abstention"],
                   ["Outil", "Emplacement", "Accès", "Sauvegarde"]],
        "status": ["fait", "en cours", "à faire", "reporté", "abandonné", "à vérifier"],
        "access": ["tout le monde", "comité", "trésorerie", "sur demande", "lecture seule"],
        "ext": ["La fédération publie [un guide {de}]({url}) sur ce sujet.",
                "Le texte de référence est disponible [en ligne]({url}).",
                "Voir la [fiche de l'union régionale]({url}) pour les modèles de documents."],
        "file": ["Le fichier `{f}` est rangé dans `{d}`, avec les versions précédentes.",
                 "Le modèle se trouve dans `{d}` ; copier `{f}` avant de le modifier.",
                 "Lancer `{c}` depuis le poste de l'accueil, puis vérifier le résultat."],
        "bold": ["À retenir", "En pratique", "Décision", "Délai", "Qui s'en occupe"],
        "mail": ["Objet : {s}", "Bonjour à toutes et à tous,", "Bien coopérativement,"],
        "check": "Vérifier",
    },
    "en": {
        "notes": ["Warning", "Note", "Important", "Reminder", "Tip", "If in doubt"],
        "said": "minutes of",
        "option": "Option",
        "pros": "Pros",
        "cons": "Cons",
        "step": "Step",
        "tables": [["Step", "Owner", "Due", "Status"],
                   ["Item", "Amount (€)", "Change", "Comment"],
                   ["Option", "Pros", "Cons", "Cost (€)"],
                   ["Date", "Body", "Subject", "For", "Against", "Abstain"],
                   ["Tool", "Location", "Access", "Backup"]],
        "status": ["done", "in progress", "to do", "postponed", "dropped", "to check"],
        "access": ["everyone", "committee", "treasury", "on request", "read only"],
        "ext": ["The federation publishes [a guide to {n}]({url}) on this.",
                "The reference text is [available online]({url}).",
                "See the [regional union's sheet]({url}) for document templates."],
        "file": ["The file `{f}` is kept in `{d}`, with the earlier versions.",
                 "The template is in `{d}`; copy `{f}` before editing it.",
                 "Run `{c}` from the front-desk computer, then check the result."],
        "bold": ["Key point", "In practice", "Decision", "Deadline", "Who does it"],
        "mail": ["Subject: {s}", "Hello everyone,", "Cooperatively yours,"],
        "check": "Check",
    },
}

SHELL = ["cd /srv/partage/{a}", "./outils/{v}.sh --equipe {b} --annee {y}", "ls -1 archives/{y}/ | wc -l",
         "cp {a}-{y}.ods archives/{y}/", "rsync -av --delete {a}/ sauvegarde:/srv/{a}/",
         "grep -c '{b}' registre-{y}.csv", "mkdir -p archives/{y}/{b}", "tar czf {a}-{y}.tar.gz {a}/",
         "psql konbit -c \"SELECT count(*) FROM {u} WHERE annee = {y};\"", "sudo systemctl restart {a}.service",
         "./outils/export --format csv --depuis {y}-01-01 > {a}.csv", "sha256sum {a}-{y}.tar.gz"]

# Long-mode weights of the blocks after a section's first paragraph, per page type:
# paragraph, bullet list, numbered steps, table, code block, quote, subsection, checklist.
LONG_BLOCKS = ("para", "list", "steps", "table", "code", "quote", "sub", "tasks")
LONG_WEIGHTS = {
    "page": (40, 10, 11, 6, 9, 5, 9, 3),
    "decision": (46, 11, 4, 7, 2, 8, 14, 2),
    "meeting": (50, 12, 3, 7, 1, 10, 6, 5),
    "committee": (45, 12, 6, 7, 3, 6, 8, 3),
    "principle": (55, 10, 2, 4, 0, 12, 8, 0),
}


# --------------------------------------------------------------------------
# Writing.

def site_yaml():
    lines = ['title: "Coopérative Konbit"',
             'description: "Wiki et registre des décisions (corpus de test généré)"',
             "base_url: https://wiki.example.org/",
             "languages: [fr, en]",
             "repo_url: https://git.example.org/konbit/wiki",
             "repo_branch: main",
             "broken_links: error",
             "topics:"]

    def topic(tid, fr, en, aliases, parent):
        lines.append(f"  - id: {tid}")
        lines.append(f"    label: {{ fr: {json.dumps(fr, ensure_ascii=False)}, en: {json.dumps(en)} }}")
        if parent:
            lines.append(f"    parent: {parent}")
        if aliases:
            lines.append(f"    aliases: [{', '.join(aliases)}]")

    for rid, fr, en, al, kids in TOPICS:
        topic(rid, fr, en, al, None)
        lines.append(f"    description: {{ fr: \"Tout ce qui touche à : {fr.lower()}.\", en: \"Everything about {en.lower()}.\" }}")
        for k in kids:
            topic(k[0], k[1], k[2], k[3], rid)
    return "\n".join(lines) + "\n"


class Writer:
    def __init__(self, plan, rng):
        self.p = plan
        self.r = rng
        self.fr = plan.fr
        self.en = plan.en
        targets = [x for x in plan.pages if x.id] + [d for m in plan.meetings for d in m.inline]
        self.targets = targets
        hubs = plan.wiki_pages[: max(10, len(plan.wiki_pages) // 100)] + plan.comms[:10]
        self.hubs = hubs

    def link(self, source_id, lang):
        r = self.r
        while True:
            t = r.choice(self.hubs) if r.random() < 0.25 else r.choice(self.targets)
            if t.id != source_id:
                break
        name = t.id if r.random() < 0.4 else t.short
        heads = t.headings_en if (lang == "en" and t.headings_en) else t.headings
        x = r.random()
        if heads and x < 0.15:
            h = r.choice(heads)
            return f"[[{name}#{slug(h) if r.random() < 0.65 else h}]]"
        if x < 0.30:
            label = (t.title_en if lang == "en" and t.title_en else t.title).lower()
            return f"[[{name}|{label}]]"
        return f"[[{name}]]"

    def n_links(self, page, T):
        """3 to 8 wikilinks a page; with --long, one per LONG_LINK_EVERY bytes or so."""
        if not self.p.long:
            return T.ri(3, 8)
        return max(4, round(page.size / LONG_LINK_EVERY * (0.6 + 0.8 * self.r.random())))

    def body(self, page, lang, headings, n_links, intro=None):
        """About 600 words: intro, sections with paragraphs, lists, tables; links spread over paragraphs."""
        if self.p.long:
            return self.long_body(page, lang, headings, n_links, intro)
        r, T = self.r, (self.fr if lang == "fr" else self.en)
        T.focus(FOCUS_NOUNS)
        blocks = []   # str, or list of sentences (a paragraph that can take links)
        if intro:
            blocks.append(intro)
        blocks.append(T.paragraph(T.ri(3, 5)))
        per = max(1, 520 // (16 * 4 * max(1, len(headings))))
        for i, h in enumerate(headings):
            level = "###" if (i > 0 and r.random() < 0.15) else "##"
            blocks.append(f"{level} {h}")
            for _ in range(T.ri(per, per + 1)):
                blocks.append(T.paragraph(T.ri(3, 7)))
            x = r.random()
            if x < 0.35:
                blocks.append("\n".join(T.list_item() for _ in range(T.ri(3, 6))))
            elif x < 0.45:
                blocks.append(T.table())
        paras = [b for b in blocks if isinstance(b, list)]
        for _ in range(n_links):
            para = r.choice(paras)
            para.insert(T.ri(0, len(para)), T.link_sentence(self.link(page.id, lang)))
        T.unfocus()
        return "\n\n".join(" ".join(b) if isinstance(b, list) else b for b in blocks) + "\n"

    def page_text(self, page):
        n_links = self.n_links(page, self.fr)
        if page.type == "meeting":
            return front_matter(page.fields) + self.meeting_body(page, n_links)
        return front_matter(page.fields) + self.body(page, "fr", page.headings, n_links)

    def meeting_body(self, m, n_links):
        r, T = self.r, self.fr
        T.focus(FOCUS_NOUNS)
        out = [f"**Ordre du jour** : {len(m.headings)} points. Séance ouverte à {T.ri(9, 19)} h {r.choice(['00', '15', '30'])}.",
               ""]
        slots = sorted(r.sample(range(len(m.headings)), min(len(m.inline), len(m.headings))))
        inline = list(m.inline)
        for i, h in enumerate(m.headings):
            out.append(f"## {h}\n")
            if self.p.long:
                blocks = self.long_section(m, T, "fr", i + 1, m.size * LONG_FILL / len(m.headings))
                paras = [b for b in blocks if isinstance(b, list)]
            else:
                blocks = paras = [T.paragraph(T.ri(3, 6)) for _ in range(T.ri(2, 3))]
            for _ in range(n_links // len(m.headings) + (1 if i < n_links % len(m.headings) else 0)):
                p = r.choice(paras)
                p.insert(T.ri(0, len(p)), T.link_sentence(self.link(m.id, "fr")))
            out.extend((" ".join(b) if isinstance(b, list) else b) + "\n" for b in blocks)
            while inline and (i in slots or i == len(m.headings) - 1):
                d = inline.pop(0)
                out.append("```decision")
                out.extend(yaml_lines(d.fields))
                out.append("---")
                meeting_nouns = list(T.nouns)
                T.focus(FOCUS_NOUNS)  # each decision has words of its own
                text = " ".join(T.paragraph(T.ri(2, 4)))
                if r.random() < 0.3:
                    text += " " + T.link_sentence(self.link(d.id, "fr"))
                T.nouns[:] = meeting_nouns
                out.append(text)
                out.append("```\n")
                if i in slots:
                    slots.remove(i)
        out.append(f"Séance levée à {T.ri(11, 22)} h. Prochaine réunion : {T.ri(1, 28)} "
                   f"{r.choice(MONTHS_FR)} {m.date.year + (1 if m.date.month == 12 else 0)}.")
        T.unfocus()
        return "\n".join(out) + "\n"

    def translation_text(self, page):
        f = [("title", page.title_en)]
        for k, v in page.fields:
            if k == "topics":
                f.append((k, v))
        if self.r.random() < 0.5:
            f.append(("summary", self.en.sentence()))
        return front_matter(f) + self.body(page, "en", page.headings_en, self.n_links(page, self.en))

    def home_text(self):
        p = self.p
        intro = ("Bienvenue sur le wiki de la coopérative. Vous y trouverez le registre des décisions, "
                 "les mandats des comités, les principes et les comptes rendus de réunion.")
        links = " · ".join(f"[[{x.id}]]" for x in p.comms[:6])
        return front_matter([("title", "Coopérative Konbit")]) + intro + "\n\n## Comités\n\n" + links + "\n"

    # -- long pages (--long) ------------------------------------------------
    def long_body(self, page, lang, headings, n_links, intro=None):
        """About page.size bytes: an intro, then for each planned heading a `##`
        section of paragraphs, lists, steps, tables, code, quotes and `###`
        subsections; the wikilinks spread over the paragraphs."""
        r, T = self.r, (self.fr if lang == "fr" else self.en)
        T.focus(FOCUS_NOUNS)
        blocks = []
        if intro:
            blocks.append(intro)
        blocks.append(T.paragraph(T.ri(4, 7)))
        per = page.size * LONG_FILL / len(headings)
        for i, h in enumerate(headings):
            blocks.append(f"## {h}")
            blocks.extend(self.long_section(page, T, lang, i + 1, per))
        paras = [b for b in blocks if isinstance(b, list)]
        for _ in range(n_links):
            para = r.choice(paras)
            para.insert(T.ri(0, len(para)), T.link_sentence(self.link(page.id, lang)))
        T.unfocus()
        return "\n\n".join(" ".join(b) if isinstance(b, list) else b for b in blocks) + "\n"

    def long_section(self, page, T, lang, number, budget):
        """Blocks of about `budget` bytes (counted in characters, a little under
        bytes with accents): a paragraph, then blocks drawn by page type.
        Paragraphs are lists of sentences (links go in later); the rest, strings."""
        r = self.r
        W = LONG_WORDS[lang]
        weights = LONG_WEIGHTS.get(page.type, LONG_WEIGHTS["page"])
        blocks = [self.long_paragraph(T, W)]
        size = sum(map(len, blocks[0]))
        sub = 0
        while size < budget:
            kind = r.choices(LONG_BLOCKS, weights)[0]
            if kind == "para":
                new = [self.long_paragraph(T, W)]
            elif kind == "list":
                new = [self.nested_list(page, T, lang)]
            elif kind == "steps":
                new = [self.steps(T, W)]
            elif kind == "table":
                new = [self.long_table(T, W)]
            elif kind == "code":
                new = [self.code_block(T, W)]
            elif kind == "quote":
                new = [self.quote(T, W)]
            elif kind == "tasks":
                new = ["\n".join(f"- [{'x' if r.random() < 0.5 else ' '}] {T.list_item()[2:]}"
                                 for _ in range(T.ri(3, 8)))]
            else:
                sub += 1
                verb, noun = T.ch(T.verbs)[3], T.ch(T.nouns)
                if page.type == "decision" and r.random() < 0.6:
                    title = f"{W['option']} {'ABCDEFGH'[(sub - 1) % 8]} : {verb} {noun}"
                    new = [f"### {number}.{sub} {title}", self.long_paragraph(T, W), self.pros_cons(T, W)]
                else:
                    new = [f"### {number}.{sub} {cap(verb)} {noun}", self.long_paragraph(T, W)]
            for b in new:
                size += sum(map(len, b)) + len(b) if isinstance(b, list) else len(b)
            blocks.extend(new)
        return blocks

    def long_paragraph(self, T, W):
        """4 to 9 sentences, now and then with inline code, bold or an external link."""
        r = self.r
        para = T.paragraph(T.ri(4, 9))
        x = r.random()
        if x < 0.12:
            n = T.ch(T.nouns)
            url = f"https://www.example.org/{'guides' if r.random() < 0.5 else 'fiches'}/{short_slug(n, 30)}"
            para.insert(T.ri(0, len(para)), T.ch(W["ext"]).format(url=url, n=n, de=de(n)))
        elif x < 0.24:
            a, y = short_slug(T.ch(T.nouns), 24), T.year()
            para.insert(T.ri(0, len(para)), T.ch(W["file"]).format(
                f=f"{a}-{y}.ods", d=f"partage/{a}/", c=f"./outils/{short_slug(T.ch(T.verbs)[3], 20)}.sh {y}"))
        elif x < 0.34:
            para[0] = f"**{T.ch(W['bold'])}** : {para[0]}" if T.lang == "fr" else f"**{T.ch(W['bold'])}:** {para[0]}"
        return para

    def nested_list(self, page, T, lang):
        """A bullet list two or three levels deep; an item sometimes links to a page."""
        r = self.r
        lines = []
        for _ in range(T.ri(3, 7)):
            lines.append(f"- {T.list_item()[2:]}")
            if r.random() < 0.55:
                for _ in range(T.ri(1, 3)):
                    lines.append(f"  - {T.sentence()}")
                    if r.random() < 0.15:
                        lines.append(f"    - {T.list_item()[2:]}")
            if r.random() < 0.08:
                lines.append(f"  - {T.link_sentence(self.link(page.id, lang))}")
        return "\n".join(lines)

    def steps(self, T, W):
        """A numbered procedure: bold steps, sub-items, now and then a command block inside a step."""
        r = self.r
        lines = []
        for k in range(1, T.ri(3, 12) + 1):
            marker = f"{k}."
            ind = " " * (len(marker) + 1)
            lines.append(f"{marker} **{cap(T.ch(T.verbs)[3])} {T.ch(T.nouns)}.** {T.sentence()}")
            for _ in range(T.ri(0, 3)):
                lines.append(f"{ind}- {T.sentence()}")
            if r.random() < 0.12:
                lines.append("")
                lines.extend(ind + line if line else "" for line in self.code_block(T, W, "sh").split("\n"))
                lines.append("")
        return "\n".join(lines).replace("\n\n\n", "\n\n").strip("\n")

    def pros_cons(self, T, W):
        lines = []
        for label in (W["pros"], W["cons"]):
            lines.append(f"- **{label}**")
            lines.extend(f"  - {T.sentence()}" for _ in range(T.ri(2, 4)))
        return "\n".join(lines)

    def long_table(self, T, W):
        r = self.r
        head = T.ch(W["tables"])
        rows = []
        for _ in range(T.ri(4, 12)):
            row = []
            for j, col in enumerate(head):
                if col in ("Échéance", "Due", "Date"):
                    row.append(f"{T.ri(1, 28)} {T.ch(T.months)} {T.year()}")
                elif j == 0:
                    row.append(cap(T.ch(T.nouns)) if r.random() < 0.5 else f"{cap(T.ch(T.verbs)[3])} {T.ch(T.nouns)}")
                elif "€" in col:
                    row.append(f"{T.ri(1, 400) * 25}")
                elif col in ("Statut", "Status"):
                    row.append(T.ch(W["status"]))
                elif col in ("Accès", "Access"):
                    row.append(T.ch(W["access"]))
                elif col in ("Pour", "Contre", "Abstention", "For", "Against", "Abstain"):
                    row.append(str(T.ri(0, 40)))
                elif col in ("Responsable", "Owner", "Instance", "Body"):
                    row.append(T.name() if r.random() < 0.6 else cap(T.ch(T.subj_s)))
                elif col in ("Variation", "Change"):
                    row.append(f"{T.ri(-30, 40):+d} %")
                elif col in ("Emplacement", "Location", "Sauvegarde", "Backup"):
                    row.append(f"`partage/{short_slug(T.ch(T.nouns), 20)}/`")
                else:
                    row.append(T.sentence().rstrip("."))
            rows.append(row)
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)

    def code_block(self, T, W, kind=None):
        """A fenced block: shell commands, a YAML or JSON settings file, CSV, or a mail template."""
        kind = kind or T.ch(["sh", "sh", "yaml", "json", "csv", "text"])
        a, b = short_slug(T.ch(T.nouns), 24), short_slug(T.ch(T.nouns), 24)
        if kind == "sh":
            body = [T.ch(SHELL).format(a=a, b=b, y=T.year(), v=short_slug(T.ch(T.verbs)[3], 20), u=a.replace("-", "_"))
                    for _ in range(T.ri(2, 7))]
        elif kind == "yaml":
            body = [f"{a}:", f"  responsable: {T.name()}", f"  budget: {T.ri(2, 90) * 50}",
                    f"  rythme: {T.ch(['hebdomadaire', 'mensuel', 'trimestriel', 'annuel'])}",
                    f"  equipes: [{b}, {short_slug(T.ch(T.nouns), 24)}]"]
            body += [f"  {short_slug(T.ch(T.nouns), 20).replace('-', '_')}: {T.ri(0, 1000)}" for _ in range(T.ri(0, 5))]
        elif kind == "json":
            items = [f'  "{short_slug(T.ch(T.nouns), 20)}": {T.ri(0, 5000)}' for _ in range(T.ri(2, 6))]
            body = ["{", f'  "poste": "{a}",', f'  "annee": {T.year()},', ",\n".join(items), "}"]
        elif kind == "csv":
            body = ["date;poste;montant;responsable"]
            body += [f"{T.year()}-{T.ri(1, 12):02d}-{T.ri(1, 28):02d};{short_slug(T.ch(T.nouns), 24)};"
                     f"{T.ri(1, 400) * 25};{T.name()}" for _ in range(T.ri(3, 10))]
        else:
            subject, hello, bye = W["mail"]
            body = [subject.format(s=cap(T.ch(T.nouns))), "", hello, ""]
            body += [T.sentence() for _ in range(T.ri(2, 5))]
            body += ["", bye, T.name()]
        return f"```{kind}\n" + "\n".join(body) + "\n```"

    def quote(self, T, W):
        """A note in bold, or a quotation from minutes, over one or two paragraphs."""
        r = self.r
        if r.random() < 0.5:
            sep = " : " if T.lang == "fr" else ": "
            return f"> **{T.ch(W['notes'])}**{sep}" + " ".join(T.paragraph(T.ri(1, 3)))
        lines = ["> " + " ".join(T.paragraph(T.ri(2, 4)))]
        if r.random() < 0.5:
            lines += [">", "> " + " ".join(T.paragraph(T.ri(1, 3)))]
        lines += [">", f"> — {T.name()}, {W['said']} {T.ri(1, 28)} {T.ch(T.months)} {T.year()}"]
        return "\n".join(lines)


def write_site(plan, out, rng):
    content = os.path.join(out, "content")
    w = Writer(plan, rng)
    dirs = {os.path.dirname(os.path.join(content, p.path)) for p in plan.pages}
    for d in sorted(dirs):
        os.makedirs(d, exist_ok=True)
    total = 0
    files = 0

    def emit(rel, text):
        nonlocal total, files
        data = text.encode("utf-8")
        with open(os.path.join(content, rel), "wb") as fh:
            fh.write(data)
        total += len(data)
        files += 1

    with open(os.path.join(out, "site.yaml"), "w", encoding="utf-8") as fh:
        fh.write(site_yaml())
    emit("_index.md", w.home_text())
    for p in plan.pages:
        emit(p.path, w.page_text(p))
        if p.title_en:
            emit(p.path[:-3] + ".en.md", w.translation_text(p))
    return files, total


def prepare_out(out):
    """Refuse to overwrite a folder this script did not create."""
    if os.path.isdir(out) and os.listdir(out):
        if not os.path.exists(os.path.join(out, MARKER)):
            sys.exit(f"gen_corpus: {out} exists and was not made by gen_corpus.py; refusing to overwrite it")
        for name in os.listdir(out):
            path = os.path.join(out, name)
            if name != MARKER:
                shutil.rmtree(path) if os.path.isdir(path) and not os.path.islink(path) else os.remove(path)
    os.makedirs(out, exist_ok=True)
    open(os.path.join(out, MARKER), "w").close()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, required=True, help="number of Markdown files to write (>= 100)")
    ap.add_argument("--out", required=True, help="site folder to create")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--hugo", metavar="DIR2", help="also write an equivalent Hugo site there")
    ap.add_argument("--long", action="store_true",
                    help=f"long real-world pages: about {LONG_MEAN // 1000} kB of Markdown each on average")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    rng = random.Random(args.seed)
    plan = Planner(args.pages, rng, long=args.long).plan()
    prepare_out(args.out)
    files, total = write_site(plan, args.out, rng)
    t1 = time.perf_counter()
    inline = sum(len(m.inline) for m in plan.meetings)
    trans = sum(1 for p in plan.wiki_pages if p.title_en)
    print(f"gen_corpus: {files} files ({len(plan.comms)} committees, {len(plan.meetings)} meetings with "
          f"{inline} inline decisions, {len(plan.decisions) - inline} decision files, "
          f"{len(plan.principle_pool)} principles, {len(plan.wiki_pages)} wiki pages + {trans} translations, "
          f"1 home), {total / 1e6:.1f} MB of Markdown, in {t1 - t0:.1f} s -> {args.out}", file=sys.stderr)
    if args.hugo:
        prepare_out(args.hugo)
        linked = write_hugo(args.out, args.hugo)
        print(f"gen_corpus: Hugo site ({'hard links' if linked else 'copies'}) in "
              f"{time.perf_counter() - t1:.1f} s -> {args.hugo}", file=sys.stderr)


if __name__ == "__main__":
    main()
