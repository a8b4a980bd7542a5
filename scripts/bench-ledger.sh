#!/usr/bin/env bash
# Against the tool an auditor would use (issue 7): exports a demo book with `export ledger`, then
# times `ledger bal` (Debian's ledger) for one commune's funds at the end of a month beside our
# monthly summary of the same commune and month, both as whole processes; checks that both give
# the same balances and prints the ratio.
# Usage: bash scripts/bench-ledger.sh [MOVEMENTS]   (default 1000000; the book is made once)
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-1000000}"
runs="${RUNS:-5}"
command -v ledger >/dev/null || { echo "cần ledger: apt-get install ledger" >&2; exit 1; }
cargo build --release --locked -q -p sotinhthuong-cli
cli=target/release/sotinhthuong-cli
dir=target/bench-books
mkdir -p "$dir"
db="$dir/cli-demo-$size.db"
if [ ! -s "$db" ]; then
  "$cli" --db "$db" demo --movements "$size"
fi
journal="$dir/cli-demo-$size.ledger"
"$cli" --db "$db" export ledger --out "$journal" >/dev/null
commune="Phú Hữu"
month=$(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m)
end=$(date -d "$month-01 +1 month" +%Y/%m/%d)
summary="$dir/summary-$size.json"
python3 - "$cli" "$db" "$journal" "$commune" "$month" "$end" "$summary" "$runs" <<'PY'
import json, statistics, subprocess, sys, time
cli, db, journal, commune, month, end, summary, runs = sys.argv[1:9]
runs = int(runs)
ours_cmd = [cli, "--db", db, "report", "monthly", "--commune", commune, "--month", month,
            "--format", "json", "--out", summary]
theirs_cmd = ["ledger", "-f", journal, "bal", "--flat", "--no-total", "-e", end,
              f"^Quỹ:Xã {commune}:"]
def timed(cmd):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        times.append(time.perf_counter() - t)
    return statistics.median(times), min(times), max(times), out
ours = timed(ours_cmd)
theirs = timed(theirs_cmd)
report = json.load(open(summary))
label = {"rice": "Nắm gạo tình thương", "transport": "Xe chuyển bệnh miễn phí", "repair": "Sửa chữa cầu đường"}
def units(text, asset):
    from decimal import Decimal
    v = Decimal(text.replace(",", ""))
    return int(v * 1000) if asset == "rice" else int(v)
ledger_bal = {}
for line in theirs[3].splitlines():
    parts = line.split()
    if len(parts) >= 3 and parts[1] in ("VND", "KG"):
        account = " ".join(parts[2:])
        ledger_bal[account] = units(parts[0], "rice" if parts[1] == "KG" else "cash")
ok = True
for f in report["funds"]:
    account = f"Quỹ:Xã {commune}:{label[f['program']]}:{'Gạo' if f['asset'] == 'rice' else 'Tiền'}"
    want = units(f["closing"], f["asset"])
    got = ledger_bal.get(account, 0)
    print(f"{account}: summary {want}, ledger {got}{'' if want == got else '  <-- MISMATCH'}")
    ok &= want == got
print(f"our monthly summary (whole process): median {ours[0]*1000:.0f} ms (min {ours[1]*1000:.0f}, max {ours[2]*1000:.0f})")
print(f"ledger bal (whole process):          median {theirs[0]*1000:.0f} ms (min {theirs[1]*1000:.0f}, max {theirs[2]*1000:.0f})")
print(f"ratio ledger / ours: {theirs[0] / ours[0]:.1f}x")
sys.exit(0 if ok else 1)
PY
