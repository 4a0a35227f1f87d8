#!/usr/bin/env bash
# Runs every test suite (dotnet and browser) and ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || { echo "0 passed, 1 failed"; exit 1; }

log=$(mktemp -d)
passed=0; failed=0

dotnet build LiveInteract.sln -c Release -nologo -clp:ErrorsOnly > "$log/build.txt" 2>&1
if [ $? -ne 0 ]; then cat "$log/build.txt"; echo "0 passed, 1 failed"; exit 1; fi

# One test project at a time: the suites start real servers and the machine has two cores.
# A test that hangs is dumped and failed after 5 minutes rather than stalling the run.
dotnet test LiveInteract.sln -c Release --no-build -m:1 -nologo --blame-hang-timeout 5m 2>&1 | tee "$log/dotnet.txt"
dotnet_rc=${PIPESTATUS[0]}
while read -r f p; do passed=$((passed + p)); failed=$((failed + f)); done < <(
  grep -oE 'Failed: +[0-9]+, Passed: +[0-9]+' "$log/dotnet.txt" | sed -E 's/Failed: +([0-9]+), Passed: +([0-9]+)/\1 \2/')
# A test host that crashed prints no summary: count it as a failure.
if [ "$dotnet_rc" -ne 0 ] && ! grep -qE 'Failed: +[1-9]' "$log/dotnet.txt"; then failed=$((failed + 1)); fi

if [ -f clients/web/package.json ]; then
  (cd clients/web && npm test 2>&1) | tee "$log/web.txt"
  web_rc=${PIPESTATUS[0]}
  wp=$(grep -oE '^(# |ℹ )pass [0-9]+' "$log/web.txt" | tail -1 | grep -oE '[0-9]+$' || echo 0)
  wf=$(grep -oE '^(# |ℹ )fail [0-9]+' "$log/web.txt" | tail -1 | grep -oE '[0-9]+$' || echo 0)
  passed=$((passed + ${wp:-0})); failed=$((failed + ${wf:-0}))
  if [ "$web_rc" -ne 0 ] && [ "${wf:-0}" -eq 0 ]; then failed=$((failed + 1)); fi
fi

# The failures again at the end, where a reader of only the log's tail sees them: each failed test with its message.
if [ "$failed" -ne 0 ]; then
  echo "Failed tests:"
  grep -E -A 4 '^ +Failed [A-Za-z_]' "$log/dotnet.txt" | cut -c1-300 || true
  [ -f "$log/web.txt" ] && { grep -E -B 1 -A 8 '^ *not ok ' "$log/web.txt" | cut -c1-300 || true; }
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
