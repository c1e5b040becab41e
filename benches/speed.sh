#!/usr/bin/env bash
# Issue 19's figures, measured from outside the process as a user would feel them: the real
# release binary in a 120×40 pseudo-terminal (benches/speed.py drives it), on synth files.
#  - keystroke → last screen update: each query typed letter by letter in the filter (`/`),
#    then deleted with Backspace; a key's time runs from its write to the last output it
#    caused, "last" meaning output followed by 150 ms of quiet (the next key waits for it);
#  - warm start: spawn → the loaded screen showing the timeline's count, cache filled first;
#  - cold `ANNALS_CACHE=off annals search` against `fzf --filter`, alternated in one run;
#  - peak memory (GNU time) of a cold (median of 3) and a warm `annals search`, against the file's size,
#    and of a first open with the cache on (the cold load then writes the cache entry).
# Usage: bash benches/speed.sh   (SIZES="100000 1000000", RUNS=5 warm starts; rounds of the
# search comparison: 5, 3 at 1M). Prints a Markdown table per size, ready for the README.
# Not part of the test suite: timings are figures to read, not assertions.
source "$(dirname "$0")/prelude.sh"
CARGO="${CARGO:-nice -n 19 cargo}"
$CARGO build --release --quiet --bin annals --example synth
BIN="$PWD/target/release/annals"
export XDG_CACHE_HOME="$PWD/$OUT/cache" XDG_STATE_HOME="$PWD/$OUT/state"
mkdir -p "$XDG_STATE_HOME"
QUERIES=("kelcas" "anshiluul" "kavide venroshibre" "solostrpra")
load() { cut -d' ' -f1-3 /proc/loadavg; }
started=$(date +%s)

echo "# annals speed from outside the process — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), fzf $(fzf --version | cut -d' ' -f1)"
echo
echo "Load average at start: $(load)"
echo

for n in $SIZES; do
  ron="$OUT/synth-$n.ron"; lines="$OUT/synth-$n.lines"
  [ -s "$ron" ] || target/release/examples/synth --events "$n" --seed 1 > "$ron"
  [ -s "$lines" ] || target/release/examples/synth --events "$n" --seed 1 --format lines > "$lines"
  size=$(stat -L -c %s "$ron")
  big=$([ "$n" -ge 1000000 ] && echo 1 || echo 0)
  rounds=$([ "$big" = 1 ] && echo 3 || echo 5)
  echo "## $(python3 -c "print(f'{$n:,}')") events — RON $(( size / 1000000 )) MB, lines $(( $(stat -L -c %s "$lines") / 1000000 )) MB (load at start: $(load))"
  echo
  "$BIN" search "$ron" x >/dev/null 2>&1 || true # fills the cache entry for the warm runs

  search=$(python3 benches/speed.py search --rounds "$rounds" "$BIN" "$ron" "$lines" "${QUERIES[@]}")
  ratio=$(grep '^RATIO' <<<"$search" | cut -d' ' -f2); worst=$(grep '^RATIO' <<<"$search" | cut -d' ' -f3)
  pty_rows=$(python3 benches/speed.py pty --runs "$RUNS" "$BIN" "$ron" "$n" "${QUERIES[@]}" 2>"$OUT/speed-$n.notes")
  # The cold peak moves by some 10 MB from run to run (when each chunk's pages are given
  # back): the median of three.
  cold_kb=$(for _ in 1 2 3; do ANNALS_CACHE=off /usr/bin/time -f %M "$BIN" search "$ron" kelcas 2>&1 >/dev/null | tail -1; done | sort -n | sed -n 2p)
  warm_kb=$(/usr/bin/time -f %M "$BIN" search "$ron" kelcas 2>&1 >/dev/null | tail -1)
  fresh="$(mktemp -d)"
  first_kb=$(XDG_CACHE_HOME="$fresh" /usr/bin/time -f %M "$BIN" search "$ron" kelcas 2>&1 >/dev/null | tail -1)
  rm -rf "$fresh"

  echo "| measure | value | goal |"
  echo "|---|---|---|"
  echo "$pty_rows" | grep -v '^| warm start\|^| peak memory' || true
  echo "$pty_rows" | grep '^| warm start' || true
  echo "| cold \`annals search\` / \`fzf --filter\`, median of the 4 queries (worst) | ${ratio}× (${worst}×) | ≤1.0× |"
  python3 -c "
s=$size; c=$cold_kb*1024; w=$warm_kb*1024; f=$first_kb*1024
print(f'| peak memory, cold \`annals search\` (parse + index) | {c/1e6:.0f} MB = {c/s:.2f}× the file | ≤1.5× |')
print(f'| peak memory, first open with the cache on (parse, index, writing the entry) | {f/1e6:.0f} MB = {f/s:.2f}× the file | |')
print(f'| peak memory, warm \`annals search\` (cache) | {w/1e6:.0f} MB = {w/s:.2f}× the file | |')"
  echo "$pty_rows" | grep '^| peak memory' || true
  echo
  echo "Cold search, medians of $rounds alternated rounds:"
  echo
  grep -v '^RATIO' <<<"$search"
  echo
  echo "($(cat "$OUT/speed-$n.notes"); load at end: $(load))"
  echo
done
echo "Load average at end: $(load); took $(( $(date +%s) - started )) s."
