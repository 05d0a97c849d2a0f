#!/usr/bin/env bash
# Type-checks the Windows build (x86_64-pc-windows-gnu) so Windows-only code
# cannot silently break; installs the Rust target and mingw-w64 (whose C
# compiler and windres the build scripts use) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/windows-toolchain.sh
cargo check --locked --target "$windows_target" --all-targets
