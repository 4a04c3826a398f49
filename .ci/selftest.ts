// Runs the project's own tests (vitest projects `self` and `lab`) and ends with the one line CI reads:
// `selftest: N passed, N failed` (skipped tests are counted and named with their reason).
//
//   npm run selftest                 all of them (lab tests need `npm run lab:up` first)
//   npm run selftest -- harness/ontap   only files whose path contains the filter
//   --project self|lab               one vitest project only (`self` needs nothing but this machine; `lab` needs
//                                    the lab cluster); repeat it for several; default: both
//   --counts <file>                  also write {passed, failed, skipped} as JSON (CI adds runs up)
//   --label <word>                   the word before the colon (default `selftest`)

import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { createVitest } from 'vitest/node'

const { values, positionals: filters } = parseArgs({
  options: { counts: { type: 'string' }, label: { type: 'string' }, project: { type: 'string', multiple: true } },
  allowPositionals: true,
})
const label = values.label ?? 'selftest'
const vitest = await createVitest('test', { watch: false, config: 'vitest.config.ts', ...(values.project ? { project: values.project } : {}) })
let passed = 0
let failed = 0
let skipped = 0
const skippedWhy: string[] = []
const failedNames: string[] = []
try {
  const { testModules } = await vitest.start(filters)
  for (const module of testModules) {
    if (module.errors().length > 0) {
      failed += 1 // a file that fails to load counts once
      failedNames.push(`${module.relativeModuleId}: ${(module.errors()[0]?.message ?? 'could not load').slice(0, 300)}`)
    }
    for (const test of module.children.allTests()) {
      const result = test.result()
      if (result.state === 'passed') passed++
      else if (result.state === 'failed') {
        failed++
        failedNames.push(`${test.module.relativeModuleId} > ${test.fullName}`)
      } else {
        skipped++
        skippedWhy.push(`${test.fullName}: ${(result.state === 'skipped' ? result.note : undefined) ?? test.options.mode}`)
      }
    }
  }
} catch (error) {
  console.error(`selftest: vitest could not run: ${(error as Error).message}`)
  failed++
} finally {
  await vitest.close()
}
for (const line of skippedWhy) console.log(`skipped: ${line}`)
for (const name of failedNames) console.log(`failed: ${name}`)
if (values.counts) writeFileSync(values.counts, JSON.stringify({ passed, failed, skipped, failedNames }))
console.log(`${label}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
