#!/usr/bin/env bash
# profilec side by side with what a publisher would use instead (issue 17),
# on this machine, in one run:
#
#   benches/compare.sh [WORKDIR] [ROUNDS]
#
# | row | profilec | anchor |
# | --- | --- | --- |
# | site without PDFs | `site --no-pdf` of the corpus (196 × 10), into an empty folder | Hugo (Debian's) building 2,000 pages of the Belgian 2015 text |
# | site with PDFs | `site` of the same corpus | Hugo's time above |
# | 200 PDFs, one core | `build -f pdf` of 200 copies of the Belgian 2015 profile, one thread, pinned to one core, whole process | typst (PyPI, pinned) compiling 200 documents of the same text in one Python process, pinned to the same core |
# | one profile, three formats | `build -f md,html,pdf` of the Belgian 2015 profile, whole process | pandoc (Debian's): its Markdown → standalone HTML, whole process |
# | edit one profile | `site` again after one edit of one profile of the 1,960 | (goal: 500 ms) |
# | edit one profile, serve | from the save to the new version served by `serve` | (goal: 500 ms) |
# | doubling | `site --no-pdf` of 98 × 10 then 196 × 10 profiles: time and peak memory | (goal: flat memory) |
#
# Each figure is the median of ROUNDS runs (default 5): wall time, CPU time
# (user + system) and peak memory (maximum resident set size), from GNU
# time (Debian package `time`). It installs what it compares against: hugo,
# pandoc and time with apt-get (as root, or through sudo) when missing, and
# typst from PyPI (pinned, TYPST_VERSION) into a virtual environment under
# target/bench-anchors/, kept for the next run. The corpus is made by
# examples/corpus.rs in WORKDIR (default: a temporary folder, removed at the
# end). PROFILEC=path/to/profilec measures another binary (say, main's)
# with the same script; by default the release build of this tree.
#
# The machine is shared: the load average is printed first, and medians
# of wall time are only as steady as the machine is quiet; CPU time is the
# steadier figure. It is not part of .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"

TYPST_VERSION="${TYPST_VERSION:-0.14.8}"
work="${1:-}"
rounds="${2:-5}"
if [ -z "$work" ]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
work="$(cd "$work" && pwd)"

# --- the anchors -----------------------------------------------------------
missing=()
command -v hugo >/dev/null 2>&1 || missing+=(hugo)
command -v pandoc >/dev/null 2>&1 || missing+=(pandoc)
[ -x /usr/bin/time ] || missing+=(time)
command -v taskset >/dev/null 2>&1 || missing+=(util-linux)
command -v python3 >/dev/null 2>&1 || missing+=(python3 python3-venv)
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing ${missing[*]} (Debian packages)" >&2
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
anchors="$repo/target/bench-anchors"
venv="$anchors/typst-$TYPST_VERSION"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import typst' 2>/dev/null; then
  echo "installing typst $TYPST_VERSION from PyPI into $venv" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "typst==$TYPST_VERSION"
fi

# --- profilec and the corpus -----------------------------------------------
if [ -z "${PROFILEC:-}" ]; then
  cargo build --release --quiet --bin profilec --example corpus
  PROFILEC="$repo/target/release/profilec"
else
  cargo build --release --quiet --example corpus
fi
profilec="$PROFILEC"
corpus_gen="$repo/target/release/examples/corpus"
rm -rf "$work/corpus" "$work/half"
"$corpus_gen" "$work/corpus" 196 10 >/dev/null 2>&1
"$corpus_gen" "$work/half" 98 10 >/dev/null 2>&1
belgium="$repo/profiles/belgium-2015.yaml"

# --- measuring ---------------------------------------------------------------
# run LABEL CMD...: runs CMD once under GNU time, appending
# "wall cpu rss_kib" to $work/runs/LABEL. Standard output and error go to
# $work/runs/LABEL.log; a failure stops the script.
mkdir -p "$work/runs"
rm -f "$work/runs/"*
run() {
  local label="$1"
  shift
  if ! /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$@" >"$work/runs/$label.log" 2>&1; then
    echo "failed: $*" >&2
    tail -20 "$work/runs/$label.log" >&2
    exit 2
  fi
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$work/time.txt" >>"$work/runs/$label"
}
# median LABEL COLUMN: the median of a column (1 wall, 2 CPU, 3 peak KiB).
median() {
  sort -g -k"$2","$2" "$work/runs/$1" | awk -v c="$2" '{ v[NR] = $c } END {
    if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# ms LABEL COLUMN: the median in milliseconds; mib LABEL: peak memory.
ms() { awk -v s="$(median "$1" "$2")" 'BEGIN { printf "%.0f", s * 1000 }'; }
secs() { awk -v s="$(median "$1" "$2")" 'BEGIN { printf "%.2f", s }'; }
mib() { awk -v k="$(median "$1" 3)" 'BEGIN { printf "%.0f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); profilec: $profilec; $rounds runs each" >&2

# --- the Hugo site: 2,000 pages of the Belgian text ---------------------------
hugo_site="$work/hugo"
rm -rf "$hugo_site"
mkdir -p "$hugo_site/content/profiles" "$hugo_site/layouts/_default"
"$profilec" build "$belgium" -f md -o - >"$work/belgium.md"
cat >"$hugo_site/config.toml" <<'EOF'
baseURL = "https://example.org/profiles/"
title = "Cyberwellness profiles"
[markup.goldmark.renderer]
unsafe = true
EOF
cat >"$hugo_site/layouts/_default/baseof.html" <<'EOF'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main>{{ block "main" . }}{{ end }}</main></body></html>
EOF
cat >"$hugo_site/layouts/_default/single.html" <<'EOF'
{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}
EOF
cat >"$hugo_site/layouts/_default/list.html" <<'EOF'
{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
EOF
for i in $(seq -w 1 2000); do
  { printf -- '---\ntitle: "Belgium %s"\ndate: 2015-02-02\n---\n\n' "$i"; cat "$work/belgium.md"; } \
    >"$hugo_site/content/profiles/belgium-$i.md"
done

# --- the typst documents: the same text, 200 times in one process -------------
cat >"$work/md2typst.py" <<'EOF'
"""The Markdown of a profile as Typst markup: headings, lists, emphasis,
links as their text, line breaks; profilec's marks (HTML comments) dropped."""
import re
import sys

SPECIAL = re.compile(r"([\\#*_$@<>`\[\]~=/+-])")


def escape(text):
    return SPECIAL.sub(r"\\\1", text)


def inline(text):
    out, at = [], 0
    for m in re.finditer(r"\*\*(.+?)\*\*|\*(.+?)\*|\[([^\]]*)\]\([^)]*\)|<(https?://[^>]+)>", text):
        out.append(escape(text[at:m.start()]))
        if m.group(1) is not None:
            out.append("*" + escape(m.group(1)) + "*")
        elif m.group(2) is not None:
            out.append("_" + escape(m.group(2)) + "_")
        else:
            out.append(escape(m.group(3) if m.group(3) is not None else m.group(4)))
        at = m.end()
    out.append(escape(text[at:]))
    return "".join(out)


lines = ['#set page(paper: "a4")', "#set text(size: 10pt)"]
for line in open(sys.argv[1], encoding="utf-8").read().splitlines():
    if line.startswith("<!--"):
        continue
    hard_break = line.endswith("  ")
    line = line.rstrip()
    if m := re.match(r"^(#+) (.*)$", line):
        lines.append("=" * len(m.group(1)) + " " + inline(m.group(2)))
    elif line == "---":
        lines.append("#line(length: 100%)")
    elif m := re.match(r"^(\s*)- (.*)$", line):
        lines.append(m.group(1) + "- " + inline(m.group(2)))
    elif m := re.match(r"^(\s*)\d+\. (.*)$", line):
        lines.append(m.group(1) + "+ " + inline(m.group(2)))
    else:
        lines.append(inline(line) + (" \\" if hard_break else ""))
sys.stdout.write("\n".join(lines) + "\n")
EOF
cat >"$work/typst200.py" <<'EOF'
"""200 PDFs of one Typst document, each compiled afresh, in one process."""
import pathlib
import sys

import typst

source = pathlib.Path(sys.argv[1]).read_bytes()
out = pathlib.Path(sys.argv[2])
out.mkdir(exist_ok=True)
for i in range(200):
    pdf = typst.compile(source, ignore_system_fonts=True)
    (out / f"belgium-{i:03}.pdf").write_bytes(pdf)
EOF
python3 "$work/md2typst.py" "$work/belgium.md" >"$work/belgium.typ"
mkdir -p "$work/p200"
for i in $(seq -w 1 200); do cp "$belgium" "$work/p200/belgium-$i.yaml"; done

# --- the runs -----------------------------------------------------------------
site=("$profilec" site --base-url https://example.org/profiles/)
# Each run writes into a folder of its own, and nothing is deleted until the
# end: on ext4, creating files right after deleting thousands costs several
# times more (the allocator skips inodes freed in the last minutes), which
# would measure the previous run's clean-up, not the build.
out="$work/out"
rm -rf "$out"
mkdir -p "$out"
for round in $(seq 1 "$rounds"); do
  run site-nopdf "${site[@]}" "$work/corpus" -o "$out/site-nopdf-$round" --no-pdf
  run hugo hugo --quiet -s "$hugo_site" -d "$out/hugo-$round" --cacheDir "$work/hugo-cache"
  run site-pdf "${site[@]}" "$work/corpus" -o "$out/site-pdf-$round"
  run half-nopdf "${site[@]}" "$work/half" -o "$out/half-$round" --no-pdf
  run pdf200 env RAYON_NUM_THREADS=1 taskset -c 0 "$profilec" build "$work/p200/"*.yaml -f pdf -o "$out/pdf200-$round"
  run typst200 taskset -c 0 "$venv/bin/python" "$work/typst200.py" "$work/belgium.typ" "$out/typst200-$round"
done
for round in $(seq 1 $((rounds * 3))); do
  run one "$profilec" build "$belgium" -f md,html,pdf -o "$out/one-$round"
  run pandoc pandoc "$work/belgium.md" -f markdown -t html -s --metadata title=Belgium -o "$out/belgium-$round.html"
done
pages=$(find "$out/hugo-1" -name '*.html' | wc -l)
rm -rf "$out"

# Edits: the population of one country's latest edition, one more each time
# (a real change, on that country's pages and on the pages that gather
# every country's latest edition).
edited="$work/corpus/bel/bel-2021.yaml"
edit() {
  python3 - "$edited" <<'EOF'
import re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
text = re.sub(r"population: \{value: (\d+)", lambda m: "population: {value: %d" % (int(m.group(1)) + 1), text, count=1)
open(path, "w", encoding="utf-8").write(text)
EOF
}
# The site the edits rebuild, built once first.
rm -rf "$work/site"
"${site[@]}" "$work/corpus" -o "$work/site" --no-pdf >/dev/null 2>&1
for _ in $(seq 1 "$rounds"); do
  edit
  run edit "${site[@]}" "$work/corpus" -o "$work/site" --no-pdf
done

# serve: from the moment an edited profile is saved to the moment the server
# says a new version of the site is ready (the open page polls for it; its
# interval is added below).
cat >"$work/serve.py" <<'EOF'
"""Starts `profilec serve`, then times, for each edit, the save → new site
version; prints the latencies in seconds, one a line."""
import json, re, subprocess, sys, time, urllib.request

profilec, corpus, site, edited, rounds = sys.argv[1:6]
server = subprocess.Popen(
    [profilec, "serve", corpus, "-o", site, "--no-pdf", "--port", "0"],
    stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
try:
    address = None
    for line in server.stderr:
        m = re.search(r"at (http://[^/ ]+/)", line)
        if m:
            address = m.group(1)
            break
    if address is None:
        sys.exit("serve did not start")
    def version():
        with urllib.request.urlopen(address + "__profilec/version", timeout=30) as r:
            state = json.load(r)
        return state["version"], state.get("error")
    for _ in range(int(rounds)):
        time.sleep(1.0)
        before, _ = version()
        text = open(edited, encoding="utf-8").read()
        text = re.sub(r"population: \{value: (\d+)", lambda m: "population: {value: %d" % (int(m.group(1)) + 1), text, count=1)
        start = time.monotonic()
        with open(edited, "w", encoding="utf-8") as f:
            f.write(text)
        while True:
            now, error = version()
            if now != before:
                break
            if time.monotonic() - start > 120:
                sys.exit("no rebuild within 120 s")
            time.sleep(0.005)
        if error:
            sys.exit("the rebuild failed: " + error)
        print("%.3f" % (time.monotonic() - start), flush=True)
finally:
    server.terminate()
    server.wait()
EOF
python3 "$work/serve.py" "$profilec" "$work/corpus" "$work/site" "$edited" "$rounds" \
  | awk '{ print $1, 0, 0 }' >"$work/runs/serve"
# How often the open page asks whether the site changed (serve's script).
page_poll_ms=$(grep -aoE 'setTimeout\(poll, [0-9]+\)' "$profilec" | head -1 | grep -oE '[0-9]+' || true)

# --- the table ---------------------------------------------------------------
profiles=$(find "$work/corpus" -name '*.yaml' | wc -l)
half=$(find "$work/half" -name '*.yaml' | wc -l)
cat <<EOF

$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; median of $rounds runs ($((rounds * 3)) for the one-profile row); $(basename "$profilec") at $profilec

| measure | profilec | anchor | ratio | goal |
| --- | --- | --- | --- | --- |
| site without PDFs, $profiles profiles, vs Hugo building $pages pages | $(secs site-nopdf 1) s wall, $(secs site-nopdf 2) s CPU, $(mib site-nopdf) MiB | Hugo $(hugo version | sed -n 's/^hugo v\([0-9.]*\).*/\1/p'): $(secs hugo 1) s wall, $(secs hugo 2) s CPU, $(mib hugo) MiB | $(ratio "$(median site-nopdf 1)" "$(median hugo 1)")× time, $(ratio "$(median site-nopdf 3)" "$(median hugo 3)")× memory | ≤ 1.0× time, ≤ 1.0× memory |
| site with PDFs, same corpus | $(secs site-pdf 1) s wall, $(secs site-pdf 2) s CPU, $(mib site-pdf) MiB | Hugo's time above | $(ratio "$(median site-pdf 1)" "$(median hugo 1)")× | ≤ 4×, ≤ 512 MiB |
| 200 PDFs of the Belgian profile, one thread, one core, whole process | $(secs pdf200 1) s wall, $(secs pdf200 2) s CPU | typst $TYPST_VERSION (Python), 200 documents of the same text: $(secs typst200 1) s wall, $(secs typst200 2) s CPU | $(ratio "$(median pdf200 1)" "$(median typst200 1)")× | ≤ 0.2× |
| one profile, all three formats, whole process | $(ms one 1) ms wall | pandoc $(pandoc --version | sed -n '1s/^pandoc //p') Markdown → HTML alone: $(ms pandoc 1) ms | $(ratio "$(median one 1)" "$(median pandoc 1)")× | ≤ 0.5× |
| edit one profile of the $profiles, \`site\` again | $(ms edit 1) ms wall, $(ms edit 2) ms CPU, $(mib edit) MiB | — | — | ≤ 500 ms |
| edit one profile of the $profiles, \`serve\`: save → new version ready | $(ms serve 1) ms (+ up to ${page_poll_ms:-?} ms until the open page asks) | — | — | ≤ 500 ms |
| peak memory as the corpus doubles ($half → $profiles profiles, no PDFs) | $(mib half-nopdf) → $(mib site-nopdf) MiB; $(secs half-nopdf 1) → $(secs site-nopdf 1) s | — | $(ratio "$(median site-nopdf 3)" "$(median half-nopdf 3)")× memory | flat |
EOF
