// ontap-volume end to end: the real CLI grades a recorded cluster and asks the ONTAP simulator over SSH (as in the
// lab) or REST. Media known, known-wrong and unknown; moved, shrunk, offline and missing volumes and what they do to
// data-persists; ownership of the volume; the simulator's switches; the run's time budget and the answer size cap.

import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type StartedOntapSim, startOntapSim } from '@trident-lab/ontap-sim'
import { find, loadCase, type RecordedObject } from '@trident-lab/recorded-cluster'
import type { Scorecard } from '../../harness/scorecard/scorecard.js'
import { OBJECTIVES } from '../registry.js'
import { gradeInProcess } from './grade-in-process.js'
import { gradeRecorded } from './grade-recorded.js'

const UID = 'e12460a6-bd34-4c43-8e67-f0ba4d5a6324'
const PV = `pvc-${UID}`
const VOLUME = 'trident_pvc_e12460a6_bd34_4c43_8e67_f0ba4d5a6324'
const PASSWORD = 'Lab-Passw0rd-7'
const GiB = 2 ** 30
// Each grading run is a CLI process (several seconds on a loaded machine); some tests grade twice.
const GRADE_TIMEOUT_MS = 120_000
let sim: StartedOntapSim
let dir: string

beforeAll(async () => {
  sim = await startOntapSim({ password: PASSWORD })
  // aggr3_vm: virtual disks (ONTAP Select, the ONTAP simulator): no media can be read from it.
  // aggr4_01: an HDD aggregate that is not assigned to svm01, so vsadmin's list does not show it.
  sim.createAggregate({ name: 'aggr3_vm', storageType: 'vmdisk' })
  sim.createAggregate({ name: 'aggr4_01', storageType: 'hdd' })
  sim.setSvmAggregates('svm01', ['aggr1_01', 'aggr2_01', 'aggr3_vm'])
  dir = await mkdtemp(join(tmpdir(), 'ontap-volume-test-'))
})
afterAll(async () => {
  await sim.stop()
})
beforeEach(() => {
  sim.faults.clear()
  sim.setSwitches({ sshExecChannelsPerConnection: 'many' })
  sim.setRestAggregateAccess('svm')
  for (const v of sim.state.listVolumes({ svm: 'svm01' })) if (!v.isSvmRoot) sim.state.deleteVolume('svm01', v.name)
  sim.state.createVolume({ svm: 'svm01', name: VOLUME, aggregate: 'aggr1_01', size: 20 * GiB, junctionPath: `/${VOLUME}` })
})

/** The reference student plus the TridentVolume Trident keeps for the PV (`pool`: where it placed it). */
function cluster(change?: (objects: RecordedObject[]) => void): RecordedObject[] {
  const objects = structuredClone(loadCase('reference'))
  objects.push({
    apiVersion: 'trident.netapp.io/v1',
    kind: 'TridentVolume',
    metadata: { name: PV, namespace: 'trident' },
    config: { name: PV, internalName: VOLUME, size: String(20 * GiB), storageClass: 'ontap-gold', namespace: 'alice', requestName: 'mysql-pv-claim' },
    backendUUID: '98e19b74-aec7-4a3d-8dcf-128e5033b214',
    pool: 'aggr1_01',
    orphaned: false,
    state: 'online',
  } as unknown as RecordedObject)
  change?.(objects)
  return objects
}
const pvAttributes = (objects: RecordedObject[]) => (find(objects, 'PersistentVolume', PV) as any).spec.csi.volumeAttributes as Record<string, string>
const backendConfig = (objects: RecordedObject[]) => (find(objects, 'TridentBackend', 'tbe-x7k2p') as any).config.ontap_config as Record<string, any>

function ssh(extra: string[] = []) {
  return ['--only=ontap-volume', '--ontap-host=127.0.0.1', `--ontap-port=${sim.sshPort}`, '--svm=svm01', `--ontap-host-key=${sim.hostKeyFingerprint}`, '--ontap-timeout=5', ...extra]
}
async function rest(extra: string[] = []) {
  const ca = join(dir, 'ca.pem')
  await writeFile(ca, sim.caCertPem)
  return ['--only=ontap-volume', '--ontap-api=rest', '--ontap-host=127.0.0.1', `--ontap-port=${sim.httpsPort}`, '--svm=svm01', `--ontap-ca=${ca}`, '--ontap-timeout=5', ...extra]
}
async function rubric(yaml: string): Promise<string> {
  const file = join(dir, `rubric-${Math.random().toString(36).slice(2)}.yaml`)
  await writeFile(file, yaml)
  return `--rubric=${file}`
}
const withPersists = (args: string[]) => args.map((a) => (a === '--only=ontap-volume' ? '--only=ontap-volume,data-persists' : a))
// In process (grade-in-process.ts); the cases about the card's stats and run errors go through the real CLI.
const grade = (args: string[], objects = cluster()) => gradeInProcess(objects, { args, env: { ONTAP_PASSWORD: PASSWORD } })
const gradeCli = (args: string[], objects = cluster()) => gradeRecorded(objects, { args, env: { ONTAP_PASSWORD: PASSWORD } })
/** Objectives whose points the card does not count as possible (a grader error and what it blocked). */
function notCounted(card: Scorecard): string[] {
  const counted = card.checks.filter((c) => c.status !== 'skipped').reduce((sum, c) => sum + c.points, 0)
  const ids = card.checks.filter((c) => c.status === 'error' || (c.status === 'blocked' && c.blockedBy?.includes('ontap-volume'))).map((c) => c.id)
  expect(card.totals.possible).toBe(counted - card.checks.filter((c) => ids.includes(c.id)).reduce((sum, c) => sum + c.points, 0))
  return ids
}
// ontap-volume graded without its pvc-bound prerequisite, for PVs pvc-bound would already fail.
const WITHOUT_PVC_BOUND = 'objectives:\n  ontap-volume: { requires: [] }\n'
const evidence = (check: { evidence: { label: string; data: unknown }[] }, label: string) => check.evidence.find((e) => e.label === label)?.data as any

describe('placement: aggregate media known, known-wrong or unknown', { timeout: GRADE_TIMEOUT_MS }, () => {
  it("passes on an SSD aggregate that vsadmin's vserver show-aggregates shows as ssd", async () => {
    const run = await grade(ssh())
    const check = run.check('ontap-volume')
    expect(check).toMatchObject({ status: 'passed', message: 'Passed.' })
    expect(check.evidence.map((e) => e.label)).toContain(`ONTAP volume svm01:${VOLUME} (ssh vsadmin@127.0.0.1:${sim.sshPort})`)
    expect(evidence(check, 'Aggregate media')).toMatchObject({ source: 'vserver show-aggregates -vserver svm01', volume: [{ aggregate: 'aggr1_01', ssd: true, decidedBy: 'ONTAP' }] })
    expect(run.exitCode).toBe(0)
  })

  it('grades a whole student with one SSH session and few API requests', async () => {
    const run = await gradeCli(
      ssh()
        .filter((a) => a !== '--only=ontap-volume')
        .concat('--skip=data-persists'),
    )
    expect(run.card?.totals).toMatchObject({ passed: OBJECTIVES.length - 1, failed: 0, skipped: 1 })
    // The volume, the SVM's aggregates (read once for the StorageClass objectives and ontap-volume) and the release
    // (which API Trident reads media with).
    expect(run.card?.stats).toMatchObject({ ontapSessions: 1, ontapCommands: 3 })
    expect(run.card?.stats?.kubeRequests).toBe(run.server.requests.length)
    expect(run.server.requests.length).toBeLessThanOrEqual(40)
  })

  it('fails on an HDD aggregate ONTAP shows as hdd', async () => {
    sim.state.deleteVolume('svm01', VOLUME)
    sim.state.createVolume({ svm: 'svm01', name: VOLUME, aggregate: 'aggr2_01', size: 20 * GiB })
    const check = (
      await grade(
        ssh(),
        cluster((o) => ((o.find((x) => x.kind === 'TridentVolume') as any).pool = 'aggr2_01')),
      )
    ).check('ontap-volume')
    expect(check.status).toBe('failed')
    expect(check.message).toBe(`Volume ${VOLUME} sits on aggregate aggr2_01, which is not an SSD aggregate.`)
    expect(evidence(check, 'Aggregate media').volume).toEqual([{ aggregate: 'aggr2_01', ssd: false, decidedBy: 'ONTAP', reported: 'type=hdd' }])
  })

  it("says the class asks for HDD when the PVC's class has media hdd", async () => {
    sim.state.deleteVolume('svm01', VOLUME)
    sim.state.createVolume({ svm: 'svm01', name: VOLUME, aggregate: 'aggr2_01', size: 20 * GiB })
    const objects = cluster((o) => {
      ;(find(o, 'PersistentVolumeClaim', 'mysql-pv-claim') as any).spec.storageClassName = 'ontap-silver'
      ;(o.find((x) => x.kind === 'TridentVolume') as any).pool = 'aggr2_01'
    })
    const check = (await grade(ssh([await rubric(WITHOUT_PVC_BOUND)]), objects)).check('ontap-volume')
    expect(check.message).toBe(`Volume ${VOLUME} sits on aggregate aggr2_01, which is not an SSD aggregate: its StorageClass ontap-silver asks for media "hdd".`)
    expect(check.i18n.ja.message).toContain('media "hdd"')
  })

  it('passes with a note when the media cannot be read (vmdisk), and never fails on it', async () => {
    sim.state.deleteVolume('svm01', VOLUME)
    sim.state.createVolume({ svm: 'svm01', name: VOLUME, aggregate: 'aggr3_vm', size: 20 * GiB })
    const run = await grade(
      ssh(),
      cluster((o) => ((o.find((x) => x.kind === 'TridentVolume') as any).pool = 'aggr3_vm')),
    )
    const check = run.check('ontap-volume')
    expect(check.status).toBe('passed')
    expect(check.message).toBe('Passed. Note: the media of aggregate aggr3_vm is not visible to ONTAP user vsadmin; Trident placed the volume for class ontap-gold, which asks for SSD.')
    expect(check.i18n.ja.message).toMatch(/^合格。注: アグリゲート aggr3_vm のメディア/)
    expect(run.exitCode).toBe(0)
  })

  it("passes with a note on an aggregate vsadmin's list does not show (storage aggregate show is refused)", async () => {
    sim.state.deleteVolume('svm01', VOLUME)
    sim.state.createVolume({ svm: 'svm01', name: VOLUME, aggregate: 'aggr4_01', size: 20 * GiB })
    const run = await grade(
      ssh(),
      cluster((o) => ((o.find((x) => x.kind === 'TridentVolume') as any).pool = 'aggr4_01')),
    )
    const check = run.check('ontap-volume')
    expect(check.status).toBe('passed')
    expect(check.message).toContain('the media of aggregate aggr4_01 is not visible to ONTAP user vsadmin')
    expect(evidence(check, 'Aggregate media')).toMatchObject({
      source: 'vserver show-aggregates -vserver svm01; storage aggregate show -fields aggregate,storage-type (refused)',
      volume: [{ aggregate: 'aggr4_01', decidedBy: 'unknown', reported: 'not in the list this user sees' }],
    })
  })

  it("uses the rubric's lists for an aggregate ONTAP does not show: hddAggregates fails, ssdAggregates passes", async () => {
    sim.state.deleteVolume('svm01', VOLUME)
    sim.state.createVolume({ svm: 'svm01', name: VOLUME, aggregate: 'aggr4_01', size: 20 * GiB })
    const objects = cluster((o) => ((o.find((x) => x.kind === 'TridentVolume') as any).pool = 'aggr4_01'))
    const hdd = (await grade(ssh([await rubric('parameters: { hddAggregates: [aggr4_01] }\n')]), objects)).check('ontap-volume')
    expect(hdd.message).toBe(`Volume ${VOLUME} sits on aggregate aggr4_01, which is not an SSD aggregate.`)
    expect(evidence(hdd, 'Aggregate media').volume[0]).toMatchObject({ ssd: false, decidedBy: 'rubric parameters.hddAggregates' })
    const ssd = (await grade(ssh([await rubric('parameters: { ssdAggregates: [aggr4_01] }\n')]), objects)).check('ontap-volume')
    expect(ssd).toMatchObject({ status: 'passed', message: 'Passed.' })
  })

  it('makes unknown media a grader error (no points lost) with unknownAggregateMedia: error', async () => {
    sim.state.deleteVolume('svm01', VOLUME)
    sim.state.createVolume({ svm: 'svm01', name: VOLUME, aggregate: 'aggr3_vm', size: 20 * GiB })
    const run = await grade(
      ssh([await rubric('parameters: { unknownAggregateMedia: error }\n')]),
      cluster((o) => ((o.find((x) => x.kind === 'TridentVolume') as any).pool = 'aggr3_vm')),
    )
    const check = run.check('ontap-volume')
    expect(check).toMatchObject({ status: 'error', errorCode: 'ONTAP_MEDIA_UNKNOWN' })
    expect(check.message).toContain('the media of aggregate aggr3_vm')
    expect(run.exitCode).toBe(2)
    expect(notCounted(run.card!)).toEqual(['ontap-volume'])
  })
})

describe('over REST, every answer an SVM user may get for aggregates', { timeout: GRADE_TIMEOUT_MS }, () => {
  const noLists = 'parameters: { ssdAggregates: [], hddAggregates: [] }\n'
  for (const access of ['deny', 'empty', 'no-block-storage'] as const) {
    it(`${access}: media unknown, so an HDD volume passes with a note, never fails`, async () => {
      sim.setRestAggregateAccess(access)
      sim.state.deleteVolume('svm01', VOLUME)
      sim.state.createVolume({ svm: 'svm01', name: VOLUME, aggregate: 'aggr2_01', size: 20 * GiB, junctionPath: `/${VOLUME}` })
      const run = await grade(
        await rest([await rubric(noLists)]),
        cluster((o) => ((o.find((x) => x.kind === 'TridentVolume') as any).pool = 'aggr2_01')),
      )
      const check = run.check('ontap-volume')
      expect(check.status).toBe('passed')
      expect(check.message).toContain('the media of aggregate aggr2_01 is not visible to ONTAP user vsadmin')
      expect(evidence(check, 'Aggregate media')).toMatchObject({ volume: [{ aggregate: 'aggr2_01', decidedBy: 'unknown' }] })
    })
  }

  for (const access of ['svm', 'all'] as const) {
    it(`${access}: media known, SSD passes and HDD fails`, async () => {
      sim.setRestAggregateAccess(access)
      const args = await rest([await rubric(noLists)])
      expect((await grade(args)).check('ontap-volume')).toMatchObject({ status: 'passed', message: 'Passed.' })
      sim.state.deleteVolume('svm01', VOLUME)
      sim.state.createVolume({ svm: 'svm01', name: VOLUME, aggregate: 'aggr2_01', size: 20 * GiB, junctionPath: `/${VOLUME}` })
      const hdd = (
        await grade(
          args,
          cluster((o) => ((o.find((x) => x.kind === 'TridentVolume') as any).pool = 'aggr2_01')),
        )
      ).check('ontap-volume')
      expect(hdd.status).toBe('failed')
      expect(evidence(hdd, 'Aggregate media').volume[0]).toMatchObject({ ssd: false, decidedBy: 'ONTAP', reported: 'disk_type=sas,storage_type=hdd' })
    })
  }

  it("deny with the default rubric: the rubric's ssdAggregates decides, and offline is seen over REST too", async () => {
    sim.setRestAggregateAccess('deny')
    const args = await rest()
    const check = (await grade(args)).check('ontap-volume')
    expect(check).toMatchObject({ status: 'passed', message: 'Passed.' })
    expect(evidence(check, 'Aggregate media').volume[0]).toMatchObject({ ssd: true, decidedBy: 'rubric parameters.ssdAggregates' })
    sim.state.setVolumeState('svm01', VOLUME, 'offline')
    expect((await grade(args)).check('ontap-volume').message).toContain('is offline, not online')
  })
})

describe('what blocks data-persists: only a volume that cannot be mounted', { timeout: GRADE_TIMEOUT_MS }, () => {
  it('blocks it when the volume is gone, naming the reason; no pod is looked at', async () => {
    sim.state.deleteVolume('svm01', VOLUME)
    const run = await grade(withPersists(ssh()))
    expect(run.check('ontap-volume')).toMatchObject({ status: 'failed', message: `Volume ${VOLUME} does not exist on SVM svm01.` })
    const persists = run.check('data-persists')
    expect(persists).toMatchObject({ status: 'blocked', blockedBy: ['ontap-volume'] })
    expect(persists.message).toBe(`Not checked: the database pod was not deleted, because a new pod could not mount the volume (ontap-volume: Volume ${VOLUME} does not exist on SVM svm01).`)
    expect(run.server.requests.filter((r) => r.includes('/pods'))).toEqual([])
  })

  it('blocks it when the volume is offline, saying offline', async () => {
    sim.state.setVolumeState('svm01', VOLUME, 'offline')
    const run = await grade(withPersists(ssh()))
    expect(run.check('ontap-volume').message).toBe(`Volume ${VOLUME} on SVM svm01 is offline, not online.`)
    expect(run.check('data-persists')).toMatchObject({ status: 'blocked', message: expect.stringContaining('is offline, not online') })
    expect(run.check('data-persists').i18n.ja.message).toContain('offline')
  })

  it('blocks it when the volume is restricted, or online but not mounted (no junction path)', async () => {
    sim.state.setVolumeState('svm01', VOLUME, 'restricted')
    const restricted = await grade(withPersists(ssh()))
    expect(restricted.check('ontap-volume').message).toBe(`Volume ${VOLUME} on SVM svm01 is restricted, not online.`)
    expect(restricted.check('data-persists').status).toBe('blocked')
    sim.state.deleteVolume('svm01', VOLUME)
    sim.state.createVolume({ svm: 'svm01', name: VOLUME, aggregate: 'aggr1_01', size: 20 * GiB, junctionPath: null })
    const unmounted = await grade(withPersists(ssh()))
    expect(unmounted.check('ontap-volume').message).toBe(`Volume ${VOLUME} on SVM svm01 is online but has no junction path, so no pod can mount it over NFS.`)
    expect(unmounted.check('data-persists')).toMatchObject({ status: 'blocked', message: expect.stringContaining('has no junction path') })
  })

  it('fails a volume moved to the HDD aggregate after provisioning, and still runs data-persists', async () => {
    sim.moveVolume('svm01', VOLUME, 'aggr2_01')
    const run = await grade(withPersists(ssh()))
    expect(run.check('ontap-volume').message).toBe(`Volume ${VOLUME} sits on aggregate aggr2_01, which is not an SSD aggregate; Trident created it on aggr1_01, so it was moved after provisioning.`)
    expect(run.check('data-persists').status).not.toBe('blocked')
    expect(run.server.requests.some((r) => r.includes('/pods') || r.includes('/leases'))).toBe(true)
  })

  it('fails a volume shrunk on ONTAP after provisioning, and still runs data-persists', async () => {
    sim.resizeVolume('svm01', VOLUME, 10 * GiB)
    const run = await grade(withPersists(ssh()))
    expect(run.check('ontap-volume').message).toBe(`Volume ${VOLUME} is 10GiB on ONTAP, smaller than the 20Gi of its PV: it was resized on ONTAP after Trident provisioned it.`)
    expect(run.check('data-persists').status).not.toBe('blocked')
  })

  it('says "too small" (not resized) when the PV itself is smaller than the request', async () => {
    sim.resizeVolume('svm01', VOLUME, 10 * GiB)
    const objects = cluster((o) => ((find(o, 'PersistentVolume', PV) as any).spec.capacity.storage = '10Gi'))
    expect((await grade(ssh(), objects)).check('ontap-volume').message).toBe(`Volume ${VOLUME} is 10GiB, smaller than the 20Gi the PVC asked for.`)
  })

  it('blocks it when ontap-volume erred (nobody knows whether the volume mounts), costing no points', async () => {
    const run = await grade(withPersists(ssh(['--ontap-port=1'])).filter((a) => a !== `--ontap-port=${sim.sshPort}`))
    expect(run.check('ontap-volume').errorCode).toBe('ONTAP_UNREACHABLE')
    expect(run.check('data-persists')).toMatchObject({ status: 'blocked', message: expect.stringContaining('could not check the ONTAP volume (a grader error)') })
    expect(notCounted(run.card!)).toEqual(['ontap-volume', 'data-persists'])
  })
})

describe('ownership: the ONTAP volume is the one Trident made for this PV', { timeout: GRADE_TIMEOUT_MS }, () => {
  it("fails a PV edited to name the SVM's root volume: pvc-bound says so, ontap-volume (without that prerequisite) too, and nothing is written", async () => {
    const objects = cluster((o) => (pvAttributes(o).internalName = 'svm01_root'))
    const run = await grade(withPersists(ssh()), objects)
    expect(run.check('pvc-bound').message).toBe(
      `PVC mysql-pv-claim is bound to PV ${PV}, which names ONTAP volume svm01_root, but Trident names this claim's volume ${VOLUME}: the PV does not point at the volume Trident made for this claim.`,
    )
    expect(run.statuses()).toMatchObject({ 'ontap-volume': 'blocked', 'data-persists': 'blocked' })
    const alone = await grade(withPersists(ssh([await rubric(WITHOUT_PVC_BOUND)])), objects)
    expect(alone.check('ontap-volume').message).toBe(
      `PV ${PV} names ONTAP volume svm01_root, but Trident would name this PV's volume ${VOLUME}: the PV does not point at the volume Trident made for it.`,
    )
    expect(alone.check('data-persists').status).toBe('blocked')
  })

  it("fails a PV edited to name another student's volume on the SVM", async () => {
    const other = 'trident_pvc_0b7d3c11_0000_4000_8000_000000000001'
    sim.state.createVolume({ svm: 'svm01', name: other, aggregate: 'aggr1_01', size: 20 * GiB })
    const run = await grade(
      ssh(),
      cluster((o) => (pvAttributes(o).internalName = other)),
    )
    expect(run.check('pvc-bound').status).toBe('failed')
    expect(run.check('pvc-bound').message).toContain(`which names ONTAP volume ${other}, but Trident names this claim's volume ${VOLUME}`)
    expect(run.check('ontap-volume').status).toBe('blocked')
  })

  it("fails a PV that is not named after its claim's uid", async () => {
    const objects = cluster((o) => ((find(o, 'PersistentVolumeClaim', 'mysql-pv-claim') as any).metadata.uid = '0b7d3c11-0000-4000-8000-000000000001'))
    const check = (await grade(ssh([await rubric(WITHOUT_PVC_BOUND)]), objects)).check('ontap-volume')
    expect(check.message).toBe(`PV ${PV} was not provisioned for PVC alice/mysql-pv-claim: a provisioned PV is named pvc-<the claim's uid> (pvc-0b7d3c11-0000-4000-8000-000000000001).`)
  })

  it('fails a volume mounted at the SVM root junction /', async () => {
    sim.state.deleteVolume('svm01', VOLUME)
    sim.state.createVolume({ svm: 'svm01', name: VOLUME, aggregate: 'aggr1_01', size: 20 * GiB, junctionPath: '/' })
    const check = (await grade(ssh())).check('ontap-volume')
    expect(check.message).toBe(`Volume ${VOLUME} is the root volume of SVM svm01 (junction path /), not a volume Trident made for the PV.`)
  })

  it("accepts a name from the backend's name template (Trident 24.06+)", async () => {
    const templated = 'alice_mysql_pv_claim_e1246'
    sim.state.createVolume({ svm: 'svm01', name: templated, aggregate: 'aggr1_01', size: 20 * GiB, junctionPath: `/${templated}` })
    const objects = cluster((o) => {
      pvAttributes(o).internalName = templated
      backendConfig(o).defaults = { nameTemplate: '{{.volume.Namespace}}_{{.volume.RequestName}}' }
    })
    const run = await grade(ssh(), objects)
    expect(run.check('ontap-volume').status).toBe('passed')
    expect(evidence(run.check('pvc-bound'), 'Provisioned for this claim').verdict).toMatch(/^yes \(name template/)
  })

  it('fails a volume whose Trident labels (comment) belong to another PV', async () => {
    sim.state.deleteVolume('svm01', VOLUME)
    sim.state.createVolume({ svm: 'svm01', name: VOLUME, aggregate: 'aggr1_01', size: 20 * GiB, junctionPath: `/${VOLUME}`, comment: '{"provisioning":{"pvc":"bob_mysql-pv-claim"}}' })
    const objects = cluster((o) => (backendConfig(o).labels = { pvc: '{{.volume.Namespace}}_{{.volume.RequestName}}' }))
    const check = (await grade(ssh(), objects)).check('ontap-volume')
    expect(check.message).toBe(`Volume ${VOLUME} carries Trident label pvc=bob_mysql-pv-claim, but this PV's backend would set alice_mysql-pv-claim: it is not the volume Trident made for this PV.`)
  })

  it("says the volume is not on the student's SVM when the PV's backend uses another SVM", async () => {
    sim.state.deleteVolume('svm01', VOLUME)
    sim.state.createVolume({ svm: 'svm02', name: VOLUME, aggregate: 'aggr1_01', size: 20 * GiB })
    const run = await grade(
      withPersists(ssh()),
      cluster((o) => (backendConfig(o).svm = 'svm02')),
    )
    expect(run.check('ontap-volume').message).toBe(`Volume ${VOLUME} is not on your SVM svm01: the PV's backend svm01-nas uses SVM svm02.`)
    expect(run.check('data-persists').status).toBe('blocked')
    sim.state.deleteVolume('svm02', VOLUME)
  })
})

describe('ontap-nas-economy: a qtree inside a FlexVol', { timeout: GRADE_TIMEOUT_MS }, () => {
  const FLEXVOL = 'trident_qtree_pool_trident_ABCDEFGHIJ'
  const economy = () =>
    cluster((o) => {
      pvAttributes(o).internalID = `/svm/svm01/flexvol/${FLEXVOL}/qtree/${VOLUME}`
      backendConfig(o).storageDriverName = 'ontap-nas-economy'
      ;(o.find((x) => x.kind === 'TridentVolume') as any).config.internalID = `/svm/svm01/flexvol/${FLEXVOL}/qtree/${VOLUME}`
    })
  beforeEach(() => {
    sim.state.deleteVolume('svm01', VOLUME)
    sim.state.createVolume({ svm: 'svm01', name: FLEXVOL, aggregate: 'aggr1_01', size: 40 * GiB, junctionPath: `/${FLEXVOL}` })
    sim.state.createQtree({ svm: 'svm01', volume: FLEXVOL, name: VOLUME })
  })

  it('checks the qtree and its FlexVol (state, size, aggregate) over SSH and REST, and passes', async () => {
    const check = (await grade(ssh(), economy())).check('ontap-volume')
    expect(check.status).toBe('passed')
    expect(evidence(check, `ONTAP qtree svm01:${FLEXVOL}/${VOLUME} (ontap-nas-economy: size and placement are the FlexVol's)`)).toMatchObject({ volume: FLEXVOL, name: VOLUME })
    expect((await grade(await rest(), economy())).check('ontap-volume').status).toBe('passed')
  })

  it('says the qtree is missing (not "volume does not exist"), and blocks data-persists', async () => {
    sim.state.deleteQtree('svm01', FLEXVOL, VOLUME)
    const run = await grade(withPersists(ssh()), economy())
    expect(run.check('ontap-volume').message).toBe(`The PV's ontap-nas-economy volume is qtree ${VOLUME} in FlexVol ${FLEXVOL}, and that qtree does not exist on SVM svm01.`)
    expect(run.check('data-persists').status).toBe('blocked')
  })

  it("checks the SVM in the qtree's path against the student's SVM (a /svm/svm02/... path graded with --svm svm01 fails)", async () => {
    const otherSvm = () =>
      cluster((o) => {
        pvAttributes(o).internalID = `/svm/svm02/flexvol/${FLEXVOL}/qtree/${VOLUME}`
        backendConfig(o).storageDriverName = 'ontap-nas-economy'
      })
    // The same FlexVol and qtree exist on svm01 too: only the path's SVM tells them apart.
    const run = await grade(withPersists(ssh()), otherSvm())
    expect(run.check('ontap-volume').message).toBe(`Volume ${FLEXVOL}/${VOLUME} is not on your SVM svm01: the PV's backend svm01-nas uses SVM svm02.`)
    expect(run.check('data-persists').status).toBe('blocked')
  })

  it('says the FlexVol is missing when the whole qtree pool is gone', async () => {
    sim.state.deleteVolume('svm01', FLEXVOL)
    const check = (await grade(ssh(), economy())).check('ontap-volume')
    expect(check.message).toBe(`The PV's ontap-nas-economy volume is qtree ${VOLUME} in FlexVol ${FLEXVOL}, and that FlexVol does not exist on SVM svm01.`)
  })

  it('applies the size and placement rules to the FlexVol', async () => {
    sim.moveVolume('svm01', FLEXVOL, 'aggr2_01')
    const check = (await grade(ssh(), economy())).check('ontap-volume')
    expect(check.message).toBe(`Volume ${FLEXVOL} sits on aggregate aggr2_01, which is not an SSD aggregate; Trident created it on aggr1_01, so it was moved after provisioning.`)
  })
})

describe('the ONTAP connection', { timeout: GRADE_TIMEOUT_MS }, () => {
  for (const channels of ['one', 'one-at-a-time'] as const) {
    it(`works when ONTAP allows ${channels} exec channel per SSH connection`, async () => {
      sim.setSwitches({ sshExecChannelsPerConnection: channels })
      const run = await gradeCli(ssh())
      expect(run.check('ontap-volume')).toMatchObject({ status: 'passed' })
      expect(run.card?.stats?.ontapCommands).toBe(3)
    })
  }

  it("ends a slow ONTAP command at the run's time budget, not at --ontap-timeout, and writes the card", async () => {
    sim.faults.delayCommand(/volume show/, 60_000)
    const started = performance.now()
    const run = await gradeCli(ssh(['--timeout=4']).map((a) => (a === '--ontap-timeout=5' ? '--ontap-timeout=60' : a)))
    const seconds = (performance.now() - started) / 1000
    expect(run.check('ontap-volume')).toMatchObject({ status: 'error', errorCode: 'TIMEOUT' })
    expect(run.exitCode).toBe(2)
    expect(run.card?.runErrors.join(' ')).toMatch(/time budget|timeout/i)
    expect(seconds).toBeLessThan(4 + 10) // budget + process start and a loaded machine
  })

  it('stops an ONTAP answer larger than 4 MiB with a grader error naming the command', async () => {
    sim.state.deleteVolume('svm01', VOLUME)
    sim.state.createVolume({ svm: 'svm01', name: VOLUME, aggregate: 'aggr1_01', size: 20 * GiB, junctionPath: `/${VOLUME}`, comment: 'x'.repeat(5 * 2 ** 20) })
    const run = await grade(ssh())
    const check = run.check('ontap-volume')
    expect(check).toMatchObject({ status: 'error', errorCode: 'ONTAP_COMMAND' })
    expect(check.message).toContain(`ONTAP's answer to \`volume show -vserver svm01 -volume ${VOLUME} -fields state,size,aggregate,junction-path,type,comment\` is larger than 4 MiB`)
    expect(run.exitCode).toBe(2)
  })

  it('is a grader error, costing no points, when the password is wrong; the password is never shown', async () => {
    const run = await gradeRecorded(cluster(), { args: ssh(), env: { ONTAP_PASSWORD: 'wrong-Passw0rd' } })
    const check = run.check('ontap-volume')
    expect(check).toMatchObject({ status: 'error', errorCode: 'ONTAP_AUTH' })
    expect(run.exitCode).toBe(2)
    expect(JSON.stringify(run.card) + run.stdout + run.stderr).not.toContain('wrong-Passw0rd')
  })

  it('refuses a host key that changed, naming both fingerprints', async () => {
    const pinned = 'SHA256:' + 'A'.repeat(43)
    const args = ssh().map((a) => (a.startsWith('--ontap-host-key=') ? `--ontap-host-key=${pinned}` : a))
    const check = (await grade(args)).check('ontap-volume')
    expect(check).toMatchObject({ status: 'error', errorCode: 'ONTAP_HOST_KEY' })
    expect(check.message).toContain(sim.hostKeyFingerprint)
  })

  it('gives up on a command that hangs, within --ontap-timeout', async () => {
    sim.faults.delayCommand(/volume show/, 30_000)
    const check = (await grade(ssh().map((a) => (a === '--ontap-timeout=5' ? '--ontap-timeout=2' : a)))).check('ontap-volume')
    expect(check).toMatchObject({ status: 'error', errorCode: 'ONTAP_TIMEOUT' })
  })
})

describe('a run cancelled before ontap-volume', { timeout: GRADE_TIMEOUT_MS }, () => {
  it('closes the SSH login it opened early and ends: Ctrl-C while an earlier objective waits', async () => {
    const { execa } = await import('execa')
    const { startRecordedApiServer } = await import('@trident-lab/recorded-cluster')
    const { ROOT, baseEnv, graderArgs } = await import('./grade-recorded.js')
    const server = await startRecordedApiServer(cluster())
    server.delay(300_000, '/storageclasses')
    const kubeconfig = join(dir, 'cancel.kubeconfig')
    await server.writeKubeconfig(kubeconfig)
    try {
      const args = ssh().filter((a) => !a.startsWith('--only='))
      const child = execa(process.execPath, graderArgs(['--student=alice', `--kubeconfig=${kubeconfig}`, `--out=${join(dir, 'cancel-out')}`, '--skip=data-persists', ...args]), {
        cwd: ROOT,
        reject: false,
        stdin: 'ignore',
        env: { ...baseEnv(), ONTAP_PASSWORD: PASSWORD },
        extendEnv: false,
        timeout: 60_000,
      })
      let stderr = ''
      let interrupted = 0
      child.stderr?.on('data', (d: Buffer) => {
        stderr += d.toString()
        if (!interrupted && stderr.includes('storageclass-ssd')) {
          interrupted = Date.now()
          child.kill('SIGINT')
        }
      })
      const run = await child
      // Without closing the early SSH login the process would stay up until the 60 s timeout killed it.
      expect(run.timedOut, stderr).toBe(false)
      expect(Date.now() - interrupted).toBeLessThan(15_000)
      expect(run.exitCode).toBe(2)
      expect(stderr).toContain('Stopping')
    } finally {
      await server.close()
    }
  })
})
