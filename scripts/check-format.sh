#!/usr/bin/env bash
# Checks the formatting of the C++ files changed since a base revision against .clang-format.
# Only the changed lines are checked (clang-format --lines), so older code elsewhere in a touched
# file does not fail the check. Prints every line that differs (file:line and a short diff).
#
#   scripts/check-format.sh              changes since the merge-base with origin/main; without an
#                                        origin/main (or on it), the last commit's changes (HEAD~1)
#   scripts/check-format.sh --base REV   changes since the merge-base of REV and HEAD
#   scripts/check-format.sh --all        every C++ file, whole files (a report on the whole tree)
#
# Changes are taken from the working tree, so uncommitted edits (and new untracked files) count.
# Changes committed before the last commit that changed .clang-format are not checked (that code
# was not written to it); --strict-base checks every change since the base.
# Exit status: 0 formatted, 1 some lines differ, 2 usage error or clang-format missing.
# CLANG_FORMAT=/path/to/clang-format picks the binary (default: clang-format on PATH).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '2,15s/^# \{0,1\}//p' "$0" >&2; exit "${1:-2}"; }

mode=changed base_arg="" strict_base=no base=""
while (($#)); do
  case "$1" in
    --all) mode=all ;;
    --strict-base) strict_base=yes ;;
    --base) [[ $# -ge 2 ]] || usage; base_arg=$2; shift ;;
    --base=*) base_arg=${1#--base=} ;;
    -h | --help) usage 0 ;;
    *) echo "check-format: unknown argument '$1'" >&2; usage ;;
  esac
  shift
done

clang_format=${CLANG_FORMAT:-clang-format}
if ! command -v "$clang_format" >/dev/null 2>&1; then
  echo "check-format: $clang_format not found; scripts/setup.sh installs it (Debian package clang-format)" >&2
  exit 2
fi
if [[ ! -f .clang-format ]]; then
  echo "check-format: no .clang-format at the top of the repository" >&2
  exit 2
fi
echo "check-format: $("$clang_format" --version | head -n1), style from .clang-format"

cxx_pathspec=('*.cc' '*.h' '*.cpp' '*.hpp' '*.cxx' '*.hh' ':!:build/*' ':!:build-*/*')

# The changed line ranges, one "path start count" per line (count 0 = whole file).
ranges=$(mktemp) formatted=$(mktemp)
trap 'rm -f "$ranges" "$formatted"' EXIT

if [[ $mode == all ]]; then
  echo "check-format: --all: checking every C++ file, whole files"
  git ls-files -- "${cxx_pathspec[@]}" | while IFS= read -r f; do [[ -f $f ]] && echo "$f 1 0"; done >"$ranges"
else
  if ! git rev-parse -q --verify HEAD >/dev/null; then
    echo "check-format: no commit yet: nothing to check"
    exit 0
  fi
  base="" how=""
  if [[ -n $base_arg ]]; then
    if ! git rev-parse -q --verify "$base_arg^{commit}" >/dev/null; then
      echo "check-format: --base $base_arg is not a commit in this clone" >&2
      exit 2
    fi
    if base=$(git merge-base "$base_arg" HEAD 2>/dev/null); then
      how="merge-base of $base_arg and HEAD"
    else
      base=$(git rev-parse "$base_arg^{commit}") how="$base_arg (no merge-base with HEAD in this history)"
    fi
  elif git rev-parse -q --verify origin/main >/dev/null && base=$(git merge-base origin/main HEAD 2>/dev/null) &&
    [[ $base != "$(git rev-parse HEAD)" ]]; then
    how="merge-base with origin/main"
  elif git rev-parse -q --verify 'HEAD~1^{commit}' >/dev/null; then
    base=$(git rev-parse 'HEAD~1') how="HEAD~1, the last commit's changes"
  else
    echo "check-format: HEAD has no parent in this clone (single-commit or shallow history): nothing to check" \
      "(use --base REV or --all)"
    exit 0
  fi
  # Code committed before the last change of .clang-format was not written to it: the check starts
  # after that commit (or, while .clang-format is uncommitted or edited, at HEAD) unless --strict-base.
  if [[ $strict_base == no ]]; then
    style_commit=""
    git diff --quiet HEAD -- .clang-format 2>/dev/null && style_commit=$(git log -1 --format=%H -- .clang-format)
    [[ -n $style_commit ]] || style_commit=$(git rev-parse HEAD)
    if [[ $style_commit != "$base" ]] && git merge-base --is-ancestor "$base" "$style_commit" 2>/dev/null; then
      echo "check-format: changes up to $(git rev-parse --short "$style_commit") predate the current .clang-format" \
        "(its last commit, or HEAD while it is uncommitted): not checked (--strict-base checks them)"
      base=$style_commit how="$how, moved up to .clang-format's commit"
    fi
  fi
  echo "check-format: base $(git rev-parse --short "$base") ($how); checking the changed lines of added and" \
    "modified C++ files, working tree included"
  # -U0 hunks "@@ -a,b +c,d @@": lines c .. c+d-1 of the new file changed (d = 0: only a deletion).
  git -c core.quotePath=false diff -U0 --no-color --no-ext-diff -M --diff-filter=AMR "$base" -- \
    "${cxx_pathspec[@]}" | awk '
      /^\+\+\+ / { path = substr($0, 5); sub(/^b\//, "", path); next }
      /^@@ / {
        split($3, plus, ","); start = substr(plus[1], 2); count = (2 in plus) ? plus[2] : 1
        if (count > 0) print path, start, count
      }' >"$ranges"
  git ls-files --others --exclude-standard -- "${cxx_pathspec[@]}" | while IFS= read -r f; do echo "$f 1 0"; done \
    >>"$ranges"
fi

files=$(cut -d' ' -f1 "$ranges" | awk '!seen[$0]++')
if [[ -z $files ]]; then
  echo "check-format: no changed C++ lines: nothing to check"
  exit 0
fi
echo "check-format: $(wc -l <<<"$files") file(s):"

failed=0 places=0
while IFS= read -r f; do
  [[ -f $f ]] || continue
  args=() shown=""
  while read -r _ start count; do
    if ((count == 0)); then
      args=() shown="whole file"
      break
    fi
    args+=("--lines=$start:$((start + count - 1))")
    shown+="${shown:+, }$start-$((start + count - 1))"
  done < <(awk -v f="$f" '$1 == f' "$ranges")
  # Without --lines clang-format formats the whole file.
  if ! "$clang_format" --style=file --fallback-style=none "${args[@]}" "$f" >"$formatted"; then
    echo "check-format: $clang_format failed on $f" >&2
    exit 2
  fi
  if cmp -s "$f" "$formatted"; then
    echo "  ok             $f (lines: $shown)"
    continue
  fi
  echo "  NOT FORMATTED  $f (lines: $shown)"
  diff -U0 "$f" "$formatted" | awk -v f="$f" '
    /^(---|\+\+\+) / { next }
    /^@@ / { split($2, minus, ","); n = substr(minus[1], 2); if (minus[2] == "0") n++
             printf "    %s:%d:\n", f, n; next }
    { print "      " $0 }' || true
  failed=$((failed + 1))
  places=$((places + $(diff -U0 "$f" "$formatted" | grep -c '^@@' || true)))
done <<<"$files"

if ((failed)); then
  fix="git clang-format${base:+ $(git rev-parse --short "$base")} (formats the changed lines), or clang-format -i FILE"
  echo "check-format: $failed file(s), $places place(s) not formatted as .clang-format says" \
    "(- the file, + clang-format's output). Fix with: $fix (the whole file; docs/style.md)"
  exit 1
fi
echo "check-format: all checked lines formatted"
