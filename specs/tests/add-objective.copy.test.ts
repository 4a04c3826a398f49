// CONTRIBUTING.md's "Adding an objective", done as written with a real ninth objective: in a copy of the project
// (this checkout as it is, committed or not), each file the guide names is changed in the guide's order to add
// `mysql-service-exists` (a Service selects the MySQL pod; its module, test and the rest are in
// fixtures/add-objective/). Then the whole fast lane runs in the copy: typecheck, lint, format check and the `self`
// tests. It must be green, and the files changed must be exactly the ones the guide names: no other test, document
// or fixture pins the lab's objectives, counts or points.
//
// A project of its own (vitest project `copy`, files *.copy.test.ts), not part of `self`: it runs the fast lane a
// second time, which takes as long as the fast lane itself (tens of minutes on two busy cores), so CI runs it as a
// separate step. It never runs inside the copy: `self` does not include it, and ADD_OBJECTIVE_COPY=1 (set for
// everything run in the copy) turns it off there.

import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { execa } from 'execa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACTIONS, copyProject, documentedSteps, ID, touchedFiles } from './fixtures/add-objective/add-objective.js'
import { ROOT } from './grade-recorded.js'

const IN_COPY = 'ADD_OBJECTIVE_COPY'
const MINUTE = 60_000

/** The environment of what runs in the copy: this one's, without what vitest set for this run. */
function copyEnv(): Record<string, string> {
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !/^(VITEST|TEST$|NODE_ENV$)/.test(e[0])))
  return { ...env, [IN_COPY]: '1', NO_COLOR: '1', FORCE_COLOR: '0' }
}

let copy: string | undefined
let steps: string[] = []

/** Runs a command in the copy; its output (the end of it) is what a failing assertion shows. */
async function inCopy(command: string, args: string[], timeout = 20 * MINUTE): Promise<{ exitCode: number; output: string }> {
  const result = await execa(command, args, { cwd: copy, env: copyEnv(), extendEnv: false, reject: false, all: true, stdin: 'ignore', timeout })
  const output = result.all ?? ''
  return { exitCode: result.exitCode ?? -1, output: output.length > 12_000 ? `...${output.slice(-12_000)}` : output }
}

describe.skipIf(Boolean(process.env[IN_COPY]))('adding an objective as CONTRIBUTING.md says, in a copy of the project', () => {
  beforeAll(async () => {
    steps = documentedSteps(await readFile(join(ROOT, 'CONTRIBUTING.md'), 'utf8'))
    copy = await copyProject(ROOT)
    for (const step of steps) {
      const action = ACTIONS[step]
      if (!action) throw new Error(`CONTRIBUTING.md names ${step}, which this test does not know how to change (fixtures/add-objective/add-objective.ts)`)
      await action(copy, async (command, args) => {
        const run = await inCopy(command, args)
        if (run.exitCode !== 0) throw new Error(`${command} ${args.join(' ')} failed in the copy:\n${run.output}`)
      })
    }
  }, 10 * MINUTE)

  afterAll(async () => {
    if (copy) await rm(copy, { recursive: true, force: true })
  })

  it('names each step by its file, and this test knows every one', () => {
    expect(steps.length).toBeGreaterThan(0)
    expect(steps.filter((s) => !(s in ACTIONS))).toEqual([])
    expect(Object.keys(ACTIONS).filter((s) => !steps.includes(s))).toEqual([])
  })

  it('changes exactly the files the guide names', () => {
    expect(touchedFiles(copy!)).toEqual(steps.map((s) => s.replace('<id>', ID)).sort())
  })

  it(
    'type-checks',
    async () => {
      const run = await inCopy('npm', ['run', 'typecheck'])
      expect(run.exitCode, run.output).toBe(0)
    },
    20 * MINUTE,
  )

  it(
    'lints',
    async () => {
      const run = await inCopy('npm', ['run', 'lint'])
      expect(run.exitCode, run.output).toBe(0)
    },
    20 * MINUTE,
  )

  it(
    "is in Prettier's layout",
    async () => {
      const run = await inCopy('npm', ['run', 'format:check'])
      expect(run.exitCode, run.output).toBe(0)
    },
    20 * MINUTE,
  )

  it(
    "passes every test of the project (vitest project self), the new objective's among them",
    async () => {
      const results = join(copy!, 'node_modules', '.add-objective-results.json')
      const vitest = join(copy!, 'node_modules', 'vitest', 'vitest.mjs')
      const run = await inCopy(process.execPath, [vitest, 'run', '--project', 'self', '--reporter=default', '--reporter=json', `--outputFile.json=${results}`], 90 * MINUTE)
      expect(run.exitCode, run.output).toBe(0)
      const report = JSON.parse(await readFile(results, 'utf8')) as { numFailedTests: number; numPassedTests: number; testResults: Array<{ name: string; status: string }> }
      expect(report.numFailedTests).toBe(0)
      expect(report.numPassedTests).toBeGreaterThan(0)
      expect(report.testResults.find((f) => f.name === join(copy!, 'specs', 'tests', `${ID}.test.ts`))?.status).toBe('passed')
    },
    90 * MINUTE,
  )
})
