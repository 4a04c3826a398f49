// The counts CI adds up into its closing line. Each step of CI leaves one file reports/selftest-<step>.json,
// {passed, failed, skipped?, failedNames}: .ci/selftest.ts writes one per test run (--counts), and this script one
// for a list of checks. Plain JavaScript: it runs before anything is built, and it must never be what fails.
//
//   node .ci/counts.mjs checks <file> <number of checks> [<failed check: why>...]
//        writes the counts of checks that are not tests (build, typecheck, lint, format): the failed ones are named
//   node .ci/counts.mjs sum <label> <file>...
//        names every failed test or check, then prints `<label>: N passed, N failed` last; exit 1 when something
//        failed or nothing passed (no counts at all is a failure, never a green line)

import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const [command, ...args] = process.argv.slice(2)

if (command === 'checks') {
  const [file, total, ...failedNames] = args
  writeFileSync(file, JSON.stringify({ passed: Number(total) - failedNames.length, failed: failedNames.length, failedNames }))
} else if (command === 'sum') {
  const [label, ...files] = args
  let passed = 0
  let failed = 0
  for (const file of files) {
    const step = path.basename(file, '.json').replace(/^selftest-/, '')
    if (!existsSync(file)) {
      console.log(`failed (${step}): it left no counts (${file})`)
      failed++
      continue
    }
    const counts = JSON.parse(readFileSync(file, 'utf8'))
    passed += counts.passed
    failed += counts.failed
    for (const name of counts.failedNames ?? []) console.log(`failed (${step}): ${name}`)
  }
  if (passed === 0) failed++
  console.log(`${label}: ${passed} passed, ${failed} failed`)
  process.exit(failed > 0 ? 1 : 0)
} else {
  console.error('usage: node .ci/counts.mjs checks <file> <number of checks> [<failed check>...] | sum <label> <file>...')
  process.exit(2)
}
