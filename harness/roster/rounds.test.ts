import { describe, expect, it } from 'vitest'
import { takeRound, type RoundOptions } from './rounds.js'

/** Every round of a class, as the roster takes them one after another. */
function planRounds<T>(items: readonly T[], options: RoundOptions<T>): T[][] {
  const rounds: T[][] = []
  let waiting: readonly T[] = items
  while (waiting.length > 0) {
    const { round, rest } = takeRound(waiting, options)
    rounds.push(round)
    waiting = rest
  }
  return rounds
}

describe('planRounds', () => {
  it('puts at most `parallel` students in a round, in roster order', () => {
    expect(planRounds([1, 2, 3, 4, 5], { parallel: 2 })).toEqual([[1, 2], [3, 4], [5]])
  })

  it('puts at most `perKey` students of one ONTAP host in a round; later students with free hosts go ahead', () => {
    const students = [
      { id: 'a1', host: 'a' },
      { id: 'a2', host: 'a' },
      { id: 'b1', host: 'b' },
      { id: 'a3', host: 'a' },
      { id: 'x', host: undefined },
    ]
    const rounds = planRounds(students, { parallel: 3, perKey: 1, keyOf: (s) => s.host })
    expect(rounds.map((r) => r.map((s) => s.id))).toEqual([['a1', 'b1', 'x'], ['a2'], ['a3']])
  })

  it('grades everyone exactly once, and nobody in an empty class', () => {
    const ids = Array.from({ length: 23 }, (_, i) => i)
    const rounds = planRounds(ids, { parallel: 4, perKey: 2, keyOf: (i) => String(i % 3) })
    expect(rounds.flat().sort((a, b) => a - b)).toEqual(ids)
    expect(rounds.every((r) => r.length <= 4 && r.length > 0)).toBe(true)
    expect(planRounds([], { parallel: 4 })).toEqual([])
  })
})

describe('takeRound', () => {
  it('counts the students already in the round against both caps, and keeps the rest in order', () => {
    const keyOf = (s: string) => s[0]
    expect(takeRound(['a2', 'b1', 'a3', 'c1', 'b2'], { parallel: 4, perKey: 1, keyOf }, ['a1'])).toEqual({ round: ['b1', 'c1'], rest: ['a2', 'a3', 'b2'] })
    expect(takeRound(['a2', 'b1'], { parallel: 2, perKey: 2, keyOf }, ['a1', 'c1'])).toEqual({ round: [], rest: ['a2', 'b1'] })
    expect(takeRound(['a1', 'a2'], { parallel: 2 })).toEqual({ round: ['a1', 'a2'], rest: [] })
  })
})
