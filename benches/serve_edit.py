#!/usr/bin/env python3
"""How fast `cahier serve` shows an edit, on a generated site.

    python3 benches/serve_edit.py --site DIR [--cahier BIN] [--edits N]

DIR is a site made by gen_corpus.py (for instance /dev/shm/cahier-bench/
site-10000-s1, which `benches/run.sh 10000` leaves). The script starts
`cahier serve` on a free loopback port, then measures, from the moment a
file is written to the moment the new text is served:

- a one-paragraph edit of a wiki page (N times, median and worst);
- an edit of a decision's topics (one topic added, then removed; 3 times
  each), until the decision's page shows it, then until the register's
  views, listings, exports and search index are updated too;
- an edit of a decision's supersession (it now supersedes an earlier
  decision, then not; 3 times each), until the earlier decision's page
  says what replaced it, then until the rest is updated;
- a full `cahier build` of the same site, for comparison;

and the resident memory of the server after the first build and after the
N paragraph edits. It restores every file it edits. Standard library only.
"""

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time


def fetch(port, path):
    """The status and body of a GET of `path`."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        chunks = []
        while True:
            data = s.recv(1 << 16)
            if not data:
                break
            chunks.append(data)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def get(port, path):
    """The whole response (head and body), as text."""
    status, body = fetch(port, path)
    return f"{status}\n" + body.decode("utf-8", "replace")


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port, path, text, timeout=120):
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            if text in get(port, path):
                return time.perf_counter()
        except OSError:
            pass
        time.sleep(0.002)
    sys.exit(f"serve_edit: timed out waiting for {text!r} on {path}")


def wait_log(text, n, timeout=120):
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        with open("/tmp/serve_edit.log", encoding="utf-8", errors="replace") as f:
            if f.read().count(text) >= n:
                return
        time.sleep(0.01)
    sys.exit(f"serve_edit: timed out waiting for {text!r} in the log")


def front_matter(path):
    text = open(path, encoding="utf-8").read()
    m = re.match(r"---\n(.*?)\n---\n", text, re.S)
    return (m.group(1) if m else ""), text


def pick_files(site):
    """A wiki page (no date, not a folder's _index) and a decision file."""
    wiki = decision = None
    for folder, _, files in sorted(os.walk(os.path.join(site, "content"))):
        for name in sorted(files):
            if not name.endswith(".md") or name.startswith("_") or name.count(".") > 1:
                continue
            path = os.path.join(folder, name)
            fm, _ = front_matter(path)
            if wiki is None and "date:" not in fm and "type:" not in fm and "/decisions/" not in path and "/meetings/" not in path:
                wiki = path
            # Not the first decision: the supersession edit needs an earlier one.
            if decision is None and "/decisions/" in path and re.search(r"^topics: \[.+\]$", fm, re.M):
                if any(n < name and n.endswith(".md") and not n.startswith("_") for n in files):
                    decision = path
        if wiki and decision:
            return wiki, decision
    sys.exit("serve_edit: no wiki page or decision with topics found")


def all_topics(site):
    with open(os.path.join(site, "site.yaml"), encoding="utf-8") as f:
        return re.findall(r"^  - id: (\S+)$", f.read(), re.M)


def earlier_decision(site, decision):
    """A decision file dated before `decision`, that it does not reference."""
    folder = os.path.dirname(decision)
    names = sorted(n for n in os.listdir(folder) if n.endswith(".md") and not n.startswith("_"))
    before = [n for n in names if n < os.path.basename(decision)]
    if not before:
        sys.exit("serve_edit: no earlier decision")
    return os.path.join(folder, before[-1])


def with_supersedes(text, earlier):
    target = os.path.basename(earlier)[: -len(".md")]
    if re.search(r"^supersedes: .*$", text, re.M):
        return re.sub(r"^supersedes: .*$", f"supersedes: [{target}]", text, count=1, flags=re.M)
    return re.sub(r"^(topics: .*)$", f"\\1\nsupersedes: [{target}]", text, count=1, flags=re.M)


def wait_without(port, path, text, timeout=120):
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            if text not in get(port, path):
                return time.perf_counter()
        except OSError:
            pass
        time.sleep(0.002)
    sys.exit(f"serve_edit: timed out waiting for {text!r} to leave {path}")


def url_of(site, path):
    rel = os.path.relpath(path, os.path.join(site, "content"))
    return "/" + rel[: -len(".md")] + "/"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", required=True)
    ap.add_argument("--cahier", default="target/release/cahier")
    ap.add_argument("--edits", type=int, default=100)
    args = ap.parse_args()
    wiki, decision = pick_files(args.site)
    port = free_port()
    log = open("/tmp/serve_edit.log", "w")
    started = time.perf_counter()
    server = subprocess.Popen([args.cahier, "serve", "--root", args.site, "--port", str(port)], stderr=log, stdout=subprocess.DEVNULL)
    try:
        wait_for(port, "/", "<html", timeout=600)
        first_build = time.perf_counter() - started
        rss_first = rss_mb(server.pid)
        _, original = front_matter(wiki)
        url = url_of(args.site, wiki)
        body_end = original.rstrip().rfind("\n") + 1
        times = []
        try:
            for i in range(args.edits):
                marker = f"Relu en séance numéro {i}."
                text = original[:body_end] + marker + " " + original[body_end:]
                t0 = time.perf_counter()
                with open(wiki, "w", encoding="utf-8") as f:
                    f.write(text)
                times.append(wait_for(port, url, marker) - t0)
                # A person reads what they wrote before saving again: serve
                # updates the search index in that pause.
                wait_log("search index updated", i + 1)
        finally:
            with open(wiki, "w", encoding="utf-8") as f:
                f.write(original)
        time.sleep(3)
        rss_after = rss_mb(server.pid)
        topic_times, topic_rest, sup_times, sup_rest = [], [], [], []
        fm, dec_original = front_matter(decision)
        dec_url = url_of(args.site, decision)
        earlier = earlier_decision(args.site, decision)
        earlier_url = url_of(args.site, earlier)
        topics = re.search(r"^topics: \[(.*)\]$", fm, re.M).group(1)
        extra = next(t for t in all_topics(args.site) if t not in [x.strip() for x in topics.split(",")])
        rest = "register views, listings, exports and search index updated"
        done = open("/tmp/serve_edit.log", encoding="utf-8", errors="replace").read().count(rest)
        try:
            for i in range(3):
                for added in (True, False):
                    text = dec_original.replace(f"topics: [{topics}]", f"topics: [{topics}, {extra}]", 1) if added else dec_original
                    t0 = time.perf_counter()
                    with open(decision, "w", encoding="utf-8") as f:
                        f.write(text)
                    shown = wait_for(port, dec_url, f"/topics/{extra}/") if added else wait_without(port, dec_url, f"/topics/{extra}/")
                    topic_times.append(shown - t0)
                    done += 1
                    wait_log(rest, done)
                    topic_rest.append(time.perf_counter() - t0)
            for i in range(3):
                for added in (True, False):
                    text = with_supersedes(dec_original, earlier) if added else dec_original
                    marker = dec_url.strip("/").split("/")[-1]
                    t0 = time.perf_counter()
                    with open(decision, "w", encoding="utf-8") as f:
                        f.write(text)
                    shown = wait_for(port, earlier_url, marker) if added else wait_without(port, earlier_url, marker)
                    sup_times.append(shown - t0)
                    done += 1
                    wait_log(rest, done)
                    sup_rest.append(time.perf_counter() - t0)
        finally:
            with open(decision, "w", encoding="utf-8") as f:
                f.write(dec_original)
    finally:
        server.kill()
        server.wait()
    # Cold, next to the site (on the same file system: /dev/shm for a
    # corpus there), as `serve` builds into memory.
    out = args.site.rstrip("/") + "-serve-edit-build"
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    subprocess.run([args.cahier, "build", "--root", args.site, "--out", out], check=True, stderr=subprocess.DEVNULL)
    full_build = time.perf_counter() - t0
    shutil.rmtree(out, ignore_errors=True)
    ms = lambda s: f"{s * 1000:.0f} ms"
    print(f"site: {args.site}; first build served after {first_build:.2f} s")
    print(f"wiki paragraph edit ({len(times)}x): median {ms(statistics.median(times))}, worst {ms(max(times))}")
    med = lambda xs: ms(statistics.median(xs))
    print(f"decision topics edit (6x): page served in median {med(topic_times)}, worst {ms(max(topic_times))}; "
          f"views, exports and search index in median {med(topic_rest)}")
    print(f"decision supersession edit (6x): replaced decision's page served in median {med(sup_times)}, worst {ms(max(sup_times))}; "
          f"views, exports and search index in median {med(sup_rest)}")
    print(f"full cahier build of the same site: {full_build:.2f} s")
    print(f"resident memory: {rss_first:.0f} MB after the first build, {rss_after:.0f} MB after {len(times)} edits "
          f"({(rss_after / rss_first - 1) * 100:+.1f} %)")


if __name__ == "__main__":
    main()
