// runPool: never more than `parallel` at once, never more than `perKey` per key, nothing starved, failures contained.

import { describe, expect, it } from 'vitest'
import { runPool } from './bounded-pool.js'

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms))

function tracker() {
  let running = 0
  let peak = 0
  const perKey = new Map<string, number>()
  const peakPerKey = new Map<string, number>()
  return {
    async run(key: string | undefined, ms: number) {
      running++
      peak = Math.max(peak, running)
      if (key) {
        perKey.set(key, (perKey.get(key) ?? 0) + 1)
        peakPerKey.set(key, Math.max(peakPerKey.get(key) ?? 0, perKey.get(key)!))
      }
      await tick(ms)
      running--
      if (key) perKey.set(key, perKey.get(key)! - 1)
    },
    get peak() {
      return peak
    },
    peakOf: (key: string) => peakPerKey.get(key) ?? 0,
  }
}

describe('runPool', () => {
  it('runs at most `parallel` items at once and returns results in item order', async () => {
    const t = tracker()
    const results = await runPool([30, 10, 20, 5, 15, 25], { parallel: 3 }, async (ms, i) => {
      await t.run(undefined, ms)
      return i
    })
    expect(results).toEqual([0, 1, 2, 3, 4, 5])
    expect(t.peak).toBe(3)
  })

  it('caps items sharing a key, letting items with free keys go ahead meanwhile', async () => {
    const t = tracker()
    const items = [
      { host: 'ontap-a', ms: 40 },
      { host: 'ontap-a', ms: 40 },
      { host: 'ontap-a', ms: 40 },
      { host: 'ontap-b', ms: 10 },
      { host: undefined, ms: 10 },
    ]
    const started: number[] = []
    await runPool(items, { parallel: 3, perKey: 1, keyOf: (i) => i.host }, async (item, index) => {
      started.push(index)
      await t.run(item.host, item.ms)
    })
    expect(t.peakOf('ontap-a')).toBe(1)
    // The 2nd and 3rd ontap-a wait; ontap-b and the keyless item start before them.
    expect(started.slice(0, 3)).toEqual([0, 3, 4])
    expect(started).toHaveLength(5)
  })

  it('keeps going when an item fails, then reports the first failure', async () => {
    const done: number[] = []
    await expect(
      runPool([1, 2, 3, 4], { parallel: 2 }, async (n) => {
        await tick(5)
        if (n === 2) throw new Error('two failed')
        done.push(n)
      }),
    ).rejects.toThrow('two failed')
    expect(done.sort()).toEqual([1, 3, 4])
  })

  it('finishes at once with nothing to do', async () => {
    expect(await runPool([], { parallel: 4 }, async () => 1)).toEqual([])
  })
})
