#!/usr/bin/env bash
# Issue 5's figures, side by side, on this machine: generates synthetic timelines (RON and
# one line per event), installs fzf from Debian if missing, then prints
#  - `annals search FILE QUERY` against `fzf --filter QUERY < FILE.lines` (medians of RUNS),
#  - cold load against a bare ron::from_str, warm start, keystroke latency and the longest
#    UI-thread stall while typing (examples/measure.rs),
#  - peak memory of a cold and a warm `annals search`, against the file's size.
# Usage: bash benches/scale.sh            (SIZES="100000 1000000" RUNS=5 by default)
# Not part of the test suite: timings are figures to read, not assertions.
source "$(dirname "$0")/prelude.sh"
cargo build --release --quiet --bin annals --example synth --example measure
BIN=target/release/annals
export XDG_CACHE_HOME="$PWD/$OUT/cache"

echo "# annals at scale — $(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(fzf --version | cut -d' ' -f1) fzf"
echo

# Queries: a rare word, a common word, two words (AND), a typo with a letter dropped (annals
# falls back to fuzzy matching when nothing contains it; fzf is fuzzy for every query, which
# is why its hit counts differ — `fzf --exact`, a substring match like annals', is shown too).
QUERIES=("kelcas" "anshiluul" "kavide venroshibre" "solostrpra")

median_ms() { # median_ms CMD… : median wall time of RUNS runs, stdout discarded
  python3 - "$RUNS" "$@" <<'PY'
import statistics, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
times = []
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    times.append(time.perf_counter() - t)
print(f"{statistics.median(times) * 1000:.0f}")
PY
}

for n in $SIZES; do
  ron="$OUT/synth-$n.ron"; lines="$OUT/synth-$n.lines"
  [ -s "$ron" ] || target/release/examples/synth --events "$n" --seed 1 > "$ron"
  [ -s "$lines" ] || target/release/examples/synth --events "$n" --seed 1 --format lines > "$lines"
  size=$(stat -c %s "$ron")
  echo "## $n events — RON $(( size / 1000000 )) MB, lines $(( $(stat -c %s "$lines") / 1000000 )) MB"
  echo
  $BIN search "$ron" x >/dev/null 2>&1 || true # writes the cache entry
  echo "| query | annals hits | fzf hits | annals (warm cache) | annals (no cache) | fzf --filter | fzf --exact --filter | annals/fzf (warm) |"
  echo "|---|---|---|---|---|---|---|---|"
  for q in "${QUERIES[@]}"; do
    ah=$($BIN search "$ron" "$q" | wc -l || true) # exit 1: no hit
    fh=$(fzf --filter "$q" < "$lines" | wc -l)
    warm=$(median_ms $BIN search "$ron" "$q")
    cold=$(ANNALS_CACHE=off median_ms $BIN search "$ron" "$q")
    fz=$(median_ms sh -c "fzf --filter '$q' < '$lines'")
    fx=$(median_ms sh -c "fzf --exact --filter '$q' < '$lines'")
    ratio=$(python3 -c "print(f'{$warm / max($fz, 1):.2f}×')")
    echo "| \`$q\` | $ah | $fh | $warm ms | $cold ms | $fz ms | $fx ms | $ratio |"
  done
  echo
  echo "| measure | value |"
  echo "|---|---|"
  RUNS=$([ "$n" -ge 1000000 ] && echo 3 || echo "$RUNS") target/release/examples/measure "$ron" \
    kelcas anshiluul "kavide venroshibre" solostrpra | grep '^|'
  cold_kb=$(ANNALS_CACHE=off /usr/bin/time -f %M $BIN search "$ron" kelcas 2>&1 >/dev/null | tail -1)
  warm_kb=$(/usr/bin/time -f %M $BIN search "$ron" kelcas 2>&1 >/dev/null | tail -1)
  python3 -c "
s=$size; c=$cold_kb*1024; w=$warm_kb*1024
print(f'| peak memory, cold load (parse + index) | {c/1e6:.0f} MB = {c/s:.2f}× the file |')
print(f'| peak memory, warm start | {w/1e6:.0f} MB = {w/s:.2f}× the file |')"
  echo
done
