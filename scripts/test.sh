#!/usr/bin/env bash
# The one test command (`npm test`): every test, server and browser, on the engine DATABASE_URL selects
# (SQLite when unset, PostgreSQL when it is postgres://…). Finds or installs Chromium, builds the web app first.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-chromium.sh
npx vite build --logLevel warn

engine=sqlite
[[ "${DATABASE_URL:-}" == postgres* ]] && engine=postgres
report="$(mktemp -t lantern-vitest-XXXX.json)"
echo "Running all tests on $engine"
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?

# One plain closing line that any CI reader understands.
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`tests (${process.argv[2]}): ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
  if (r.numTotalTests === 0) process.exit(1);
' "$report" "$engine" || status=1
rm -f "$report"
exit $status
