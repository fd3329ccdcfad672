#!/usr/bin/env bash
# relink.sh: make the repository stand alone. Rewrites references to the sibling folder
# ../shared (the external contract and data) into the repository's own files:
#   ../shared/spec/theory.md, theory.md   -> docs/theory.md
#   ../shared/spec/cli.md,    cli.md      -> docs/cli.md
#   ../shared/data/..., /work/shared/data/... -> data/...
# It only edits comments, documentation and path strings (Javadoc, // comments, Markdown,
# help text, shell variables naming data paths), never code logic. Idempotent: a second run
# changes nothing. Run it from the repository root after merging the `docs` branch:
#     bash relink.sh            # rewrite, then list what is left
#     bash relink.sh --check    # only list what is left (exit 1 if anything is)
# Files touched: tracked text files under src/ properties/ proofs-notes/ docs/ scripts/ examples/
# bench/ .ci/ plus README.md and the ./prefdyn wrapper. Never touched: data/ (third-party data,
# kept byte for byte), docs/theory.md, docs/cli.md, docs/licensing.md, LINKS.txt, this script.
set -euo pipefail

root=$(git rev-parse --show-toplevel 2>/dev/null || pwd)
cd "$root"

check_only=false
[ "${1:-}" = "--check" ] && check_only=true

# Candidate files: tracked (or, outside git, all) regular text files in the scoped paths.
list_files() {
  local scope=(src properties proofs-notes docs scripts examples bench .ci README.md prefdyn)
  local existing=()
  for p in "${scope[@]}"; do [ -e "$p" ] && existing+=("$p"); done
  [ ${#existing[@]} -eq 0 ] && return 0
  if git rev-parse --git-dir >/dev/null 2>&1; then
    git ls-files -z -- "${existing[@]}"
  else
    find "${existing[@]}" -type f -not -path '*/target/*' -print0
  fi | while IFS= read -r -d '' f; do
    case "$f" in
      data/*|docs/theory.md|docs/cli.md|docs/licensing.md|LINKS.txt|relink.sh) continue ;;
    esac
    [ -f "$f" ] || continue
    grep -Iq . "$f" 2>/dev/null || continue          # skip binary files (PNG figures, ...)
    printf '%s\0' "$f"
  done
}

# What still refers outside the repository, or to the contract files by bare name.
leftovers() {
  list_files | xargs -0 -r grep -nE \
    '\.\./shared|/work/shared|shared/spec|shared/data|stays? in shared/|(^|[^A-Za-z0-9_./-])(theory|cli)\.md' \
    2>/dev/null || true
}

if ! $check_only; then
  list_files | xargs -0 -r perl -i -pe '
    # 1. the external contract files
    s{(?:\.\./|/work/)shared/spec/theory\.md}{docs/theory.md}g;
    s{(?:\.\./|/work/)shared/spec/cli\.md}{docs/cli.md}g;
    # 2. specific sentences that named the shared data folder
    s{see that folder.s README for}{see `data/README.md` for}g;
    s{\(the data README: raw files stay in shared/\)}{here (the raw files are under `data/preflib/`, see `data/README.md`)}g;
    s{raw PrefLib data stays in shared/ \(its README\)}{raw PrefLib files are under data/preflib (data/README.md)}g;
    s{(?<![A-Za-z0-9_./-])theory\.md asks `0 < ε < min\(R/2, ½\)`}{The original contract asked `0 < ε < min(R/2, ½)` (docs/theory.md keeps ε < R/2)}g;
    # 3. the shared data folder
    s{`(?:\.\./|/work/)shared/data`}{`data/`}g;
    s{(?:\.\./|/work/)shared/data\b}{data}g;
    # 4. bare mentions of the contract files (not already a path such as docs/theory.md)
    s{(?<![A-Za-z0-9_./-])theory\.md}{docs/theory.md}g;
    s{(?<![A-Za-z0-9_./-])cli\.md}{docs/cli.md}g;
  '
fi

left=$(leftovers)
if [ -n "$left" ]; then
  echo "relink.sh: references left (fix by hand):"
  echo "$left"
  exit 1
fi
echo "relink.sh: no reference to ../shared, shared/spec, shared/data or a bare theory.md/cli.md left."
