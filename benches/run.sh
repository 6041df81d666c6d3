#!/usr/bin/env bash
# Benchmark `cahier build` and `cahier check` against Hugo on generated corpora:
# per size, cahier and Hugo cold and warm, in the same run.
#
#   bash benches/run.sh [--long] [SIZES...]
#
#   SIZES     numbers of Markdown files (default: 1000 10000 50000; with --long: 1000 10000)
#   --long    long real-world pages (gen_corpus.py --long: about 30 kB of Markdown a page),
#             generated and cached apart from the normal corpora
#
# Environment:
#   CAHIER_BIN   use this cahier binary instead of `cargo build --release`
#   HUGO_BIN     Hugo binary (default: hugo on PATH; skipped with a hint if absent)
#   SEED         corpus seed (default 1)
#   RUNS         timed runs per measurement, best wall time kept (default 3)
#   TARGETS      output locations to measure: "shm disk" (default both)
#   CORPUS_DIR   where corpora are generated and cached (default /dev/shm/cahier-bench);
#                the tmpfs output goes to CORPUS_DIR-out (default /dev/shm/cahier-bench-out)
#
# For each size and output location: cahier cold (no output folder, no
# SITE/.cahier-cache), cahier warm (into the output and with the cache the
# previous run left), Hugo cold (no output, no resources/) and Hugo warm
# (existing output); then `cahier check --root SITE`, warm (the cache the
# builds left) and cold (no cache). Prints three Markdown tables (times and
# memory, cahier's stages, the issue's targets) and writes them to
# target/bench-report.md. Exits 1 if a build or check failed, 2 on bad usage.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
SEED=${SEED:-1}
RUNS=${RUNS:-3}
TARGETS=${TARGETS:-shm disk}
CORPUS_DIR=${CORPUS_DIR:-/dev/shm/cahier-bench}
CORPUS_DIR=${CORPUS_DIR%/}
SHM_OUT=$CORPUS_DIR-out
DISK_OUT=$TARGET_DIR/bench-out
LOGS=$DISK_OUT/logs
REPORT=$TARGET_DIR/bench-report.md
CACHE=.cahier-cache  # cahier's cache folder, in the site's root

die() { echo "run.sh: $*" >&2; exit 2; }

LONG=0
SIZES=()
for arg in "$@"; do
    case $arg in
        --long) LONG=1 ;;
        -h | --help) sed -n '2,/^set -euo/{/^set -euo/d; s/^# \{0,1\}//; p}' "${BASH_SOURCE[0]}"; exit 0 ;;
        -*) die "unknown option '$arg' (--long, --help)" ;;
        *) SIZES+=("$arg") ;;
    esac
done
if [[ ${#SIZES[@]} -eq 0 ]]; then
    if ((LONG)); then SIZES=(1000 10000); else SIZES=(1000 10000 50000); fi
fi
MODE_NAME=normal FLAVOUR=""
if ((LONG)); then MODE_NAME=long FLAVOUR=long-; fi

[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing: sudo apt-get install time"
command -v python3 >/dev/null || die "python3 is missing"
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "bad RUNS '$RUNS' (an integer >= 1)"
for n in "${SIZES[@]}"; do [[ $n =~ ^[0-9]+$ && $n -ge 100 ]] || die "bad size '$n' (an integer >= 100)"; done
for target in $TARGETS; do [[ $target == shm || $target == disk ]] || die "unknown target '$target' in TARGETS (shm or disk)"; done

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

# --- corpora (cached per size, kind, seed and generator version) ------------------
GEN=$ROOT/benches/gen_corpus.py
GEN_HASH=$(cat "$GEN" "$ROOT"/benches/{corpus_text,hugo_site}.py | sha256sum | cut -c1-16)
mkdir -p "$CORPUS_DIR" "$SHM_OUT" "$LOGS"

site_dir() { echo "$CORPUS_DIR/site-$FLAVOUR$1-s$SEED"; }
hugo_dir() { echo "$CORPUS_DIR/hugo-$FLAVOUR$1-s$SEED"; }

corpus() {  # N: generates the cahier and Hugo sites of N pages unless cached
    local n=$1 site hugo t0 long_flag=()
    site=$(site_dir "$n") hugo=$(hugo_dir "$n")
    local stamp="$n $MODE_NAME $SEED $GEN_HASH"
    if [[ ! -f $site/.bench-stamp || $(cat "$site/.bench-stamp") != "$stamp" || ! -f $hugo/hugo.toml ]]; then
        echo "== generating $n $MODE_NAME pages (seed $SEED) in $site" >&2
        rm -f "$site/.bench-stamp"
        t0=$SECONDS
        if ((LONG)); then long_flag=(--long); fi
        python3 "$GEN" --pages "$n" --seed "$SEED" --out "$site" --hugo "$hugo" "${long_flag[@]}" >&2
        find "$site/content" -name '*.md' -printf '%s\n' | awk '{s += $1} END {printf "%.1f\n", s / 1e6}' \
            >"$site/.bench-mb"
        echo "$stamp" >"$site/.bench-stamp"
        echo "   ($((SECONDS - t0)) s)" >&2
    fi
}

# --- measuring -----------------------------------------------------------------
# stages LOG: the last line of the form "… in T ms (NAME N ms, NAME N ms, …)" that
# cahier printed (`built 10284 pages (22315 files) in 7735 ms (load 150 ms, …)`),
# as "T|NAME=N;NAME=N…"; nothing if there is none. Stage names are taken as
# printed, so new or renamed stages show up by themselves.
stages() {
    awk '/ ms \(.* ms\)$/ {line = $0}
        END {
            if (line == "") exit
            n = split(line, parts, "(")
            inner = parts[n]; sub(/\)$/, "", inner)
            total = ""
            if (match(parts[n - 1], /[0-9.]+ ms/)) total = substr(parts[n - 1], RSTART, RLENGTH - 3)
            k = split(inner, items, /, /); out = ""; sep = ""
            for (i = 1; i <= k; i++) {
                m = split(items[i], w, " ")
                if (m < 3 || w[m] != "ms") continue
                name = w[1]
                for (j = 2; j <= m - 2; j++) name = name " " w[j]
                out = out sep name "=" w[m - 1]; sep = ";"
            }
            print total "|" out
        }' "$1"
}

# measure LABEL MODE CMD...: with MODE cold, one untimed warm-up run, then RUNS
# timed runs, each after removing the paths in CLEAN (output folder, caches);
# with MODE warm, RUNS timed runs into what the previous run left. Sets M_WALL
# (best), M_PEAK_KB (highest), M_CPU (user + sys of the best run), M_STATUS
# ("ok" or "exit N") and M_STAGES (stages of the best run's log, kept as
# $LOGS/LABEL.log).
CLEAN=()
measure() {
    local label=$1 mode=$2; shift 2
    local log=$LOGS/$label.log tf run_log rc wall peak user sys i
    tf=$(mktemp) run_log=$(mktemp)
    M_WALL="" M_PEAK_KB=0 M_CPU="" M_STATUS=ok M_STAGES=""
    if [[ $mode == cold ]]; then
        rm -rf "${CLEAN[@]}"
        rc=0
        "$@" >"$log" 2>&1 || rc=$?
        if [[ $rc -ne 0 ]]; then
            M_STATUS="exit $rc"
            echo "   $label: warm-up run failed (exit $rc); see $log:" >&2
            head -n 15 "$log" | sed 's/^/     /' >&2
            rm -f "$tf" "$run_log"
            return 0
        fi
    fi
    for ((i = 1; i <= RUNS; i++)); do
        if [[ $mode == cold ]]; then rm -rf "${CLEAN[@]}"; fi
        rc=0
        /usr/bin/time -f '%e %M %U %S' -o "$tf" "$@" >"$run_log" 2>&1 || rc=$?
        if [[ $rc -ne 0 ]]; then
            M_STATUS="exit $rc"
            cp "$run_log" "$log"
            echo "   $label: run $i failed (exit $rc); see $log:" >&2
            head -n 15 "$log" | sed 's/^/     /' >&2
            break
        fi
        read -r wall peak user sys < <(tail -n 1 "$tf")
        if [[ -z $M_WALL ]] || awk -v a="$wall" -v b="$M_WALL" 'BEGIN {exit !(a < b)}'; then
            M_WALL=$wall
            M_CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')
            cp "$run_log" "$log"
        fi
        if ((peak > M_PEAK_KB)); then M_PEAK_KB=$peak; fi
    done
    if [[ $M_STATUS == ok ]]; then M_STAGES=$(stages "$log"); fi
    rm -f "$tf" "$run_log"
    echo "   $label: best ${M_WALL:-?} s, peak $((M_PEAK_KB / 1024)) MB ($M_STATUS)" >&2
}

out_dir() {  # TOOL N TARGET
    case $3 in
        shm) echo "$SHM_OUT/$1-$FLAVOUR$2" ;;
        disk) echo "$DISK_OUT/$1-$FLAVOUR$2" ;;
    esac
}

# Results, keyed "N|TOOL|MODE|OUTPUT" (TOOL: cahier, hugo or check; OUTPUT "-" for check).
KEYS=()
declare -A WALL PEAK CPU STATUS STAGES
record() {  # N TOOL MODE OUTPUT (from the M_ variables)
    local key="$1|$2|$3|$4"
    KEYS+=("$key")
    WALL[$key]=$M_WALL PEAK[$key]=$M_PEAK_KB CPU[$key]=$M_CPU STATUS[$key]=$M_STATUS STAGES[$key]=$M_STAGES
}
ok() { [[ ${STATUS[$1]:-} == ok ]]; }

declare -A MB
for n in "${SIZES[@]}"; do
    corpus "$n"
    site=$(site_dir "$n") hsite=$(hugo_dir "$n")
    MB[$n]=$(cat "$site/.bench-mb")
    for target in $TARGETS; do
        out=$(out_dir cahier "$n" "$target")
        CLEAN=("$out" "$site/$CACHE")
        for mode in cold warm; do
            echo "== cahier, $n $MODE_NAME pages, $mode, output on $target" >&2
            measure "cahier-$FLAVOUR$n-$target-$mode" "$mode" "$CAHIER" build --root "$site" --out "$out"
            record "$n" cahier "$mode" "$target"
            if ! ok "$n|cahier|cold|$target"; then break; fi  # nothing to be warm with
        done
        rm -rf "$out"
        if [[ -n $HUGO ]]; then
            out=$(out_dir hugo "$n" "$target")
            CLEAN=("$out" "$hsite/resources")
            for mode in cold warm; do
                echo "== hugo, $n $MODE_NAME pages, $mode, output on $target" >&2
                measure "hugo-$FLAVOUR$n-$target-$mode" "$mode" "$HUGO" --source "$hsite" --destination "$out" --quiet
                record "$n" hugo "$mode" "$target"
                if ! ok "$n|hugo|cold|$target"; then break; fi
            done
            rm -rf "$out" "$hsite/resources"
        fi
    done
    # `cahier check` writes nothing: warm with the cache the builds left, then cold without it.
    CLEAN=("$site/$CACHE")
    for mode in warm cold; do
        echo "== cahier check, $n $MODE_NAME pages, $mode" >&2
        measure "check-$FLAVOUR$n-$mode" "$mode" "$CAHIER" check --root "$site"
        record "$n" check "$mode" -
    done
    rm -rf "${CLEAN[@]}"
done

# --- the report ------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a != "" && b > 0) printf "%.2f", a / b}'; }
mb_of() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }

# The build with which `cahier check` is compared: cahier's, same size and mode, output on tmpfs if measured.
build_key() {  # N MODE
    local target key=""
    for target in $TARGETS; do
        if ok "$1|cahier|$2|$target" && [[ -z $key || $target == shm ]]; then key="$1|cahier|$2|$target"; fi
    done
    echo "$key"
}

verdict() {  # TARGET MEASURED MET(0/1)
    echo "| $1 | $2 | $(if (($3)); then echo yes; else echo "**no**"; fi) |"
}

report() {
    local key n tool mode target rw rp stage names=() cols total rev
    echo "# cahier benchmark${FLAVOUR:+ (--long corpus)}"
    echo
    rev=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || true)
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')),"
    echo "$(free -g | awk '/^Mem:/ {print $2}') GB RAM; cahier: $CAHIER${rev:+ @ $rev}; hugo: $HUGO_VERSION."
    echo "${MODE_NAME^} corpus, seed $SEED: $(for n in "${SIZES[@]}"; do
        awk -v n="$n" -v mb="${MB[$n]}" 'BEGIN {printf "%d pages, %.1f MB of Markdown (%.1f kB a page); ", n, mb, mb * 1000 / n}'
    done | sed 's/; $/./')"
    echo "Best wall time of $RUNS run(s) (cold: after an untimed warm-up); peak RSS: the highest of those runs;"
    echo "CPU: user + sys of the best run; pages/s: Markdown files / wall time."
    echo "cold: no output folder and no cache (cahier: no \`SITE/$CACHE\`; Hugo: no \`resources/\`);"
    echo "warm: into the output (and with the cache) the previous run left. check: \`cahier check --root SITE\`."
    echo
    echo "Targets (speed issue): 10,000 pages at least 4x faster than Hugo with peak memory at most 300 MB;"
    echo "50,000 pages in at most 5.5x the 10,000-page time and at most 1.2 GB; long pages (\`--long\`, about"
    echo "30 kB each) at least 3x faster than Hugo; \`cahier check\` as fast as a build or faster."
    echo
    echo "| pages | MB of Markdown | tool | mode | output | wall s | pages/s | CPU s | peak MB | cahier/hugo wall | cahier/hugo peak |"
    echo "|---:|---:|---|---|---|---:|---:|---:|---:|---:|---:|"
    for key in "${KEYS[@]}"; do
        IFS='|' read -r n tool mode target <<<"$key"
        rw="" rp=""
        if [[ $tool == cahier ]] && ok "$key" && ok "$n|hugo|$mode|$target"; then
            rw=$(ratio "${WALL[$key]}" "${WALL[$n|hugo|$mode|$target]}")
            rp=$(ratio "${PEAK[$key]}" "${PEAK[$n|hugo|$mode|$target]}")
        fi
        [[ $tool == check ]] && tool="cahier check"
        if ok "$key"; then
            awk -v n="$n" -v mb="${MB[$n]}" -v tool="$tool" -v mode="$mode" -v t="$target" -v w="${WALL[$key]}" \
                -v p="${PEAK[$key]}" -v c="${CPU[$key]}" -v rw="$rw" -v rp="$rp" 'BEGIN {
                    printf "| %d | %.1f | %s | %s | %s | %.2f | %s | %.2f | %.0f | %s | %s |\n",
                        n, mb, tool, mode, t, w, (w > 0 ? sprintf("%.0f", n / w) : "-"), c, p / 1024, rw, rp }'
        else
            echo "| $n | ${MB[$n]} | $tool | $mode | $target | failed (${STATUS[$key]}) | | | | | |"
        fi
    done

    # cahier's stages, as its best run of each measurement printed them.
    for key in "${KEYS[@]}"; do
        IFS=';' read -ra cols <<<"${STAGES[$key]#*|}"
        for stage in "${cols[@]}"; do
            stage=${stage%%=*}
            [[ -n $stage && " ${names[*]} " != *" $stage "* ]] && names+=("$stage")
        done
    done
    if [[ ${#names[@]} -gt 0 ]]; then
        echo
        echo "cahier's stages (ms), as printed by the best run of each measurement; \"sum\" is the"
        echo "total cahier prints (the stages' sum), \"wall\" the process's wall time (start-up and exit included)."
        echo
        printf '| pages | tool | mode | output |'; printf ' %s |' "${names[@]}"; echo " sum | wall |"
        printf '|---:|---|---|---|'; printf -- '---:|%.0s' "${names[@]}"; echo "---:|---:|"
        for key in "${KEYS[@]}"; do
            [[ -n ${STAGES[$key]} ]] || continue
            IFS='|' read -r n tool mode target <<<"$key"
            if [[ $tool == check ]]; then tool="cahier check"; fi
            total=${STAGES[$key]%%|*}
            printf '| %s | %s | %s | %s |' "$n" "$tool" "$mode" "$target"
            for stage in "${names[@]}"; do
                printf ' %s |' "$(tr ';' '\n' <<<"${STAGES[$key]#*|}" | awk -F= -v s="$stage" '$1 == s {print $2}')"
            done
            awk -v t="$total" -v w="${WALL[$key]}" 'BEGIN {printf " %s | %.0f |\n", t, w * 1000}'
        done
    fi

    # The issue's targets, on what this run measured.
    local rows=() met x k10 hk bk
    for key in "${KEYS[@]}"; do
        IFS='|' read -r n tool mode target <<<"$key"
        if [[ $tool != cahier ]] || ! ok "$key"; then continue; fi
        hk="$n|hugo|$mode|$target"
        if ((LONG)); then
            if ok "$hk"; then
                x=$(ratio "${WALL[$hk]}" "${WALL[$key]}")
                met=$(awk -v x="$x" 'BEGIN {print (x >= 3)}')
                rows+=("$(verdict "long pages, $n, $mode, $target: at least 3x faster than Hugo" "${x}x" "$met")")
            fi
            continue
        fi
        if [[ $n == 10000 ]]; then
            if ok "$hk"; then
                x=$(ratio "${WALL[$hk]}" "${WALL[$key]}")
                rows+=("$(verdict "10,000 pages, $mode, $target: at least 4x faster than Hugo" "${x}x" "$(awk -v x="$x" 'BEGIN {print (x >= 4)}')")")
            fi
            rows+=("$(verdict "10,000 pages, $mode, $target: peak at most 300 MB" "$(mb_of "${PEAK[$key]}") MB" "$((PEAK[$key] <= 300 * 1024))")")
        elif [[ $n == 50000 ]]; then
            k10="10000|cahier|$mode|$target"
            if ok "$k10"; then
                x=$(ratio "${WALL[$key]}" "${WALL[$k10]}")
                rows+=("$(verdict "50,000 pages, $mode, $target: at most 5.5x the 10,000-page time" "${x}x" "$(awk -v x="$x" 'BEGIN {print (x <= 5.5)}')")")
            fi
            rows+=("$(verdict "50,000 pages, $mode, $target: peak at most 1.2 GB" "$(mb_of "${PEAK[$key]}") MB" "$((PEAK[$key] <= 1200 * 1024))")")
        fi
    done
    for key in "${KEYS[@]}"; do
        IFS='|' read -r n tool mode target <<<"$key"
        if [[ $tool != check ]] || ! ok "$key"; then continue; fi
        bk=$(build_key "$n" "$mode")
        [[ -n $bk ]] || continue
        x=$(ratio "${WALL[$key]}" "${WALL[$bk]}")
        rows+=("$(verdict "check, $n, $mode: as fast as a build ($mode, ${bk##*|}) or faster" \
            "$(awk -v c="${WALL[$key]}" -v b="${WALL[$bk]}" -v x="$x" 'BEGIN {printf "%.2f s vs %.2f s (%sx)", c, b, x}')" \
            "$(awk -v x="$x" 'BEGIN {print (x <= 1)}')")")
    done
    if [[ ${#rows[@]} -gt 0 ]]; then
        echo
        echo "| target | measured | met |"
        echo "|---|---|---|"
        printf '%s\n' "${rows[@]}"
    fi
}

report | tee "$REPORT"
echo >&2
echo "report written to $REPORT; logs (best run of each measurement) in $LOGS" >&2
for key in "${KEYS[@]}"; do
    ok "$key" || exit 1
done
