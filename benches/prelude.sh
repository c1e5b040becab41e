# Sourced by benches/scale.sh and benches/speed.sh: strict mode, the repository as the
# working directory, SIZES/RUNS/OUT with their defaults, and fzf and GNU time installed
# from Debian when missing (the tools both compare annals with or measure it by).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SIZES="${SIZES:-100000 1000000}"
RUNS="${RUNS:-5}"
OUT="${OUT:-target/scale}"
mkdir -p "$OUT"

need=()
command -v fzf >/dev/null || need+=(fzf)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
