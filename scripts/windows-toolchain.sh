# Sourced by the Windows build scripts: the Rust target and mingw-w64 (its C
# compiler and windres are used by the build scripts of zstd and the exe's
# resources), installed when missing.
windows_target=x86_64-pc-windows-gnu
rustup target list --installed | grep -qx "$windows_target" || rustup target add "$windows_target"
if ! command -v x86_64-w64-mingw32-gcc >/dev/null; then
    sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends mingw-w64
fi
