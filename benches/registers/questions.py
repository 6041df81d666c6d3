#!/usr/bin/env python3
"""Writes three of the four kinds of relevance questions for a converted
register (tests/registers/), with a fixed seed, so that the set is chosen by
rule and not by looking at what the search finds:

- `summary`: four of the six most distinctive words (in the fewest
  decisions) of a decision's summary that are not in its title;
- `phrase`: five words in a row from a paragraph of its body, one of them
  rare (in at most 10 decisions);
- `typo`: its title with one typing mistake (a letter dropped, doubled,
  swapped with the next, or replaced by a neighbour on the keyboard) in its
  longest word.

The fourth kind, `question`, is written by hand (a question a member would
ask, in their own words) and kept in the same file.

    python3 benches/registers/questions.py --site SITE_DIR --seed 11 > part.yaml

`--stop "rfc rust"` adds words of a register's own jargon to the words
never picked (the PEPs' are in STOP).

Standard library only.
"""

import argparse
import os
import random
import re

STOP = set(
    """a about above after again against all also am an and any are as at be because been before being below between both but by
    can could did do does doing down during each few for from further had has have having he her here hers him his how i if in into is
    it its itself just may me might more most must my no nor not now of off on once only or other our out over own same shall she should
    so some such than that the their them then there these they this those through to too under until up very was we were what when
    where which while who whom why will with would you your pep peps python proposal proposes document describes""".split()
)

# A neighbour on a QWERTY keyboard, for each letter.
NEIGHBOURS = dict(zip("abcdefghijklmnopqrstuvwxyz", "svxfwghjoklknbpowtayibeztx"))


def words(text):
    return re.findall(r"[A-Za-z][A-Za-z']+", text)


def front_matter(text):
    _, fm, body = text.split("---\n", 2)
    fields = {}
    for line in fm.splitlines():
        if ": " in line:
            k, v = line.split(": ", 1)
            v = v.strip()
            if v.startswith('"'):
                v = v[1:-1].replace('\\"', '"').replace("\\\\", "\\")
            fields[k] = v
    return fields, body


def load(site):
    folder = os.path.join(site, "content", "decisions")
    docs = []
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            fields, body = front_matter(f.read())
        docs.append(("decisions/" + name[:-3], fields, body))
    return docs


def paragraphs(body):
    """Prose paragraphs: not headings, code, lists, tables or directives."""
    for block in re.split(r"\n\s*\n", body):
        lines = block.split("\n")
        if any(l.startswith((" ", "\t", "#", "..", "*", "-", "+", "|", "=")) for l in lines):
            continue
        text = " ".join(lines)
        if len(words(text)) >= 12 and "::" not in text and "``" not in text:
            yield text


def typo(word, rng):
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["drop", "double", "swap", "neighbour"])
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    if kind == "swap" and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    c = word[i].lower()
    return word[:i] + NEIGHBOURS.get(c, "e") + word[i + 1 :]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", required=True)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--per-kind", type=int, default=20)
    ap.add_argument("--stop", default="", help="more words never to pick, separated by spaces")
    args = ap.parse_args()
    STOP.update(args.stop.lower().split())
    rng = random.Random(args.seed)
    docs = load(args.site)
    df = {}
    for _, fields, body in docs:
        for w in set(w.lower() for w in words(fields.get("title", "") + " " + body)):
            df[w] = df.get(w, 0) + 1
    order = list(range(len(docs)))
    rng.shuffle(order)
    used = set()
    out = []

    def take(kind, make):
        n = 0
        for i in order:
            if n == args.per_kind:
                break
            if i in used:
                continue
            query = make(docs[i])
            if query:
                used.add(i)
                out.append((kind, query, docs[i][0]))
                n += 1

    def summary(doc):
        _, fields, _ = doc
        title = {w.lower() for w in words(fields.get("title", ""))}
        picked = []
        for w in words(fields.get("summary", "")):
            lw = w.lower()
            if len(lw) >= 4 and lw not in STOP and lw not in title and lw not in (p.lower() for p in picked):
                picked.append(w)
        if len(picked) < 4:
            return None
        rarest = sorted(range(len(picked)), key=lambda k: (df.get(picked[k].lower(), 0), k))[:6]
        keep = sorted(rng.sample(rarest, 4))
        return " ".join(picked[k].lower() for k in keep)

    def phrase(doc):
        _, _, body = doc
        candidates = []
        for p in paragraphs(body):
            ws = words(p)
            for s in range(0, len(ws) - 5):
                window = ws[s : s + 5]
                if min(df.get(w.lower(), 0) for w in window) <= 10 and sum(w.lower() not in STOP for w in window) >= 3:
                    candidates.append(" ".join(w.lower() for w in window))
        return rng.choice(candidates) if candidates else None

    def typo_title(doc):
        _, fields, _ = doc
        title = fields.get("title", "")
        ws = [w for w in words(title) if len(w) >= 5]
        if not ws:
            return None
        longest = max(ws, key=len)
        wrong = typo(longest, rng)
        return title.replace(longest, wrong, 1)

    take("summary", summary)
    take("phrase", phrase)
    take("typo", typo_title)
    for kind, query, expect in out:
        q = query.replace("\\", "\\\\").replace('"', '\\"')
        print(f'- {{ kind: {kind}, query: "{q}", expect: {expect} }}')


if __name__ == "__main__":
    main()
