// Through the real CLI, as an instructor runs it: the grader passes only what is proven the student's, and its
// reasons name the real cause. Each case asserts the verdict, the reason, the exit code, the wall time against the
// budget and a complete card.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StartedOntapSim, startOntapSim } from '@trident-lab/ontap-sim'
import { find, loadCase, type RecordedObject } from '@trident-lab/recorded-cluster'
import { OBJECTIVES } from '../registry.js'

const OBJECTIVE_IDS = OBJECTIVES.map((o) => o.id)
import { scorecardErrors } from '../../harness/scorecard/validate-scorecard.js'
import { gradeRecorded, type Graded } from './grade-recorded.js'

const PASSWORD = 'Lab-Passw0rd-9'
const UID = 'e12460a6-bd34-4c43-8e67-f0ba4d5a6324'
const PVC = 'mysql-pv-claim'
const PV = `pvc-${UID}`
const VOLUME = `trident_pvc_${UID.replaceAll('-', '_')}`
const BUDGET_S = 20
/** Process start, the reports and the exit: what a run may take past its budget. */
const MARGIN_MS = 5_000

let sim: StartedOntapSim
beforeAll(async () => {
  sim = await startOntapSim({ password: PASSWORD })
  sim.state.createVolume({ svm: 'svm01', name: VOLUME, aggregate: 'aggr1_01', size: 20 * 2 ** 30, junctionPath: `/${VOLUME}` })
})
afterAll(async () => {
  await sim.stop()
})

const ontap = () => ['--ontap-host=127.0.0.1', `--ontap-port=${sim.sshPort}`, '--svm=svm01', `--ontap-host-key=${sim.hostKeyFingerprint}`, '--ontap-timeout=5']

async function grade(objects: RecordedObject[], args: string[] = []): Promise<Graded & { ms: number }> {
  const started = performance.now()
  // Every objective, data-persists too (the recorded cluster is read-only: it never gets as far as a write).
  const run = await gradeRecorded(objects, { args: [`--timeout=${BUDGET_S}`, ...ontap(), ...args], env: { ONTAP_PASSWORD: PASSWORD } })
  const ms = performance.now() - started
  expect(ms).toBeLessThan(BUDGET_S * 1000 + MARGIN_MS)
  expect(run.card, run.stderr).toBeDefined()
  expect(run.card!.complete).toBe(true)
  expect(run.card!.checks.map((c) => c.id).sort()).toEqual([...OBJECTIVE_IDS].sort())
  expect(scorecardErrors(run.card!)).toEqual([])
  return { ...run, ms } as Graded & { ms: number }
}

describe("only what is proven the claim's", { timeout: 60_000 }, () => {
  it("a claim bound to a hand-made PV copying another claim's Trident attributes: pvc-bound fails naming why, nothing that touches the volume runs", async () => {
    const objects = loadCase('reference')
    const pv = find(objects, 'PersistentVolume', PV)
    pv.metadata.name = 'copied-pv'
    ;(find(objects, 'PersistentVolumeClaim', PVC).spec as Record<string, unknown>).volumeName = 'copied-pv'
    const run = await grade(objects)
    expect(run.exitCode).toBe(1)
    expect(run.check('pvc-bound').message).toBe(`PVC ${PVC} is bound to PV copied-pv, which Trident did not provision for it: Trident's PV for this claim is named ${PV} (pvc-<the claim's uid>).`)
    expect(run.statuses()).toMatchObject({ 'app-uses-pvc': 'blocked', 'ontap-volume': 'blocked', 'data-persists': 'blocked' })
    expect(run.check('data-persists').actions ?? []).toEqual([])
    expect(run.server.requests.filter((r) => !r.startsWith('GET '))).toEqual([])
  })

  it('an ontap-nas-economy PV whose qtree path names another SVM fails ontap-volume and blocks data-persists', async () => {
    const flexvol = 'trident_qtree_pool_trident_ABCDEFGHIJ'
    sim.state.createVolume({ svm: 'svm01', name: flexvol, aggregate: 'aggr1_01', size: 40 * 2 ** 30, junctionPath: `/${flexvol}` })
    sim.state.createQtree({ svm: 'svm01', volume: flexvol, name: VOLUME })
    const objects = loadCase('reference')
    ;(find(objects, 'PersistentVolume', PV).spec as any).csi.volumeAttributes.internalID = `/svm/svm02/flexvol/${flexvol}/qtree/${VOLUME}`
    ;(find(objects, 'TridentBackend', 'tbe-x7k2p').config as any).ontap_config.storageDriverName = 'ontap-nas-economy'
    const run = await grade(objects)
    sim.state.deleteQtree('svm01', flexvol, VOLUME)
    sim.state.deleteVolume('svm01', flexvol)
    expect(run.exitCode).toBe(1)
    expect(run.check('ontap-volume').message).toBe(`Volume ${flexvol}/${VOLUME} is not on your SVM svm01: the PV's backend svm01-nas uses SVM svm02.`)
    expect(run.check('data-persists').status).toBe('blocked')
  })
})

describe('reasons that name the real cause', { timeout: 60_000 }, () => {
  it('a database claim Pending on the HDD class: the class and the media it asks for', async () => {
    const objects = loadCase('reference').filter((o) => o.kind !== 'PersistentVolume')
    const pvc = find(objects, 'PersistentVolumeClaim', PVC)
    ;(pvc.spec as Record<string, unknown>).volumeName = undefined
    ;(pvc.spec as Record<string, unknown>).storageClassName = 'ontap-silver'
    pvc.status = { phase: 'Pending' }
    const run = await grade(objects, ['--lang=ja'])
    expect(run.exitCode).toBe(1)
    expect(run.check('pvc-bound').i18n.en.message).toBe(`PVC ${PVC} is Pending, not Bound: its StorageClass "ontap-silver" asks for media "hdd", and the database belongs on the SSD class.`)
    expect(run.check('pvc-bound').message).toContain('データベースは SSD クラスに置きます')
  })

  it('a class that picks the HDD aggregate with excludeStoragePools alone is the HDD class; the note on media classes is about Trident, not pool lists', async () => {
    const objects = loadCase('reference')
    find(objects, 'StorageClass', 'ontap-silver').parameters = { excludeStoragePools: 'svm01-nas:aggr1_01' }
    // data-persists would need a cluster that takes writes (a Lease); the rest passes.
    const run = await grade(objects, ['--skip=data-persists'])
    expect(run.exitCode).toBe(0)
    expect(run.check('storageclass-hdd').message).toBe('Passed.')
    expect(run.check('storageclass-ssd').message).toBe('Passed.')
    expect(JSON.stringify(run.card)).not.toContain('its pool lists match none')
  })

  it('an ONTAP login refused while the SVM is stopped names the stopped SVM as a cause, not only the password', async () => {
    sim.setSvmState('svm01', 'stopped')
    try {
      const run = await grade(loadCase('reference'))
      expect(run.exitCode).toBe(2)
      const check = run.check('ontap-volume')
      expect(check).toMatchObject({ status: 'error', errorCode: 'ONTAP_AUTH' })
      expect(check.message).toContain('the password (ONTAP_PASSWORD) may be wrong, or the SVM may be stopped')
      expect(run.check('data-persists').status).toBe('blocked')
    } finally {
      sim.setSvmState('svm01', 'running')
    }
  })
})
