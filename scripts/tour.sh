#!/usr/bin/env bash
# Runs every command of the README's tour and prints it with its real output, as Markdown.
# Used to keep the README true: ./scripts/tour.sh > /tmp/tour.md, then paste.
set -u
cd "$(dirname "$0")/.."
./prefdyn --version >/dev/null 2>&1 || true
run() {
  printf '```console\n$ %s\n' "$*"
  eval "$@" 2>&1 | sed -e 's/[[:space:]]*$//'
  printf '# exit code: %s\n```\n\n' "${PIPESTATUS[0]}"
}
D=../shared/data/preflib
mkdir -p /tmp/prefdyn-tour
printf '0 1 -1\n' >/dev/null
cat > /tmp/prefdyn-tour/cycle.txt <<'M'
# the 3-cycle family P_a with a = 1/2: 0 beats 1 beats 2 beats 0
1/2 1   0
0   1/2 1
1   0   1/2
M
cat > /tmp/prefdyn-tour/witness.txt <<'M'
# T1-style witness: 0 is the Condorcet winner by a thin margin, 1 crushes 2 and 3
1/2   11/20 11/20 11/20
9/20  1/2   1     1
9/20  0     1/2   3/5
9/20  0     2/5   1/2
M
cat > /tmp/prefdyn-tour/sst.txt <<'M'
# strictly SST (Bradley-Terry with strengths 4, 2, 1)
1/2 2/3 4/5
1/3 1/2 2/3
1/5 1/3 1/2
M
run ./prefdyn classify --pref $D/00007-00000002.soi
run ./prefdyn classify --pref $D/00024-00000001.soc --json
run ./prefdyn optimum --pref /tmp/prefdyn-tour/witness.txt --beta 2 --digits 30
run ./prefdyn sampler --pref /tmp/prefdyn-tour/witness.txt --goal condorcet-top
run ./prefdyn stability --pref /tmp/prefdyn-tour/cycle.txt --alpha 1/2 --lambda 1 --beta 4 --digits 20
run ./prefdyn stability --pref /tmp/prefdyn-tour/cycle.txt --alpha 1/2 --lambda 1 --beta 1 --digits 20
run ./prefdyn iterate --pref /tmp/prefdyn-tour/sst.txt --alpha 1 --lambda 1 --beta 1 --steps 3000 --every 1000 --digits 30
run ./prefdyn search --conjecture C3 --seed 1
