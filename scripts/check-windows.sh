#!/usr/bin/env bash
# Type-checks the Windows build (x86_64-pc-windows-gnu) so Windows-only code
# cannot silently break; installs the Rust target and mingw-w64 (whose C
# compiler and windres the build scripts use) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
target=x86_64-pc-windows-gnu
rustup target list --installed | grep -qx "$target" || rustup target add "$target"
if ! command -v x86_64-w64-mingw32-gcc >/dev/null; then
    sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends mingw-w64
fi
cargo check --locked --target "$target" --all-targets
