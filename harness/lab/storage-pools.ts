// Which storage pools a Trident class can match (storage_class/storage_class.go, Matches), and so whether it
// is an SSD (or HDD) class. For ontap-nas each aggregate assigned to the backend's SVM is a pool named by the
// aggregate; its `media` comes from the aggregate (hdd, hybrid or ssd; anything else gives the pool no media).
//
// Pool lists (`storagePools`, `additionalStoragePools`, `excludeStoragePools`) are written
// `<backend regex>:<pool regex>[,<pool regex>...][;<backend regex>:...]`. Trident anchors the backend regex
// (adds ^ and $ when missing) but not the pool regex: `aggr1` matches `aggr1_01` and `xaggr1`.
// Matching, in Trident's order: a pool an exclude list matches never matches; a pool an additional list matches
// always matches; otherwise every attribute request must be met by the pool's offer, and, when storagePools is
// given, the pool must be in it.

import { goMatchString, goRegexp } from './go-regexp.js'
import type { PoolList } from './pool-list.js'
import type { Media, TridentClassReading } from './storage-classes.js'

type Tri = 'yes' | 'no' | 'unknown'

/** A pattern of a pool list that Go's regexp cannot compile: Trident logs it and it matches no pool. */
export interface BadPattern {
  /** The class parameter it is in. */
  list: PoolListName
  /** As the student wrote it. */
  pattern: string
  /** Go's compile error. */
  error: string
}

export type PoolListName = 'storagePools' | 'additionalStoragePools' | 'excludeStoragePools'

/**
 * regexMatcher of storage_class.go: some entry's backend regex (anchored with ^ and $ when it lacks them) matches the
 * pool's backend and one of its pool regexes matches the pool's name, both with Go's regexp.MatchString; a regex
 * that does not compile matches nothing. With no TridentBackend to name the backend yet, the pool part alone decides.
 */
function listMatches(list: PoolList, name: PoolListName, backend: string | undefined, pool: string, bad: BadPattern[]): boolean {
  let matched = false
  for (const [backendSource, poolSources] of list) {
    if (backend !== undefined) {
      const backendMatch = goMatchString(anchorBackend(backendSource), backend)
      if (backendMatch.error) noteBad(bad, name, backendSource, backendMatch.error)
      if (!backendMatch.matched) continue
    }
    for (const poolSource of poolSources) {
      const poolMatch = goMatchString(poolSource, pool)
      if (poolMatch.error) noteBad(bad, name, poolSource, poolMatch.error)
      if (poolMatch.matched) matched = true
    }
  }
  return matched
}

/** Trident's anchoring of a pool list's backend part: `^` and `$` added where missing (no group around it). */
function anchorBackend(source: string): string {
  return `${source.startsWith('^') ? '' : '^'}${source}${source.endsWith('$') ? '' : '$'}`
}

function noteBad(bad: BadPattern[], list: PoolListName, pattern: string, error: string): void {
  if (!bad.some((b) => b.list === list && b.pattern === pattern)) bad.push({ list, pattern, error })
}

/** Where the grader learnt a pool's media. */
export type MediaSource = 'ontap' | 'rubric'

export interface Pool {
  /** The Trident backend's name (`backendName`); undefined when no ontap-nas TridentBackend exists to name it. */
  backend?: string
  /** The aggregate, or a virtual pool's `<backend>_pool_<index>`. */
  name: string
  /**
   * The aggregate's media when the grader knows it: ssd, hdd, hybrid, or `not-ssd` when ONTAP says only that it is
   * not SSD-backed. Undefined when unknown, including aggregates ONTAP reports with a type that says nothing
   * (vmdisk, lun). Unused for a virtual pool: its volumes land on its `physical` aggregates.
   */
  media?: Media | 'not-ssd'
  mediaFrom?: MediaSource
  /**
   * The `media` Trident itself offers for this pool (the value a class's `media` is compared with): a media, `none`
   * when Trident gives the pool no media value (over ONTAP REST only disk type ssd gives one), undefined when the
   * grader cannot tell which API path Trident uses or what ONTAP says of the aggregate.
   */
  tridentMedia?: Media | 'none'
  /** The ONTAP API Trident reads this pool's media with, when the grader can tell. */
  mediaPath?: 'rest' | 'zapi'
  /** Backend settings that ontap-nas pools offer as attributes. */
  offers: { nasType: string; region?: string; zone?: string }
  /**
   * A virtual pool (`storage: [...]` in the backend config): the backend's aggregates, among which Trident picks the
   * one a volume lands on, keeping those that meet the class's attributes (ontap_common.go, getPoolsForCreate).
   */
  physical?: Pool[]
}

/** How one pool fares against a class (storage_class.go, Matches): match yes/no/unknown. `bad` collects patterns Go cannot compile. */
export function poolMatches(reading: TridentClassReading, pool: Pool, bad: BadPattern[] = []): Tri {
  const inList = (list: PoolList | undefined, name: PoolListName) => (list ? listMatches(list, name, pool.backend, pool.name, bad) : false)
  if (reading.excludeStoragePools && inList(reading.excludeStoragePools, 'excludeStoragePools')) return 'no'
  if (reading.additionalStoragePools) {
    if (inList(reading.additionalStoragePools, 'additionalStoragePools')) return 'yes'
    if (Object.keys(reading.attributes).length === 0 && !reading.storagePools) return 'no'
  }
  const attributes = attributesMatch(reading, pool)
  const inPools = reading.storagePools ? (inList(reading.storagePools, 'storagePools') ? 'yes' : 'no') : 'yes'
  return and([attributes, inPools])
}

function attributesMatch(reading: TridentClassReading, pool: Pool): Tri {
  return and(Object.entries(reading.attributes).map(([name, value]) => attributeMatches(name, value, pool)))
}

/** ontap-nas pool offers (storage_drivers/ontap/ontap_nas.go, setStoragePoolAttributes). */
function attributeMatches(name: string, value: string, pool: Pool): Tri {
  switch (name) {
    case 'media': {
      // Whether the pool's aggregate has that media (the class's intent); what Trident itself offers is
      // judged apart (tridentMedia), so that the lab's documented `media: hdd` is never failed for it.
      if (pool.physical) return or(pool.physical.map((p) => attributeMatches(name, value, p)))
      const is = mediaIs(pool, value)
      return is === undefined ? 'unknown' : is ? 'yes' : 'no'
    }
    case 'backendType':
      return value === 'ontap-nas' ? 'yes' : 'no'
    case 'provisioningType':
      return value === 'thin' || value === 'thick' ? 'yes' : 'no'
    case 'snapshots':
    case 'clones':
    case 'encryption':
      return 'yes' // offered as true, which meets any request
    case 'replication':
      // Offered as the backend's mirroring flag, which the TridentBackend does not show reliably.
      return ['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value) ? 'yes' : 'unknown'
    case 'nasType':
      return value === pool.offers.nasType ? 'yes' : 'no'
    case 'region':
      return pool.offers.region === undefined ? 'no' : pool.offers.region === value ? 'yes' : 'no'
    case 'zone':
      return pool.offers.zone === undefined ? 'no' : pool.offers.zone === value ? 'yes' : 'no'
    case 'labels':
    case 'selector':
      return 'unknown' // backend labels: not modelled here
    default:
      return 'no' // IOPS, sanType and Trident's test attributes: no ontap-nas pool offers them
  }
}

/** Whether the pool has this media: true, false, or undefined when the grader cannot tell. */
function mediaIs(pool: Pool, media: string): boolean | undefined {
  if (pool.media === undefined) return undefined
  if (pool.media === 'not-ssd') return media === 'ssd' ? false : undefined
  return pool.media === media
}

function and(values: Tri[]): Tri {
  if (values.includes('no')) return 'no'
  return values.includes('unknown') ? 'unknown' : 'yes'
}

function or(values: Tri[]): Tri {
  if (values.includes('yes')) return 'yes'
  return values.includes('unknown') ? 'unknown' : 'no'
}

/** Whether a class selects `media`, and why not when it does not. Every verdict lists the patterns Go cannot compile. */
export type ClassVerdict = (
  | {
      selects: true
      /** The aggregates its volumes can land on. */
      pools: Pool[]
      /** Those whose media only the rubric tells. */
      rubricPools: string[]
      /** Its pool lists match none of the aggregates known here (a `media` class the grader cannot place). */
      unmatchedNote?: boolean
      /** Trident offers no pool this media (e.g. `hdd` over ONTAP REST), so the class's PVCs stay Pending. */
      tridentOffersNone?: boolean
    }
  | { selects: false; why: 'other-media'; media: string }
  | { selects: false; why: 'media-spelling'; media: string }
  | { selects: false; why: 'no-media' }
  /** `onlyOther`: every aggregate it can reach has the other media (a class meant for that media). */
  | { selects: false; why: 'pool-other-media'; pool: Pool; onlyOther: boolean }
  | { selects: false; why: 'pool-unknown-media'; pools: Pool[] }
  | { selects: false; why: 'no-pool'; poolsKnown: string[] }
  | { selects: false; why: 'attribute'; attribute: string; value: string }
) & { badPatterns: BadPattern[] }

export interface PoolView {
  pools: Pool[]
  /** True when the pool list came from ONTAP (every aggregate of the SVM), false when from the rubric only. */
  complete: boolean
}

/**
 * Does this class (already known to be read by Trident, provisioner and keys fine) select `media`? It does when every
 * aggregate Trident would let it use has that media, however it picks them: `media`, `storagePools`,
 * `additionalStoragePools`, `excludeStoragePools`, virtual pools.
 * - `media: <media>` selects it whatever the grader knows of the aggregates (unknown media never fails the
 *   documented way); it fails only when the grader knows every pool and none can match, or when a pool list adds
 *   an aggregate of other media.
 * - without `media`, a class with pool lists selects it when every aggregate they leave it is known to have that
 *   media; a class with neither selects every aggregate.
 */
export function classSelects(reading: TridentClassReading, media: Media, view: PoolView): ClassVerdict {
  const badPatterns: BadPattern[] = []
  const verdict = judge(reading, media, view, badPatterns)
  // Every pattern is a defect worth naming, also one Trident never reaches (its backend part matched no backend).
  for (const name of ['storagePools', 'additionalStoragePools', 'excludeStoragePools'] as const) {
    for (const [backend, pools] of reading[name] ?? []) {
      const anchored = goRegexp(anchorBackend(backend))
      if (!anchored.ok) noteBad(badPatterns, name, backend, anchored.error)
      for (const pattern of pools) {
        const compiled = goRegexp(pattern)
        if (!compiled.ok) noteBad(badPatterns, name, pattern, compiled.error)
      }
    }
  }
  return { ...verdict, badPatterns } as ClassVerdict
}

type Judged = ClassVerdict extends infer V ? (V extends unknown ? Omit<V, 'badPatterns'> : never) : never

function judge(reading: TridentClassReading, media: Media, view: PoolView, bad: BadPattern[]): Judged {
  const asked = reading.attributes.media
  if (asked !== undefined && asked !== media) {
    return asked.toLowerCase() === media ? { selects: false, why: 'media-spelling', media: asked } : { selects: false, why: 'other-media', media: asked }
  }
  for (const [name, value] of Object.entries(reading.attributes)) {
    if (name === 'media' || name === 'labels' || name === 'selector' || name === 'replication') continue
    if (name === 'nasType' || name === 'region' || name === 'zone') continue // depend on the backend's settings
    if (attributeMatches(name, value, NO_POOL) === 'no' && !reading.additionalStoragePools) return { selects: false, why: 'attribute', attribute: name, value }
  }
  const hasLists = Boolean(reading.storagePools || reading.additionalStoragePools || reading.excludeStoragePools)
  // Where volumes can land: each matching aggregate, or the aggregates behind a matching virtual pool that meet
  // the class's attributes.
  const landing = view.pools.flatMap((pool) => {
    const match = poolMatches(reading, pool, bad)
    if (match === 'no') return []
    if (!pool.physical) return [{ pool, match }]
    return pool.physical.map((aggregate) => ({ pool: aggregate, match: and([match, attributesMatch(reading, aggregate)]) })).filter((l) => l.match !== 'no')
  })
  const candidates = landing.map((l) => l.pool)
  const definitelyWrong = landing.find((l) => l.match === 'yes' && mediaIs(l.pool, media) === false)
  const rubricPools = names(candidates.filter((p) => p.mediaFrom === 'rubric'))
  const onlyOther = candidates.every((p) => mediaIs(p, media) === false)
  if (asked === media) {
    // Only additionalStoragePools can add an aggregate of other media to a class that asks for this one.
    if (definitelyWrong) return { selects: false, why: 'pool-other-media', pool: definitelyWrong.pool, onlyOther }
    if (candidates.length === 0 && view.complete && view.pools.length > 0) return { selects: false, why: 'no-pool', poolsKnown: names(view.pools) }
    const offered = candidates.map((p) => p.tridentMedia)
    const tridentOffersNone = candidates.length > 0 && offered.every((m) => m !== undefined && m !== media)
    return { selects: true, pools: candidates, rubricPools, unmatchedNote: hasLists && candidates.length === 0, tridentOffersNone }
  }
  if (!hasLists) return { selects: false, why: 'no-media' }
  if (definitelyWrong) return { selects: false, why: 'pool-other-media', pool: definitelyWrong.pool, onlyOther }
  if (candidates.length === 0) return { selects: false, why: 'no-pool', poolsKnown: names(view.pools) }
  const uncertain = landing.filter((l) => mediaIs(l.pool, media) !== true).map((l) => l.pool)
  if (uncertain.length > 0) return { selects: false, why: 'pool-unknown-media', pools: uncertain }
  return { selects: true, pools: candidates, rubricPools }
}

const NO_POOL: Pool = { name: '', offers: { nasType: 'nfs' } }

function names(pools: Pool[]): string[] {
  return [...new Set(pools.map((p) => p.name))]
}
