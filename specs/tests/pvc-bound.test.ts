import { describe, expect, it } from 'vitest'
import { find, loadCase, type RecordedObject, without } from '@trident-lab/recorded-cluster'
import { gradeInProcess } from './grade-in-process.js'

const only = ['--only=pvc-bound']
const PVC = 'mysql-pv-claim'
const PV = 'pvc-e12460a6-bd34-4c43-8e67-f0ba4d5a6324'

/** The reference with the database's claim Pending on `className`, and a ProvisioningFailed event saying `message`. */
function pendingOn(className: string, message: string): RecordedObject[] {
  const objects = without(loadCase('reference'), 'PersistentVolume')
  const pvc = find(objects, 'PersistentVolumeClaim', PVC)
  ;(pvc.spec as Record<string, unknown>).volumeName = undefined
  ;(pvc.spec as Record<string, unknown>).storageClassName = className
  pvc.status = { phase: 'Pending' }
  objects.push({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${PVC}.1`, namespace: 'alice' },
    involvedObject: { kind: 'PersistentVolumeClaim', name: PVC, namespace: 'alice' },
    type: 'Warning',
    reason: 'ProvisioningFailed',
    message,
    lastTimestamp: '2026-11-20T10:00:00Z',
  })
  return objects
}

describe('pvc-bound', () => {
  it('passes for a Bound PVC on the SSD class with a PV Trident provisioned', async () => {
    const run = await gradeInProcess(loadCase('reference'), { args: only })
    expect(run.check('pvc-bound').status).toBe('passed')
    expect(run.check('pvc-bound').evidence.map((e) => e.label)).toContain(`PersistentVolumeClaim alice/${PVC}`)
  })

  it('fails a Pending PVC and quotes the ProvisioningFailed event', async () => {
    const objects = pendingOn(
      'ontap-gold',
      'failed to provision volume with StorageClass "ontap-gold": rpc error: code = Unknown desc = encountered error(s) in creating the volume: no available backends for storage class ontap-gold',
    )
    const check = (await gradeInProcess(objects, { args: only })).check('pvc-bound')
    expect(check.status).toBe('failed')
    expect(check.message).toContain(`PVC ${PVC} is Pending, not Bound (ProvisioningFailed: failed to provision volume`)
    expect(check.evidence.find((e) => e.label.startsWith('Events of'))?.data).toEqual([expect.stringContaining('no available backends for storage class ontap-gold')])
  })

  it('fails a PVC that names a class that does not exist', async () => {
    const objects = without(loadCase('reference'), 'PersistentVolume')
    const pvc = find(objects, 'PersistentVolumeClaim', PVC)
    pvc.spec = { ...(pvc.spec as object), storageClassName: 'ontap-golden', volumeName: undefined }
    pvc.status = { phase: 'Pending' }
    const check = (await gradeInProcess(objects, { args: only })).check('pvc-bound')
    expect(check.message).toBe(`PVC ${PVC} asks for StorageClass "ontap-golden", which does not exist.`)
  })

  it('fails a PVC bound to a hand-made PV', async () => {
    const objects = loadCase('reference')
    const pv = find(objects, 'PersistentVolume', PV)
    pv.metadata.annotations = {}
    ;(pv.spec as Record<string, unknown>).csi = undefined
    ;(pv.spec as Record<string, unknown>).hostPath = { path: '/mnt/data' }
    const check = (await gradeInProcess(objects, { args: only })).check('pvc-bound')
    expect(check.message).toBe(`PVC ${PVC} is bound to PV ${PV}, which was not provisioned dynamically by Trident.`)
  })

  it('fails a database PVC on the HDD class', async () => {
    const objects = loadCase('reference')
    ;(find(objects, 'PersistentVolumeClaim', PVC).spec as Record<string, unknown>).storageClassName = 'ontap-silver'
    ;(find(objects, 'PersistentVolume', PV).spec as Record<string, unknown>).storageClassName = 'ontap-silver'
    const check = (await gradeInProcess(objects, { args: only })).check('pvc-bound')
    expect(check.message).toBe('PVC mysql-pv-claim uses StorageClass "ontap-silver", which is not a Trident SSD class (it asks for media "hdd"); the database belongs on the SSD class.')
  })

  it('fails with a clear sentence when the namespace does not exist, or has no PVC', async () => {
    const missing = (await gradeInProcess(loadCase('reference'), { args: only, student: 'bob' })).check('pvc-bound')
    expect(missing.message).toBe('Namespace bob does not exist in this cluster.')
    const empty = (await gradeInProcess(without(loadCase('reference'), 'PersistentVolumeClaim'), { args: only })).check('pvc-bound')
    expect(empty.message).toBe('No PersistentVolumeClaim was found in namespace alice.')
  })

  it('reads the class from the beta annotation, which Kubernetes puts before spec.storageClassName', async () => {
    const objects = loadCase('reference')
    const pvc = find(objects, 'PersistentVolumeClaim', PVC)
    ;(pvc.spec as Record<string, unknown>).storageClassName = undefined
    ;(pvc.metadata.annotations as Record<string, string>)['volume.beta.kubernetes.io/storage-class'] = 'ontap-gold'
    expect((await gradeInProcess(objects, { args: only })).check('pvc-bound').status).toBe('passed')

    // The annotation wins: a claim annotated with the HDD class is on the HDD class, whatever its spec says.
    const annotatedHdd = loadCase('reference')
    ;(find(annotatedHdd, 'PersistentVolumeClaim', PVC).metadata.annotations as Record<string, string>)['volume.beta.kubernetes.io/storage-class'] = 'ontap-silver'
    const check = (await gradeInProcess(annotatedHdd, { args: only })).check('pvc-bound')
    expect(check.message).toContain('uses StorageClass "ontap-silver", which is not a Trident SSD class')
  })

  it('passes on a class that picks the SSD aggregate with storagePools', async () => {
    const objects = loadCase('reference')
    find(objects, 'StorageClass', 'ontap-gold').parameters = { storagePools: 'svm01-nas:aggr1_01' }
    expect((await gradeInProcess(objects, { args: only })).check('pvc-bound').status).toBe('passed')
  })

  it('fails a PV whose claimRef names a claim in another namespace, or another uid', async () => {
    const otherNamespace = loadCase('reference')
    Object.assign((find(otherNamespace, 'PersistentVolume', PV).spec as Record<string, any>).claimRef, { namespace: 'bob', uid: '0b0b0b0b-1111-4222-8333-444444444444' })
    const check = (await gradeInProcess(otherNamespace, { args: only })).check('pvc-bound')
    expect(check.status).toBe('failed')
    expect(check.message).toBe(
      `PVC ${PVC} points at PV ${PV}, but that PV belongs to another claim (bob/${PVC}, uid 0b0b0b0b-1111-4222-8333-444444444444), not to alice/${PVC} (uid e12460a6-bd34-4c43-8e67-f0ba4d5a6324).`,
    )

    const otherUid = loadCase('reference')
    ;(find(otherUid, 'PersistentVolume', PV).spec as Record<string, any>).claimRef.uid = 'ffffffff-0000-4000-8000-000000000000'
    expect((await gradeInProcess(otherUid, { args: only })).check('pvc-bound').message).toContain('belongs to another claim (alice/mysql-pv-claim, uid ffffffff-0000-4000-8000-000000000000)')
  })

  it('fails cleanly, without asking the API, when volumeName is not a PV name', async () => {
    const objects = loadCase('reference')
    ;(find(objects, 'PersistentVolumeClaim', PVC).spec as Record<string, unknown>).volumeName = '../namespaces/kube-system/secrets/admin-token?x=1#'
    const run = await gradeInProcess(objects, { args: only })
    const check = run.check('pvc-bound')
    expect(check.status).toBe('failed')
    expect(check.message).toBe(`PVC ${PVC} names volume "../namespaces/kube-system/secrets/admin-token?x=1#", which is not a valid PersistentVolume name; the grader did not look it up.`)
    expect(run.server.requests.filter((r) => r.includes('secrets'))).toEqual([])
  })

  it('names the class and its media when the database claim stays Pending on a class of other media', async () => {
    const objects = pendingOn('ontap-silver', 'failed to provision volume with StorageClass "ontap-silver": rpc error: code = Unknown desc = no available backends for storage class ontap-silver')
    const check = (await gradeInProcess(objects, { args: [...only, '--lang=ja'] })).check('pvc-bound')
    expect(check.status).toBe('failed')
    expect(check.i18n.en.message).toBe(
      `PVC ${PVC} is Pending, not Bound: its StorageClass "ontap-silver" asks for media "hdd", and the database belongs on the SSD class (Kubernetes says: ProvisioningFailed: failed to provision volume with StorageClass "ontap-silver": rpc error: code = Unknown desc = no available backends for storage class ontap-silver).`,
    )
    expect(check.message).toContain('StorageClass "ontap-silver" が media "hdd" を指定しています')
  })
})

describe('pvc-bound: the PV is the one Trident provisioned for this very claim', () => {
  const OTHER_UID = '7f3e2d1c-0000-4000-8000-00000000beef'
  /** A hand-made PV bound by volumeName that copies another claim's Trident attributes (its handle, internalName, backend). */
  const copiedPv = (name: string, handle = `pvc-${OTHER_UID}`) => {
    const objects = loadCase('reference')
    const pv = find(objects, 'PersistentVolume', PV)
    pv.metadata.name = name
    const csi = (pv.spec as { csi: { volumeHandle: string; volumeAttributes: Record<string, string> } }).csi
    csi.volumeHandle = handle
    csi.volumeAttributes.internalName = `trident_pvc_${OTHER_UID.replaceAll('-', '_')}`
    ;(find(objects, 'PersistentVolumeClaim', PVC).spec as Record<string, unknown>).volumeName = name
    return objects
  }

  it("fails a PV not named after the claim's uid, even when every Trident attribute was copied from another claim", async () => {
    const run = await gradeInProcess(copiedPv('copied-pv'), { args: ['--only=pvc-bound,data-persists'] })
    expect(run.check('pvc-bound').message).toBe(`PVC ${PVC} is bound to PV copied-pv, which Trident did not provision for it: Trident's PV for this claim is named ${PV} (pvc-<the claim's uid>).`)
    expect(run.check('data-persists').status).toBe('blocked')
  })

  it("fails a PV named after the claim whose handle names another volume, or whose ONTAP name is another claim's", async () => {
    const handle = (await gradeInProcess(copiedPv(PV), { args: only })).check('pvc-bound')
    expect(handle.message).toBe(
      `PVC ${PVC} is bound to PV ${PV}, whose volumeHandle is "pvc-${OTHER_UID}": Trident sets the handle to the PV's own name, so this PV names a volume that was not made for this claim.`,
    )
    const internal = (await gradeInProcess(copiedPv(PV, PV), { args: [...only, '--lang=ja'] })).check('pvc-bound')
    expect(internal.i18n.en.message).toBe(
      `PVC ${PVC} is bound to PV ${PV}, which names ONTAP volume trident_pvc_${OTHER_UID.replaceAll('-', '_')}, but Trident names this claim's volume trident_pvc_${PV.slice(4).replaceAll('-', '_')}: the PV does not point at the volume Trident made for this claim.`,
    )
    expect(internal.message).toContain('Trident がこの PVC のボリュームに付ける名前は')
  })

  it("never takes a name template with actions the grader cannot render as proof: the name must hold the claim's uid", async () => {
    const objects = copiedPv(PV, PV)
    const backend = find(objects, 'TridentBackend', 'tbe-x7k2p')
    ;(backend.config as { ontap_config: Record<string, unknown> }).ontap_config.defaults = { nameTemplate: '{{printf "%s" .volume.Name}}' }
    expect((await gradeInProcess(objects, { args: only })).check('pvc-bound').status).toBe('failed')
  })

  it('keeps data-persists from writing into an unproven volume even when the rubric drops its prerequisites', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const rubric = join(await mkdtemp(join(tmpdir(), 'rubric-')), 'rubric.yaml')
    await writeFile(rubric, 'objectives:\n  data-persists: { requires: [], requiresMountable: [] }\n')
    const run = await gradeInProcess(copiedPv(PV, PV), { args: ['--only=data-persists', `--rubric=${rubric}`] })
    const check = run.check('data-persists')
    expect(check.status).toBe('blocked')
    expect(check.message).toBe(`Not checked: nothing was written and no pod was deleted, because PV ${PV} is not proven to be the volume Trident made for PVC alice/${PVC} (see pvc-bound).`)
  })
})
