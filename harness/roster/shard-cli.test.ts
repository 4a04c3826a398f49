// Sharding through the real CLI: five students on recorded clusters graded as two shards (one from --shard, one
// from an Indexed Job's environment), merged with --merge-class; every student graded exactly once. And the
// usage errors of --shard / --merge-class (one sentence, exit 9) and the default folders of shards.

import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execa } from 'execa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadCase, type RecordedApiServer, startRecordedApiServer, without } from '@trident-lab/recorded-cluster'
import { baseEnv, graderArgs, ROOT } from '../../specs/tests/grade-recorded.js'
import type { Scorecard } from '../scorecard/scorecard.js'
import type { ClassSummary } from './class-summary.js'
import { resolveRosterConfig } from './roster-config.js'

const servers: RecordedApiServer[] = []
let dir: string

function cli(args: string[], env: Record<string, string> = {}) {
  return execa(process.execPath, graderArgs(args), {
    cwd: ROOT,
    reject: false,
    stdin: 'ignore',
    extendEnv: false,
    env: { ...baseEnv(), LANG: 'en_US.UTF-8', ...env },
    timeout: 120_000,
  })
}

const summaryOf = (out: string) => JSON.parse(readFileSync(join(out, 'class', 'summary.json'), 'utf8')) as ClassSummary

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shard-cli-'))
  for (const [name, objects] of Object.entries({ good: loadCase('reference'), nopvc: without(loadCase('reference'), 'PersistentVolumeClaim') })) {
    const server = await startRecordedApiServer(objects)
    servers.push(server)
    await server.writeKubeconfig(join(dir, `${name}.kubeconfig`))
  }
  // Rows out of id order on purpose: the slices do not depend on it.
  await writeFile(
    join(dir, 'class.yaml'),
    [
      'students:',
      '  - {id: s04, namespace: alice, kubeconfig: nopvc.kubeconfig}',
      '  - {id: s01, namespace: alice, kubeconfig: good.kubeconfig}',
      '  - {id: s05, namespace: alice, kubeconfig: good.kubeconfig}',
      '  - {id: s02, namespace: alice, kubeconfig: nopvc.kubeconfig}',
      '  - {id: s03, namespace: alice, kubeconfig: good.kubeconfig}',
      '',
    ].join('\n'),
  )
})

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()))
})

describe('npm test -- --roster --shard, then --merge-class', { timeout: 180_000 }, () => {
  it('grades each slice once and merges them into the whole class', async () => {
    const roster = join(dir, 'class.yaml')
    const out0 = join(dir, 'reports', 'shard-0-of-2')
    const out1 = join(dir, 'reports', 'shard-1-of-2')
    const common = ['--parallel=2', '--skip=data-persists']
    const [r0, r1] = await Promise.all([
      cli(['--roster', roster, '--shard', '0/2', `--out=${out0}`, ...common]),
      // Shard 1 as an Indexed Job pod runs it: no --shard, the Job's index in the environment.
      cli(['--roster', roster, `--out=${out1}`, ...common], { JOB_COMPLETION_INDEX: '1', JOB_COMPLETIONS: '2' }),
    ])
    // Sorted ids s01..s05 dealt in turn: shard 0 grades s01, s03, s05; shard 1 grades s02, s04 (in roster order).
    expect(r0.stderr).toMatch(/^Grading shard 0\/2 of .*class\.yaml: 3 of 5 students: 2 at a time, /m)
    expect(r1.stderr).toMatch(/^Grading shard 1\/2 of .*class\.yaml: 2 of 5 students: 2 at a time, /m)
    expect(r0.stdout).toContain('class (shard 0/2): 3 students: 3 passed, 0 failed, 0 grader errors')
    expect(r1.stdout).toContain('class (shard 1/2): 2 students: 0 passed, 2 failed, 0 grader errors')
    expect([r0.exitCode, r1.exitCode]).toEqual([0, 1])
    expect(summaryOf(out0).students.map((s) => s.id)).toEqual(['s01', 's05', 's03'])
    expect(summaryOf(out1).students.map((s) => s.id)).toEqual(['s04', 's02'])
    expect(summaryOf(out1).shard).toEqual({ index: 1, count: 2, students: 2, rosterStudents: 5, rosterDigest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) })
    // Each shard wrote the cards of its own students only.
    const studentDirs = (out: string) =>
      readdirSync(out)
        .filter((f) => f !== 'class')
        .sort()
    expect(studentDirs(out0)).toEqual(['s01', 's03', 's05'])
    expect(studentDirs(out1)).toEqual(['s02', 's04'])
    expect(readFileSync(join(out1, 'class', 'summary.md'), 'utf8')).toContain("Shard 1/2 (shards count from 0): 2 of the class's 5 students.")

    const merged = join(dir, 'reports')
    const m = await cli(['--roster', roster, '--merge-class', out1, out0, `--out=${merged}`])
    expect(m.stderr).toMatch(/^Merged 2 shards into /m)
    expect(m.stdout).toContain('class (merged from 2 shards): 5 students: 3 passed, 2 failed, 0 grader errors')
    expect(m.exitCode).toBe(1)
    const summary = summaryOf(merged)
    // Every roster student exactly once, in the roster's order, each from the shard that graded them.
    expect(summary.students.map((s) => [s.id, s.result, s.reportDir])).toEqual([
      ['s04', 'failed', '../shard-1-of-2/s04'],
      ['s01', 'passed', '../shard-0-of-2/s01'],
      ['s05', 'passed', '../shard-0-of-2/s05'],
      ['s02', 'failed', '../shard-1-of-2/s02'],
      ['s03', 'passed', '../shard-0-of-2/s03'],
    ])
    expect(summary.merged).toEqual({ shards: 2, from: ['../shard-0-of-2', '../shard-1-of-2'] })
    expect(summary.totals).toMatchObject({ students: 5, passed: 3, failed: 2, error: 0, pending: 0 })
    for (const s of summary.students) {
      const card = JSON.parse(readFileSync(join(merged, 'class', s.reportDir, 'scorecard.json'), 'utf8')) as Scorecard
      expect(card.totals.awarded).toBe(s.awarded)
    }
  })

  it('refuses a merge with shards missing, writing nothing', async () => {
    const roster = join(dir, 'class.yaml')
    const out0 = join(dir, 'lone', 'shard-0-of-3')
    const r = await cli(['--roster', roster, '--shard=0/3', `--out=${out0}`, '--skip=data-persists'])
    expect(r.stdout).toContain('class (shard 0/3): 2 students: 1 passed, 1 failed, 0 grader errors') // s01, s04
    expect(r.exitCode).toBe(1)
    const m = await cli(['--roster', roster, '--merge-class', out0, `--out=${join(dir, 'lone')}`])
    expect(m.stderr).toBe("error: Shards 1/3, 2/3 are missing: none of the folders given holds them (give all 3 shards' folders).")
    expect(m.exitCode).toBe(9)
    expect(existsSync(join(dir, 'lone', 'class'))).toBe(false)
  })
})

describe("a shard stopped before it finished (SIGTERM: a Job's deadline or deletion)", { timeout: 120_000 }, () => {
  it("stops its students cleanly and leaves no shard mark (not even an earlier run's), so the merge refuses it", async () => {
    const hung = await startRecordedApiServer(loadCase('reference'))
    servers.push(hung)
    hung.delay(300_000, '/apis/storage.k8s.io')
    await hung.writeKubeconfig(join(dir, 'hung.kubeconfig'))
    const roster = join(dir, 'hang.yaml')
    await writeFile(roster, 'students:\n  - {id: h1, namespace: alice, kubeconfig: hung.kubeconfig}\n  - {id: h2, namespace: alice, kubeconfig: good.kubeconfig}\n')
    const out = join(dir, 'stopped', 'shard-0-of-1')
    // An earlier, finished run of this shard left its marked summary.
    const first = await cli(['--roster', roster, '--shard=0/1', `--out=${out}`, '--skip=data-persists', '--timeout=3'])
    expect(first.exitCode).toBe(2)
    expect(summaryOf(out).shard).toMatchObject({ index: 0, count: 1 })

    const run = cli(['--roster', roster, '--shard=0/1', `--out=${out}`, '--skip=data-persists', '--timeout=60'])
    let stderr = ''
    run.stderr!.on('data', (chunk) => (stderr += String(chunk)))
    for (let i = 0; i < 300 && !/^\[1\/2\] h2/m.test(stderr); i++) await new Promise((r) => setTimeout(r, 100))
    expect(existsSync(join(out, 'class', 'summary.json')) ? summaryOf(out).shard : undefined).toBeUndefined()
    run.kill('SIGTERM')
    const r = await run
    expect(r.stderr).toContain('Stopping: the running students clean up and no one else is graded')
    expect(r.stderr).toContain("shard 0/1 was stopped before it finished: its summary is not marked as the shard's, so --merge-class refuses it; grade this shard again.")
    expect(r.exitCode).toBe(2)
    const card = JSON.parse(readFileSync(join(out, 'h1', 'scorecard.json'), 'utf8')) as Scorecard
    expect(card.runErrors.join(' ')).toMatch(/cancelled/)
    expect(summaryOf(out).shard).toBeUndefined()
    const m = await cli(['--roster', roster, '--merge-class', out, `--out=${join(dir, 'stopped')}`])
    expect(m.stderr).toMatch(/^error: \S*shard-0-of-1\/class\/summary\.json has no shard mark: .* grade that shard again\.$/)
    expect(m.exitCode).toBe(9)
  })
})

describe('--shard usage errors exit 9 with one sentence', { timeout: 60_000 }, () => {
  it.each([
    [['--roster=ROSTER', '--shard=2/2'], [], '--shard "2/2": the shard index must be from 0 to 1 (shards count from 0, like JOB_COMPLETION_INDEX).'],
    [['--roster=ROSTER', '--shard=1of3'], [], '--shard must be <index>/<count> with whole numbers, e.g. 0/3 for the first of three shards, not "1of3".'],
    [
      ['--roster=ROSTER'],
      ['JOB_COMPLETION_INDEX=1'],
      "JOB_COMPLETION_INDEX is set (an Indexed Job) but JOB_COMPLETIONS is not: set JOB_COMPLETIONS to the Job's completions (or give --shard <index>/<count>), else every pod would grade the whole class.",
    ],
    [
      ['--roster=ROSTER', '--shard=0/2'],
      ['JOB_COMPLETION_INDEX=1', 'JOB_COMPLETIONS=2'],
      "--shard 0/2 disagrees with this Indexed Job pod's JOB_COMPLETION_INDEX=1 and JOB_COMPLETIONS=2; drop --shard (the Job's index is used) or make them agree.",
    ],
    [['--roster=ROSTER', '--merge-class', 'x', '--parallel=2'], [], "--parallel does not apply to --merge-class, which only reads the shards' folders and writes the class summary."],
  ])('%j %j', async (args, env, sentence) => {
    const roster = join(dir, 'class.yaml')
    const r = await cli(
      (args as string[]).map((a) => a.replace('ROSTER', roster)),
      Object.fromEntries((env as string[]).map((e) => e.split('='))),
    )
    expect(r.stderr).toBe(`error: ${sentence}`)
    expect(r.exitCode).toBe(9)
  })
})

describe('resolveRosterConfig with a shard', () => {
  it('keeps the whole roster, marks the shard, and writes to reports/shard-<i>-of-<n>/ unless --out says otherwise', () => {
    const c = resolveRosterConfig({ roster: 'class.yaml', shard: '1/2' }, {}, dir)
    expect(c.roster.students).toHaveLength(5)
    expect(c.shard).toMatchObject({ index: 1, count: 2, students: 2, rosterStudents: 5 })
    expect(c.outRoot).toBe(join(dir, 'reports', 'shard-1-of-2'))
    expect(resolveRosterConfig({ roster: 'class.yaml' }, { JOB_COMPLETION_INDEX: '2', JOB_COMPLETIONS: '3' }, dir).outRoot).toBe(join(dir, 'reports', 'shard-2-of-3'))
    expect(resolveRosterConfig({ roster: 'class.yaml', shard: '0/2', out: 'mine' }, {}, dir).outRoot).toBe(join(dir, 'mine'))
    const whole = resolveRosterConfig({ roster: 'class.yaml' }, {}, dir)
    expect(whole.shard).toBeUndefined()
    expect(whole.outRoot).toBe(join(dir, 'reports'))
  })
})
