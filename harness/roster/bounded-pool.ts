// Runs work items with at most `parallel` at a time, and at most `perKey` at a time for items that share a
// key (the ONTAP host: a cap on concurrent SSH sessions per host). Items start in list order, except that an
// item whose key is full waits while later items with free keys go ahead. One item failing never stops the
// others; the first failure is rethrown once all have ended.

export interface PoolOptions<T> {
  parallel: number
  /** Items with the same key share the per-key cap; undefined: no key, only `parallel` applies. */
  keyOf?: (item: T) => string | undefined
  perKey?: number
}

export function runPool<T, R>(items: readonly T[], options: PoolOptions<T>, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const parallel = Math.max(1, Math.floor(options.parallel))
  const perKey = Math.max(1, Math.floor(options.perKey ?? Infinity))
  const keyOf = options.keyOf ?? (() => undefined)
  const results: R[] = new Array(items.length)
  const waiting = items.map((_, i) => i)
  const perKeyRunning = new Map<string, number>()
  let running = 0
  let failure: { error: unknown } | undefined

  return new Promise<R[]>((resolve, reject) => {
    const pump = () => {
      while (running < parallel) {
        const at = waiting.findIndex((i) => {
          const key = keyOf(items[i])
          return key === undefined || (perKeyRunning.get(key) ?? 0) < perKey
        })
        if (at < 0) break
        const [index] = waiting.splice(at, 1)
        start(index)
      }
      if (running === 0 && waiting.length === 0) {
        if (failure) reject(failure.error)
        else resolve(results)
      }
    }
    const start = (index: number) => {
      const key = keyOf(items[index])
      running++
      if (key !== undefined) perKeyRunning.set(key, (perKeyRunning.get(key) ?? 0) + 1)
      Promise.resolve()
        .then(() => work(items[index], index))
        .then(
          (result) => {
            results[index] = result
          },
          (error: unknown) => {
            failure ??= { error }
          },
        )
        .finally(() => {
          running--
          if (key !== undefined) perKeyRunning.set(key, perKeyRunning.get(key)! - 1)
          pump()
        })
    }
    pump()
  })
}
