#!/usr/bin/env bash
# Benchmark `cahier build` against Hugo on generated corpora.
#
#   bash benches/run.sh [SIZES...]          # default: 1000 10000 50000
#
# Environment:
#   CAHIER_BIN   use this cahier binary instead of `cargo build --release`
#   HUGO_BIN     Hugo binary (default: hugo on PATH; skipped with a hint if absent)
#   SEED         corpus seed (default 1)
#   RUNS         timed runs per measurement, best wall time kept (default 3)
#   TARGETS      output locations to measure: "shm disk" (default both)
#   CORPUS_DIR   where corpora are generated and cached (default /dev/shm/cahier-bench)
#
# Prints a Markdown table and writes it to target/bench-report.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
SEED=${SEED:-1}
RUNS=${RUNS:-3}
TARGETS=${TARGETS:-shm disk}
CORPUS_DIR=${CORPUS_DIR:-/dev/shm/cahier-bench}
SHM_OUT=/dev/shm/cahier-bench-out
DISK_OUT=$TARGET_DIR/bench-out
REPORT=$TARGET_DIR/bench-report.md
SIZES=("$@")
[[ ${#SIZES[@]} -gt 0 ]] || SIZES=(1000 10000 50000)

die() { echo "run.sh: $*" >&2; exit 2; }

[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing: sudo apt-get install time"
command -v python3 >/dev/null || die "python3 is missing"
for n in "${SIZES[@]}"; do [[ $n =~ ^[0-9]+$ && $n -ge 100 ]] || die "bad size '$n' (an integer >= 100)"; done

# --- the binaries -------------------------------------------------------------
if [[ -n ${CAHIER_BIN:-} ]]; then
    CAHIER=$(command -v "$CAHIER_BIN" || true)
    [[ -n $CAHIER && -x $CAHIER ]] || die "CAHIER_BIN=$CAHIER_BIN is not an executable"
    CAHIER=$(realpath "$CAHIER")
else
    echo "== cargo build --release" >&2
    (cd "$ROOT" && cargo build --release) || die "cargo build --release failed"
    CAHIER=$TARGET_DIR/release/cahier
fi
HUGO=$(command -v "${HUGO_BIN:-hugo}" || true)
HUGO_VERSION="not installed"
if [[ -z $HUGO ]]; then
    echo "run.sh: ${HUGO_BIN:-hugo} not found; skipping the Hugo comparison (install Hugo with: sudo apt-get install hugo)" >&2
else
    HUGO_VERSION=$("$HUGO" version | cut -d' ' -f2)
fi

# --- corpora (cached per size, seed and generator version) ----------------------
GEN=$ROOT/benches/gen_corpus.py
GEN_HASH=$(cat "$GEN" "$ROOT"/benches/{corpus_text,hugo_site}.py | sha256sum | cut -c1-16)
mkdir -p "$CORPUS_DIR" "$SHM_OUT" "$DISK_OUT/logs"

corpus() {  # N -> prints the site folder; generates it unless cached
    local n=$1 site=$CORPUS_DIR/site-$1-s$SEED hugo=$CORPUS_DIR/hugo-$1-s$SEED
    local stamp="$n $SEED $GEN_HASH"
    if [[ ! -f $site/.bench-stamp || $(cat "$site/.bench-stamp") != "$stamp" || ! -f $hugo/hugo.toml ]]; then
        echo "== generating $n pages (seed $SEED) in $site" >&2
        rm -f "$site/.bench-stamp"
        local t0=$SECONDS
        python3 "$GEN" --pages "$n" --seed "$SEED" --out "$site" --hugo "$hugo" >&2
        find "$site/content" -name '*.md' -printf '%s\n' | awk '{s += $1} END {printf "%.1f\n", s / 1e6}' \
            > "$site/.bench-mb"
        echo "$stamp" > "$site/.bench-stamp"
        echo "   ($((SECONDS - t0)) s)" >&2
    fi
    echo "$site"
}

# --- measuring -----------------------------------------------------------------
# measure LABEL OUT CMD...: one warm-up run, then RUNS timed runs, each into an
# emptied OUT. Sets M_WALL (best), M_PEAK_KB (highest), M_CPU (user+sys of the
# best run), M_STATUS ("ok" or "exit N").
measure() {
    local label=$1 out=$2; shift 2
    local log=$DISK_OUT/logs/$label.log tf rc line wall peak user sys
    tf=$(mktemp)
    M_WALL="" M_PEAK_KB=0 M_CPU="" M_STATUS=ok
    rm -rf "$out"
    rc=0
    "$@" >"$log" 2>&1 || rc=$?
    if [[ $rc -ne 0 ]]; then
        M_STATUS="exit $rc"
        echo "   $label: warm-up run failed (exit $rc); see $log:" >&2
        head -n 15 "$log" | sed 's/^/     /' >&2
        rm -f "$tf"
        return 0
    fi
    for ((i = 1; i <= RUNS; i++)); do
        rm -rf "$out"
        rc=0
        /usr/bin/time -f '%e %M %U %S' -o "$tf" "$@" >"$log" 2>&1 || rc=$?
        if [[ $rc -ne 0 ]]; then
            M_STATUS="exit $rc"
            echo "   $label: run $i failed (exit $rc); see $log" >&2
            break
        fi
        read -r wall peak user sys < <(tail -n 1 "$tf")
        if [[ -z $M_WALL ]] || awk -v a="$wall" -v b="$M_WALL" 'BEGIN {exit !(a < b)}'; then
            M_WALL=$wall
            M_CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')
        fi
        if ((peak > M_PEAK_KB)); then M_PEAK_KB=$peak; fi
    done
    rm -f "$tf"
    echo "   $label: best ${M_WALL:-?} s, peak $((M_PEAK_KB / 1024)) MB ($M_STATUS)" >&2
}

out_dir() {  # TOOL N TARGET
    case $3 in
        shm) echo "$SHM_OUT/$1-$2" ;;
        disk) echo "$DISK_OUT/$1-$2" ;;
        *) die "unknown target '$3' in TARGETS (shm or disk)" ;;
    esac
}

ROWS=()  # "size|mb|tool|target|wall|peak_kb|cpu|status"
for n in "${SIZES[@]}"; do
    site=$(corpus "$n")
    hsite=$CORPUS_DIR/hugo-$n-s$SEED
    mb=$(cat "$site/.bench-mb")
    for target in $TARGETS; do
        out=$(out_dir cahier "$n" "$target")
        echo "== cahier, $n pages, output on $target" >&2
        measure "cahier-$n-$target" "$out" "$CAHIER" build --root "$site" --out "$out"
        ROWS+=("$n|$mb|cahier|$target|$M_WALL|$M_PEAK_KB|$M_CPU|$M_STATUS")
        rm -rf "$out"
        if [[ -n $HUGO ]]; then
            out=$(out_dir hugo "$n" "$target")
            echo "== hugo, $n pages, output on $target" >&2
            measure "hugo-$n-$target" "$out" "$HUGO" --source "$hsite" --destination "$out" --quiet
            ROWS+=("$n|$mb|hugo|$target|$M_WALL|$M_PEAK_KB|$M_CPU|$M_STATUS")
            rm -rf "$out"
        fi
    done
done

# --- the report ------------------------------------------------------------------
{
    echo "# cahier benchmark"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')),"
    echo "$(free -g | awk '/^Mem:/ {print $2}') GB RAM; cahier: $CAHIER$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null | sed 's/^/ @ /' || true);"
    echo "hugo: $HUGO_VERSION; seed $SEED; best wall time of $RUNS runs after a warm-up,"
    echo "peak RSS the highest of those runs; CPU = user + sys of the best run. Targets: 10,000 pages in under 1 s and 250 MB."
    echo
    echo "| pages | MB of Markdown | tool | output | wall s | pages/s | CPU s | peak MB | cahier/hugo wall | cahier/hugo peak |"
    echo "|---:|---:|---|---|---:|---:|---:|---:|---:|---:|"
    for row in "${ROWS[@]}"; do
        IFS='|' read -r n mb tool target wall peak cpu status <<<"$row"
        ratio_wall="" ratio_peak=""
        if [[ $tool == cahier && $status == ok ]]; then
            for other in "${ROWS[@]}"; do
                IFS='|' read -r n2 _ tool2 target2 wall2 peak2 _ status2 <<<"$other"
                if [[ $n2 == "$n" && $tool2 == hugo && $target2 == "$target" && $status2 == ok ]]; then
                    ratio_wall=$(awk -v a="$wall" -v b="$wall2" 'BEGIN {if (b > 0) printf "%.2f", a / b}')
                    ratio_peak=$(awk -v a="$peak" -v b="$peak2" 'BEGIN {if (b > 0) printf "%.2f", a / b}')
                fi
            done
        fi
        if [[ $status == ok ]]; then
            awk -v n="$n" -v mb="$mb" -v tool="$tool" -v t="$target" -v w="$wall" -v p="$peak" -v c="$cpu" \
                -v rw="$ratio_wall" -v rp="$ratio_peak" 'BEGIN {
                    printf "| %d | %.1f | %s | %s | %.2f | %s | %.2f | %.0f | %s | %s |\n",
                        n, mb, tool, t, w, (w > 0 ? sprintf("%.0f", n / w) : "-"), c, p / 1024, rw, rp }'
        else
            echo "| $n | $mb | $tool | $target | failed ($status) | | | | | |"
        fi
    done
} | tee "$REPORT"
echo >&2
echo "report written to $REPORT; logs in $DISK_OUT/logs" >&2
for row in "${ROWS[@]}"; do
    [[ $row == *"|ok" ]] || exit 1
done
