import type { V1PersistentVolume, V1StorageClass } from '@kubernetes/client-node'
import { describe, expect, it } from 'vitest'
import { labelsToSelector, matchesSelector, mountsOfClaim, samePath, type Workload } from './database.js'
import { formatBytes, quantityToBytes } from './quantity.js'
import { backendTypeOk, classesFor, isDefaultClass, mediaOf } from './storage-classes.js'
import { CSI_VOLUME_NAME, ontapVolumeName, tridentProvisioned } from './volume-name.js'

const sc = (name: string, provisioner: string, parameters: Record<string, string>, annotations?: Record<string, string>): V1StorageClass => ({ metadata: { name, annotations }, provisioner, parameters })

describe('volume names', () => {
  const csiPv: V1PersistentVolume = {
    metadata: { name: 'pvc-e12460a6-bd34-4c43-8e67-f0ba4d5a6324', annotations: { 'pv.kubernetes.io/provisioned-by': 'csi.trident.netapp.io' } },
    spec: { csi: { driver: 'csi.trident.netapp.io', volumeHandle: 'pvc-e12460a6-bd34-4c43-8e67-f0ba4d5a6324', volumeAttributes: { internalName: 'trident_pvc_e12460a6_bd34_4c43_8e67_f0ba4d5a6324' } } },
  }

  it('reads CSI Trident\'s internalName', () => {
    expect(ontapVolumeName(csiPv)).toBe('trident_pvc_e12460a6_bd34_4c43_8e67_f0ba4d5a6324')
    expect(ontapVolumeName(csiPv)).toMatch(CSI_VOLUME_NAME)
    expect(tridentProvisioned(csiPv)).toEqual({ ok: true, legacy: false })
  })

  it('reads a legacy (pre-CSI) PV: the NFS path, or trident_<ns>_<pvc>_<uid5> from the claim', () => {
    const legacy: V1PersistentVolume = { metadata: { name: 'trident-basic-f4048', annotations: { 'pv.kubernetes.io/provisioned-by': 'netapp.io/trident' } }, spec: { nfs: { server: '192.168.20.20', path: '/trident_trident_basic_f4048' } } }
    expect(ontapVolumeName(legacy)).toBe('trident_trident_basic_f4048')
    expect(tridentProvisioned(legacy)).toEqual({ ok: true, legacy: true })
    const noPath: V1PersistentVolume = { metadata: { annotations: { 'pv.kubernetes.io/provisioned-by': 'netapp.io/trident' } }, spec: {} }
    expect(ontapVolumeName(noPath, { metadata: { name: 'my-db', namespace: 'user-07', uid: 'f4048aa1-0000-0000-0000-000000000000' } })).toBe('trident_user_07_my_db_f4048')
  })

  it('tells a hand-made or foreign PV from Trident\'s', () => {
    expect(tridentProvisioned({ metadata: {}, spec: { hostPath: { path: '/mnt' } } })).toEqual({ ok: false, why: expect.stringContaining('made by hand') })
    expect(tridentProvisioned({ metadata: { annotations: { 'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path' } }, spec: {} })).toEqual({ ok: false, why: 'it was provisioned by rancher.io/local-path' })
    const noAnnotation = { ...csiPv, metadata: { name: csiPv.metadata!.name } }
    expect(tridentProvisioned(noAnnotation)).toMatchObject({ ok: false })
  })
})

describe('quantities', () => {
  it.each([
    ['20Gi', 20 * 2 ** 30],
    ['1G', 1e9],
    ['500Mi', 500 * 2 ** 20],
    ['1073741824', 1073741824],
    ['1.5Ti', 1.5 * 2 ** 40],
    ['2e3', 2000],
  ])('%s is %d bytes', (q, bytes) => {
    expect(quantityToBytes(q)).toBe(bytes)
  })
  it('refuses what is not a quantity, and prints bytes readably', () => {
    expect(quantityToBytes('lots')).toBeUndefined()
    expect(formatBytes(10 * 2 ** 30)).toBe('10GiB')
    expect(formatBytes(1536)).toBe('1.50KiB')
  })
})

describe('storage classes', () => {
  it('reads media with or without the trident.netapp.io/ prefix, and checks backendType', () => {
    const classes = [sc('a', 'csi.trident.netapp.io', { 'trident.netapp.io/media': 'SSD' }), sc('b', 'csi.trident.netapp.io', { media: 'ssd', backendType: 'ontap-san' }), sc('c', 'netapp.io/trident', { media: 'ssd' })]
    expect(mediaOf(classes[0])).toBe('ssd')
    expect(backendTypeOk(classes[1])).toBe(false)
    expect(classesFor(classes, 'ssd').map((c) => c.metadata?.name)).toEqual(['a'])
    expect(isDefaultClass(sc('d', 'x', {}, { 'storageclass.kubernetes.io/is-default-class': 'true' }))).toBe(true)
  })
})

describe('database discovery', () => {
  const workload = (claimTemplates?: string[]): Workload & { claimTemplates?: string[] } => ({
    kind: claimTemplates ? 'StatefulSet' : 'Deployment',
    name: 'mysql',
    template: {
      spec: {
        containers: [{ name: 'db', volumeMounts: [{ name: 'data', mountPath: '/var/lib/mysql/' }] }, { name: 'sidecar', volumeMounts: [{ name: 'data', mountPath: '/backup' }] }],
        volumes: claimTemplates ? [] : [{ name: 'data', persistentVolumeClaim: { claimName: 'mysql-pv-claim' } }],
      },
    },
    selector: 'app=mysql',
    desired: 1,
    available: 1,
    claimTemplates,
  })

  it('finds every container mounting a claim, through volumes or StatefulSet claim templates', () => {
    expect(mountsOfClaim(workload(), 'mysql-pv-claim').map((m) => `${m.container}:${m.mountPath}`)).toEqual(['db:/var/lib/mysql/', 'sidecar:/backup'])
    expect(mountsOfClaim(workload(['data']), 'data-mysql-0')).toHaveLength(2)
    expect(mountsOfClaim(workload(['data']), 'data-other-0')).toEqual([])
  })

  it('compares paths and selectors as Kubernetes users write them', () => {
    expect(samePath('/var/lib/mysql/', '/var/lib/mysql')).toBe(true)
    expect(samePath('/var/lib/mysql2', '/var/lib/mysql')).toBe(false)
    expect(labelsToSelector({ app: 'wordpress', tier: 'mysql' })).toBe('app=wordpress,tier=mysql')
    expect(matchesSelector({ app: 'wordpress', tier: 'mysql' }, 'tier=mysql')).toBe(true)
    expect(matchesSelector({ app: 'wordpress' }, 'tier=mysql')).toBe(false)
  })
})
