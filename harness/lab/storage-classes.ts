// StorageClasses as Trident's CSI frontend reads them (frontend/csi/controller_helpers/kubernetes/plugin.go,
// processStorageClass; storage_attribute/common_attributes.go and request.go):
// - only classes whose provisioner is csi.trident.netapp.io are read at all;
// - `csi.storage.k8s.io/*` keys and `fsType` are skipped (since 22.04; before, they were unknown attributes);
// - a `trident.netapp.io` key prefix is stripped (since 22.07; before, `trident.netapp.io/media` was unknown);
// - `storagePools`, `additionalStoragePools` (old name `requiredStorage`) and `excludeStoragePools` are pool
//   lists; a list Trident cannot parse is logged and ignored (the class then has no such restriction);
// - every other key must be a storage attribute of that Trident version, and its value must parse as the
//   attribute's type; otherwise Trident logs "unrecognized storage attribute" (or the type error) and drops the
//   whole class, so no volume is ever made for it;
// - attribute values are compared exactly: `media: SSD` matches no pool (only nasType and sanType are lowered).

import type { V1StorageClass } from '@kubernetes/client-node'
import { parsePoolList, type PoolList } from './pool-list.js'
import { CSI_PROVISIONER, LEGACY_PROVISIONER } from './trident.js'

export type Media = 'ssd' | 'hdd' | 'hybrid'
type AttributeType = 'bool' | 'int' | 'string' | 'label'

/** Trident's storage attributes (attrTypes) and the release that first knew each; `[0, 0]` = every CSI release. */
const ATTRIBUTES: Record<string, { type: AttributeType; since: [number, number] }> = {
  IOPS: { type: 'int', since: [0, 0] },
  snapshots: { type: 'bool', since: [0, 0] },
  clones: { type: 'bool', since: [0, 0] },
  encryption: { type: 'bool', since: [0, 0] },
  provisioningType: { type: 'string', since: [0, 0] },
  backendType: { type: 'string', since: [0, 0] },
  media: { type: 'string', since: [0, 0] },
  region: { type: 'string', since: [0, 0] },
  zone: { type: 'string', since: [0, 0] },
  labels: { type: 'label', since: [0, 0] },
  selector: { type: 'label', since: [0, 0] },
  // Test hooks Trident keeps in the same table; it accepts them (no ontap-nas pool offers them).
  recoveryTest: { type: 'bool', since: [0, 0] },
  uniqueOptions: { type: 'string', since: [0, 0] },
  testingAttribute: { type: 'bool', since: [0, 0] },
  nonexistentBool: { type: 'bool', since: [0, 0] },
  replication: { type: 'bool', since: [21, 7] },
  nasType: { type: 'string', since: [22, 7] },
  sanType: { type: 'string', since: [23, 7] },
}
const POOL_LISTS = { storagePools: 'storagePools', additionalStoragePools: 'additionalStoragePools', requiredStorage: 'additionalStoragePools', excludeStoragePools: 'excludeStoragePools' } as const
const CSI_PARAMETER_PREFIX = 'csi.storage.k8s.io/'
const TRIDENT_PREFIX = 'trident.netapp.io'
const CSI_KEYS_SKIPPED_SINCE: [number, number] = [22, 4]
const PREFIX_STRIPPED_SINCE: [number, number] = [22, 7]
/** `trident.netapp.io/additionalStoragePools` and `/configuratorStatus` class annotations (26.02+). */
const ANNOTATIONS_SINCE: [number, number] = [26, 2]

/** A Trident release as [major, minor], e.g. `25.06.0` -> [25, 6]; undefined reads as the newest release. */
export type TridentRelease = [number, number] | undefined

export function tridentRelease(version: string | undefined): TridentRelease {
  const m = /^v?(\d+)\.(\d+)/.exec(version ?? '')
  return m ? [Number(m[1]), Number(m[2])] : undefined
}

function atLeast(release: TridentRelease, since: [number, number]): boolean {
  if (!release) return true
  return release[0] > since[0] || (release[0] === since[0] && release[1] >= since[1])
}

/** A class as Trident's frontend turns it into a Trident storage class. */
export interface TridentClassReading {
  /** Set when Trident drops the class: the parameter key as written, and why. */
  rejected?: { key: string; value: string; why: 'unrecognized' | 'bad-value'; type?: AttributeType }
  /** Attribute requests by Trident's name (prefix stripped), values as written. */
  attributes: Record<string, string>
  storagePools?: PoolList
  additionalStoragePools?: PoolList
  excludeStoragePools?: PoolList
  /** Pool-list parameters Trident could not parse and therefore ignores, as `key: value`. */
  ignoredPoolLists: string[]
}

export function readTridentClass(sc: V1StorageClass, release?: TridentRelease): TridentClassReading {
  const reading: TridentClassReading = { attributes: {}, ignoredPoolLists: [] }
  const annotations = sc.metadata?.annotations ?? {}
  const tolerant = atLeast(release, ANNOTATIONS_SINCE) && `${TRIDENT_PREFIX}/configuratorStatus` in annotations
  for (const [key, value] of Object.entries(sc.parameters ?? {})) {
    if (key === 'fsType' || (key.startsWith(CSI_PARAMETER_PREFIX) && atLeast(release, CSI_KEYS_SKIPPED_SINCE))) continue
    const name = atLeast(release, PREFIX_STRIPPED_SINCE) ? removePrefix(key) : key
    if (name in POOL_LISTS) {
      const which = POOL_LISTS[name as keyof typeof POOL_LISTS]
      const list = parsePoolList(value)
      if (list) reading[which] = list
      else {
        reading[which] = undefined
        reading.ignoredPoolLists.push(`${key}: ${value}`)
      }
      continue
    }
    const attribute = ATTRIBUTES[name]
    if (!attribute || !atLeast(release, attribute.since)) {
      if (tolerant) continue
      reading.rejected ??= { key, value, why: 'unrecognized' }
      continue
    }
    if (!valueParses(attribute.type, value)) {
      if (tolerant) continue
      reading.rejected ??= { key, value, why: 'bad-value', type: attribute.type }
      continue
    }
    reading.attributes[name] = name === 'nasType' || name === 'sanType' ? value.toLowerCase() : value
  }
  const annotated = annotations[`${TRIDENT_PREFIX}/additionalStoragePools`]
  if (annotated !== undefined && atLeast(release, ANNOTATIONS_SINCE)) {
    const list = parsePoolList(annotated)
    if (list) reading.additionalStoragePools = list
  }
  return reading
}

/** removeSCParameterPrefix: any key starting `trident.netapp.io` loses everything up to its first `/`. */
function removePrefix(key: string): string {
  if (!key.startsWith(TRIDENT_PREFIX)) return key
  const slash = key.indexOf('/')
  if (slash <= 0 || slash === key.length - 1) return key
  return key.slice(slash + 1)
}

// Go's strconv.ParseBool and ParseInt(v, 10, 64), and Trident's label selector grammar (storage_attribute/label.go).
const GO_BOOL = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'])
const LABEL_SELECTORS = [/^[\w-]+\s*={1,2}\s*[\w-]+$/, /^[\w-]+\s*!=\s*[\w-]+$/, /^[\w-]+\s+in\s+[(][\s\w,-]+[)]$/, /^[\w-]+\s+notin\s+[(][\s\w,-]+[)]$/, /^[\w-]+$/, /^![\w-]+$/]

function valueParses(type: AttributeType, value: string): boolean {
  switch (type) {
    case 'bool':
      return GO_BOOL.has(value)
    case 'int': {
      if (!/^[+-]?\d+$/.test(value)) return false
      const n = BigInt(value)
      return n >= -(2n ** 63n) && n < 2n ** 63n
    }
    case 'label':
      return value.length > 0 && value.split(';').every((s) => LABEL_SELECTORS.some((re) => re.test(s.trim())))
    case 'string':
      return true
  }
}

/** What a class seems to ask for, for explaining near misses: its media lower-cased, as people write it. */
export function looseMedia(sc: V1StorageClass): string | undefined {
  for (const [key, value] of Object.entries(sc.parameters ?? {})) if (removePrefix(key) === 'media') return value.toLowerCase()
  return undefined
}

export const isTridentClass = (sc: V1StorageClass) => sc.provisioner === CSI_PROVISIONER
export const isLegacyTridentClass = (sc: V1StorageClass) => sc.provisioner === LEGACY_PROVISIONER

export function backendTypeOk(reading: TridentClassReading): boolean {
  const backendType = reading.attributes.backendType
  return backendType === undefined || backendType === 'ontap-nas'
}

export function isDefaultClass(sc: V1StorageClass): boolean {
  const a = sc.metadata?.annotations ?? {}
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true'
}

/** What a class looks like in evidence: name, provisioner, parameters. */
export function describeClass(sc: V1StorageClass): Record<string, unknown> {
  return { name: sc.metadata?.name, provisioner: sc.provisioner, parameters: sc.parameters ?? {}, reclaimPolicy: sc.reclaimPolicy }
}
