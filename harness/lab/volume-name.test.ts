import type { V1PersistentVolume } from '@kubernetes/client-node'
import { describe, expect, it } from 'vitest'
import { backendNaming, checkTridentName, defaultInternalName, isQtreePoolName, ontapVolumeRef, renderLabel } from './volume-name.js'

const UID = 'e12460a6-bd34-4c43-8e67-f0ba4d5a6324'
const PV = `pvc-${UID}`
const subject = { pvName: PV, namespace: 'alice', claimName: 'mysql-pv-claim', claimUid: UID, storageClass: 'ontap-gold' }
const csiPv = (attributes: Record<string, string>): V1PersistentVolume => ({
  metadata: { name: PV, annotations: { 'pv.kubernetes.io/provisioned-by': 'csi.trident.netapp.io' } },
  spec: { csi: { driver: 'csi.trident.netapp.io', volumeHandle: PV, volumeAttributes: attributes } },
})

describe('what a PV names on ONTAP', () => {
  it('a FlexVol from internalName; an ontap-nas-economy qtree from internalID', () => {
    expect(ontapVolumeRef(csiPv({ internalName: 'trident_pvc_x' }))).toEqual({ kind: 'flexvol', volume: 'trident_pvc_x', legacy: false })
    const qtree = csiPv({ internalName: 'trident_pvc_x', internalID: '/svm/svm01/flexvol/trident_qtree_pool_trident_ABCDEFGHIJ/qtree/trident_pvc_x' })
    expect(ontapVolumeRef(qtree)).toEqual({ kind: 'qtree', svm: 'svm01', flexvol: 'trident_qtree_pool_trident_ABCDEFGHIJ', qtree: 'trident_pvc_x', internalName: 'trident_pvc_x' })
  })

  it('a legacy PV by its NFS path, and never a name built from the claim', () => {
    const legacy: V1PersistentVolume = { metadata: { annotations: { 'pv.kubernetes.io/provisioned-by': 'netapp.io/trident' } }, spec: { nfs: { server: 's', path: '/trident_alice_db_f4048' } } }
    expect(ontapVolumeRef(legacy)).toEqual({ kind: 'flexvol', volume: 'trident_alice_db_f4048', legacy: true })
    expect(ontapVolumeRef({ metadata: { annotations: { 'pv.kubernetes.io/provisioned-by': 'netapp.io/trident' } }, spec: {} })).toBeUndefined()
  })

  it("knows Trident's qtree pool FlexVols", () => {
    expect(isQtreePoolName('trident_qtree_pool_trident_ABCDEFGHIJ')).toBe(true)
    expect(isQtreePoolName('svm01_root')).toBe(false)
  })
})

describe("Trident's name for a PV's volume", () => {
  it('follows the storage prefix: default trident_, a custom one, or none', () => {
    expect(defaultInternalName(PV, undefined)).toBe('trident_pvc_e12460a6_bd34_4c43_8e67_f0ba4d5a6324')
    expect(defaultInternalName(PV, 'lab')).toBe('lab_pvc_e12460a6_bd34_4c43_8e67_f0ba4d5a6324')
    expect(defaultInternalName(PV, 'lab_')).toBe('lab_pvc_e12460a6_bd34_4c43_8e67_f0ba4d5a6324')
    expect(defaultInternalName(PV, '')).toBe('pvc_e12460a6_bd34_4c43_8e67_f0ba4d5a6324')
  })

  it("accepts this PV's name and refuses the SVM root, another PV's volume or any other name", () => {
    const naming = backendNaming({ svm: 'svm01' })
    expect(checkTridentName('trident_pvc_e12460a6_bd34_4c43_8e67_f0ba4d5a6324', subject, naming)).toMatchObject({ ok: true })
    for (const other of ['svm01_root', 'trident_pvc_0b7d3c11_0000_4000_8000_000000000001', 'vol1']) {
      expect(checkTridentName(other, subject, naming)).toEqual({ ok: false, expected: 'trident_pvc_e12460a6_bd34_4c43_8e67_f0ba4d5a6324' })
    }
    expect(checkTridentName('lab_pvc_e12460a6_bd34_4c43_8e67_f0ba4d5a6324', subject, backendNaming({ storagePrefix: 'lab_' }))).toMatchObject({ ok: true })
  })

  it('accepts a name template of the backend (root or pool), filled as Trident fills it', () => {
    const naming = backendNaming({
      labels: { cluster: 'ClassA' },
      defaults: { nameTemplate: '{{.volume.Name}}_{{.labels.cluster}}_{{.volume.Namespace}}_{{.volume.RequestName}}' },
      storage: [{ defaults: { nameTemplate: 'pool01_{{ .volume.Namespace }}_{{ .volume.RequestName }}' } }],
    })
    expect(checkTridentName('pvc_e12460a6_bd34_4c43_8e67_f0ba4d5a6324_ClassA_alice_mysql_pv_claim', subject, naming)).toMatchObject({ ok: true, rule: expect.stringContaining('name template') })
    // A template without .volume.Name gets Trident's suffix: 5 characters of the PV name.
    expect(checkTridentName('pool01_alice_mysql_pv_claim_e1246', subject, naming)).toMatchObject({ ok: true })
    expect(checkTridentName('pool01_bob_mysql_pv_claim_e1246', subject, naming)).toMatchObject({ ok: false })
    expect(checkTridentName('pool01_alice_mysql_pv_claim_0b7d3', subject, naming)).toMatchObject({ ok: false })
  })

  it('lets a template part the grader cannot know match any name characters, but nothing else', () => {
    const naming = backendNaming({ defaults: { nameTemplate: '{{.volume.Name}}_{{.config.Unknown}}' } })
    expect(checkTridentName('pvc_e12460a6_bd34_4c43_8e67_f0ba4d5a6324_anything_here', subject, naming)).toMatchObject({ ok: true })
    expect(checkTridentName('pvc_e12460a6_bd34_4c43_8e67_f0ba4d5a6324', subject, naming)).toMatchObject({ ok: true })
    expect(checkTridentName('svm01_root', subject, naming)).toMatchObject({ ok: false })
  })

  it('accepts a pre-CSI name only from the claim it belongs to', () => {
    expect(checkTridentName('trident_alice_mysql_pv_claim_e1246', subject, undefined, true)).toMatchObject({ ok: true })
    expect(checkTridentName('trident_alice_mysql_pv_claim_e1246', subject, undefined, false)).toMatchObject({ ok: false })
  })

  it('renders label values for the comment check', () => {
    const naming = backendNaming({ labels: { cluster: 'ClassA', pvc: '{{.volume.Namespace}}_{{.volume.RequestName}}', odd: '{{.config.Nope}}' } })
    expect(renderLabel('ClassA', subject, naming)).toBe('ClassA')
    expect(renderLabel(naming.labels.pvc, subject, naming)).toBe('alice_mysql-pv-claim')
    expect(renderLabel(naming.labels.odd, subject, naming)).toBeUndefined()
  })
})
