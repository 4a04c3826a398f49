import type { V1PersistentVolume, V1StorageClass } from '@kubernetes/client-node'
import { describe, expect, it } from 'vitest'
import { labelsToSelector, matchesSelector, mountsOfClaim, samePath, type Workload } from './database.js'
import { formatBytes, quantityToBytes } from './quantity.js'
import { backendTypeOk, isDefaultClass, readTridentClass, tridentRelease } from './storage-classes.js'
import { parsePoolList } from './pool-list.js'
import { classSelects, poolMatches, type BadPattern, type Pool, type PoolView } from './storage-pools.js'
import { CSI_VOLUME_NAME, ontapVolumeName, tridentProvisioned } from './volume-name.js'

const sc = (name: string, provisioner: string, parameters: Record<string, string>, annotations?: Record<string, string>): V1StorageClass => ({
  metadata: { name, annotations },
  provisioner,
  parameters,
})

describe('volume names', () => {
  const csiPv: V1PersistentVolume = {
    metadata: { name: 'pvc-e12460a6-bd34-4c43-8e67-f0ba4d5a6324', annotations: { 'pv.kubernetes.io/provisioned-by': 'csi.trident.netapp.io' } },
    spec: {
      csi: { driver: 'csi.trident.netapp.io', volumeHandle: 'pvc-e12460a6-bd34-4c43-8e67-f0ba4d5a6324', volumeAttributes: { internalName: 'trident_pvc_e12460a6_bd34_4c43_8e67_f0ba4d5a6324' } },
    },
  }

  it("reads CSI Trident's internalName", () => {
    expect(ontapVolumeName(csiPv)).toBe('trident_pvc_e12460a6_bd34_4c43_8e67_f0ba4d5a6324')
    expect(ontapVolumeName(csiPv)).toMatch(CSI_VOLUME_NAME)
    expect(tridentProvisioned(csiPv)).toEqual({ ok: true, legacy: false })
  })

  it('reads a legacy (pre-CSI) PV: the NFS path, or trident_<ns>_<pvc>_<uid5> from the claim', () => {
    const legacy: V1PersistentVolume = {
      metadata: { name: 'trident-basic-f4048', annotations: { 'pv.kubernetes.io/provisioned-by': 'netapp.io/trident' } },
      spec: { nfs: { server: '192.168.20.20', path: '/trident_trident_basic_f4048' } },
    }
    expect(ontapVolumeName(legacy)).toBe('trident_trident_basic_f4048')
    expect(tridentProvisioned(legacy)).toEqual({ ok: true, legacy: true })
    const noPath: V1PersistentVolume = { metadata: { annotations: { 'pv.kubernetes.io/provisioned-by': 'netapp.io/trident' } }, spec: {} }
    // The name is read from the PV, never built: a legacy PV without an NFS path names no volume.
    expect(ontapVolumeName(noPath)).toBeUndefined()
  })

  it("tells a hand-made or foreign PV from Trident's", () => {
    expect(tridentProvisioned({ metadata: {}, spec: { hostPath: { path: '/mnt' } } })).toEqual({ ok: false, why: expect.stringContaining('made by hand') })
    expect(tridentProvisioned({ metadata: { annotations: { 'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path' } }, spec: {} })).toEqual({
      ok: false,
      why: 'it was provisioned by rancher.io/local-path',
    })
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

describe('storage classes as Trident reads them', () => {
  const read = (parameters: Record<string, string>, version?: string, annotations?: Record<string, string>) =>
    readTridentClass(sc('c', 'csi.trident.netapp.io', parameters, annotations), tridentRelease(version))

  it('strips the trident.netapp.io prefix since 22.07 only, and skips csi.storage.k8s.io/* keys since 22.04', () => {
    expect(read({ 'trident.netapp.io/media': 'ssd' }).attributes).toEqual({ media: 'ssd' })
    expect(read({ 'trident.netapp.io/media': 'ssd' }, '22.07.0').attributes).toEqual({ media: 'ssd' })
    expect(read({ 'trident.netapp.io/media': 'ssd' }, '22.04.0').rejected).toEqual({ key: 'trident.netapp.io/media', value: 'ssd', why: 'unrecognized' })
    expect(read({ 'csi.storage.k8s.io/fstype': 'ext4', fsType: 'ext4', media: 'ssd' }, '25.06.0').rejected).toBeUndefined()
    expect(read({ 'csi.storage.k8s.io/fstype': 'ext4' }, '21.10.1').rejected?.key).toBe('csi.storage.k8s.io/fstype')
    expect(read({ fsType: 'nfs' }, '20.07.0').rejected).toBeUndefined()
  })

  it('rejects keys and values Trident rejects, naming the key', () => {
    expect(read({ media: 'ssd', performance: 'gold' }).rejected).toMatchObject({ key: 'performance', why: 'unrecognized' })
    expect(read({ Media: 'ssd' }).rejected?.key).toBe('Media')
    expect(read({ snapshots: 'yes' }).rejected).toMatchObject({ key: 'snapshots', why: 'bad-value', type: 'bool' })
    expect(read({ snapshots: 'True', IOPS: '-5', selector: 'performance=gold; !legacy' }).rejected).toBeUndefined()
    expect(read({ IOPS: '1.5' }).rejected).toMatchObject({ why: 'bad-value', type: 'int' })
    expect(read({ selector: 'a=b=c' }).rejected).toMatchObject({ why: 'bad-value', type: 'label' })
    expect(read({ sanType: 'iscsi' }, '23.04.0').rejected?.key).toBe('sanType')
    expect(read({ nasType: 'NFS' }).attributes.nasType).toBe('nfs')
    // A TridentConfigurator-managed class (26.02+) tolerates unknown keys.
    expect(read({ foo: 'bar' }, '26.02.0', { 'trident.netapp.io/configuratorStatus': 'x' }).rejected).toBeUndefined()
    expect(read({ foo: 'bar' }, '25.10.0', { 'trident.netapp.io/configuratorStatus': 'x' }).rejected?.key).toBe('foo')
  })

  it('keeps media as written and checks backendType', () => {
    expect(read({ media: 'SSD' }).attributes.media).toBe('SSD')
    expect(backendTypeOk(read({ backendType: 'ontap-san' }))).toBe(false)
    expect(backendTypeOk(read({ backendType: 'ontap-nas' }))).toBe(true)
    expect(isDefaultClass(sc('d', 'x', {}, { 'storageclass.kubernetes.io/is-default-class': 'true' }))).toBe(true)
  })

  it('parses pool lists as Trident does, ignoring lists it cannot parse', () => {
    expect(parsePoolList('svm01-nas:aggr1_01,aggr1_02;other:.*')).toEqual(
      new Map([
        ['svm01-nas', ['aggr1_01', 'aggr1_02']],
        ['other', ['.*']],
      ]),
    )
    expect(parsePoolList('aggr1_01')).toBeUndefined()
    expect(parsePoolList(':aggr1')).toBeUndefined()
    expect(parsePoolList('svm01-nas:')).toBeUndefined()
    expect(parsePoolList('a:b;')).toBeUndefined()
    const ignored = read({ storagePools: 'aggr1_01' })
    expect(ignored.storagePools).toBeUndefined()
    expect(ignored.ignoredPoolLists).toEqual(['storagePools: aggr1_01'])
    expect(read({ requiredStorage: 'b:p' }).additionalStoragePools).toEqual(new Map([['b', ['p']]]))
  })
})

describe('which pools a class can match', () => {
  const pool = (name: string, media: Pool['media'], backend: string | null = 'svm01-nas'): Pool => ({
    backend: backend ?? undefined,
    name,
    media,
    mediaFrom: media ? 'ontap' : undefined,
    offers: { nasType: 'nfs' },
  })
  const lab: PoolView = { pools: [pool('aggr1_01', 'ssd'), pool('aggr1_02', 'ssd'), pool('aggr2_01', 'hdd')], complete: true }
  const classOf = (parameters: Record<string, string>) => read(parameters)
  const read = (parameters: Record<string, string>) => readTridentClass(sc('c', 'csi.trident.netapp.io', parameters))
  const matched = (parameters: Record<string, string>, view = lab) => view.pools.filter((p) => poolMatches(classOf(parameters), p) === 'yes').map((p) => p.name)

  it('anchors the backend regex but not the pool regex', () => {
    expect(matched({ storagePools: 'svm01-nas:aggr1' })).toEqual(['aggr1_01', 'aggr1_02'])
    expect(matched({ storagePools: 'svm01:aggr1' })).toEqual([])
    expect(matched({ storagePools: 'svm01.*:aggr1_01$' })).toEqual(['aggr1_01'])
    expect(matched({ storagePools: '^svm01-nas$:_01' })).toEqual(['aggr1_01', 'aggr2_01'])
    expect(matched({ storagePools: 'svm01-nas:^aggr2' })).toEqual(['aggr2_01'])
    expect(matched({ storagePools: 'other:.*;svm01-nas:aggr2_01,aggr1_02' })).toEqual(['aggr1_02', 'aggr2_01'])
  })

  it("lets additionalStoragePools add pools and excludeStoragePools remove them, in Trident's order", () => {
    expect(matched({ additionalStoragePools: 'svm01-nas:aggr2_01' })).toEqual(['aggr2_01'])
    expect(matched({ media: 'ssd', additionalStoragePools: 'svm01-nas:aggr2_01' })).toEqual(['aggr1_01', 'aggr1_02', 'aggr2_01'])
    expect(matched({ media: 'ssd', excludeStoragePools: 'svm01-nas:aggr1_02' })).toEqual(['aggr1_01'])
    expect(matched({ additionalStoragePools: 'svm01-nas:aggr2_01', excludeStoragePools: '.*:aggr2' })).toEqual([])
  })

  it('counts a pool-list class as SSD only when every pool it can match is SSD', () => {
    expect(classSelects(classOf({ storagePools: 'svm01-nas:aggr1' }), 'ssd', lab)).toMatchObject({ selects: true })
    expect(classSelects(classOf({ storagePools: 'svm01-nas:aggr1' }), 'hdd', lab)).toMatchObject({ selects: false, why: 'pool-other-media', pool: { name: 'aggr1_01' } })
    expect(classSelects(classOf({ storagePools: 'svm01-nas:aggr' }), 'ssd', lab)).toMatchObject({ selects: false, why: 'pool-other-media', pool: { name: 'aggr2_01' } })
    expect(classSelects(classOf({ additionalStoragePools: 'svm01-nas:aggr2_01' }), 'hdd', lab)).toMatchObject({ selects: true })
    expect(classSelects(classOf({ storagePools: 'svm01-nas:aggr9' }), 'ssd', lab)).toMatchObject({ selects: false, why: 'no-pool', poolsKnown: ['aggr1_01', 'aggr1_02', 'aggr2_01'] })
    expect(classSelects(classOf({ provisioningType: 'thin' }), 'ssd', lab)).toEqual({ selects: false, why: 'no-media', badPatterns: [] })
  })

  it("never fails media: ssd on unknown media, and says when the pools' media cannot be known", () => {
    const unknown: PoolView = { pools: [pool('aggr1_01', undefined), pool('aggr2_01', undefined)], complete: true }
    expect(classSelects(classOf({ media: 'ssd' }), 'ssd', unknown)).toMatchObject({ selects: true })
    expect(classSelects(classOf({ media: 'ssd' }), 'ssd', { pools: [], complete: false })).toMatchObject({ selects: true })
    expect(classSelects(classOf({ storagePools: 'svm01-nas:aggr1_01' }), 'ssd', unknown)).toMatchObject({ selects: false, why: 'pool-unknown-media' })
    // ONTAP says only "not SSD": known for the SSD question, unknown for the HDD one.
    const notSsd: PoolView = { pools: [pool('aggr2_01', 'not-ssd')], complete: true }
    expect(classSelects(classOf({ storagePools: 'svm01-nas:aggr2_01' }), 'ssd', notSsd)).toMatchObject({ selects: false, why: 'pool-other-media' })
    expect(classSelects(classOf({ storagePools: 'svm01-nas:aggr2_01' }), 'hdd', notSsd)).toMatchObject({ selects: false, why: 'pool-unknown-media' })
    // No TridentBackend yet: the pool part alone decides.
    const noBackend: PoolView = { pools: [pool('aggr1_01', 'ssd', null), pool('aggr2_01', 'hdd', null)], complete: false }
    expect(classSelects(classOf({ storagePools: 'anything:aggr1' }), 'ssd', noBackend)).toMatchObject({ selects: true })
  })

  it('matches media exactly and reads the other attributes as ontap-nas offers them', () => {
    expect(classSelects(classOf({ media: 'SSD' }), 'ssd', lab)).toEqual({ selects: false, why: 'media-spelling', media: 'SSD', badPatterns: [] })
    expect(classSelects(classOf({ media: 'hdd' }), 'ssd', lab)).toEqual({ selects: false, why: 'other-media', media: 'hdd', badPatterns: [] })
    expect(classSelects(classOf({ media: 'ssd', provisioningType: 'Thin' }), 'ssd', lab)).toEqual({ selects: false, why: 'attribute', attribute: 'provisioningType', value: 'Thin', badPatterns: [] })
    expect(classSelects(classOf({ media: 'ssd', IOPS: '100' }), 'ssd', lab)).toMatchObject({ selects: false, why: 'attribute', attribute: 'IOPS' })
    expect(classSelects(classOf({ media: 'ssd', snapshots: 'false', provisioningType: 'thick' }), 'ssd', lab)).toMatchObject({ selects: true })
    // media: ssd on an SVM whose aggregates ONTAP lists, none of them SSD: Trident can place nothing.
    expect(classSelects(classOf({ media: 'ssd' }), 'ssd', { pools: [pool('aggr2_01', 'hdd')], complete: true })).toMatchObject({ selects: false, why: 'no-pool' })
  })
})

describe('pool lists with Go regular expressions', () => {
  const pool = (name: string, media: Pool['media'], extra: Partial<Pool> = {}): Pool => ({ backend: 'svm01-nas', name, media, mediaFrom: 'ontap', offers: { nasType: 'nfs' }, ...extra })
  const lab: PoolView = { pools: [pool('aggr1_01', 'ssd'), pool('aggr2_01', 'hdd')], complete: true }
  const read = (parameters: Record<string, string>) => readTridentClass(sc('c', 'csi.trident.netapp.io', parameters))
  const bad = (parameters: Record<string, string>) => {
    const found: BadPattern[] = []
    for (const p of lab.pools) poolMatches(read(parameters), p, found)
    return found
  }

  it("matches with Go's syntax: \\z, \\Q..\\E, POSIX classes and flags work; look-around and backreferences do not compile and match nothing", () => {
    expect(classSelects(read({ storagePools: 'svm01-nas:aggr1_01\\z' }), 'ssd', lab)).toMatchObject({ selects: true, badPatterns: [] })
    expect(classSelects(read({ storagePools: 'svm01-nas:\\Qaggr1_\\E[[:digit:]]+' }), 'ssd', lab)).toMatchObject({ selects: true })
    expect(classSelects(read({ storagePools: 'svm01-nas:(?i)AGGR1' }), 'ssd', lab)).toMatchObject({ selects: true })
    expect(bad({ storagePools: 'svm01-nas:aggr(?=1)' })).toEqual([{ list: 'storagePools', pattern: 'aggr(?=1)', error: 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`' }])
    expect(classSelects(read({ storagePools: 'svm01-nas:(aggr1)\\1' }), 'ssd', lab)).toMatchObject({ selects: false, why: 'no-pool', badPatterns: [{ pattern: '(aggr1)\\1' }] })
    expect(classSelects(read({ storagePools: 'svm07-nas:aggr1_01(' }), 'ssd', lab)).toMatchObject({ selects: false, why: 'no-pool' })
    expect(bad({ storagePools: '(svm:aggr1' })).toEqual([{ list: 'storagePools', pattern: '(svm', error: 'error parsing regexp: missing closing ): `^(svm$`' }])
    // The backend part is compiled as Trident anchors it: `a\\` is `^a\\$`, a literal dollar, not a trailing backslash.
    expect(classSelects(read({ storagePools: 'a\\:aggr1;svm01-nas:aggr1' }), 'ssd', lab)).toMatchObject({ selects: true, badPatterns: [] })
  })

  it('evaluates a pattern that stalls a backtracking engine at once', () => {
    const slow: PoolView = { pools: [pool(`${'a'.repeat(40)}-b`, 'ssd', { backend: `${'a'.repeat(40)}-b` })], complete: true }
    const started = performance.now()
    expect(classSelects(read({ storagePools: '(a+)+:.*' }), 'ssd', slow)).toMatchObject({ selects: false, why: 'no-pool' })
    expect(classSelects(read({ additionalStoragePools: '.*:(a+)+$' }), 'ssd', slow)).toMatchObject({ selects: false, why: 'no-pool' })
    expect(classSelects(read({ storagePools: '.*:(.*a){25}' }), 'ssd', slow)).toMatchObject({ selects: true })
    expect(performance.now() - started).toBeLessThan(1_000)
  })

  it('counts a class that picks its pools only with excludeStoragePools by what is left', () => {
    expect(classSelects(read({ excludeStoragePools: 'svm01-nas:aggr1_01' }), 'hdd', lab)).toMatchObject({ selects: true, pools: [{ name: 'aggr2_01' }] })
    expect(classSelects(read({ excludeStoragePools: 'svm01-nas:aggr1_01' }), 'ssd', lab)).toMatchObject({ selects: false, why: 'pool-other-media', onlyOther: true })
    expect(classSelects(read({ excludeStoragePools: 'svm01-nas:aggr9' }), 'hdd', lab)).toMatchObject({ selects: false, why: 'pool-other-media', pool: { name: 'aggr1_01' } })
    // An exclude list that does not compile excludes nothing.
    expect(classSelects(read({ media: 'ssd', excludeStoragePools: 'svm01-nas:(' }), 'ssd', lab)).toMatchObject({ selects: true, badPatterns: [{ list: 'excludeStoragePools', pattern: '(' }] })
  })

  it('reaches through a virtual pool to the aggregates Trident may pick for the class', () => {
    const aggregates = [pool('aggr1_01', 'ssd'), pool('aggr2_01', 'hdd')]
    const virtual: PoolView = { pools: [pool('svm01-nas_pool_0', undefined, { physical: aggregates }), pool('svm01-nas_pool_1', undefined, { physical: aggregates })], complete: true }
    // Any aggregate: not an SSD class.
    expect(classSelects(read({ storagePools: 'svm01-nas:_pool_0' }), 'ssd', virtual)).toMatchObject({ selects: false, why: 'pool-other-media', pool: { name: 'aggr2_01' } })
    // With media: ssd, Trident keeps only the SSD aggregate for the volume.
    expect(classSelects(read({ media: 'ssd', storagePools: 'svm01-nas:_pool_0' }), 'ssd', virtual)).toMatchObject({ selects: true, pools: [{ name: 'aggr1_01' }] })
    expect(classSelects(read({ media: 'hdd' }), 'hdd', virtual)).toMatchObject({ selects: true, pools: [{ name: 'aggr2_01' }, { name: 'aggr2_01' }] })
  })

  it("says when Trident offers no pool the class's media (hdd over ONTAP REST), without a pool-list note for a class with no lists", () => {
    const rest: PoolView = { pools: [pool('aggr1_01', 'ssd', { tridentMedia: 'ssd' }), pool('aggr2_01', 'hdd', { tridentMedia: 'none' })], complete: true }
    expect(classSelects(read({ media: 'hdd' }), 'hdd', rest)).toMatchObject({ selects: true, tridentOffersNone: true, unmatchedNote: false })
    expect(classSelects(read({ media: 'ssd' }), 'ssd', rest)).toMatchObject({ selects: true, tridentOffersNone: false, unmatchedNote: false })
    expect(classSelects(read({ media: 'ssd' }), 'ssd', { pools: [], complete: false })).toMatchObject({ selects: true, unmatchedNote: false })
    expect(classSelects(read({ media: 'ssd', storagePools: 'other:.*' }), 'ssd', { pools: [pool('aggr1_01', undefined)], complete: false })).toMatchObject({ selects: true, unmatchedNote: true })
  })
})

describe('database discovery', () => {
  const workload = (claimTemplates?: string[]): Workload & { claimTemplates?: string[] } => ({
    kind: claimTemplates ? 'StatefulSet' : 'Deployment',
    name: 'mysql',
    template: {
      spec: {
        containers: [
          { name: 'db', volumeMounts: [{ name: 'data', mountPath: '/var/lib/mysql/' }] },
          { name: 'sidecar', volumeMounts: [{ name: 'data', mountPath: '/backup' }] },
        ],
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
