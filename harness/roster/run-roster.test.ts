// runRoster() with a stand-in grading worker (testdata/fake-grading-worker.ts): isolation of secrets, reuse and
// replacement of workers, the caps, hangs, crashes, missing passwords, stale reports and the webhook. The real
// CLI and its real workers are graded in roster-cli.test.ts.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sampleCard } from '../lms/sample-cards.js'
import { startWebhookReceiver, type WebhookReceiver } from '../lms/webhook-receiver.js'
import type { Scorecard } from '../scorecard/scorecard.js'
import { scorecardErrors } from '../scorecard/validate-scorecard.js'
import type { ClassSummary } from './class-summary.js'
import type { RosterConfig } from './roster-config.js'
import type { RosterStudent } from './roster-file.js'
import { runRoster, type RosterRunOptions } from './run-roster.js'

const FAKE = fileURLToPath(new URL('./testdata/fake-grading-worker.ts', import.meta.url))
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
const PW_A = 'Svm-A-Passw0rd-111'
const PW_B = 'Svm-B-Passw0rd-222'
const PW_GLOBAL = 'Global-Passw0rd-333'
const WEBHOOK_SECRET = 'whsec-roster-0123456789abcdef'

let dir: string
let cards: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'run-roster-'))
  cards = join(dir, 'cards')
  await mkdir(cards)
})

const student = (id: string, extra: Partial<RosterStudent> = {}): RosterStudent => ({ id, namespace: id, ...extra })

async function card(ns: string, c: Scorecard): Promise<void> {
  await writeFile(join(cards, `${ns}.json`), JSON.stringify(c))
}

function config(students: RosterStudent[], extra: Partial<RosterConfig> = {}): RosterConfig {
  return {
    roster: { file: join(dir, 'class.yaml'), students },
    outRoot: join(dir, 'reports'),
    parallel: 4,
    studentsPerProcess: 10,
    ontapSessionsPerHost: 2,
    kubeQps: 100,
    studentTimeoutSeconds: 30,
    lang: 'en',
    childFlags: ['--skip=data-persists', '--timeout=30'],
    ...extra,
  }
}

function run(c: RosterConfig, env: Record<string, string> = {}, options: RosterRunOptions = {}) {
  return runRoster(c, {
    workerCommand: [process.execPath, '--import', TSX, FAKE],
    env: { PATH: process.env.PATH ?? '', FAKE_CARDS: cards, FAKE_TIMELINE: join(dir, 'timeline.txt'), ...env },
    cwd: dir,
    killGraceMs: 300,
    deadlineMarginMs: 200,
    ...options,
  })
}

const read = <T = any>(...path: string[]): T => JSON.parse(readFileSync(join(dir, 'reports', ...path), 'utf8')) as T
const seen = (id: string) => read(id, 'env-seen.json')

/** The pids of these that are still running. */
function alive(pids: number[]): number[] {
  return pids.filter((pid) => {
    try {
      process.kill(pid, 0)
      return true
    } catch {
      return false
    }
  })
}

function allText(root: string): string {
  return readdirSync(root, { recursive: true })
    .map(String)
    .filter((f) => statSync(join(root, f)).isFile())
    .map((f) => readFileSync(join(root, f), 'utf8'))
    .join('\n')
}

describe('runRoster', { timeout: 30_000 }, () => {
  it('hands each student\'s grading that student\'s SVM password only; no worker holds any password', async () => {
    await card('pass-1', sampleCard({}, { student: 'pass-1' }))
    await card('fail-1', sampleCard({ 'pvc-bound': { status: 'failed' } }, { student: 'fail-1' }))
    await card('pass-2', sampleCard({}, { student: 'pass-2' }))
    await writeFile(join(dir, 'svm03.password'), 'from-a-file-444\n')
    const students = [
      student('pass-1', { ontapHost: '10.0.0.1', svm: 'svm01', passwordEnv: 'PW_A', lmsUserId: 'lti-u-1' }),
      student('fail-1', { ontapHost: '10.0.0.2', svm: 'svm02', passwordEnv: 'PW_B' }),
      student('pass-2', { ontapHost: '10.0.0.3', svm: 'svm03', passwordFile: join(dir, 'svm03.password'), kubeconfig: join(dir, 'kc-3') }),
    ]
    const { summary, exitCode } = await run(config(students), { PW_A, PW_B, ONTAP_PASSWORD: PW_GLOBAL, GRADER_WEBHOOK_SECRET: WEBHOOK_SECRET, ONTAP_HOST: '10.9.9.9' })

    expect(exitCode).toBe(1)
    expect(summary.students.map((s) => [s.id, s.result, s.awarded, s.possible])).toEqual([
      ['pass-1', 'passed', 100, 100],
      ['fail-1', 'failed', 85, 100],
      ['pass-2', 'passed', 100, 100],
    ])
    expect(seen('pass-1').ontapPassword).toBe(PW_A)
    expect(seen('fail-1').ontapPassword).toBe(PW_B)
    expect(seen('pass-2')).toMatchObject({ ontapPassword: null, ontapPasswordFile: join(dir, 'svm03.password') })
    for (const id of ['pass-1', 'fail-1', 'pass-2']) {
      expect(seen(id).names).not.toEqual(expect.arrayContaining(['PW_A']))
      for (const name of ['PW_A', 'PW_B', 'GRADER_WEBHOOK_SECRET', 'ONTAP_HOST']) expect(seen(id).names).not.toContain(name)
      for (const name of ['PW_A', 'PW_B', 'ONTAP_PASSWORD', 'ONTAP_PASSWORD_FILE', 'GRADER_WEBHOOK_SECRET']) expect(seen(id).workerNames).not.toContain(name)
      expect(seen(id).kubeQps).toBe(String(100 / 3))
    }
    expect(seen('pass-1').args).toEqual(['--skip=data-persists', '--timeout=30', '--student=pass-1', `--out=${join(dir, 'reports', 'pass-1')}`, '--ontap-host=10.0.0.1', '--svm=svm01'])
    expect(seen('pass-2').args).toContain(`--kubeconfig=${join(dir, 'kc-3')}`)
    expect(read('pass-1', 'lti-score.json')).toMatchObject({ userId: 'lti-u-1', scoreGiven: 100, gradingProgress: 'FullyGraded' })
    expect(read('fail-1', 'lti-score.json')).toMatchObject({ userId: 'fail-1', scoreGiven: 85 })
    expect(existsSync(join(dir, 'reports', 'pass-1', 'grader.log'))).toBe(true)
  })

  it('writes the class summary as JSON, CSV, Markdown and HTML', async () => {
    await card('pass-1', sampleCard({}, { student: 'pass-1' }))
    await card('fail-1', sampleCard({ 'pvc-bound': { status: 'failed' }, 'app-uses-pvc': { status: 'blocked', blockedBy: ['pvc-bound'] }, 'ontap-volume': { status: 'error' } }, { student: 'fail-1' }))
    await run(config([student('pass-1'), student('fail-1')]))
    const summary = read<ClassSummary>('class', 'summary.json')
    expect(summary.totals).toEqual({ students: 2, passed: 1, failed: 0, error: 1, deliveryFailed: 0, pending: 0 })
    expect(summary.students[1].objectives['pvc-bound']).toEqual({ status: 'failed', awarded: 0, points: 15 })
    const csv = await readFile(join(dir, 'reports', 'class', 'summary.csv'), 'utf8')
    expect(csv.split('\r\n')[0]).toBe('id,namespace,result,awarded,possible,trident-installed,backend-online,storageclass-ssd,storageclass-hdd,pvc-bound,app-uses-pvc,ontap-volume,data-persists,seconds,notes')
    expect(csv.split('\r\n')[2]).toMatch(/^fail-1,fail-1,error,65,90,15,10,10,10,0,0,,20,[\d.]+,ontap-volume: The grader could not check this: the API server did not answer\.$/)
    expect(summary.students[1].notes).toEqual(['ontap-volume: The grader could not check this: the API server did not answer.'])
    const md = await readFile(join(dir, 'reports', 'class', 'summary.md'), 'utf8')
    expect(md).toContain('| [fail-1](../fail-1/scorecard.md) | ⚠️ error | 65/90 | ✅ 15/15 |')
    expect(await readFile(join(dir, 'reports', 'class', 'index.html'), 'utf8')).toContain('<a href="../pass-1/scorecard.html">pass-1</a>')
  })

  it('runs at most --parallel students at once, and at most the per-host cap on one ONTAP host', async () => {
    const ids = ['pass-a1', 'pass-a2', 'pass-a3', 'pass-a4', 'pass-b1']
    for (const id of ids) await card(id, sampleCard({}, { student: id }))
    const students = ids.map((id) => student(id, { ontapHost: id.startsWith('pass-a') ? (id === 'pass-a2' ? 'SVM-A.lab' : 'svm-a.lab') : 'svm-b.lab', svm: 'svm01', passwordEnv: 'PW_A' }))
    await run(config(students, { parallel: 3, ontapSessionsPerHost: 2 }), { PW_A, FAKE_DELAY_MS: '400' })
    const events = readFileSync(join(dir, 'timeline.txt'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(' '))
      .map(([what, ns, ms]) => ({ delta: what === 'start' ? 1 : -1, hostA: ns.startsWith('pass-a'), ms: Number(ms) }))
      .sort((a, b) => a.ms - b.ms || a.delta - b.delta)
    let all = 0
    let hostA = 0
    let peakAll = 0
    let peakA = 0
    for (const e of events) {
      all += e.delta
      if (e.hostA) hostA += e.delta
      peakAll = Math.max(peakAll, all)
      peakA = Math.max(peakA, hostA)
    }
    expect(peakA).toBe(2)
    expect(peakAll).toBe(3)
  })

  it('stops a student who hangs after the time budget (SIGINT, then SIGKILL), says so on the card, and grades the others', async () => {
    const partial = sampleCard({}, { student: 'hang-1', complete: false })
    partial.checks = partial.checks.slice(0, 2)
    partial.finishedAt = null
    await card('hang-1', partial)
    await card('pass-1', sampleCard({}, { student: 'pass-1' }))
    const started = Date.now()
    const { summary, exitCode } = await run(config([student('hang-1'), student('pass-1')], { studentTimeoutSeconds: 1 }))
    expect(Date.now() - started).toBeLessThan(8000)
    expect(exitCode).toBe(2)
    const hung = read<Scorecard>('hang-1', 'scorecard.json')
    expect(hung.runErrors).toEqual(['The grader process for hang-1 did not finish within the time budget of 1 s and was stopped.'])
    expect(hung.complete).toBe(false)
    expect(hung.checks).toHaveLength(2)
    expect(scorecardErrors(hung)).toEqual([])
    expect(readFileSync(join(dir, 'reports', 'hang-1', 'signals.txt'), 'utf8')).toBe('SIGINT\n')
    expect(read('hang-1', 'lti-score.json')).toMatchObject({ gradingProgress: 'Failed' })
    expect(read('hang-1', 'results.json').output).toContain('did not finish within the time budget')
    expect(summary.students.map((s) => s.result)).toEqual(['error', 'passed'])
  })

  it('keeps a card for a student whose grader crashed, with its one-line error, replacing an old run\'s card', async () => {
    await mkdir(join(dir, 'reports', 'crash-1'), { recursive: true })
    await writeFile(join(dir, 'reports', 'crash-1', 'scorecard.json'), JSON.stringify(sampleCard({}, { student: 'crash-1' })))
    const { exitCode } = await run(config([student('crash-1')]))
    expect(exitCode).toBe(2)
    const crashed = read<Scorecard>('crash-1', 'scorecard.json')
    expect(crashed.runErrors).toEqual(['The grader process for crash-1 exited with code 3: the grader failed unexpectedly: boom.'])
    expect(crashed.checks).toEqual([])
    expect(scorecardErrors(crashed)).toEqual([])
    expect(readFileSync(join(dir, 'reports', 'crash-1', 'scorecard.html'), 'utf8')).toContain('exited with code 3')
  })

  it('grades students one after another in one worker, up to --students-per-process, each job with its own password only', async () => {
    for (const id of ['pass-1', 'pass-2', 'pass-3']) await card(id, sampleCard({}, { student: id }))
    const students = [student('pass-1', { ontapHost: 'h1', svm: 'svm01', passwordEnv: 'PW_A' }), student('pass-2', { ontapHost: 'h2', svm: 'svm02', passwordEnv: 'PW_B' }), student('pass-3')]
    const { summary } = await run(config(students, { parallel: 1, studentsPerProcess: 2 }), { PW_A, PW_B })
    expect(summary.students.map((s) => s.result)).toEqual(['passed', 'passed', 'passed'])
    expect(seen('pass-2').pid).toBe(seen('pass-1').pid)
    expect(seen('pass-3').pid).not.toBe(seen('pass-2').pid)
    expect([seen('pass-1').ontapPassword, seen('pass-2').ontapPassword, seen('pass-3').ontapPassword]).toEqual([PW_A, PW_B, null])
    expect(alive([seen('pass-1').pid, seen('pass-3').pid])).toEqual([])
  })

  it('replaces a worker that crashed or was stopped: the next student gets a fresh one, and none is left running', async () => {
    for (const id of ['pass-1', 'pass-2']) await card(id, sampleCard({}, { student: id }))
    await card('hang-1', sampleCard({}, { student: 'hang-1', complete: false }))
    const students = [student('crash-1'), student('pass-1'), student('hang-1'), student('pass-2')]
    const { summary } = await run(config(students, { parallel: 1, studentTimeoutSeconds: 1 }))
    expect(summary.students.map((s) => s.result)).toEqual(['error', 'passed', 'error', 'passed'])
    const pids = ['crash-1', 'pass-1', 'hang-1', 'pass-2'].map((id) => seen(id).pid as number)
    expect(pids[1]).not.toBe(pids[0])
    expect(pids[2]).toBe(pids[1])
    expect(pids[3]).not.toBe(pids[2])
    expect(read<Scorecard>('hang-1', 'scorecard.json').runErrors).toEqual(['The grader process for hang-1 did not finish within the time budget of 1 s and was stopped.'])
    expect(alive(pids)).toEqual([])
  })

  it('does not start a student whose password variable is not set, and says which variable', async () => {
    await card('pass-1', sampleCard({}, { student: 'pass-1' }))
    const { summary } = await run(config([student('pass-1', { ontapHost: 'h', svm: 'svm01', passwordEnv: 'SVM01_PASSWORD' })]))
    expect(existsSync(join(dir, 'reports', 'pass-1', 'env-seen.json'))).toBe(false)
    expect(summary.students[0]).toMatchObject({ result: 'error', runErrors: ['The roster names SVM01_PASSWORD for the SVM password of pass-1, but that environment variable is not set.'] })
  })

  it('grades no one else once cancelled', async () => {
    for (const id of ['pass-1', 'pass-2', 'pass-3']) await card(id, sampleCard({}, { student: id }))
    const cancel = new AbortController()
    const { summary } = await run(config([student('pass-1'), student('pass-2'), student('pass-3')], { parallel: 1 }), { FAKE_DELAY_MS: '300' }, {
      signal: cancel.signal,
      onStudentStart: () => cancel.abort(),
    })
    expect(summary.students.map((s) => s.result)).toEqual(['error', 'error', 'error'])
    expect(summary.students[2].runErrors).toEqual(['The roster run was cancelled before pass-3 was graded.'])
  })

  it('gives each flag once: a student\'s own kubeconfig and context replace the class-wide ones (the CLI refuses a repeated flag)', async () => {
    for (const id of ['pass-1', 'pass-2']) await card(id, sampleCard({}, { student: id }))
    const c = config([student('pass-1', { kubeconfig: '/k/own.yaml', context: 'own' }), student('pass-2')], { childFlags: ['--kubeconfig=/k/class.yaml', '--context=class', '--skip=data-persists', '--timeout=30'] })
    await run(c)
    const flags = (id: string) => (seen(id).args as string[]).map((a) => a.split('=')[0])
    for (const id of ['pass-1', 'pass-2']) expect(new Set(flags(id)).size, id).toBe(flags(id).length)
    expect(seen('pass-1').args).toEqual(expect.arrayContaining(['--kubeconfig=/k/own.yaml', '--context=own']))
    expect(seen('pass-2').args).toEqual(expect.arrayContaining(['--kubeconfig=/k/class.yaml', '--context=class']))
  })

  it('ends a cancelled 10,000-student class within seconds: no card, score or POST for those never reached, one summary', async () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `pass-${i}`)
    for (const id of ids.slice(0, 8)) await card(id, sampleCard({}, { student: id }))
    // An older run's reports of a student this run never reaches: removed, never taken for this run's.
    await mkdir(join(dir, 'reports', 'pass-9999'), { recursive: true })
    await writeFile(join(dir, 'reports', 'pass-9999', 'scorecard.json'), JSON.stringify(sampleCard({}, { student: 'pass-9999' })))
    const cancel = new AbortController()
    let started = 0
    const t0 = Date.now()
    const { summary, exitCode } = await run(config(ids.map((id) => student(id))), { FAKE_DELAY_MS: '60000' }, {
      signal: cancel.signal,
      onStudentStart: () => {
        if (++started === 4) setTimeout(() => cancel.abort(), 200)
      },
    })
    const seconds = (Date.now() - t0) / 1000
    expect(seconds).toBeLessThan(15)
    expect(summary.students).toHaveLength(10_000)
    expect(summary.totals).toMatchObject({ students: 10_000, error: 10_000, pending: 0 })
    expect(summary.students[9_999].runErrors).toEqual(['The roster run was cancelled before pass-9999 was graded.'])
    expect(exitCode).toBe(2)
    expect(read<ClassSummary>('class', 'summary.json').students).toHaveLength(10_000)
    expect(readdirSync(join(dir, 'reports')).length).toBeLessThan(10)
    expect(existsSync(join(dir, 'reports', 'pass-9999', 'scorecard.json'))).toBe(false)
  }, 60_000)
})

describe('runRoster with --post', { timeout: 30_000 }, () => {
  let receiver: WebhookReceiver
  beforeEach(async () => {
    receiver = await startWebhookReceiver(WEBHOOK_SECRET)
  })
  afterEach(async () => {
    await receiver.close()
  })

  it('posts every student\'s card, signed; a delivery that fails makes the run exit 2; the secret is nowhere', async () => {
    for (const id of ['pass-1', 'pass-2']) await card(id, sampleCard({}, { student: id }))
    receiver.answer(422)
    const c = config([student('pass-1'), student('pass-2')], { parallel: 1, post: { url: receiver.url, secret: { env: 'GRADER_WEBHOOK_SECRET' } } })
    const { summary, exitCode } = await run(c, { GRADER_WEBHOOK_SECRET: WEBHOOK_SECRET }, { postOptions: { baseDelayMs: 10 } })
    expect(receiver.deliveries.map((d) => d.signatureValid)).toEqual([true, true])
    expect(receiver.deliveries.map((d) => JSON.parse(d.body).student)).toEqual(['pass-1', 'pass-2'])
    expect(summary.students[0].delivery).toMatchObject({ ok: false, attempts: 1, status: 422 })
    expect(summary.students[1].delivery).toMatchObject({ ok: true, attempts: 1, status: 200 })
    expect(summary.totals.deliveryFailed).toBe(1)
    expect(exitCode).toBe(2)
    expect(allText(join(dir, 'reports'))).not.toContain(WEBHOOK_SECRET)
    expect(allText(join(dir, 'reports'))).not.toContain('query-token-xyz')
  })
})
