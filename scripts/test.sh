#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian machine: installs what the tests
# need and is missing, then `cargo test`. README.md and .ci/run both use this.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests call (checked by the command each provides).
need=()
tools="pdftotext:poppler-utils"  # "command:package" pairs the tests run
for pair in $tools; do
    cmd=${pair%%:*} pkg=${pair##*:}
    command -v "$cmd" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
    echo "installing: ${need[*]}"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

cargo test --locked "$@"
