#!/usr/bin/env python3
"""Edits a site under `cahier serve` and checks, after each edit, that every
file a fresh full build makes is served byte for byte: the check of
tests/serve_edits.rs, on sites the tests do not use (a real register, a
generated corpus).

    python3 benches/serve_check.py BIN SITE EDITS.tsv

EDITS.tsv has one edit a line: a file (relative to SITE), the text to find,
the text to put instead, tab-separated (`\\n` stands for a new line). The
edits stay: run it on a copy. It prints, per edit, what `serve` said it did
and which served files differ from the build (`.cahier-output`, the build's
marker, is not served). Standard library only.
"""

import os
import shutil
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_edit import fetch, free_port, wait_for  # noqa: E402

LOG = "/tmp/serve_check.log"


def log_text():
    with open(LOG, encoding="utf-8", errors="replace") as f:
        return f.read()


def settle(edits_before):
    """Waits for serve to take the edit, then for its log to go quiet (the
    views and the search index follow an edit)."""
    start = time.time()
    while log_text().count("re-rendered in") <= edits_before and time.time() - start < 120:
        time.sleep(0.05)
    size, quiet = -1, 0.0
    while quiet < 1.5 and time.time() - start < 180:
        now = len(log_text())
        quiet = quiet + 0.1 if now == size else 0.0
        size = now
        time.sleep(0.1)


def without_reload_script(html):
    start = html.rfind(b"<script>(function(){var v=")
    if start < 0:
        return html
    end = html.find(b"</script>", start) + len(b"</script>")
    return html[:start] + html[end:]


def compare(cahier, site, port):
    out = site.rstrip("/") + "-serve-check-build"
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([cahier, "build", "--root", site, "--out", out], check=True, stderr=subprocess.DEVNULL)
    differ = []
    for folder, _, files in os.walk(out):
        for name in files:
            rel = os.path.relpath(os.path.join(folder, name), out)
            if rel == ".cahier-output":
                continue
            with open(os.path.join(out, rel), "rb") as f:
                want = f.read()
            status, got = fetch(port, "/" + urllib.parse.quote(rel))
            if rel.endswith(".html"):
                got = without_reload_script(got)
            if status != 200 or got != want:
                differ.append(rel)
    shutil.rmtree(out, ignore_errors=True)
    return differ


def main():
    cahier, site, edits_file = sys.argv[1:4]
    with open(edits_file, encoding="utf-8") as f:
        edits = [line.split("\t") for line in f.read().splitlines() if line.strip()]
    port = free_port()
    server = subprocess.Popen([cahier, "serve", "--root", site, "--port", str(port)], stderr=open(LOG, "w"), stdout=subprocess.DEVNULL)
    failed = False
    try:
        wait_for(port, "/", "<html", timeout=600)
        differ = compare(cahier, site, port)
        print(f"first build: {len(differ)} files differ {differ[:8]}", flush=True)
        for file, old, new in edits:
            old, new = old.replace("\\n", "\n"), new.replace("\\n", "\n")
            path = os.path.join(site, file)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            if old not in text:
                sys.exit(f"serve_check: {file} does not hold {old!r}")
            before = log_text().count("re-rendered in")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text.replace(old, new, 1))
            settle(before)
            said = [line for line in log_text().splitlines() if "re-rendered in" in line][-1]
            differ = compare(cahier, site, port)
            failed |= bool(differ)
            print(f"{file}: {old!r} -> {new!r} ({said}): {len(differ)} files differ {differ[:8]}", flush=True)
    finally:
        server.kill()
        server.wait()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
