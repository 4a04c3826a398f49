// data-persists on the real lab cluster: exec, pod delete, watched replacement, read back, cleanup, Lease; and a
// claim bound to a PV that copies another student's, where nothing may be written or deleted. Claims are
// provisioned by the Trident double on the lab ONTAP: the grader writes only into a volume it has proven the claim's.

import { readdirSync } from 'node:fs'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as k8s from '@kubernetes/client-node'
import { execa } from 'execa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labAvailability } from '@trident-lab/cluster'
import { DoubleLab } from '@trident-lab/trident-double'
import type { Scorecard } from '../../harness/scorecard/scorecard.js'
import { scorecardErrors } from '../../harness/scorecard/validate-scorecard.js'
import { baseEnv, graderArgs, ROOT } from './grade-recorded.js'
import { LabStudent, type LabVolumes } from './lab-student.js'
import { importShellLessImage } from './shell-less-image.js'

const lab = await labAvailability()
const students: LabStudent[] = []
let kc: k8s.KubeConfig
let rubric: string
let double: DoubleLab
let volumes: LabVolumes

async function student(options: Parameters<LabStudent['create']>[0] = {}): Promise<LabStudent> {
  const s = new LabStudent(kc, `dp-${Date.now().toString(36)}-${students.length}`, volumes)
  students.push(s)
  await s.create(options)
  return s
}

function grade(s: LabStudent, extra: string[] = []) {
  return execa(
    process.execPath,
    graderArgs([
      `--student=${s.namespace}`,
      `--kubeconfig=${lab.cluster!.kubeconfigPath}`,
      `--rubric=${rubric}`,
      '--only=data-persists',
      `--out=${join(tmpdir(), `dp-out-${s.namespace}-${Math.random().toString(36).slice(2)}`)}`,
      ...extra,
    ]),
    {
      cwd: ROOT,
      reject: false,
      stdin: 'ignore',
      extendEnv: false,
      env: { ...baseEnv(), LANG: 'en_US.UTF-8' },
    },
  )
}

async function cardOf(run: { stdout: string }): Promise<Scorecard> {
  const path = /scorecard: (\S+scorecard\.json)/.exec(run.stdout)?.[1]
  if (!path) throw new Error(`no scorecard path in output:\n${run.stdout}`)
  const card = JSON.parse(await readFile(path, 'utf8')) as Scorecard
  expect(scorecardErrors(card)).toEqual([])
  return card
}

const markersIn = (s: LabStudent) =>
  readdirSync(s.hostDir, { recursive: true })
    .map(String)
    .filter((f) => f.includes('.trident-lab-grader-'))

describe.skipIf(!lab.cluster && !lab.mustFail)('data-persists on the lab cluster', () => {
  beforeAll(async () => {
    if (!lab.cluster) throw new Error(`lab tests: ${lab.reason} (CI is set, so a missing cluster fails instead of skipping).`)
    kc = new k8s.KubeConfig()
    kc.loadFromString(lab.cluster.kubeconfig)
    double = await DoubleLab.start(lab, 'dp')
    const backend = await double.backend(`dp-${Date.now().toString(36)}`)
    await double.onlineBackend(backend)
    volumes = { storageClass: await double.storageClass(`dp-ssd-${Date.now().toString(36)}`, { media: 'ssd' }), svmDataDir: join(double.double.ontap.dataDir, 'svm01') }
    // data-persists on its own (it checks itself that the volume is the claim's; the rest is graded elsewhere).
    rubric = join(await mkdtemp(join(tmpdir(), 'dp-rubric-')), 'rubric.yaml')
    await writeFile(rubric, 'version: 1\nobjectives:\n  data-persists: {requires: []}\nparameters: {persistTimeoutSeconds: 90}\n')
  })
  afterAll(async () => {
    // A student whose PV copies another's goes first: its pods hold the other's volume.
    for (const s of students.reverse()) await s.delete()
    await double?.cleanup()
  })

  it('passes: the marker survives, only the one pod was deleted, nothing is left behind', async () => {
    const s = await student()
    const before = await s.inventory()
    const run = await grade(s)
    const card = await cardOf(run)
    const check = card.checks.find((c) => c.id === 'data-persists')!
    expect(check.status, JSON.stringify(check, null, 2)).toBe('passed')
    expect(run.exitCode).toBe(0)
    expect(check.actions).toEqual([expect.stringMatching(new RegExp(`^deleted pod ${s.namespace}/wordpress-mysql-`)), expect.stringContaining('removed the test file')])
    const after = await s.inventory()
    expect(after.others).toEqual(before.others) // Deployment, ReplicaSet, PVC, PV untouched
    expect(after.pods.filter((uid) => before.pods.includes(uid))).toEqual([]) // the one pod was replaced
    expect(after.pods).toHaveLength(1)
    expect(markersIn(s)).toEqual([])
    expect(await s.leases()).toEqual([])
  })

  it('fails when the data does not survive (each pod mounts its own subdirectory), and still cleans up', async () => {
    const s = await student({ perPodSubPath: true })
    const card = await cardOf(await grade(s))
    const check = card.checks.find((c) => c.id === 'data-persists')!
    expect(check.status).toBe('failed')
    expect(check.message).toMatch(/^The test file written before the pod was deleted is missing in the replacement pod wordpress-mysql-/)
    expect(check.hint).toContain('emptyDir')
    // The marker sits in the deleted pod's own subdirectory, which no running pod mounts: the card says so
    // rather than claiming a removal, and names the file for the instructor.
    expect(check.actions?.at(-1)).toMatch(/^the test file \S+ is not visible in any running pod/)
    expect(markersIn(s)).toHaveLength(1)
  })

  it("refuses to delete a pod while another run holds the namespace's Lease", async () => {
    const s = await student()
    await s.coordination.createNamespacedLease({
      namespace: s.namespace,
      body: { metadata: { name: 'trident-lab-grader' }, spec: { holderIdentity: 'run-of-someone-else', leaseDurationSeconds: 300, renewTime: new k8s.V1MicroTime() } },
    })
    const before = await s.inventory()
    const run = await grade(s)
    const check = (await cardOf(run)).checks.find((c) => c.id === 'data-persists')!
    expect(check).toMatchObject({ status: 'error', errorCode: 'LEASE_HELD' })
    expect(check.message).toContain('is being graded by run run-of-someone-else')
    expect(run.exitCode).toBe(2)
    expect((await s.inventory()).pods).toEqual(before.pods)
  })

  it('lets only one of two simultaneous runs delete a pod', async () => {
    const s = await student()
    const before = await s.inventory()
    const [a, b] = await Promise.all([grade(s), grade(s)])
    const checks = await Promise.all([a, b].map(async (r) => (await cardOf(r)).checks.find((c) => c.id === 'data-persists')!))
    const statuses = checks.map((c) => c.status).sort()
    // Overlapping runs: the second gets LEASE_HELD. On a loaded machine they may not overlap at all; then both
    // pass, one after the other. Never may the student be failed because of the other run.
    expect([
      ['error', 'passed'],
      ['passed', 'passed'],
    ]).toContainEqual(statuses)
    for (const c of checks.filter((c) => c.status === 'error')) expect(c.errorCode).toBe('LEASE_HELD')
    const deleted = checks.flatMap((c) => c.actions ?? []).filter((a) => a.startsWith('deleted pod'))
    expect(deleted).toHaveLength(statuses.filter((x) => x === 'passed').length)
    expect((await s.inventory()).others).toEqual(before.others)
  })

  it('fails when no replacement is ready within the budget, and removes the marker once a pod runs', async () => {
    const s = await student({ readyDelaySeconds: 25 })
    const card = await cardOf(await grade(s, ['--persist-timeout=5']))
    const check = card.checks.find((c) => c.id === 'data-persists')!
    expect(check.status).toBe('failed')
    expect(check.message).toMatch(/no replacement pod became ready within 5 s\.$/)
    expect(check.actions?.at(-1)).toContain('removed the test file')
    expect(markersIn(s)).toEqual([])
  })

  it('fails with a hint when the database image has no shell, and deletes nothing', async () => {
    const s = await student({ image: await importShellLessImage(), command: null })
    const before = await s.inventory()
    const check = (await cardOf(await grade(s))).checks.find((c) => c.id === 'data-persists')!
    expect(check.status).toBe('failed')
    expect(check.message).toMatch(/^Container mysql in pod wordpress-mysql-\S+ has no \/bin\/sh, so the grader cannot write a test file into \/var\/lib\/mysql\.$/)
    expect(check.hint).toContain('image with a shell')
    expect(check.actions ?? []).toEqual([])
    expect(await s.inventory()).toEqual(before)
  })

  it("writes nothing and deletes nothing for a claim bound to a PV that copies another student's (its pod even mounts that volume)", async () => {
    const victim = await student()
    const before = markersIn(victim)
    const hostile = await student({ copying: victim })
    expect(hostile.hostDir).toBe(victim.hostDir) // the copied PV mounts the other student's ONTAP volume
    const podsBefore = (await hostile.inventory()).pods
    // The whole lab's run: pvc-bound fails, data-persists is blocked by it.
    const full = await execa(
      process.execPath,
      graderArgs([`--student=${hostile.namespace}`, `--kubeconfig=${lab.cluster!.kubeconfigPath}`, `--out=${join(tmpdir(), `dp-out-${hostile.namespace}-full`)}`]),
      {
        cwd: ROOT,
        reject: false,
        stdin: 'ignore',
        extendEnv: false,
        env: { ...baseEnv(), LANG: 'en_US.UTF-8' },
      },
    )
    const card = await cardOf(full)
    expect(card.checks.find((c) => c.id === 'pvc-bound')).toMatchObject({ status: 'failed' })
    expect(card.checks.find((c) => c.id === 'pvc-bound')!.message).toMatch(new RegExp(`^PVC mysql-pv-claim is bound to PV copied-${hostile.namespace}, which Trident did not provision for it`))
    expect(card.checks.find((c) => c.id === 'data-persists')!.status).toBe('blocked')
    // A rubric that drops data-persists' prerequisites changes nothing: it proves the volume itself.
    const alone = await cardOf(await grade(hostile))
    expect(alone.checks.find((c) => c.id === 'data-persists')).toMatchObject({ status: 'blocked' })
    expect(alone.checks.find((c) => c.id === 'data-persists')!.message).toContain('nothing was written and no pod was deleted')
    expect(markersIn(victim)).toEqual(before)
    expect((await hostile.inventory()).pods).toEqual(podsBefore)
    expect(await hostile.leases()).toEqual([])
  })

  it('cleans up and reports an error when the run is interrupted (Ctrl-C) during the wait', async () => {
    const s = await student({ readyDelaySeconds: 30 })
    const child = grade(s)
    let output = ''
    let interrupted = false
    child.stderr?.on('data', (d: Buffer) => {
      output += d.toString()
      if (!interrupted && output.includes('waiting for Deployment wordpress-mysql to replace')) {
        interrupted = true // once: a second Ctrl-C means "quit at once"
        child.kill('SIGINT')
      }
    })
    const run = await child
    const card = await cardOf(run)
    const check = card.checks.find((c) => c.id === 'data-persists')!
    expect(check.status).toBe('error')
    expect(check.awarded).toBe(0)
    expect(run.exitCode).toBe(2)
    expect(markersIn(s)).toEqual([])
    expect(await s.leases()).toEqual([])
  })
})
