// A Trident pool list (`storagePools`, `additionalStoragePools`, `excludeStoragePools`) as text: read by the class
// reading (storage-classes.ts) and matched against pools (storage-pools.ts).

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
