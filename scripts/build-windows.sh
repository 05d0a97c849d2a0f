#!/usr/bin/env bash
# Builds the Windows executable (x86_64, Windows 10 or later) on Debian/Ubuntu:
# installs the Rust target and mingw-w64 when missing, then
#   target/x86_64-pc-windows-gnu/release/nianbao.exe
# and checks that it imports only Windows' own DLLs.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/windows-toolchain.sh
target=$windows_target
cargo build --release --locked --target "$target"
exe=target/$target/release/nianbao.exe
size=$(stat -c %s "$exe")
echo "$exe: $((size / 1024 / 1024)) MB ($size bytes)"
dlls=$(x86_64-w64-mingw32-objdump -p "$exe" | awk '/DLL Name/ {print $3}' | sort -u)
echo "imports: $(echo $dlls)"
if echo "$dlls" | grep -qiE 'libgcc|libstdc|libwinpthread|vcruntime|msvcp|api-ms-win-crt'; then
    echo "error: the exe depends on a runtime DLL that a clean Windows PC lacks" >&2
    exit 1
fi
[ "$size" -le $((40 * 1024 * 1024)) ] || { echo "error: the exe is larger than 40 MB" >&2; exit 1; }
