/* TEST ONLY — never shipped. Wine 8 lacks bcryptprimitives.dll, which Rust's
 * standard library imports on Windows 10+ (ProcessPrng). This stand-in lets
 * scripts/windows-smoke.sh run nianbao.exe under wine; real Windows has the DLL. */
#include <windows.h>
typedef BOOLEAN (WINAPI *RtlGenRandomFn)(PVOID, ULONG);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE buf, SIZE_T len) {
    static RtlGenRandomFn gen;
    if (!gen) gen = (RtlGenRandomFn)GetProcAddress(LoadLibraryA("advapi32.dll"), "SystemFunction036");
    while (len) {
        ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!gen(buf, n)) return FALSE;
        buf += n;
        len -= n;
    }
    return TRUE;
}
