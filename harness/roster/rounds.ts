// Splits a class into grading rounds: at most `parallel` students per round, and at most `perKey` per round that
// share a key (the ONTAP host: a cap on concurrent SSH sessions per host). Students keep roster order, except that
// one whose key is full in a round waits for the next while later students with free keys go ahead.

export interface RoundOptions<T> {
  parallel: number
  /** Items with the same key share the per-key cap; undefined: no key, only `parallel` applies. */
  keyOf?: (item: T) => string | undefined
  perKey?: number
}

/**
 * The next round from `waiting`, beside `taken` (students already in the round: they count against both caps),
 * and who is left waiting, in order. One pass over `waiting`.
 */
export function takeRound<T>(waiting: readonly T[], options: RoundOptions<T>, taken: readonly T[] = []): { round: T[]; rest: T[] } {
  const parallel = Math.max(1, Math.floor(options.parallel))
  const perKey = Math.max(1, Math.floor(options.perKey ?? Infinity))
  const keyOf = options.keyOf ?? (() => undefined)
  const perKeyCount = new Map<string, number>()
  for (const item of taken) {
    const key = keyOf(item)
    if (key !== undefined) perKeyCount.set(key, (perKeyCount.get(key) ?? 0) + 1)
  }
  const round: T[] = []
  const rest: T[] = []
  for (const item of waiting) {
    const key = keyOf(item)
    if (taken.length + round.length < parallel && (key === undefined || (perKeyCount.get(key) ?? 0) < perKey)) {
      round.push(item)
      if (key !== undefined) perKeyCount.set(key, (perKeyCount.get(key) ?? 0) + 1)
    } else rest.push(item)
  }
  return { round, rest }
}
