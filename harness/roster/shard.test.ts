// Which students a shard grades, and where the shard comes from (--shard, or an Indexed Job's environment).

import { describe, expect, it } from 'vitest'
import { isGraderError } from '../errors.js'
import { parseShard, resolveShard, rosterDigest, selectShard, shardAssignment, shardMark } from './shard.js'

const ids = (...list: string[]) => list.map((id) => ({ id, namespace: id.toLowerCase() }))
const usage = (f: () => unknown): string => {
  try {
    f()
  } catch (error) {
    if (isGraderError(error) && error.name === 'UsageError') return error.message
    throw error
  }
  throw new Error('no UsageError')
}

describe('parseShard', () => {
  it('reads <index>/<count>, counting from 0', () => {
    expect(parseShard('0/3')).toEqual({ index: 0, count: 3 })
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 })
    expect(parseShard('0/1')).toEqual({ index: 0, count: 1 })
    expect(parseShard(' 41/100000 ')).toEqual({ index: 41, count: 100000 })
  })

  it.each([
    ['3/3', '--shard "3/3": the shard index must be from 0 to 2 (shards count from 0, like JOB_COMPLETION_INDEX).'],
    ['1/1', '--shard "1/1": the shard index must be from 0 to 0 (shards count from 0, like JOB_COMPLETION_INDEX).'],
    ['0/0', '--shard "0/0": the number of shards must be from 1 to 100000.'],
    ['0/100001', '--shard "0/100001": the number of shards must be from 1 to 100000.'],
    ['1', '--shard must be <index>/<count> with whole numbers, e.g. 0/3 for the first of three shards, not "1".'],
    ['-1/3', '--shard must be <index>/<count> with whole numbers, e.g. 0/3 for the first of three shards, not "-1/3".'],
    ['1.5/3', '--shard must be <index>/<count> with whole numbers, e.g. 0/3 for the first of three shards, not "1.5/3".'],
    ['1/3/5', '--shard must be <index>/<count> with whole numbers, e.g. 0/3 for the first of three shards, not "1/3/5".'],
    ['a/b', '--shard must be <index>/<count> with whole numbers, e.g. 0/3 for the first of three shards, not "a/b".'],
    ['', '--shard must be <index>/<count> with whole numbers, e.g. 0/3 for the first of three shards, not "".'],
  ])('refuses %j with one sentence', (value, sentence) => {
    expect(usage(() => parseShard(value))).toBe(sentence)
  })
})

describe('resolveShard', () => {
  it('is none without --shard and without an Indexed Job', () => {
    expect(resolveShard(undefined, {})).toBeUndefined()
    expect(resolveShard(undefined, { JOB_COMPLETION_INDEX: '', JOB_COMPLETIONS: '' })).toBeUndefined()
  })

  it('takes JOB_COMPLETION_INDEX and JOB_COMPLETIONS when both are set', () => {
    expect(resolveShard(undefined, { JOB_COMPLETION_INDEX: '2', JOB_COMPLETIONS: '3' })).toEqual({ index: 2, count: 3 })
    expect(resolveShard(undefined, { JOB_COMPLETION_INDEX: '0', JOB_COMPLETIONS: '1' })).toEqual({ index: 0, count: 1 })
  })

  it("takes --shard, which must agree with the Job's index when both are there", () => {
    expect(resolveShard('1/4', {})).toEqual({ index: 1, count: 4 })
    expect(resolveShard('1/3', { JOB_COMPLETION_INDEX: '1', JOB_COMPLETIONS: '3' })).toEqual({ index: 1, count: 3 })
    expect(usage(() => resolveShard('0/3', { JOB_COMPLETION_INDEX: '2', JOB_COMPLETIONS: '3' }))).toBe(
      "--shard 0/3 disagrees with this Indexed Job pod's JOB_COMPLETION_INDEX=2 and JOB_COMPLETIONS=3; drop --shard (the Job's index is used) or make them agree.",
    )
  })

  it.each([
    [{ JOB_COMPLETION_INDEX: '1' }, /^JOB_COMPLETION_INDEX is set \(an Indexed Job\) but JOB_COMPLETIONS is not: .*every pod would grade the whole class\.$/],
    [{ JOB_COMPLETIONS: '3' }, /^JOB_COMPLETIONS is set but JOB_COMPLETION_INDEX is not: /],
    [{ JOB_COMPLETION_INDEX: '3', JOB_COMPLETIONS: '3' }, /^JOB_COMPLETION_INDEX\/JOB_COMPLETIONS "3\/3": the shard index must be from 0 to 2 /],
    [{ JOB_COMPLETION_INDEX: 'x', JOB_COMPLETIONS: '3' }, /^JOB_COMPLETION_INDEX must be a whole number, not "x"\.$/],
    [{ JOB_COMPLETION_INDEX: '0', JOB_COMPLETIONS: 'three' }, /^JOB_COMPLETIONS must be a whole number, not "three"\.$/],
    [{ JOB_COMPLETION_INDEX: '0', JOB_COMPLETIONS: '0' }, /the number of shards must be from 1 to 100000\.$/],
  ])('refuses %j', (env, sentence) => {
    expect(usage(() => resolveShard(undefined, env))).toMatch(sentence)
  })
})

describe('selectShard', () => {
  const klass = ids('s07', 'alice', 'Bob', 's01', 'carol', 'dave', 's10', 's02', 'erin', 'frank', 'Grace')

  it('puts every student in exactly one shard, for every shard count', () => {
    for (let count = 1; count <= 14; count++) {
      const slices = Array.from({ length: count }, (_, index) => selectShard(klass, { index, count }).map((s) => s.id))
      expect(slices.flat().sort()).toEqual(klass.map((s) => s.id).sort())
      expect(new Set(slices.flat()).size).toBe(klass.length)
      // Even: sizes differ by at most one (11 students in 3 shards: 4, 4, 3).
      const sizes = slices.map((s) => s.length)
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
    }
  })

  it('deals the ids sorted ignoring case: rank r goes to shard r mod n', () => {
    // alice, Bob, carol, dave, erin, frank, Grace, s01, s02, s07, s10
    expect(
      selectShard(klass, { index: 0, count: 3 })
        .map((s) => s.id)
        .sort(),
    ).toEqual(['alice', 'dave', 'Grace', 's07'].sort())
    expect(
      selectShard(klass, { index: 1, count: 3 })
        .map((s) => s.id)
        .sort(),
    ).toEqual(['Bob', 'erin', 's01', 's10'].sort())
    expect(
      selectShard(klass, { index: 2, count: 3 })
        .map((s) => s.id)
        .sort(),
    ).toEqual(['carol', 'frank', 's02'].sort())
  })

  it("keeps the roster's order inside a slice (the order students are graded in)", () => {
    expect(selectShard(klass, { index: 0, count: 3 }).map((s) => s.id)).toEqual(['s07', 'alice', 'dave', 'Grace'])
  })

  it("does not depend on the order of the roster's rows", () => {
    const reversed = [...klass].reverse()
    const shuffled = [klass[5], klass[2], klass[9], klass[0], klass[10], klass[7], klass[1], klass[4], klass[8], klass[3], klass[6]]
    for (const index of [0, 1, 2]) {
      const want = selectShard(klass, { index, count: 3 })
        .map((s) => s.id)
        .sort()
      expect(
        selectShard(reversed, { index, count: 3 })
          .map((s) => s.id)
          .sort(),
      ).toEqual(want)
      expect(
        selectShard(shuffled, { index, count: 3 })
          .map((s) => s.id)
          .sort(),
      ).toEqual(want)
    }
    expect(shardAssignment(reversed, 4)).toEqual(shardAssignment(klass, 4))
  })

  it('leaves the shards past the class size empty (2 students, 3 shards)', () => {
    const two = ids('b', 'a')
    expect(selectShard(two, { index: 0, count: 3 }).map((s) => s.id)).toEqual(['a'])
    expect(selectShard(two, { index: 1, count: 3 }).map((s) => s.id)).toEqual(['b'])
    expect(selectShard(two, { index: 2, count: 3 })).toEqual([])
  })
})

describe('rosterDigest and shardMark', () => {
  it('names the class, whatever the order of its rows', () => {
    const a = ids('s1', 's2', 's3')
    expect(rosterDigest(a)).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(rosterDigest([...a].reverse())).toBe(rosterDigest(a))
    expect(rosterDigest(ids('s1', 's2'))).not.toBe(rosterDigest(a))
    expect(rosterDigest([...ids('s1', 's2'), { id: 's3', namespace: 'other' }])).not.toBe(rosterDigest(a))
  })

  it('says which shard, how many of how many students, and of which class', () => {
    const a = ids('s1', 's2', 's3', 's4', 's5')
    expect(shardMark(a, { index: 1, count: 3 })).toEqual({ index: 1, count: 3, students: 2, rosterStudents: 5, rosterDigest: rosterDigest(a) })
    expect(shardMark(a, { index: 2, count: 3 }).students).toBe(1)
  })
})
