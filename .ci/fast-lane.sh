#!/usr/bin/env bash
# The fast lane: everything that needs no lab cluster, in one command. Developers run it as `npm run test:fast`;
# CI (.ci/run) runs it first, before and independent of the lab cluster.
#   1. checks  build (`npm run build`: dist/, once, for the tests start the grader as users do, node bin/grader.mjs),
#              typecheck (tsc), lint (eslint), format (prettier --check): one check each in the count. They run side
#              by side (each is one process, mostly on one core); each one's output is printed when it has ended.
#   2. tests   the vitest project `self` (every *.test.ts but *.lab.test.ts), through .ci/selftest.ts
#   Counts: reports/selftest-checks.json and reports/selftest-self.json; the last line is
#   `fast lane: N passed, N failed` (exit 1 when something failed). No step stops the ones after it.
#   Arguments go to the tests: `npm run test:fast -- harness/roster` runs the test files whose path holds
#   harness/roster (the checks still cover the whole tree).
set -uo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
say() { echo "[fast lane +$(($(date +%s) - start))s] $*"; }
mkdir -p reports
rm -f reports/selftest-checks.json reports/selftest-self.json
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

names=(build typecheck lint format)
declare -A command=(
  [build]="npm run --silent build"
  [typecheck]="npm run --silent typecheck"
  [lint]="npm run --silent lint"
  [format]="npm run --silent format:check -- --log-level warn"
)
declare -A hint=(
  [build]="npm run build failed, so the tests that start the grader fail too"
  [typecheck]="tsc found type errors (npm run typecheck)"
  [lint]="npm run lint found problems (npm run lint -- --fix fixes some of them)"
  [format]="files differ from Prettier's layout (npm run format rewrites them)"
)
declare -A pid
say "checking: ${names[*]} (side by side)"
for name in "${names[@]}"; do
  ${command[$name]} >"$logs/$name" 2>&1 &
  pid[$name]=$!
done
failed=()
for name in "${names[@]}"; do
  if wait "${pid[$name]}"; then result=passed; else
    result=failed
    failed+=("$name: ${hint[$name]}")
  fi
  say "$name $result (${command[$name]})"
  cat "$logs/$name"
done
node .ci/counts.mjs checks reports/selftest-checks.json "${#names[@]}" "${failed[@]}"

say "running the tests that need no cluster on $(node --version) (vitest project self)"
npx tsx .ci/selftest.ts --project self --label self --counts reports/selftest-self.json "$@"

say "done"
node .ci/counts.mjs sum "fast lane" reports/selftest-checks.json reports/selftest-self.json
