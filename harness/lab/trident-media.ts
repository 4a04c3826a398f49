// The `media` Trident's ontap-nas driver gives a pool (aggregate), as Trident decides it
// (storage_drivers/ontap/ontap_common.go: InitializeOntapAPI, ontapPerformanceClasses; api/abstraction_rest.go and
// abstraction_zapi.go: GetSVMAggregateAttributes):
//
// - The API path: before Trident 24.06, ZAPI unless the backend says `useREST: true`. From 24.06 the ONTAP release
//   decides: below 9.12.1 ZAPI only; 9.12.1 up to 9.15.1 ZAPI unless `useREST: true`; from 9.15.1 REST unless
//   `useREST: false`; above 9.99 REST only.
// - ZAPI reads the aggregate's type (hdd, hybrid, ssd, ...); REST reads `block_storage.primary.disk_type` (fc, lun,
//   nl_sas, nvme_ssd, sas, sata, scsi, ssd, ssd_cap, ssd_zns, vm_disk). Either is looked up in one table keyed by hdd,
//   hybrid and ssd, so over REST only disk type `ssd` gives a media value: an HDD aggregate offers none, and a class
//   asking for `media: hdd` matches no pool.

import type { Media, TridentRelease } from './storage-classes.js'

export type OntapApiPath = 'rest' | 'zapi'

const PERFORMANCE_CLASSES: Record<string, Media> = { hdd: 'hdd', hybrid: 'hybrid', ssd: 'ssd' }
const REST_DEFAULT_SINCE: [number, number] = [24, 6]

type Version = [number, number, number]

function parseRelease(text: string | undefined): Version | undefined {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(text ?? '')
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined
}

const below = (v: Version, than: Version) => (v[0] !== than[0] ? v[0] < than[0] : v[1] !== than[1] ? v[1] < than[1] : v[2] < than[2])

/** `useREST` as Trident reads it from the backend config: true, false, or unset. */
function useRestOf(value: unknown): boolean | undefined {
  if (value === true || value === 'true') return true
  if (value === false || value === 'false') return false
  return undefined
}

/** Whether the ONTAP release decides the path for this Trident (24.06 and later, or a release the grader cannot read). */
export function ontapReleaseMatters(release: TridentRelease): boolean {
  return !release || !below([release[0], release[1], 0], [...REST_DEFAULT_SINCE, 0])
}

/**
 * The API Trident's ontap-nas driver uses: undefined when the grader cannot tell (Trident 24.06+ without a readable
 * ONTAP release) or when Trident refuses the combination (the backend then fails; backend-online reports it).
 */
export function tridentApiPath(release: TridentRelease, ontapRelease: string | undefined, useREST: unknown): OntapApiPath | undefined {
  const rest = useRestOf(useREST)
  if (!ontapReleaseMatters(release)) return rest === true ? 'rest' : 'zapi'
  const ontap = parseRelease(ontapRelease)
  if (!ontap) return undefined
  if (below(ontap, [9, 12, 1])) return rest === true ? undefined : 'zapi'
  if (below(ontap, [9, 15, 1])) return rest === true ? 'rest' : 'zapi'
  if (below(ontap, [9, 100, 0])) return rest === false ? 'zapi' : 'rest'
  return rest === false ? undefined : 'rest'
}

/** What ONTAP says of an aggregate: its type, and (REST only) its primary disk type. */
export interface AggregateKind {
  storageType?: string
  diskType?: string
}

/** The pool's media offer on that path: a media, `none` (Trident gives it none), or undefined when unknown. */
export function tridentMediaOffer(path: OntapApiPath | undefined, aggregate: AggregateKind): Media | 'none' | undefined {
  if (path === 'zapi') return aggregate.storageType === undefined ? undefined : (PERFORMANCE_CLASSES[aggregate.storageType] ?? 'none')
  if (path === 'rest') {
    if (aggregate.diskType !== undefined) return aggregate.diskType === 'ssd' ? 'ssd' : 'none'
    // Without the disk type: an HDD or Flash Pool aggregate's primary disks are never `ssd`; an SSD one's may be
    // ssd, nvme_ssd, ssd_cap or ssd_zns, so what Trident offers for it is not known.
    if (aggregate.storageType === 'hdd' || aggregate.storageType === 'hybrid') return 'none'
  }
  return undefined
}
