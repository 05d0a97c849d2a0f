#!/usr/bin/env bash
# Shows the test suite does not depend on order, timing or shared lazy state:
# from a fresh clone of the committed tree, runs every UI test alone in its own
# process, then the whole suite RUNS times in a row (default 20). Prints one line
# per run and exits 1 if any run failed.
#   scripts/repeat-tests.sh [RUNS]
# CARGO_TARGET_DIR may point at an existing target folder to reuse its built
# dependencies (the clone's own crate is rebuilt either way). Cargo records the
# crate's files relative to its folder, so another checkout sharing that target
# folder may then reuse these test binaries, with this clone's (deleted) path
# built in: `touch src/lib.rs tests/*.rs` there before its next run.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
clone=$(mktemp -d)/nianbao
git clone -q . "$clone"
trap 'rm -rf "$(dirname "$clone")"' EXIT
cd "$clone"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$clone/target}
cargo test --locked --no-run -q 2>/dev/null

failed=0
alone=0
# The UI test binaries: those Cargo.toml builds only with the `gui` feature.
ui_tests=$(awk '/^\[\[test\]\]/ {name = ""} /^name = / {gsub(/"/, "", $3); name = $3} /required-features = \["gui"\]/ && name {print name}' Cargo.toml)
for binary in $ui_tests; do
    for name in $(cargo test --locked -q --test "$binary" -- --list 2>/dev/null | sed -n 's/: test$//p'); do
        alone=$((alone + 1))
        if ! cargo test --locked -q --test "$binary" -- --exact "$name" >/dev/null 2>&1; then
            echo "FAIL alone: $binary::$name"
            failed=1
        fi
    done
done
echo "each UI test alone in its own process: $alone tests, $([ $failed = 0 ] && echo all passed || echo SOME FAILED)"

for i in $(seq "$runs"); do
    if out=$(cargo test --locked -q 2>&1); then
        echo "run $i/$runs: passed ($(grep -o '[0-9]* passed' <<<"$out" | awk '{s += $1} END {print s}') tests)"
    else
        echo "run $i/$runs: FAILED"
        grep -E 'panicked|FAILED|failures:' <<<"$out" | head -20
        failed=1
    fi
done
exit $failed
