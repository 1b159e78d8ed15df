#!/usr/bin/env bash
# The one test command (`npm test`): every test on the engine DATABASE_URL selects (SQLite when unset, PostgreSQL
# when it is postgres://…). On SQLite: the server tests (units and HTTP on the real app) and the browser journeys
# (finds or installs Chromium, builds the web app first). On PostgreSQL: the server tests — the browser journeys
# drive the web app through the same server code and run on one engine, SQLite, unless LANTERN_E2E_ON_POSTGRES=1.
set -euo pipefail
cd "$(dirname "$0")/.."

engine=sqlite
[[ "${DATABASE_URL:-}" == postgres* ]] && engine=postgres
projects=()
if [[ $engine == postgres && "${LANTERN_E2E_ON_POSTGRES:-}" != 1 ]]; then
  projects=(--project server)
  echo "Running the server tests on $engine (browser journeys run on SQLite; LANTERN_E2E_ON_POSTGRES=1 adds them here)"
else
  bash scripts/ensure-chromium.sh
  npm run --silent build
  echo "Running all tests on $engine"
fi
report="$(mktemp -t lantern-vitest-XXXX.json)"
status=0
npx vitest run "${projects[@]}" --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?

# One plain closing line that any CI reader understands.
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`tests (${process.argv[2]}): ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
  if (r.numTotalTests === 0) process.exit(1);
' "$report" "$engine" || status=1
rm -f "$report"
exit $status
