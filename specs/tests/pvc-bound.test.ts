import { describe, expect, it } from 'vitest'
import { find, loadCase, without } from '../../fixtures/recorded-cluster/recorded-cases.js'
import { gradeRecorded } from './grade-recorded.js'

const only = ['--only=pvc-bound']
const PVC = 'mysql-pv-claim'
const PV = 'pvc-e12460a6-bd34-4c43-8e67-f0ba4d5a6324'

describe('pvc-bound', () => {
  it('passes for a Bound PVC on the SSD class with a PV Trident provisioned', async () => {
    const run = await gradeRecorded(loadCase('reference'), { args: only })
    expect(run.check('pvc-bound').status).toBe('passed')
    expect(run.check('pvc-bound').evidence.map((e) => e.label)).toContain(`PersistentVolumeClaim alice/${PVC}`)
  })

  it('fails a Pending PVC and quotes the ProvisioningFailed event', async () => {
    const objects = without(loadCase('reference'), 'PersistentVolume')
    const pvc = find(objects, 'PersistentVolumeClaim', PVC)
    ;(pvc.spec as Record<string, unknown>).volumeName = undefined
    pvc.status = { phase: 'Pending' }
    objects.push({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${PVC}.1`, namespace: 'alice' },
      involvedObject: { kind: 'PersistentVolumeClaim', name: PVC, namespace: 'alice' },
      type: 'Warning',
      reason: 'ProvisioningFailed',
      message: 'failed to provision volume with StorageClass "ontap-gold": rpc error: code = Unknown desc = encountered error(s) in creating the volume: no available backends for storage class ontap-gold',
      lastTimestamp: '2026-11-20T10:00:00Z',
    })
    const check = (await gradeRecorded(objects, { args: only })).check('pvc-bound')
    expect(check.status).toBe('failed')
    expect(check.message).toContain(`PVC ${PVC} is Pending, not Bound (ProvisioningFailed: failed to provision volume`)
    expect(check.evidence.find((e) => e.label.startsWith('Events of'))?.data).toEqual([expect.stringContaining('no available backends for storage class ontap-gold')])
  })

  it('fails a PVC that names a class that does not exist', async () => {
    const objects = without(loadCase('reference'), 'PersistentVolume')
    const pvc = find(objects, 'PersistentVolumeClaim', PVC)
    pvc.spec = { ...(pvc.spec as object), storageClassName: 'ontap-golden', volumeName: undefined }
    pvc.status = { phase: 'Pending' }
    const check = (await gradeRecorded(objects, { args: only })).check('pvc-bound')
    expect(check.message).toBe(`PVC ${PVC} asks for StorageClass "ontap-golden", which does not exist.`)
  })

  it('fails a PVC bound to a hand-made PV', async () => {
    const objects = loadCase('reference')
    const pv = find(objects, 'PersistentVolume', PV)
    pv.metadata.annotations = {}
    ;(pv.spec as Record<string, unknown>).csi = undefined
    ;(pv.spec as Record<string, unknown>).hostPath = { path: '/mnt/data' }
    const check = (await gradeRecorded(objects, { args: only })).check('pvc-bound')
    expect(check.message).toBe(`PVC ${PVC} is bound to PV ${PV}, which was not provisioned dynamically by Trident.`)
  })

  it('fails a database PVC on the HDD class', async () => {
    const objects = loadCase('reference')
    ;(find(objects, 'PersistentVolumeClaim', PVC).spec as Record<string, unknown>).storageClassName = 'ontap-silver'
    ;(find(objects, 'PersistentVolume', PV).spec as Record<string, unknown>).storageClassName = 'ontap-silver'
    const check = (await gradeRecorded(objects, { args: only })).check('pvc-bound')
    expect(check.message).toContain('uses StorageClass "ontap-silver", which is not a Trident SSD class')
  })

  it('fails with a clear sentence when the namespace does not exist, or has no PVC', async () => {
    const missing = (await gradeRecorded(loadCase('reference'), { args: only, student: 'bob' })).check('pvc-bound')
    expect(missing.message).toBe('Namespace bob does not exist in this cluster.')
    const empty = (await gradeRecorded(without(loadCase('reference'), 'PersistentVolumeClaim'), { args: only })).check('pvc-bound')
    expect(empty.message).toBe('No PersistentVolumeClaim was found in namespace alice.')
  })
})
