import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StartedOntapSim, startOntapSim } from '@trident-lab/ontap-sim'
import { find, loadCase, type RecordedObject, without } from '@trident-lab/recorded-cluster'
import { gradeInProcess } from './grade-in-process.js'
import { gradeRecorded } from './grade-recorded.js'

/** The reference cluster with the SSD class's parameters (or the HDD class's) replaced. */
function withParameters(parameters: Record<string, string>, className = 'ontap-gold'): RecordedObject[] {
  const objects = loadCase('reference')
  find(objects, 'StorageClass', className).parameters = parameters
  return objects
}
const evidenceText = (check: { evidence: { label: string; data: unknown }[] }) => JSON.stringify(check.evidence)

const only = ['--only=storageclass-ssd,storageclass-hdd']

describe('storageclass-ssd and storageclass-hdd', () => {
  it('pass whatever the classes are called, with the optional trident.netapp.io/ prefix', async () => {
    const objects = loadCase('reference')
    const gold = find(objects, 'StorageClass', 'ontap-gold')
    gold.metadata.name = 'fast-db'
    gold.parameters = { 'trident.netapp.io/media': 'ssd' }
    const run = await gradeInProcess(objects, { args: only })
    expect(run.statuses()).toMatchObject({ 'storageclass-ssd': 'passed', 'storageclass-hdd': 'passed' })
  })

  it("explain the lab sample's legacy provisioner netapp.io/trident", async () => {
    const objects = loadCase('reference')
    find(objects, 'StorageClass', 'ontap-gold').provisioner = 'netapp.io/trident'
    const run = await gradeInProcess(objects, { args: only })
    const ssd = run.check('storageclass-ssd')
    expect(ssd.status).toBe('failed')
    expect(ssd.message).toContain('legacy provisioner netapp.io/trident, which Trident 23.07 and later ignores')
    expect(ssd.hint).toContain('CSI provisioner name')
    expect(run.check('storageclass-hdd').status).toBe('passed')
  })

  it('fail a class with another provisioner, naming it', async () => {
    const objects = loadCase('reference')
    find(objects, 'StorageClass', 'ontap-gold').provisioner = 'kubernetes.io/no-provisioner'
    const ssd = (await gradeInProcess(objects, { args: only })).check('storageclass-ssd')
    expect(ssd.message).toBe('StorageClass ontap-gold asks for media "ssd" but its provisioner is kubernetes.io/no-provisioner, not Trident.')
  })

  it('fail a class for another backend type', async () => {
    const objects = loadCase('reference')
    ;(find(objects, 'StorageClass', 'ontap-gold').parameters as Record<string, string>).backendType = 'ontap-san'
    const ssd = (await gradeInProcess(objects, { args: only })).check('storageclass-ssd')
    expect(ssd.message).toContain('backendType "ontap-san"')
  })

  it('fail the HDD objective alone when only the SSD class exists', async () => {
    const run = await gradeInProcess(without(loadCase('reference'), 'StorageClass', 'ontap-silver'), { args: only })
    expect(run.statuses()).toMatchObject({ 'storageclass-ssd': 'passed', 'storageclass-hdd': 'failed' })
    expect(run.check('storageclass-hdd').message).toBe('No Trident StorageClass selects media "hdd"; the Trident classes found ask for other media: ontap-gold (media "ssd").')
    expect(run.check('storageclass-hdd').hint).toContain('one class for SSD and one for HDD')
    expect(run.exitCode).toBe(1)
  })

  it('fail media "SSD": Trident compares media exactly, so the class is no SSD class', async () => {
    const run = await gradeInProcess(withParameters({ backendType: 'ontap-nas', media: 'SSD' }), { args: [...only, '--lang=ja'] })
    const ssd = run.check('storageclass-ssd')
    expect(ssd.status).toBe('failed')
    expect(ssd.i18n.en.message).toBe('StorageClass ontap-gold asks for media "SSD", but Trident compares media exactly and only "ssd" matches an aggregate, so this class never gets a volume.')
    expect(ssd.message).toContain('完全一致')
    expect(run.check('storageclass-hdd').status).toBe('passed')
  })

  it('fail a class with a parameter key Trident rejects, naming the key (Trident drops the whole class)', async () => {
    const ssd = (await gradeInProcess(withParameters({ media: 'ssd', performance: 'gold' }), { args: only })).check('storageclass-ssd')
    expect(ssd.status).toBe('failed')
    expect(ssd.message).toBe('StorageClass ontap-gold has the parameter "performance", which Trident does not know ("unrecognized storage attribute"), so Trident ignores the whole class.')
    const badValue = (await gradeInProcess(withParameters({ media: 'ssd', snapshots: 'yes' }), { args: only })).check('storageclass-ssd')
    expect(badValue.message).toBe('StorageClass ontap-gold: "yes" is not a valid boolean ("true" or "false") for the parameter "snapshots", so Trident ignores the whole class.')
  })

  it('fail an SSD class with a value no ontap-nas pool offers (values are compared exactly)', async () => {
    const ssd = (await gradeInProcess(withParameters({ media: 'ssd', provisioningType: 'Thin' }), { args: only })).check('storageclass-ssd')
    expect(ssd.message).toBe('StorageClass ontap-gold asks for provisioningType "Thin", which no ontap-nas pool offers, so Trident never places a volume for it.')
  })

  it('accept csi.storage.k8s.io/* keys and the trident.netapp.io/ prefix only on the Trident releases that do', async () => {
    const current = (await gradeInProcess(withParameters({ 'trident.netapp.io/media': 'ssd', 'csi.storage.k8s.io/fstype': 'nfs' }), { args: only })).check('storageclass-ssd')
    expect(current.status).toBe('passed')
    const old = withParameters({ 'trident.netapp.io/media': 'ssd' })
    find(old, 'TridentVersion', 'trident').trident_version = '22.04.0'
    const oldCheck = (await gradeInProcess(old, { args: only })).check('storageclass-ssd')
    expect(oldCheck.status).toBe('failed')
    expect(oldCheck.message).toContain('Trident before 22.07 does not accept the trident.netapp.io/ prefix')
  })

  it("count classes that pick aggregates with storagePools / additionalStoragePools by the pools' media (from the rubric here), with a visible note", async () => {
    const objects = withParameters({ storagePools: 'svm01-nas:aggr1' })
    find(objects, 'StorageClass', 'ontap-silver').parameters = { additionalStoragePools: 'svm01-.*:aggr2_01' }
    const run = await gradeInProcess(objects, { args: only })
    expect(run.statuses()).toMatchObject({ 'storageclass-ssd': 'passed', 'storageclass-hdd': 'passed' })
    const ssd = run.check('storageclass-ssd')
    expect(evidenceText(ssd)).toContain('svm01-nas:aggr1_01')
    expect(ssd.message).toBe("Passed. Note: the media of aggr1_01 (picked by StorageClass ontap-gold) comes from the rubric's aggregate lists, because ONTAP does not show it here.")
    expect(run.check('storageclass-hdd').message).toContain('Passed. Note: the media of aggr2_01')
  })

  it('fail a storagePools class whose unanchored pool regex also matches the HDD aggregate, naming it', async () => {
    const run = await gradeInProcess(withParameters({ storagePools: 'svm01-nas:aggr' }), { args: only })
    expect(run.check('storageclass-ssd').message).toBe('StorageClass ontap-gold can place volumes on aggregate aggr2_01 (backend svm01-nas), which is hdd, not ssd.')
    // The backend part is anchored: "svm01" is not the backend "svm01-nas".
    const anchored = await gradeInProcess(withParameters({ storagePools: 'svm01:aggr1_01' }), { args: only })
    expect(anchored.check('storageclass-ssd').message).toBe('StorageClass ontap-gold can match none of the aggregates known here (aggr2_01, aggr1_01), so it does not select ssd.')
  })

  it('fail an SSD class whose additionalStoragePools adds the HDD aggregate', async () => {
    const run = await gradeInProcess(withParameters({ media: 'ssd', additionalStoragePools: 'svm01-nas:aggr2_01' }), { args: only })
    expect(run.check('storageclass-ssd').message).toBe('StorageClass ontap-gold can place volumes on aggregate aggr2_01 (backend svm01-nas), which is hdd, not ssd.')
  })
})

describe('virtual pools', () => {
  const virtual = (parameters: Record<string, string>) => {
    const objects = withParameters(parameters)
    const config = (find(objects, 'TridentBackend', 'tbe-x7k2p').config as { ontap_config: Record<string, unknown> }).ontap_config
    config.storage = [{ labels: { performance: 'gold' } }, { labels: { performance: 'bronze' } }]
    return objects
  }

  it("read a backend with virtual pools as Trident does: a volume in <backend>_pool_<n> lands on any of the backend's aggregates that meets the class", async () => {
    const byName = await gradeInProcess(virtual({ storagePools: 'svm01-nas:svm01-nas_pool_0' }), { args: only })
    expect(byName.check('storageclass-ssd').message).toBe('StorageClass ontap-gold can place volumes on aggregate aggr2_01 (backend svm01-nas), which is hdd, not ssd.')
    const withMedia = await gradeInProcess(virtual({ media: 'ssd', storagePools: 'svm01-nas:svm01-nas_pool_0' }), { args: only })
    expect(withMedia.statuses()).toMatchObject({ 'storageclass-ssd': 'passed', 'storageclass-hdd': 'passed' })
    expect(evidenceText(withMedia.check('storageclass-ssd'))).toContain('svm01-nas:aggr1_01')
  })
})

describe('storage pools as ONTAP reports them (simulator, vsadmin over SSH)', () => {
  const PASSWORD = 'Lab-Passw0rd-7'
  let sim: StartedOntapSim
  beforeAll(async () => {
    sim = await startOntapSim({ password: PASSWORD })
    // An aggregate whose type says nothing about its media (ONTAP Select and simulators report vmdisk).
    sim.state.createAggregate({ name: 'aggr3_01', diskType: 'vm_disk', storageType: 'vmdisk' })
    sim.state.setSvmAggregates('svm01', ['aggr1_01', 'aggr2_01', 'aggr3_01'])
  })
  afterAll(async () => {
    await sim.stop()
  })
  const ontap = () => [...only, '--ontap-host=127.0.0.1', `--ontap-port=${sim.sshPort}`, '--svm=svm01', `--ontap-host-key=${sim.hostKeyFingerprint}`, '--ontap-timeout=3']

  it('pass a storagePools class on an SSD aggregate ONTAP lists; one whose aggregate media nobody knows passes with a note, never fails', async () => {
    const objects = withParameters({ storagePools: 'svm01-nas:aggr1_01' })
    find(objects, 'StorageClass', 'ontap-silver').parameters = { storagePools: 'svm01-nas:aggr3_01' }
    const run = await gradeInProcess(objects, { args: ontap(), env: { ONTAP_PASSWORD: PASSWORD } })
    const ssd = run.check('storageclass-ssd')
    expect(ssd.status).toBe('passed')
    expect(evidenceText(ssd)).toContain('aggregates listed by ONTAP')
    expect(ssd.message).toBe('Passed.')
    const hdd = run.check('storageclass-hdd')
    expect(hdd.status).toBe('passed')
    expect(hdd.message).toBe(
      'Passed. Note: StorageClass ontap-silver picks aggregates by name (aggr3_01) whose media neither ONTAP (as this user) nor the rubric tells, so whether they are hdd was not checked.',
    )
  })

  it("make such a class a grader error (no points lost) with the rubric's unknownAggregateMedia: error, in pvc-bound too", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sc-rubric-'))
    const rubricFile = join(dir, 'rubric.yaml')
    await writeFile(rubricFile, 'parameters: { unknownAggregateMedia: error }\n')
    const objects = withParameters({ storagePools: 'svm01-nas:aggr3_01' })
    const args = ontap().map((a) => (a.startsWith('--only=') ? '--only=storageclass-ssd,storageclass-hdd,pvc-bound' : a))
    const run = await gradeInProcess(objects, { args: [...args, `--rubric=${rubricFile}`], env: { ONTAP_PASSWORD: PASSWORD } })
    expect(run.check('storageclass-ssd')).toMatchObject({ status: 'error', errorCode: 'ONTAP_MEDIA_UNKNOWN' })
    expect(run.check('storageclass-ssd').message).toContain('StorageClass ontap-gold picks aggregates by name (aggr3_01)')
    expect(run.check('pvc-bound')).toMatchObject({ status: 'error', errorCode: 'ONTAP_MEDIA_UNKNOWN' })
    expect(run.check('storageclass-hdd').status).toBe('passed')
    expect(run.exitCode).toBe(2)
  })

  it('ask ONTAP for the aggregates once per run, however many objectives need the pools', async () => {
    const objects = withParameters({ storagePools: 'svm01-nas:aggr1_01' })
    const args = (objectives: string) => ontap().map((a) => (a.startsWith('--only=') ? `--only=${objectives}` : a))
    const one = await gradeRecorded(objects, { args: args('storageclass-ssd'), env: { ONTAP_PASSWORD: PASSWORD } })
    const three = await gradeRecorded(objects, { args: args('storageclass-ssd,storageclass-hdd,pvc-bound'), env: { ONTAP_PASSWORD: PASSWORD } })
    expect(three.statuses()).toMatchObject({ 'storageclass-ssd': 'passed', 'storageclass-hdd': 'passed', 'pvc-bound': 'passed' })
    expect(one.card?.stats?.ontapCommands).toBeGreaterThan(0)
    expect(three.card?.stats).toMatchObject({ ontapSessions: 1, ontapCommands: one.card?.stats?.ontapCommands })
  })

  it('never fail media: hdd for an aggregate whose media ONTAP leaves unknown', async () => {
    const run = await gradeInProcess(withParameters({ media: 'hdd', storagePools: 'svm01-nas:aggr3_01' }, 'ontap-silver'), { args: ontap(), env: { ONTAP_PASSWORD: PASSWORD } })
    expect(run.check('storageclass-hdd').status).toBe('passed')
  })
})

describe("Trident's own media offers (simulator, default seed: aggr1_01 ssd, aggr2_01 sas/hdd)", () => {
  const PASSWORD = 'Lab-Passw0rd-7'
  let sim: StartedOntapSim
  let ca: string
  beforeAll(async () => {
    sim = await startOntapSim({ password: PASSWORD })
    ca = join(await mkdtemp(join(tmpdir(), 'sc-ca-')), 'ca.crt')
    await writeFile(ca, sim.caCertPem)
  })
  afterAll(async () => {
    await sim.stop()
  })
  const ssh = () => [...only, '--ontap-host=127.0.0.1', `--ontap-port=${sim.sshPort}`, '--svm=svm01', `--ontap-host-key=${sim.hostKeyFingerprint}`, '--ontap-timeout=3']
  const rest = () => [...only, '--ontap-api=rest', '--ontap-host=127.0.0.1', `--ontap-port=${sim.httpsPort}`, '--svm=svm01', `--ontap-ca=${ca}`, '--ontap-timeout=3']

  it("pass the lab's media: hdd class with a note when Trident (24.06+, ONTAP 9.15.1+, REST) offers no aggregate that media; not on ZAPI", async () => {
    const run = await gradeInProcess(loadCase('reference'), { args: [...ssh(), '--lang=ja'], env: { ONTAP_PASSWORD: PASSWORD } })
    expect(run.check('storageclass-ssd').i18n.en.message).toBe('Passed.')
    const hdd = run.check('storageclass-hdd')
    expect(hdd.status).toBe('passed')
    expect(hdd.i18n.en.message).toBe(
      'Passed. Note: StorageClass ontap-silver asks for media "hdd", but this Trident reads aggregate media over ONTAP REST and gives no aggregate of the backend that media (over ONTAP REST only disk type "ssd" gets one), so a PVC of this class stays Pending with "no available backends".',
    )
    expect(hdd.message).toContain('Pending のままになります')
    // useREST: false on the backend, or a Trident before 24.06: ZAPI reads the aggregate type, hdd is offered.
    const zapi = loadCase('reference')
    ;(find(zapi, 'TridentBackend', 'tbe-x7k2p').config as { ontap_config: Record<string, unknown> }).ontap_config.useREST = false
    expect((await gradeInProcess(zapi, { args: ssh(), env: { ONTAP_PASSWORD: PASSWORD } })).check('storageclass-hdd').message).toBe('Passed.')
    const older = loadCase('reference')
    find(older, 'TridentVersion', 'trident').trident_version = '23.10.0'
    expect((await gradeInProcess(older, { args: ssh(), env: { ONTAP_PASSWORD: PASSWORD } })).check('storageclass-hdd').message).toBe('Passed.')
  })

  it('reads the same over REST, where ONTAP shows the disk types', async () => {
    const run = await gradeInProcess(loadCase('reference'), { args: rest(), env: { ONTAP_PASSWORD: PASSWORD } })
    expect(run.check('storageclass-ssd').message).toBe('Passed.')
    expect(run.check('storageclass-hdd').message).toContain('over ONTAP REST and gives no aggregate of the backend that media')
  })
})
