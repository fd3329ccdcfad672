#!/usr/bin/env bash
# Runs every command of the README's tour and prints it with its real output, as Markdown.
# Used to keep the README true: ./scripts/tour.sh > /tmp/tour.md, then paste.
set -u
export LC_ALL=C.UTF-8
cd "$(dirname "$0")/.."
./prefdyn --version >/dev/null 2>&1 || true
run() {
  printf '```console\n$ %s\n' "$*"
  eval "$@" 2>&1 | sed -e 's/[[:space:]]*$//'
  printf '# exit code: %s\n```\n\n' "${PIPESTATUS[0]}"
}
D=data/preflib
run ./prefdyn classify --pref $D/00007-00000002.soi
run ./prefdyn classify --pref $D/00024-00000001.soc --json
run ./prefdyn optimum --pref examples/witness.txt --beta 2 --digits 30
run ./prefdyn sampler --pref examples/witness.txt --goal condorcet-top
run ./prefdyn stability --pref examples/cycle.txt --alpha 1/2 --lambda 1 --beta 4 --digits 20
run ./prefdyn stability --pref examples/cycle.txt --alpha 1/2 --lambda 1 --beta 1 --digits 20
run ./prefdyn iterate --pref examples/cycle.txt --alpha 0.95 --lambda 1 --beta 2 --steps 300 --every 100 --init 0.34,0.33,0.33 --digits 20
run ./prefdyn iterate --pref examples/cycle.txt --alpha 1/2 --lambda 1 --beta 1 --steps 300 --every 100 --init 0.34,0.33,0.33 --digits 20
run ./prefdyn iterate --pref examples/sst.txt --alpha 1 --lambda 1 --beta 1 --steps 3000 --every 1000 --digits 30
run ./prefdyn iterate --pref examples/cycle.txt --alpha 1/2 --lambda 1 --beta 4 --steps 100 --every 50 --samples 300 --seed 1 --digits 20
run ./prefdyn stability --pref examples/cycle.txt --alpha 1/2 --lambda 1 --beta 1 --method dpo --digits 20
run ./prefdyn search --conjecture C3 --seed 1 --json
run ./prefdyn check
