// `npm test -- --roster class.yaml` through the real CLI: three students, each with their own recorded cluster,
// two asking the ONTAP simulator over SSH (one with the wrong password), graded two at a time.

import { readdirSync, readFileSync, statSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execa } from 'execa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StartedOntapSim, startOntapSim } from '@trident-lab/ontap-sim'
import { loadCase, type RecordedApiServer, startRecordedApiServer, without } from '@trident-lab/recorded-cluster'
import { baseEnv, graderArgs, ROOT } from '../../specs/tests/grade-recorded.js'
import { OBJECTIVE_IDS } from '../index.js'
import type { Scorecard } from '../scorecard/scorecard.js'
import { labPoints } from '../test-support/sample-cards.js'
import { scorecardErrors } from '../scorecard/validate-scorecard.js'
import type { ClassSummary } from './class-summary.js'

const PASSWORD = 'Lab-Passw0rd-7'
const WRONG = 'Not-The-Passw0rd-9'
const VOLUME = 'trident_pvc_e12460a6_bd34_4c43_8e67_f0ba4d5a6324'
let sim: StartedOntapSim
const servers: RecordedApiServer[] = []
let dir: string
// The lab's points, from its rubric. --skip=data-persists throughout: a reference student (alice, carol) passes the
// rest (ONTAP_SKIPPED without an SVM); bob has no PVC: the Trident and class objectives pass, and that is all.
const LAB = labPoints()
const PERSIST = labPoints(['data-persists'])
const ONTAP = labPoints(['ontap-volume'])
const NO_PVC_PASSED = ['trident-installed', 'backend-online', 'storageclass-ssd', 'storageclass-hdd']
const NO_PVC = labPoints(NO_PVC_PASSED)

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

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roster-cli-'))
  sim = await startOntapSim({ password: PASSWORD })
  sim.state.createVolume({ svm: 'svm01', name: VOLUME, aggregate: 'aggr1_01', size: 20 * 2 ** 30, junctionPath: `/${VOLUME}` })
  const cases = { alice: loadCase('reference'), bob: without(loadCase('reference'), 'PersistentVolumeClaim'), carol: loadCase('reference') }
  for (const [name, objects] of Object.entries(cases)) {
    const server = await startRecordedApiServer(objects)
    servers.push(server)
    await server.writeKubeconfig(join(dir, `${name}.kubeconfig`))
  }
})

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()))
  await sim?.stop()
})

describe('npm test -- --roster', { timeout: 180_000 }, () => {
  it("grades a class two at a time and writes each student's reports and the class summary", async () => {
    const ontap = `ontapHost: "127.0.0.1:${sim.sshPort}", svm: svm01, ontapHostKey: "${sim.hostKeyFingerprint}"`
    await writeFile(
      join(dir, 'class.yaml'),
      [
        'students:',
        `  - {id: s01, namespace: alice, kubeconfig: alice.kubeconfig, ${ontap}, passwordEnv: SVM01_PASSWORD, lmsUserId: lti-alice}`,
        '  - {id: s02, namespace: alice, kubeconfig: bob.kubeconfig}',
        `  - {id: s03, namespace: alice, kubeconfig: carol.kubeconfig, ${ontap}, passwordEnv: SVM03_PASSWORD}`,
        '',
      ].join('\n'),
    )
    const out = join(dir, 'reports')
    const r = await cli(['--roster', join(dir, 'class.yaml'), `--out=${out}`, '--parallel=2', '--ontap-sessions-per-host=1', '--skip=data-persists', '--ontap-timeout=5'], {
      SVM01_PASSWORD: PASSWORD,
      SVM03_PASSWORD: WRONG,
    })
    expect(r.stderr).toContain('Grading 3 students from ')
    expect(r.stderr).toContain(': 2 at a time, at most 1 per ONTAP host, 100 Kubernetes requests/s in all, 600 s each')
    expect(r.stderr).toMatch(new RegExp(`^\\[\\d/3\\] s02 \\(alice\\): ${NO_PVC}/${LAB - PERSIST - ONTAP} failed · \\d+ s$`, 'm'))
    expect(r.stdout).toContain('class: 3 students: 1 passed, 1 failed, 1 grader errors')
    expect(r.stdout).toMatch(new RegExp(`^ {2}s01 passed +${LAB - PERSIST}/${LAB - PERSIST}$`, 'm'))
    expect(r.stdout).toMatch(
      new RegExp(`^ {2}s03 error +${LAB - PERSIST - ONTAP}/${LAB - PERSIST - ONTAP} {2}ontap-volume: The grader could not check this: ONTAP refused the login for user vsadmin`, 'm'),
    )
    expect(r.exitCode).toBe(2)

    const summary = JSON.parse(readFileSync(join(out, 'class', 'summary.json'), 'utf8')) as ClassSummary
    expect(summary.students.map((s) => [s.id, s.result, s.awarded, s.possible])).toEqual([
      ['s01', 'passed', LAB - PERSIST, LAB - PERSIST],
      ['s02', 'failed', NO_PVC, LAB - PERSIST - ONTAP],
      ['s03', 'error', LAB - PERSIST - ONTAP, LAB - PERSIST - ONTAP],
    ])
    expect(summary.students[2].objectives['ontap-volume']?.status).toBe('error')
    expect(summary.settings).toEqual({ parallel: 2, ontapSessionsPerHost: 1, kubeQps: 100, studentTimeoutSeconds: 600 })

    for (const id of ['s01', 's02', 's03']) {
      const card = JSON.parse(readFileSync(join(out, id, 'scorecard.json'), 'utf8')) as Scorecard
      expect(scorecardErrors(card)).toEqual([])
      for (const file of ['junit.xml', 'scorecard.md', 'scorecard.html', 'results.json', 'lti-score.json', 'grader.log']) expect(statSync(join(out, id, file)).size).toBeGreaterThan(0)
    }
    expect(JSON.parse(readFileSync(join(out, 's01', 'lti-score.json'), 'utf8'))).toMatchObject({ userId: 'lti-alice', scoreGiven: LAB - PERSIST, scoreMaximum: LAB, gradingProgress: 'PendingManual' })
    expect(JSON.parse(readFileSync(join(out, 's03', 'lti-score.json'), 'utf8'))).toMatchObject({ userId: 's03', gradingProgress: 'Failed' })
    // bob's row: points where passed, 0 where failed or blocked, empty where not checked.
    const cells = OBJECTIVE_IDS.map((id) => (id === 'ontap-volume' || id === 'data-persists' ? '' : NO_PVC_PASSED.includes(id) ? labPoints([id]) : 0))
    expect(readFileSync(join(out, 'class', 'summary.csv'), 'utf8')).toMatch(new RegExp(`\r\ns02,alice,failed,${NO_PVC},${LAB - PERSIST - ONTAP},${cells.join(',')},[\\d.]+,\r\n`))

    // No SVM password anywhere: not in any report, log or console line.
    const everything = readdirSync(out, { recursive: true })
      .map(String)
      .filter((f) => statSync(join(out, f)).isFile())
      .map((f) => readFileSync(join(out, f), 'utf8'))
      .join('\n')
    for (const secret of [PASSWORD, WRONG]) expect(everything + r.stdout + r.stderr).not.toContain(secret)
  })
})

describe('one student at a time (--parallel 1)', { timeout: 120_000 }, () => {
  it("grades students one after another in one process; a student's password never reaches the next student's grading", async () => {
    const ontap = `ontapHost: "127.0.0.1:${sim.sshPort}", svm: svm01, ontapHostKey: "${sim.hostKeyFingerprint}"`
    await writeFile(
      join(dir, 'one-at-a-time.yaml'),
      [
        'students:',
        `  - {id: w1, namespace: alice, kubeconfig: alice.kubeconfig, ${ontap}, passwordEnv: SVM01_PASSWORD}`,
        // No password named: if w1's stayed behind in the process, w2 would pass.
        `  - {id: w2, namespace: alice, kubeconfig: carol.kubeconfig, ${ontap}}`,
        `  - {id: w3, namespace: alice, kubeconfig: carol.kubeconfig, ${ontap}, passwordEnv: SVM03_PASSWORD}`,
        '  - {id: w4, namespace: alice, kubeconfig: bob.kubeconfig}',
        '',
      ].join('\n'),
    )
    const out = join(dir, 'one-at-a-time-reports')
    const r = await cli(['--roster', join(dir, 'one-at-a-time.yaml'), `--out=${out}`, '--parallel=1', '--skip=data-persists', '--ontap-timeout=5'], {
      SVM01_PASSWORD: PASSWORD,
      SVM03_PASSWORD: WRONG,
    })
    expect(r.stdout).toMatch(new RegExp(`^ {2}w1 passed +${LAB - PERSIST}/${LAB - PERSIST}$`, 'm'))
    expect(r.stdout).toMatch(/^ {2}w2 error {6}0\/0 {2}The settings for w2 cannot be used: No ONTAP credentials: set ONTAP_PASSWORD/m)
    expect(r.stdout).toMatch(
      new RegExp(`^ {2}w3 error +${LAB - PERSIST - ONTAP}/${LAB - PERSIST - ONTAP} {2}ontap-volume: The grader could not check this: ONTAP refused the login for user vsadmin`, 'm'),
    )
    expect(r.stdout).toMatch(new RegExp(`^ {2}w4 failed +${NO_PVC}/${LAB - PERSIST - ONTAP}$`, 'm'))
    // Each student's log holds what their own `npm test -- --student=alice` would print, and nobody else's grading.
    const log = (id: string) => readFileSync(join(out, id, 'grader.log'), 'utf8')
    expect(log('w1')).toMatch(/^Grading alice\n {2}… {4}trident-installed \[\d+s\/600s\]\n/)
    expect(log('w1')).toMatch(/^ {2}PASS ontap-volume 10\/10$/m)
    expect(log('w1')).toContain(`\nalice: ${LAB - PERSIST}/${LAB} points (not checked: data-persists, ${PERSIST} points; `)
    expect(log('w1')).not.toContain('refused the login')
    expect(log('w2')).toMatch(/^Grading alice\nerror: The settings for w2 cannot be used: No ONTAP credentials/)
    expect(log('w3')).toContain('refused the login')
    expect(log('w4')).toContain(`\nalice: ${NO_PVC}/${LAB} points (not checked: ontap-volume, data-persists, ${PERSIST + ONTAP} points; `)
    expect(r.exitCode).toBe(2)
  })
})

describe('a student whose cluster hangs', { timeout: 120_000 }, () => {
  // One at a time: a student graded in the same round as a hung one still loses their budget with it (see the
  // it.fails test in run-roster.test.ts), so this shows the hung student stopped and the next one graded.
  it('is stopped at the time budget with a card that says so, and the others are graded', async () => {
    const hung = await startRecordedApiServer(loadCase('reference'))
    servers.push(hung)
    hung.delay(300_000, '/apis/storage.k8s.io')
    await hung.writeKubeconfig(join(dir, 'hung.kubeconfig'))
    await writeFile(join(dir, 'hang.yaml'), 'students:\n  - {id: h1, namespace: alice, kubeconfig: hung.kubeconfig}\n  - {id: ok1, namespace: alice, kubeconfig: alice.kubeconfig}\n')
    const out = join(dir, 'hang-reports')
    const started = Date.now()
    const r = await cli(['--roster', join(dir, 'hang.yaml'), `--out=${out}`, '--parallel=1', '--skip=data-persists', '--timeout=4'])
    expect(Date.now() - started).toBeLessThan(60_000)
    expect(r.exitCode).toBe(2)
    const summary = JSON.parse(readFileSync(join(out, 'class', 'summary.json'), 'utf8')) as ClassSummary
    expect(summary.students.map((s) => [s.id, s.result])).toEqual([
      ['h1', 'error'],
      ['ok1', 'passed'],
    ])
    const card = JSON.parse(readFileSync(join(out, 'h1', 'scorecard.json'), 'utf8')) as Scorecard
    expect(card.complete).toBe(false)
    expect(card.runErrors.join(' ')).toMatch(/time budget of 4 s/)
    // What never answered is a grader error: it costs the student nothing.
    expect(card.checks.filter((c) => c.status === 'error').length).toBeGreaterThan(0)
    expect(card.checks.some((c) => c.status === 'failed')).toBe(false)
  })
})

describe('--kube-qps', { timeout: 120_000 }, () => {
  it("caps the Kubernetes requests of the students' checks, which run in the grading process's own module copy", async () => {
    const server = await startRecordedApiServer(loadCase('reference'))
    servers.push(server)
    const times: number[] = []
    const record = server.requests.push.bind(server.requests)
    server.requests.push = (...items: string[]) => {
      times.push(Date.now())
      return record(...items)
    }
    await server.writeKubeconfig(join(dir, 'qps.kubeconfig'))
    await writeFile(join(dir, 'qps.yaml'), 'students:\n  - {id: q1, namespace: alice, kubeconfig: qps.kubeconfig}\n')
    const r = await cli(['--roster', join(dir, 'qps.yaml'), `--out=${join(dir, 'qps-reports')}`, '--parallel=1', '--skip=data-persists', '--kube-qps=4'])
    expect(r.exitCode).toBe(0)
    // The preflight asks once; the objectives then get a burst of 4 and 4 per second after it.
    const checks = times.slice(1)
    expect(checks.length).toBeGreaterThanOrEqual(10)
    expect(checks[checks.length - 1] - checks[0]).toBeGreaterThanOrEqual(((checks.length - 4) / 4) * 1000 * 0.9)
  })
})

describe('roster usage errors exit 9 with one sentence', { timeout: 60_000 }, () => {
  it.each([
    [['--roster=class.yaml', '--student=alice'], "--roster and --student cannot be used together: the roster names every student's namespace."],
    [['--student=alice', '--parallel=8'], '--parallel applies to a class: use it with --roster <file>.'],
    [['--roster=does-not-exist.yaml'], 'Cannot read the roster does-not-exist.yaml: it does not exist.'],
    [['--roster=ROSTER', '--parallel=0'], '--parallel must be a whole number from 1 to 256, not "0".'],
    [['--roster=ROSTER', '--students-per-process=2'], 'Unknown option --students-per-process; see --help for the options.\nUsage: npm test -- --student=<namespace> [options]'],
    [['--student=alice', '--shard=0/2'], '--shard applies to a class: use it with --roster <file>.'],
    [['--student=alice', '--kube-qps=5'], '--kube-qps applies to a class: use it with --roster <file>.'],
    [['--roster=ROSTER', '--svm=svm01'], '--svm is per student in a roster run: set svm in the roster.'],
    [['--roster=ROSTER', '--self-check'], '--self-check is for one student checking their own work, not for a roster run.'],
    [['--roster=ROSTER', '--lang=fr'], '--lang must be ja or en, not "fr".'],
    [['--roster=ROSTER', '--post=https://lms.example/hook'], '--post needs a signing secret: set GRADER_WEBHOOK_SECRET (or GRADER_WEBHOOK_SECRET_FILE) in the environment.'],
  ])('%j', async (args, sentence) => {
    const roster = join(dir, 'one.yaml')
    await writeFile(roster, 'students:\n  - {id: a1, namespace: alice}\n')
    const r = await cli((args as string[]).map((a) => a.replace('ROSTER', roster)))
    expect(r.exitCode).toBe(9)
    expect(r.stderr).toBe(`error: ${sentence}`)
  })
})
