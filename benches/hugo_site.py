"""The Hugo side of the comparison: a Hugo site reading the same Markdown
files as the cahier corpus (hard links when possible), with a minimal theme.

Used by gen_corpus.py --hugo; standard library only.
"""

import os
import shutil

HUGO_TOML = """baseURL = "https://wiki.example.org/"
title = "Coopérative Konbit"
defaultContentLanguage = "fr"
defaultContentLanguageInSubdir = false
# A minimal baseline: pages, sections and home pages only. cahier does more on top
# (topic pages, feeds, sitemap, JSON exports, search index, redirects).
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
uglyURLs = false
buildFuture = true
buildExpired = true
enableGitInfo = false
timeout = "600s"

[languages.fr]
weight = 1
languageName = "Français"
[languages.en]
weight = 2
languageName = "English"

[markup.goldmark.renderer]
unsafe = false
[markup.highlight]
codeFences = false
"""

BASEOF = """<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
</head>
<body>
<header><a href="{{ "/" | relLangURL }}">{{ .Site.Title }}</a>
<nav>{{ range .Site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav>
</header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""

SINGLE = """{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
{{ .Content }}
</article>
<aside>
<ul>{{ range first 5 .CurrentSection.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Lang }}">{{ .Lang }}</a> {{ end }}
</aside>{{ end }}
"""

LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
"""

INDEX = """{{ define "main" }}<h1>{{ .Site.Title }}</h1>
{{ .Content }}
<ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
<ul>{{ range first 20 .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
"""


def write_hugo(src, dst):
    """Writes the Hugo site into the (empty) folder dst; says whether it could hard-link."""
    src_content = os.path.join(src, "content")
    dst_content = os.path.join(dst, "content")
    linked = True
    for root, dirs, files in os.walk(src_content):
        dirs.sort()
        rel = os.path.relpath(root, src_content)
        target = os.path.join(dst_content, rel)
        os.makedirs(target, exist_ok=True)
        for f in sorted(files):
            s, d = os.path.join(root, f), os.path.join(target, f)
            if linked:
                try:
                    os.link(s, d)
                    continue
                except OSError:
                    linked = False
            shutil.copyfile(s, d)
    with open(os.path.join(dst, "hugo.toml"), "w", encoding="utf-8") as fh:
        fh.write(HUGO_TOML)
    layouts = os.path.join(dst, "layouts", "_default")
    os.makedirs(layouts, exist_ok=True)
    for name, text in [("baseof.html", BASEOF), ("single.html", SINGLE), ("list.html", LIST)]:
        with open(os.path.join(layouts, name), "w", encoding="utf-8") as fh:
            fh.write(text)
    with open(os.path.join(dst, "layouts", "index.html"), "w", encoding="utf-8") as fh:
        fh.write(INDEX)
    return linked
