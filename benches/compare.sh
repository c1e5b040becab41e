#!/usr/bin/env bash
# Two versions of annals side by side on synthetic timelines, interleaved (A B A B …) so that
# the machine's noise falls on both: each version's own generator makes its file (`--seed 1`),
# then examples/measure gives the cold load against a bare ron::from_str, the warm start, the
# keystroke latency and the longest UI stall, and GNU time the peak memory of a warm
# `annals search`. OLD is a git revision (default 64b68d5, before the EDTF dates), built in a
# worktree under target/; NEW is this tree.
# Usage: bash benches/compare.sh            (N=1000000 PAIRS=2 RUNS=3 OLD_REV=64b68d5)
#        ONLY=load bash benches/compare.sh  (the cold load and the warm start only: no typing,
#                                            no searches; a quicker run for loader changes)
# Not part of the test suite: timings are figures to read, not assertions.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-1000000}"; PAIRS="${PAIRS:-2}"; RUNS="${RUNS:-3}"; OLD_REV="${OLD_REV:-64b68d5}"
OUT="$PWD/target/compare"; mkdir -p "$OUT"
[ -x /usr/bin/time ] || { SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"; $SUDO apt-get install -y -qq time >/dev/null; }
old="$OUT/old-tree"
[ -d "$old" ] || git worktree add -q --detach "$old" "$OLD_REV"
(cd "$old" && cargo build --release --quiet --bin annals --example synth --example measure)
cargo build --release --quiet --bin annals --example synth --example measure
declare -A ROOT=([old]="$old" [new]="$PWD")
QUERIES=(kelcas anshiluul "kavide venroshibre" solostrpra)
# One run of examples/measure on a file, its table rows. With ONLY=load it is stopped after
# the warm-start row (an older revision's measure does not know ONLY=load and would go on
# to type).
measure() {
  if [ "${ONLY:-}" = load ]; then
    RUNS=$RUNS ONLY=load "$1" "$2" "${QUERIES[@]}" > "$OUT/measure.txt" 2>&1 &
    local pid=$!
    while kill -0 "$pid" 2>/dev/null && [ "$(grep -c '^|' "$OUT/measure.txt")" -lt 4 ]; do sleep 1; done
    kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
    grep '^|' "$OUT/measure.txt"
  else
    RUNS=$RUNS "$1" "$2" "${QUERIES[@]}" | grep '^|'
  fi
}
for v in old new; do
  f="$OUT/$v-$N.ron"
  [ -s "$f" ] || "${ROOT[$v]}/target/release/examples/synth" --events "$N" --seed 1 > "$f"
  echo "$v ($([ $v = old ] && echo "$OLD_REV" || git rev-parse --short HEAD)): $(stat -c %s "$f") bytes"
  rm -rf "$OUT/cache-$v"; mkdir -p "$OUT/cache-$v"
done
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for p in $(seq 1 "$PAIRS"); do
  for v in old new; do
    f="$OUT/$v-$N.ron"; bin="${ROOT[$v]}/target/release/annals"
    export XDG_CACHE_HOME="$OUT/cache-$v"
    echo "== pair $p $v, load $(cut -d' ' -f1-3 /proc/loadavg)"
    measure "${ROOT[$v]}/target/release/examples/measure" "$f"
    [ "${ONLY:-}" = load ] && continue
    for q in "${QUERIES[@]}"; do
      /usr/bin/time -f "%e s %M KB" -o "$OUT/t.txt" "$bin" search "$f" "$q" >/dev/null 2>&1 || true
      echo "warm search '$q': $(cat "$OUT/t.txt")"
    done
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
