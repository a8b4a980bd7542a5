/*
 * A stand-in for Windows' bcryptprimitives.dll, for the wine prefix of the tests only
 * (scripts/test-windows.sh puts it there; nothing shipped carries it).
 *
 * Why: Rust's std (1.78 and later) takes its random numbers from ProcessPrng in
 * bcryptprimitives.dll, which every Windows 10 and 11 has; wine 8.0 (Debian 12) has no such DLL,
 * so no Rust program loads under it ("bcryptprimitives.dll not found"). ProcessPrng fills the
 * buffer from the system's generator and always succeeds; RtlGenRandom (SystemFunction036 in
 * advapi32) is that generator in wine.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
