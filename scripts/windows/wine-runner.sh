#!/usr/bin/env bash
# The cargo runner of the Windows tests (scripts/test-windows.sh): runs a test program under wine.
# why: assert_cmd reads CARGO_TARGET_<triple>_RUNNER and starts the CLI through it; inside wine,
# "wine" is no Windows program ("program not found"). The test program is already under wine, so
# it starts the CLI directly once the variable is gone.
unset CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER
exec wine "$@"
