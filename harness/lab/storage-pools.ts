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

import type { Media, TridentClassReading } from './storage-classes.js'

/** Backend regex -> pool regexes, as CreateBackendStoragePoolsMapFromEncodedString builds it. */
export type PoolList = Map<string, string[]>

/** Parses a pool list as Trident does; undefined when Trident would reject (and then ignore) it. */
export function parsePoolList(text: string): PoolList | undefined {
  const list: PoolList = new Map()
  for (const part of text.split(';')) {
    const colon = part.indexOf(':')
    if (colon <= 0 || colon === part.length - 1) return undefined
    list.set(part.slice(0, colon), part.slice(colon + 1).split(','))
  }
  return list
}

/**
 * A Go (RE2) regular expression as a JavaScript one, or undefined when this cannot be done faithfully.
 * RE2 has no look-around or backreferences; it has `(?P<name>` groups and leading flag groups like `(?i)`.
 */
export function goRegExp(source: string): RegExp | undefined {
  let flags = ''
  let body = source
  const leading = /^\(\?([ims]+)\)/.exec(body)
  if (leading) {
    for (const f of leading[1]) if (!flags.includes(f)) flags += f
    body = body.slice(leading[0].length)
  }
  body = body.replace(/\(\?P</g, '(?<')
  // Anything RE2 spells differently from JavaScript (inline flags mid-pattern, \z, \Q..\E, [[:alpha:]]).
  if (/\(\?[a-zA-Z-]+[:)]|\\[zQEACpP]|\[\[:/.test(body)) return undefined
  try {
    return new RegExp(body, flags)
  } catch {
    return undefined
  }
}

type Tri = 'yes' | 'no' | 'unknown'

function listMatches(list: PoolList, backend: string | undefined, pool: string): Tri {
  let unknown = false
  for (const [backendSource, poolSources] of list) {
    if (backend === undefined) {
      // No TridentBackend to read the name from yet: the pool part alone decides.
      for (const poolSource of poolSources) {
        const poolRe = goRegExp(poolSource)
        if (!poolRe) unknown = true
        else if (poolRe.test(pool)) return 'yes'
      }
      continue
    }
    const anchored = `${backendSource.startsWith('^') ? '' : '^'}${backendSource}${backendSource.endsWith('$') ? '' : '$'}`
    const backendRe = goRegExp(anchored)
    if (!backendRe) {
      unknown = true
      continue
    }
    if (!backendRe.test(backend)) continue
    for (const poolSource of poolSources) {
      const poolRe = goRegExp(poolSource)
      if (!poolRe) unknown = true
      else if (poolRe.test(pool)) return 'yes'
    }
  }
  return unknown ? 'unknown' : 'no'
}

/** Where the grader learnt a pool's media. */
export type MediaSource = 'ontap' | 'rubric'

export interface Pool {
  /** The Trident backend's name (`backendName`); undefined when no ontap-nas TridentBackend exists to name it. */
  backend?: string
  /** The aggregate. */
  name: string
  /**
   * The aggregate's media when the grader knows it: ssd, hdd, hybrid, or `not-ssd` when ONTAP says only that it is
   * not SSD-backed. Undefined when unknown, including aggregates ONTAP reports with a type that says nothing
   * (vmdisk, lun): which of those Trident maps depends on its ZAPI or REST path, which the grader cannot see.
   */
  media?: Media | 'not-ssd'
  mediaFrom?: MediaSource
  /** Backend settings that ontap-nas pools offer as attributes. */
  offers: { nasType: string; region?: string; zone?: string }
}

/** How one pool fares against a class: match yes/no/unknown. */
export function poolMatches(reading: TridentClassReading, pool: Pool): Tri {
  if (reading.excludeStoragePools) {
    const excluded = listMatches(reading.excludeStoragePools, pool.backend, pool.name)
    if (excluded === 'yes') return 'no'
    if (excluded === 'unknown') return 'unknown'
  }
  let viaAdditional: Tri = 'no'
  if (reading.additionalStoragePools) {
    viaAdditional = listMatches(reading.additionalStoragePools, pool.backend, pool.name)
    if (viaAdditional === 'yes') return 'yes'
    if (Object.keys(reading.attributes).length === 0 && !reading.storagePools) return viaAdditional
  }
  const attributes = and(Object.entries(reading.attributes).map(([name, value]) => attributeMatches(name, value, pool)))
  const inPools = reading.storagePools ? listMatches(reading.storagePools, pool.backend, pool.name) : 'yes'
  return or(viaAdditional, and([attributes, inPools]))
}

/** ontap-nas pool offers (storage_drivers/ontap/ontap_nas.go, setStoragePoolAttributes). */
function attributeMatches(name: string, value: string, pool: Pool): Tri {
  switch (name) {
    case 'media': {
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
export function mediaIs(pool: Pool, media: string): boolean | undefined {
  if (pool.media === undefined) return undefined
  if (pool.media === 'not-ssd') return media === 'ssd' ? false : undefined
  return pool.media === media
}

function and(values: Tri[]): Tri {
  if (values.includes('no')) return 'no'
  return values.includes('unknown') ? 'unknown' : 'yes'
}

function or(a: Tri, b: Tri): Tri {
  if (a === 'yes' || b === 'yes') return 'yes'
  return a === 'unknown' || b === 'unknown' ? 'unknown' : 'no'
}

/** Whether a class selects `media`, and why not when it does not. */
export type ClassVerdict =
  | { selects: true; pools: Pool[]; rubricPools: string[]; unmatchedNote?: boolean }
  | { selects: false; why: 'other-media'; media: string }
  | { selects: false; why: 'media-spelling'; media: string }
  | { selects: false; why: 'no-media' }
  /** `onlyOther`: every pool it can match has the other media (a class meant for that media). */
  | { selects: false; why: 'pool-other-media'; pool: Pool; onlyOther: boolean }
  | { selects: false; why: 'pool-unknown-media'; pools: Pool[] }
  | { selects: false; why: 'no-pool'; poolsKnown: string[] }
  | { selects: false; why: 'attribute'; attribute: string; value: string }

export interface PoolView {
  pools: Pool[]
  /** True when the pool list came from ONTAP (every aggregate of the SVM), false when from the rubric only. */
  complete: boolean
}

/**
 * Does this class (already known to be read by Trident, provisioner and keys fine) select `media`?
 * - `media: <media>` selects it, whatever the grader knows of the pools (unknown media never fails the
 *   documented way); it fails only when the grader knows every pool and none can match (or one it can match
 *   through additionalStoragePools has other media).
 * - without `media`, pool lists select it when every pool they can match is known to have that media.
 */
export function classSelects(reading: TridentClassReading, media: Media, view: PoolView): ClassVerdict {
  const asked = reading.attributes.media
  if (asked !== undefined && asked !== media) {
    return asked.toLowerCase() === media ? { selects: false, why: 'media-spelling', media: asked } : { selects: false, why: 'other-media', media: asked }
  }
  for (const [name, value] of Object.entries(reading.attributes)) {
    if (name === 'media' || name === 'labels' || name === 'selector' || name === 'replication') continue
    if (name === 'nasType' || name === 'region' || name === 'zone') continue // depend on the backend's settings
    if (attributeMatches(name, value, NO_POOL) === 'no' && !reading.additionalStoragePools) return { selects: false, why: 'attribute', attribute: name, value }
  }
  const byPool = view.pools.map((pool) => ({ pool, match: poolMatches(reading, pool) }))
  const candidates = byPool.filter((p) => p.match !== 'no').map((p) => p.pool)
  const definitelyWrong = byPool.find((p) => p.match === 'yes' && mediaIs(p.pool, media) === false)
  const rubricPools = candidates.filter((p) => p.mediaFrom === 'rubric').map((p) => p.name)
  const onlyOther = candidates.every((p) => mediaIs(p, media) === false)
  if (asked === media) {
    // Only additionalStoragePools can add a pool of other media to a class that asks for this one.
    if (definitelyWrong) return { selects: false, why: 'pool-other-media', pool: definitelyWrong.pool, onlyOther }
    if (candidates.length === 0 && view.complete && view.pools.length > 0) return { selects: false, why: 'no-pool', poolsKnown: names(view.pools) }
    return { selects: true, pools: candidates, rubricPools, unmatchedNote: candidates.length === 0 }
  }
  if (!reading.storagePools && !reading.additionalStoragePools) return { selects: false, why: 'no-media' }
  if (definitelyWrong) return { selects: false, why: 'pool-other-media', pool: definitelyWrong.pool, onlyOther }
  if (candidates.length === 0) return { selects: false, why: 'no-pool', poolsKnown: names(view.pools) }
  const uncertain = byPool.filter((p) => p.match !== 'no' && mediaIs(p.pool, media) !== true).map((p) => p.pool)
  if (uncertain.length > 0) return { selects: false, why: 'pool-unknown-media', pools: uncertain }
  return { selects: true, pools: candidates, rubricPools }
}

const NO_POOL: Pool = { name: '', offers: { nasType: 'nfs' } }

function names(pools: Pool[]): string[] {
  return [...new Set(pools.map((p) => p.name))]
}
