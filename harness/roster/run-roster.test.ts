// runRoster() grading real students in this process: recorded clusters (fixtures/recorded-cluster) and misbehaving
// API servers (fixtures/hostile-api) stand in for the students' clusters, two ONTAP simulators with different
// passwords for their SVMs. Secrets per student, the class summary, the caps, hangs, crashes, missing passwords,
// cancellation and the webhook. The real CLI is run in roster-cli.test.ts.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type HostileApiServer, startHostileApiServer, startSilentServer } from '@trident-lab/hostile-api'
import { type StartedOntapSim, startOntapSim } from '@trident-lab/ontap-sim'
import { kubeconfig, loadCase, type RecordedApiServer, startRecordedApiServer, without } from '@trident-lab/recorded-cluster'
import { OBJECTIVE_IDS } from '../index.js'
import { labPoints, OBJECTIVE_COUNT, sampleCard } from '../test-support/sample-cards.js'
import { startWebhookReceiver, type WebhookReceiver } from '../test-support/webhook-receiver.js'
import type { Scorecard } from '../scorecard/scorecard.js'
import { scorecardErrors } from '../scorecard/validate-scorecard.js'
import type { ClassSummary, GradedStudent } from './class-summary.js'
import type { RosterConfig } from './roster-config.js'
import type { RosterStudent } from './roster-file.js'
import { runRoster, type RosterRunOptions } from './run-roster.js'

const PW_A = 'Svm-A-Passw0rd-111'
const PW_B = 'Svm-B-Passw0rd-222'
const WEBHOOK_SECRET = 'whsec-roster-0123456789abcdef'
const VOLUME = 'trident_pvc_e12460a6_bd34_4c43_8e67_f0ba4d5a6324'
// The lab's points, from its rubric: the reference passes every objective, and the runs here skip data-persists.
const LAB = labPoints()
const PERSIST = labPoints(['data-persists'])
const NO_ONTAP = LAB - PERSIST - labPoints(['ontap-volume'])

let root: string
let dir: string
/** Two SVMs on two simulated clusters, each with its own vsadmin password (PW_A, PW_B). */
let simA: StartedOntapSim
let simB: StartedOntapSim
const closers: Array<() => Promise<void>> = []

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'run-roster-'))
  ;[simA, simB] = await Promise.all([startOntapSim({ password: PW_A }), startOntapSim({ password: PW_B })])
  for (const sim of [simA, simB]) sim.state.createVolume({ svm: 'svm01', name: VOLUME, aggregate: 'aggr1_01', size: 20 * 2 ** 30, junctionPath: `/${VOLUME}` })
})
afterAll(async () => {
  await Promise.all(closers.map((close) => close()))
  await Promise.all([simA?.stop(), simB?.stop()])
})

let n = 0
beforeEach(async () => {
  dir = join(root, `t${++n}`)
  await mkdir(dir)
})

/** A student's cluster: the recorded reference (or a variant), served on its own port; returns its kubeconfig. */
async function cluster(name: string, objects = loadCase('reference'), change?: (s: RecordedApiServer) => void): Promise<{ kubeconfig: string; server: RecordedApiServer }> {
  const server = await startRecordedApiServer(objects)
  closers.push(() => server.close())
  change?.(server)
  const file = join(dir, `${name}.kubeconfig`)
  await server.writeKubeconfig(file)
  return { kubeconfig: file, server }
}

async function hostile(name: string, start: () => Promise<HostileApiServer>): Promise<{ kubeconfig: string; server: HostileApiServer }> {
  const server = await start()
  closers.push(() => server.close())
  const file = join(dir, `${name}.kubeconfig`)
  await server.writeKubeconfig(file)
  return { kubeconfig: file, server }
}

/** An API server that drops every connection as soon as a request arrives. */
async function dropping(name: string): Promise<{ kubeconfig: string; requests: () => number }> {
  let requests = 0
  const server = http.createServer((req) => {
    requests++
    req.socket.destroy()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const file = join(dir, `${name}.kubeconfig`)
  await writeFile(file, kubeconfig(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))
  return { kubeconfig: file, requests: () => requests }
}

const student = (id: string, extra: Partial<RosterStudent> = {}): RosterStudent => ({ id, namespace: 'alice', ...extra })
const onSim = (sim: StartedOntapSim): Partial<RosterStudent> => ({ ontapHost: '127.0.0.1', ontapPort: sim.sshPort, svm: 'svm01', ontapHostKey: sim.hostKeyFingerprint })

function config(students: RosterStudent[], extra: Partial<RosterConfig> = {}): RosterConfig {
  return {
    roster: { file: join(dir, 'class.yaml'), students },
    outRoot: join(dir, 'reports'),
    parallel: 4,
    ontapSessionsPerHost: 4,
    kubeQps: 1000,
    studentTimeoutSeconds: 60,
    lang: 'en',
    childFlags: ['--skip=data-persists', '--ontap-timeout=5', '--timeout=60'],
    ...extra,
  }
}

function run(c: RosterConfig, env: Record<string, string> = {}, options: RosterRunOptions = {}) {
  return runRoster(c, { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LANG: 'en_US.UTF-8', ...env }, cwd: dir, ...options })
}

const read = <T = any>(...path: string[]): T => JSON.parse(readFileSync(join(dir, 'reports', ...path), 'utf8')) as T
const card = (id: string) => read<Scorecard>(id, 'scorecard.json')
const status = (id: string, objective: string) => card(id).checks.find((c) => c.id === objective)?.status
const log = (id: string) => readFileSync(join(dir, 'reports', id, 'grader.log'), 'utf8')
const statuses = (id: string) => Object.fromEntries(card(id).checks.map((c) => [c.id, c.status]))
const passedAll = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, 'passed']))
const passedOf = (id: string) =>
  card(id)
    .checks.filter((c) => c.status === 'passed')
    .map((c) => c.id)
/** A student's objective cells in summary.csv, as their card says: points passed, 0 failed or blocked, empty not checked or erred. */
const csvCells = (id: string) =>
  OBJECTIVE_IDS.map((objective) => {
    const check = card(id).checks.find((c) => c.id === objective)
    return !check || check.status === 'skipped' || check.status === 'error' ? '' : check.awarded
  }).join(',')

function allText(at: string): string {
  return readdirSync(at, { recursive: true })
    .map(String)
    .filter((f) => statSync(join(at, f)).isFile())
    .map((f) => readFileSync(join(at, f), 'utf8'))
    .join('\n')
}

describe('runRoster', { timeout: 120_000 }, () => {
  it("hands each student's grading that student's SVM password only, side by side in one round", async () => {
    await writeFile(join(dir, 'svm-b.password'), `${PW_B}\n`)
    const [a, b, wrong, file, none] = await Promise.all(['a', 'b', 'wrong', 'file', 'none'].map((name) => cluster(name)))
    const students = [
      student('s-a', { ...onSim(simA), kubeconfig: a.kubeconfig, passwordEnv: 'PW_A', lmsUserId: 'lti-u-a' }),
      student('s-b', { ...onSim(simB), kubeconfig: b.kubeconfig, passwordEnv: 'PW_B' }),
      // Graded beside s-a, on s-a's SVM, with s-b's password: ONTAP must refuse it (s-a's password never reaches it).
      student('s-wrong', { ...onSim(simA), kubeconfig: wrong.kubeconfig, passwordEnv: 'PW_B' }),
      student('s-file', { ...onSim(simB), kubeconfig: file.kubeconfig, passwordFile: join(dir, 'svm-b.password') }),
      // No password named: the class's ONTAP_PASSWORD (s-a's) is never handed on.
      student('s-none', { ...onSim(simA), kubeconfig: none.kubeconfig }),
    ]
    const starts: number[] = []
    const { summary, exitCode } = await run(
      config(students, { parallel: 5, ontapSessionsPerHost: 5 }),
      { PW_A, PW_B, ONTAP_PASSWORD: PW_A, GRADER_WEBHOOK_SECRET: WEBHOOK_SECRET, ONTAP_HOST: '10.9.9.9' },
      { onStudentStart: () => starts.push(Date.now()) },
    )

    expect(summary.students.map((s) => [s.id, s.result, s.awarded, s.possible])).toEqual([
      ['s-a', 'passed', LAB - PERSIST, LAB - PERSIST],
      ['s-b', 'passed', LAB - PERSIST, LAB - PERSIST],
      ['s-wrong', 'error', NO_ONTAP, NO_ONTAP],
      ['s-file', 'passed', LAB - PERSIST, LAB - PERSIST],
      ['s-none', 'error', 0, 0],
    ])
    expect(exitCode).toBe(2)
    // One round: everyone started together.
    expect(Math.max(...starts) - Math.min(...starts)).toBeLessThan(1000)
    expect(status('s-a', 'ontap-volume')).toBe('passed')
    expect(status('s-b', 'ontap-volume')).toBe('passed')
    expect(card('s-wrong').checks.find((c) => c.id === 'ontap-volume')?.message).toMatch(/ONTAP refused the login for user vsadmin/)
    expect(status('s-file', 'ontap-volume')).toBe('passed')
    expect(card('s-none').runErrors).toEqual([expect.stringMatching(/^The settings for s-none cannot be used: No ONTAP credentials: set ONTAP_PASSWORD/)])
    expect(card('s-none').checks).toEqual([])
    expect(none.server.requests).toEqual([])
    expect(card('s-a').target.ontap).toMatchObject({ host: '127.0.0.1', svm: 'svm01' })

    expect(read('s-a', 'lti-score.json')).toMatchObject({ userId: 'lti-u-a', scoreGiven: LAB - PERSIST, scoreMaximum: LAB, gradingProgress: 'PendingManual' })
    expect(read('s-wrong', 'lti-score.json')).toMatchObject({ userId: 's-wrong', gradingProgress: 'Failed' })
    for (const s of summary.students) expect(scorecardErrors(card(s.id)), s.id).toEqual([])
    // grader.log: what the student's own `npm test -- --student=alice` would print, and nobody else's grading.
    expect(log('s-a')).toMatch(/^Grading alice\n {2}… {4}trident-installed \[\d+s\/60s\]\n/)
    expect(log('s-a')).toMatch(/^ {2}PASS ontap-volume 10\/10$/m)
    expect(log('s-a')).toContain(`\nalice: ${LAB - PERSIST}/${LAB} points (not checked: data-persists, ${PERSIST} points; ${OBJECTIVE_COUNT - 1} passed, 0 failed, 0 blocked, 0 error, 1 skipped)\n`)
    expect(log('s-a')).not.toContain('refused the login')
    expect(log('s-wrong')).toContain('refused the login')
    expect(log('s-none')).toMatch(/^Grading alice\nerror: The settings for s-none cannot be used: No ONTAP credentials/)
    // No password, and not the webhook secret, anywhere in the reports.
    const everything = allText(join(dir, 'reports'))
    for (const secret of [PW_A, PW_B, WEBHOOK_SECRET]) expect(everything).not.toContain(secret)
  })

  it('writes the class summary as JSON, CSV, Markdown and HTML', async () => {
    const pass = await cluster('pass')
    const fail = await cluster('fail', without(loadCase('reference'), 'PersistentVolumeClaim'))
    const garbage = await hostile('garbage', () => startHostileApiServer(loadCase('reference'), { mode: 'json', on: /\/persistentvolumeclaims$/, body: { kind: 'Status', note: 'not a list' } }))
    const students = [student('pass-1', { kubeconfig: pass.kubeconfig }), student('fail-1', { kubeconfig: fail.kubeconfig }), student('err-1', { kubeconfig: garbage.kubeconfig })]
    const { summary } = await run(config(students))
    expect(read<ClassSummary>('class', 'summary.json')).toEqual({ ...JSON.parse(JSON.stringify(summary)), finishedAt: expect.any(String) })
    expect(summary.totals).toEqual({ students: 3, passed: 1, failed: 1, error: 1, deliveryFailed: 0, pending: 0 })
    expect(summary.settings).toEqual({ parallel: 4, ontapSessionsPerHost: 4, kubeQps: 1000, studentTimeoutSeconds: 60 })
    expect(summary.students[1].objectives['pvc-bound']).toEqual({ status: 'failed', awarded: 0, points: 15 })
    expect(summary.students[2].objectives['pvc-bound']?.status).toBe('error')
    // Without the PVC (and when listing PVCs erred) the Trident and class objectives still pass, the claim's do not.
    const beforeClaim = ['trident-installed', 'backend-online', 'storageclass-ssd', 'storageclass-hdd']
    expect(statuses('fail-1')).toMatchObject({ ...passedAll(beforeClaim), 'pvc-bound': 'failed', 'app-uses-pvc': 'blocked', 'ontap-volume': 'skipped', 'data-persists': 'skipped' })
    expect(statuses('err-1')).toMatchObject({ ...passedAll(beforeClaim), 'pvc-bound': 'error', 'app-uses-pvc': 'blocked', 'ontap-volume': 'skipped', 'data-persists': 'skipped' })
    const csv = (await readFile(join(dir, 'reports', 'class', 'summary.csv'), 'utf8')).split('\r\n')
    expect(csv[0]).toBe(`id,namespace,result,awarded,possible,${OBJECTIVE_IDS.join(',')},seconds,notes`)
    expect(csv[1]).toMatch(new RegExp(`^pass-1,alice,passed,${NO_ONTAP},${NO_ONTAP},${csvCells('pass-1')},[\\d.]+,$`))
    expect(csvCells('pass-1')).toBe(OBJECTIVE_IDS.map((id) => (id === 'ontap-volume' || id === 'data-persists' ? '' : labPoints([id]))).join(','))
    const failAwarded = labPoints(passedOf('fail-1'))
    expect(csv[2]).toMatch(new RegExp(`^fail-1,alice,failed,${failAwarded},${NO_ONTAP},${csvCells('fail-1')},[\\d.]+,$`))
    // A blocked objective costs its points (0), one the grader could not check is empty; the note is quoted (it holds a comma).
    expect(csvCells('err-1').split(',')[OBJECTIVE_IDS.indexOf('pvc-bound')]).toBe('')
    expect(csvCells('err-1').split(',')[OBJECTIVE_IDS.indexOf('app-uses-pvc')]).toBe('0')
    expect(csv[3]).toMatch(
      new RegExp(
        `^err-1,alice,error,${labPoints(beforeClaim)},${labPoints(beforeClaim)},${csvCells('err-1')},[\\d.]+,"pvc-bound: The grader could not check this: The server http://127\\.0\\.0\\.1:\\d+ answered GET /api/v1/namespaces/alice/persistentvolumeclaims with a list without an \`items\` array`,
      ),
    )
    const md = await readFile(join(dir, 'reports', 'class', 'summary.md'), 'utf8')
    const trident = labPoints(['trident-installed'])
    expect(md).toContain(`| [fail-1](../fail-1/scorecard.md) | ❌ failed | ${failAwarded}/${NO_ONTAP} | ✅ ${trident}/${trident} |`)
    expect(await readFile(join(dir, 'reports', 'class', 'index.html'), 'utf8')).toContain('<a href="../pass-1/scorecard.html">pass-1</a>')
  })

  it('grades at most --parallel students at once, and at most the per-host cap of one ONTAP host', async () => {
    const ids = ['a1', 'a2', 'a3', 'a4', 'b1']
    const { kubeconfig } = await cluster('shared')
    // ONTAP is never asked (--only): the hosts matter only for the cap, compared ignoring case.
    const students = ids.map((id) => student(id, { ontapHost: id === 'b1' ? 'svm-b.lab' : id === 'a2' ? 'SVM-A.lab' : 'svm-a.lab', svm: 'svm01', passwordEnv: 'PW_A' }))
    const events: Array<{ at: number; delta: number; hostA: boolean }> = []
    const { summary } = await run(
      config(students, { parallel: 3, ontapSessionsPerHost: 2, childFlags: [`--kubeconfig=${kubeconfig}`, '--only=trident-installed'] }),
      { PW_A },
      {
        onStudentStart: (s) => events.push({ at: performance.now(), delta: 1, hostA: s.id.startsWith('a') }),
        onStudentDone: (s) => events.push({ at: performance.now(), delta: -1, hostA: s.id.startsWith('a') }),
      },
    )
    expect(summary.students.map((s) => s.result)).toEqual(['passed', 'passed', 'passed', 'passed', 'passed'])
    let all = 0
    let hostA = 0
    let peakAll = 0
    let peakA = 0
    for (const e of events.sort((x, y) => x.at - y.at || x.delta - y.delta)) {
      all += e.delta
      if (e.hostA) hostA += e.delta
      peakAll = Math.max(peakAll, all)
      peakA = Math.max(peakA, hostA)
    }
    expect(peakAll).toBe(3)
    expect(peakA).toBe(2)
  })

  it('stops a student whose cluster hangs at their time budget, says so on the card, and grades the others', async () => {
    // One that never answers at all (not even the preflight's /version): the round starts without it. One that
    // stops answering halfway through (the CSIDriver of trident-installed onwards): graded up to its budget.
    const silent = await hostile('silent', () => startSilentServer('hang'))
    const halfway = await cluster('halfway', loadCase('reference'), (s) => s.delay(300_000, '/apis/storage.k8s.io'))
    const ok = await cluster('ok')
    const students = [student('hang-1', { kubeconfig: silent.kubeconfig }), student('hang-2', { kubeconfig: halfway.kubeconfig }), student('ok-1', { kubeconfig: ok.kubeconfig })]
    const started = Date.now()
    const { summary, exitCode } = await run(config(students, { parallel: 2, studentTimeoutSeconds: 8, childFlags: ['--skip=data-persists', '--timeout=8'] }))
    expect(Date.now() - started).toBeLessThan(40_000)
    expect(exitCode).toBe(2)
    expect(summary.students.map((s) => [s.id, s.result])).toEqual([
      ['hang-1', 'error'],
      ['hang-2', 'error'],
      ['ok-1', 'passed'],
    ])
    for (const id of ['hang-1', 'hang-2']) {
      const hung = card(id)
      expect(hung.complete, id).toBe(false)
      expect(hung.runErrors, id).toEqual(["The run's time budget of 8 s ran out; raise --timeout or check what the run was waiting for."])
      expect(
        hung.checks.filter((c) => c.status === 'failed'),
        id,
      ).toEqual([])
      expect(scorecardErrors(hung), id).toEqual([])
      expect(read(id, 'lti-score.json'), id).toMatchObject({ gradingProgress: 'Failed' })
      expect(read(id, 'results.json').output, id).toMatch(/time budget/)
    }
    expect(card('hang-2').checks.find((c) => c.id === 'trident-installed')).toMatchObject({ status: 'error', errorCode: 'TIMEOUT' })
    expect(log('hang-1')).toMatch(/^Grading alice\nerror: The run's time budget of 8 s ran out/)
    expect(card('ok-1').complete).toBe(true)
    expect(card('ok-1').totals.awarded).toBe(NO_ONTAP)
  })

  // Each student of a round moves through the objectives in a suite of their own (specs/lab.spec.ts): one whose
  // cluster hangs halfway holds up nobody else, even with the same --timeout.
  it('keeps the budget of a student graded in the same round as one whose cluster hangs halfway', async () => {
    const halfway = await cluster('halfway', loadCase('reference'), (s) => s.delay(300_000, '/apis/storage.k8s.io'))
    const ok = await cluster('ok')
    const { summary } = await run(
      config([student('hang-2', { kubeconfig: halfway.kubeconfig }), student('ok-1', { kubeconfig: ok.kubeconfig })], {
        studentTimeoutSeconds: 8,
        childFlags: ['--skip=data-persists', '--timeout=8'],
      }),
    )
    expect(summary.students.map((s) => [s.id, s.result])).toEqual([
      ['hang-2', 'error'],
      ['ok-1', 'passed'],
    ])
  })

  it("gives a student whose cluster breaks a card with its error, replacing an old run's card, and grades the others", async () => {
    const drop = await dropping('drop')
    const html = await hostile('html', () => startHostileApiServer(loadCase('reference'), { mode: 'html', on: /\/storageclasses$/ }))
    const ok = await cluster('ok')
    await mkdir(join(dir, 'reports', 'crash-1'), { recursive: true })
    await writeFile(join(dir, 'reports', 'crash-1', 'scorecard.json'), JSON.stringify(sampleCard({}, { student: 'alice' })))
    const students = [student('crash-1', { kubeconfig: drop.kubeconfig }), student('crash-2', { kubeconfig: html.kubeconfig }), student('ok-1', { kubeconfig: ok.kubeconfig })]
    const { summary, exitCode } = await run(config(students))
    expect(exitCode).toBe(2)
    expect(summary.students.map((s) => [s.id, s.result])).toEqual([
      ['crash-1', 'error'],
      ['crash-2', 'error'],
      ['ok-1', 'passed'],
    ])
    expect(drop.requests()).toBeGreaterThan(0)
    const dropped = card('crash-1')
    expect(dropped.runErrors).toEqual([expect.stringMatching(/^The Kubernetes API server http:\/\/127\.0\.0\.1:\d+ cannot be reached/)])
    expect(dropped.checks.every((c) => c.status === 'error' || c.status === 'skipped')).toBe(true)
    expect(scorecardErrors(dropped)).toEqual([])
    expect(readFileSync(join(dir, 'reports', 'crash-1', 'scorecard.html'), 'utf8')).toContain('cannot be reached')
    expect(log('crash-1')).toMatch(/^error: The Kubernetes API server .* cannot be reached/m)
    const paged = card('crash-2')
    expect(paged.checks.find((c) => c.id === 'storageclass-ssd')).toMatchObject({ status: 'error', message: expect.stringMatching(/HTML|not the Kubernetes API/i) })
    expect(paged.checks.find((c) => c.id === 'trident-installed')?.status).toBe('passed')
    expect(card('ok-1').totals.awarded).toBe(NO_ONTAP)
  })

  it('does not start a student whose password variable is not set, and says which variable', async () => {
    const c = await cluster('pw')
    const { summary } = await run(config([student('pass-1', { kubeconfig: c.kubeconfig, ...onSim(simA), passwordEnv: 'SVM01_PASSWORD' })]))
    expect(c.server.requests).toEqual([])
    expect(summary.students[0]).toMatchObject({ result: 'error', runErrors: ['The roster names SVM01_PASSWORD for the SVM password of pass-1, but that environment variable is not set.'] })
    expect(read('pass-1', 'lti-score.json')).toMatchObject({ gradingProgress: 'Failed' })
  })

  it('says why in the class language: a Japanese class gets the Japanese sentence on the card and in the log', async () => {
    const c = await cluster('pw-ja')
    const { summary } = await run(config([student('pass-ja', { kubeconfig: c.kubeconfig, ...onSim(simA), passwordEnv: 'SVM01_PASSWORD' })], { lang: 'ja' }))
    const why = '名簿は pass-ja の SVM パスワードに SVM01_PASSWORD を指定していますが、その環境変数が設定されていません。'
    expect(summary.students[0]).toMatchObject({ result: 'error', runErrors: [why] })
    expect(log('pass-ja')).toContain(`エラー: ${why}`)
  })

  it("gives each flag once: a student's own kubeconfig and context replace the class-wide ones", async () => {
    const own = await cluster('own')
    const shared = await cluster('class')
    const c = config([student('own-1', { kubeconfig: own.kubeconfig, context: 'recorded' }), student('class-1')], {
      childFlags: [`--kubeconfig=${shared.kubeconfig}`, '--context=recorded', '--only=trident-installed'],
    })
    const { summary } = await run(c)
    expect(summary.students.map((s) => s.result)).toEqual(['passed', 'passed'])
    expect(card('own-1').target).toMatchObject({ kubeServer: own.server.url, kubeContext: 'recorded' })
    expect(card('class-1').target).toMatchObject({ kubeServer: shared.server.url, kubeContext: 'recorded' })
  })

  it("grades every student by the class's rubric, wherever the class names it (here the config file), and refuses a broken one before grading", async () => {
    const { kubeconfig, server } = await cluster('rubric')
    await writeFile(join(dir, 'class-rubric.yaml'), 'version: 1\nname: class-rubric\nobjectives:\n  trident-installed:\n    points: 30\n')
    await writeFile(join(dir, 'grader.config.yaml'), 'rubric: class-rubric.yaml\n')
    const { summary } = await run(config([student('r-1'), student('r-2')], { childFlags: [`--kubeconfig=${kubeconfig}`, '--only=trident-installed'] }))
    expect(summary.students.map((s) => [s.id, s.result, s.awarded, s.possible])).toEqual([
      ['r-1', 'passed', 30, 30],
      ['r-2', 'passed', 30, 30],
    ])
    expect(card('r-1').rubric).toBe('class-rubric')
    const asked = server.requests.length
    await writeFile(join(dir, 'class-rubric.yaml'), 'objectives:\n  trident-installed:\n    points: many\n')
    await expect(run(config([student('r-3')], { childFlags: [`--kubeconfig=${kubeconfig}`, '--only=trident-installed'] }))).rejects.toThrow('`trident-installed.points` must be a number >= 0')
    expect(server.requests.length).toBe(asked)
  })

  it('grades no one else once cancelled', async () => {
    const { kubeconfig } = await cluster('cancel')
    const cancel = new AbortController()
    const { summary } = await run(
      config([student('pass-1'), student('pass-2'), student('pass-3')], { parallel: 1, childFlags: [`--kubeconfig=${kubeconfig}`, '--skip=data-persists'] }),
      {},
      {
        signal: cancel.signal,
        onStudentStart: () => cancel.abort(),
      },
    )
    expect(summary.students.map((s) => s.result)).toEqual(['error', 'error', 'error'])
    expect(card('pass-1').runErrors.join(' ')).toMatch(/cancel/i)
    expect(summary.students[1].runErrors).toEqual(['The roster run was cancelled before pass-2 was graded.'])
    expect(summary.students[2].runErrors).toEqual(['The roster run was cancelled before pass-3 was graded.'])
    expect(existsSync(join(dir, 'reports', 'pass-2'))).toBe(false)
  })

  it('ends a cancelled 10,000-student class within seconds: no card, score or POST for those never reached, one summary', async () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `pass-${i}`)
    const silent = await hostile('silent', () => startSilentServer('hang'))
    // An older run's reports of a student this run never reaches: removed, never taken for this run's.
    await mkdir(join(dir, 'reports', 'pass-9999'), { recursive: true })
    await writeFile(join(dir, 'reports', 'pass-9999', 'scorecard.json'), JSON.stringify(sampleCard({}, { student: 'pass-9999' })))
    const cancel = new AbortController()
    let started = 0
    const done: GradedStudent[] = []
    const t0 = Date.now()
    const { summary, exitCode } = await run(
      config(
        ids.map((id) => student(id)),
        { childFlags: [`--kubeconfig=${silent.kubeconfig}`, '--skip=data-persists'] },
      ),
      {},
      {
        signal: cancel.signal,
        onStudentStart: () => {
          if (++started === 4) setTimeout(() => cancel.abort(), 200)
        },
        onStudentDone: (s) => done.push(s),
      },
    )
    const seconds = (Date.now() - t0) / 1000
    expect(seconds).toBeLessThan(15)
    expect(started).toBe(4)
    expect(done.map((s) => s.id)).toEqual(expect.arrayContaining(['pass-0', 'pass-1', 'pass-2', 'pass-3']))
    expect(summary.students).toHaveLength(10_000)
    expect(summary.totals).toMatchObject({ students: 10_000, error: 10_000, pending: 0 })
    expect(summary.students[9_999].runErrors).toEqual(['The roster run was cancelled before pass-9999 was graded.'])
    expect(exitCode).toBe(2)
    expect(read<ClassSummary>('class', 'summary.json').students).toHaveLength(10_000)
    expect(readdirSync(join(dir, 'reports')).length).toBeLessThan(10)
    expect(existsSync(join(dir, 'reports', 'pass-9999', 'scorecard.json'))).toBe(false)
  })
})

describe('runRoster with --post', { timeout: 120_000 }, () => {
  let receiver: WebhookReceiver
  beforeEach(async () => {
    receiver = await startWebhookReceiver(WEBHOOK_SECRET)
  })
  afterEach(async () => {
    await receiver.close()
  })

  it("posts every student's card, signed; a delivery that fails makes the run exit 2; the secret is nowhere", async () => {
    const { kubeconfig } = await cluster('post')
    receiver.answer(422)
    const c = config([student('pass-1'), student('pass-2')], {
      parallel: 1,
      childFlags: [`--kubeconfig=${kubeconfig}`, '--only=trident-installed'],
      post: { url: `${receiver.url}?token=query-token-xyz`, secret: { env: 'GRADER_WEBHOOK_SECRET' } },
    })
    const { summary, exitCode } = await run(c, { GRADER_WEBHOOK_SECRET: WEBHOOK_SECRET }, { postOptions: { baseDelayMs: 10 } })
    expect(receiver.deliveries.map((d) => d.signatureValid)).toEqual([true, true])
    expect(receiver.deliveries.map((d) => (JSON.parse(d.body) as Scorecard).student)).toEqual(['alice', 'alice'])
    expect(summary.students[0].delivery).toMatchObject({ ok: false, attempts: 1, status: 422 })
    expect(summary.students[1].delivery).toMatchObject({ ok: true, attempts: 1, status: 200 })
    expect(summary.totals.deliveryFailed).toBe(1)
    expect(exitCode).toBe(2)
    expect(log('pass-1')).toMatch(/^error: .*422/m)
    expect(log('pass-2')).toMatch(/^posted the scorecard to http:\/\/127\.0\.0\.1:\d+\/[^\s?]* \(attempt 1\)$/m)
    expect(allText(join(dir, 'reports'))).not.toContain(WEBHOOK_SECRET)
    expect(allText(join(dir, 'reports'))).not.toContain('query-token-xyz')
  })
})
