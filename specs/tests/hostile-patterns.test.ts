// Pool patterns a student writes (storagePools, additionalStoragePools, excludeStoragePools) are evaluated as Trident
// evaluates them, with Go's regexp (harness/lab/go-regexp.ts): patterns that stall a backtracking engine cost
// nothing, patterns Go cannot compile match no pool and the check says so, a pattern too big for V8 is no grader
// error. Each case through the real CLI, as an instructor runs it: verdict, reason, exit code, wall time against
// the budget, a complete card; and a class run in which one hostile student costs only their own card.

import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execa } from 'execa'
import { afterAll, describe, expect, it } from 'vitest'
import { find, loadCase, type RecordedObject, startRecordedApiServer, type RecordedApiServer } from '@trident-lab/recorded-cluster'
import { OBJECTIVES } from '../registry.js'

const OBJECTIVE_IDS = OBJECTIVES.map((o) => o.id)
import type { Scorecard } from '../../harness/scorecard/scorecard.js'
import { scorecardErrors } from '../../harness/scorecard/validate-scorecard.js'
import { baseEnv, graderArgs, ROOT } from './grade-recorded.js'

/** Process start, writing the reports, exiting: what a run may take past its budget. */
const MARGIN_MS = 5_000
const HOSTILE_BACKEND = `${'a'.repeat(40)}-b`

const servers: RecordedApiServer[] = []
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()))
})

/** The reference cluster whose backend is named `aaaa…a-b` and whose SSD class has these parameters. */
function hostile(parameters: Record<string, string>, options: { virtualPools?: boolean } = {}): RecordedObject[] {
  const objects = loadCase('reference')
  const backend = find(objects, 'TridentBackend', 'tbe-x7k2p')
  backend.backendName = HOSTILE_BACKEND
  if (options.virtualPools) (backend.config as { ontap_config: Record<string, unknown> }).ontap_config.storage = [{ labels: { tier: 'one' } }, { labels: { tier: 'two' } }]
  find(objects, 'StorageClass', 'ontap-gold').parameters = parameters
  return objects
}

interface Run {
  exitCode: number
  stdout: string
  stderr: string
  ms: number
  card?: Scorecard
}

async function grade(objects: RecordedObject[], args: string[]): Promise<Run> {
  const dir = await mkdtemp(join(tmpdir(), 'hostile-patterns-'))
  const server = await startRecordedApiServer(objects)
  servers.push(server)
  const kubeconfig = join(dir, 'kubeconfig')
  await server.writeKubeconfig(kubeconfig)
  const started = performance.now()
  const result = await execa(process.execPath, graderArgs(['--student=alice', `--kubeconfig=${kubeconfig}`, `--out=${join(dir, 'out')}`, '--skip=data-persists', ...args]), {
    cwd: ROOT,
    reject: false,
    stdin: 'ignore',
    extendEnv: false,
    env: { ...baseEnv(), LANG: 'en_US.UTF-8' },
    timeout: 120_000,
  })
  const ms = performance.now() - started
  const card = await readFile(join(dir, 'out', 'scorecard.json'), 'utf8').then(
    (t) => JSON.parse(t) as Scorecard,
    () => undefined,
  )
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr, ms, card }
}

function expectComplete(run: Run): Scorecard {
  expect(run.card, run.stderr).toBeDefined()
  expect(run.card!.complete).toBe(true)
  expect(run.card!.checks.map((c) => c.id).sort()).toEqual([...OBJECTIVE_IDS].sort())
  expect(scorecardErrors(run.card!)).toEqual([])
  expect(run.card!.checks.filter((c) => c.status === 'error')).toEqual([])
  return run.card!
}

const check = (card: Scorecard, id: string) => card.checks.find((c) => c.id === id)!

describe('patterns that stall a backtracking engine', { timeout: 120_000 }, () => {
  it.each([
    ['storagePools "(a+)+:.*" against a backend named aaaa…a-b', { storagePools: '(a+)+:.*' }, false],
    ['storagePools ".*:(a+)+$" on virtual pools', { storagePools: '.*:(a+)+$' }, true],
    ['additionalStoragePools ".*:(a+)+$"', { additionalStoragePools: '.*:(a+)+$' }, false],
    ['storagePools ".*:(.*a){25}"', { storagePools: '.*:(.*a){25}' }, true],
  ])('%s: graded at once, the class failed for what it selects, exit 1 well within --timeout=5', async (_what, parameters, virtualPools) => {
    const run = await grade(hostile(parameters, { virtualPools }), ['--timeout=5'])
    expect(run.exitCode, run.stderr).toBe(1)
    expect(run.ms).toBeLessThan(5_000 + MARGIN_MS)
    const card = expectComplete(run)
    expect(check(card, 'storageclass-ssd')).toMatchObject({ status: 'failed' })
    expect(check(card, 'storageclass-ssd').message).toMatch(/^StorageClass ontap-gold (can match none of the aggregates known here|can place volumes on aggregate aggr2_01)/)
    expect(check(card, 'storageclass-hdd').status).toBe('passed')
  })
})

describe('patterns Go cannot compile match no pool, as in Trident, and the check says so', { timeout: 120_000 }, () => {
  it.each([
    ['svm07-nas:aggr1_01(', 'aggr1_01(', ''],
    ['.*:(', '(', 'error parsing regexp: missing closing ): `(`'],
    ['svm01-nas:aggr(?=1)', 'aggr(?=1)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`'],
    ['svm01-nas:(aggr1)_01\\1', '(aggr1)_01\\1', 'error parsing regexp: invalid escape sequence: `\\1`'],
  ])('storagePools "%s": storageclass-ssd failed, naming the pattern and Go\'s error in both languages', async (storagePools, pattern, error) => {
    const objects = loadCase('reference')
    find(objects, 'StorageClass', 'ontap-gold').parameters = { storagePools }
    const run = await grade(objects, ['--lang=ja'])
    expect(run.exitCode, run.stderr).toBe(1)
    const ssd = check(expectComplete(run), 'storageclass-ssd')
    expect(ssd.status).toBe('failed')
    if (storagePools === 'svm07-nas:aggr1_01(') {
      // The backend part compiles (and names no backend here); the pool part does not: named all the same.
      expect(ssd.i18n.en.message).toContain('the pattern "aggr1_01(" in storagePools is not a Go regular expression Trident can compile (error parsing regexp: missing closing ): `aggr1_01(`)')
    } else {
      expect(ssd.i18n.en.message).toBe(
        `StorageClass ontap-gold: the pattern "${pattern}" in storagePools is not a Go regular expression Trident can compile (${error}), so Trident matches no aggregate with it and the class does not select ssd.`,
      )
    }
    expect(ssd.message).toContain('Trident がコンパイルできる Go の正規表現ではありません')
    expect(ssd.i18n.en.hint).toContain("Go's regexp (RE2 syntax)")
  })

  it('a pattern too big for V8 (70,000 groups) is compiled as Go compiles it: no grader error, the verdict Trident gives', async () => {
    const objects = loadCase('reference')
    find(objects, 'StorageClass', 'ontap-gold').parameters = { storagePools: `svm01-nas:${'(a)'.repeat(70_000)}|^aggr1_01$` }
    const run = await grade(objects, ['--timeout=20'])
    expect(run.exitCode, run.stderr).toBe(0)
    expect(run.ms).toBeLessThan(20_000)
    expect(check(expectComplete(run), 'storageclass-ssd').status).toBe('passed')
  })
})

describe('a class run with one hostile student', { timeout: 180_000 }, () => {
  it('grades every student, writes the class summary, and the hostile one costs only their own card', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hostile-roster-'))
    const ids = ['s1', 's2', 's3', 's4', 's5']
    const lines: string[] = []
    for (const id of ids) {
      const objects = id === 's3' ? hostile({ storagePools: `(a+)+:.*;.*:${'(.*a){25}'}`, additionalStoragePools: `.*:${'a?'.repeat(40_000)}(a+)+$` }) : loadCase('reference')
      for (const o of objects) if (o.metadata?.namespace === 'alice') o.metadata.namespace = id
      const server = await startRecordedApiServer(objects)
      servers.push(server)
      const kubeconfig = join(dir, `${id}.kubeconfig`)
      await server.writeKubeconfig(kubeconfig)
      lines.push(`  - {id: ${id}, kubeconfig: ${JSON.stringify(kubeconfig)}}`)
    }
    const roster = join(dir, 'class.yaml')
    await writeFile(roster, `students:\n${lines.join('\n')}\n`)
    const out = join(dir, 'reports')
    const started = performance.now()
    const result = await execa(process.execPath, graderArgs([`--roster=${roster}`, `--out=${out}`, '--skip=data-persists', '--parallel=4', '--timeout=10']), {
      cwd: ROOT,
      reject: false,
      stdin: 'ignore',
      extendEnv: false,
      env: { ...baseEnv(), LANG: 'en_US.UTF-8' },
      timeout: 150_000,
    })
    const ms = performance.now() - started
    // Two rounds of at most 10 s each, plus start and the summary.
    expect(ms).toBeLessThan(2 * 10_000 + 2 * MARGIN_MS)
    expect(result.exitCode, result.stderr).toBe(1)
    const summary = JSON.parse(await readFile(join(out, 'class', 'summary.json'), 'utf8')) as { totals: { students: number; error: number } }
    expect(summary.totals).toMatchObject({ students: 5, error: 0 })
    for (const id of ids) {
      const card = JSON.parse(await readFile(join(out, id, 'scorecard.json'), 'utf8')) as Scorecard
      expect(card.complete, id).toBe(true)
      expect(
        card.checks.filter((c) => c.status === 'error'),
        id,
      ).toEqual([])
      expect(check(card, 'storageclass-ssd').status, id).toBe(id === 's3' ? 'failed' : 'passed')
    }
  })
})
