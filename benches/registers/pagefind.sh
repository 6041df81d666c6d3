#!/usr/bin/env bash
# Pagefind's score on a register's relevance questions, measured as
# tests/browser/registers.mjs measures cahier's: the same Markdown built by
# Hugo (a minimal theme: title, summary, text), indexed by Pagefind, asked
# each question in Chromium, the expected page in the top 3.
#
#   bash benches/registers/pagefind.sh SITE_DIR QUESTIONS_YAML
#
# SITE_DIR is a converted register (tests/registers/peps.tar.xz unpacked).
# Needs hugo (apt), Node with pagefind (npm, installed into /tmp/pf if
# missing) and tests/browser's node_modules (playwright-core).
set -euo pipefail
site=$(realpath "$1"); questions=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/hugo/layouts/_default" "$work/hugo/content"
cp -r "$site/content/." "$work/hugo/content/"
cat > "$work/hugo/config.toml" <<'TOML'
baseURL = "http://127.0.0.1/"
title = "Register"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
TOML
cat > "$work/hugo/layouts/_default/single.html" <<'HTML'
<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main data-pagefind-body><h1>{{ .Title }}</h1>{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}{{ .Content }}</main></body></html>
HTML
cp "$work/hugo/layouts/_default/single.html" "$work/hugo/layouts/_default/list.html"
hugo --quiet --source "$work/hugo" --destination "$work/public"
[ -x /tmp/pf/node_modules/.bin/pagefind ] || (mkdir -p /tmp/pf && cd /tmp/pf && npm init -y >/dev/null && npm install pagefind@1.6.0 --no-audit --no-fund --loglevel=error)
/tmp/pf/node_modules/.bin/pagefind --site "$work/public" --silent
node "$here/pagefind_relevance.mjs" "$work/public" "$questions"
