#!/usr/bin/env bash
# The site benchmark: `profilec site` on a synthetic corpus of 196 countries
# × 10 editions (1,960 profiles), made by examples/corpus.rs and not kept.
#
#   benches/site-corpus.sh [WORKDIR] [ROUNDS] [independent]
#
# Builds the release binary and the generator, writes the corpus into
# WORKDIR (default: a temporary folder, removed at the end), then builds the
# site ROUNDS times (default 3) into WORKDIR/site: the first build into an
# empty place, the others replacing the previous site (as a publisher's
# rebuild does), once without PDFs (--no-pdf) and once with them. Each run
# is measured by /usr/bin/time -v (Debian package `time`): wall time, peak
# memory (maximum resident set size), and the wall time per profile. Consecutive editions revise each other, as real ones
# do; with `independent` they share nothing, the worst case for the change
# reports (see examples/corpus.rs).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/time ]; then
  echo "needs /usr/bin/time (Debian package \`time\`)" >&2
  exit 2
fi
work="${1:-}"
rounds="${2:-3}"
mode="${3:-}"
if [ -z "$work" ]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"

cargo build --release --quiet --bin profilec --example corpus
corpus="$work/corpus"
rm -rf "$corpus" "$work/site"
target/release/examples/corpus "$corpus" 196 10 $mode
profiles=$(find "$corpus" -name '*.yaml' | wc -l)

# Seconds from /usr/bin/time's "h:mm:ss" or "m:ss.cc".
seconds() {
  awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }' <<<"$1"
}

run() {
  local label="$1"
  shift
  for round in $(seq 1 "$rounds"); do
    local kind="rebuild"
    [ -e "$work/site" ] || kind="first build"
    [ "$round" -gt 1 ] || { rm -rf "$work/site"; kind="first build"; }
    /usr/bin/time -v -o "$work/time.txt" \
      target/release/profilec site "$corpus" -o "$work/site" --base-url https://example.org/profiles/ "$@" \
      2>"$work/stderr.txt"
    local wall rss summary
    wall=$(seconds "$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
    summary=$(grep -E ' pages in ' "$work/stderr.txt")
    printf '%-10s %-12s wall %6.2f s  peak %5d MiB  %5.2f ms/profile  (%s)\n' \
      "$label" "$kind" "$wall" "$((rss / 1024))" \
      "$(awk -v w="$wall" -v n="$profiles" 'BEGIN { printf "%.2f", w * 1000 / n }')" "$summary"
  done
}

echo "corpus: $profiles profiles${mode:+ ($mode editions)} in $corpus; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
run "no PDFs" --no-pdf
run "with PDFs"
