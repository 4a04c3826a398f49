// Sharding a class over several machines (an Indexed Job): `--shard i/n`, or JOB_COMPLETION_INDEX and
// JOB_COMPLETIONS when an Indexed Job runs the grader. Shards count from 0, as JOB_COMPLETION_INDEX does.
//
// Which student goes to which shard: the roster's ids sorted (ignoring case, code unit by code unit, so no
// locale can change it), then dealt out in turn: the student of rank r goes to shard r mod n. Every student is
// in exactly one shard, shards differ in size by at most one student, and the slice depends on who is in the
// roster, not on the order of its rows (a YAML list and the same class as CSV, or rows moved around, give the
// same slices). Not a hash of the id: with a class of 5 and 3 shards a hash can leave a shard empty and give
// another four students, so one pod would grade most of the class; sorting keeps them even. Every shard must
// read the same roster (one ConfigMap): the summaries carry a digest of it, and the merge refuses shards whose
// digests differ.

import { createHash } from 'node:crypto'
import { usageError } from '../i18n/usage-errors.js'
import type { RosterStudent } from './roster-file.js'

/** At most this many shards (Kubernetes allows 100,000 completions for an Indexed Job). */
export const MAX_SHARDS = 100_000

export interface Shard {
  /** 0-based, like JOB_COMPLETION_INDEX. */
  index: number
  count: number
}

/** What a shard's class summary says about its place in the class. */
export interface ShardMark extends Shard {
  /** Students in this shard. */
  students: number
  /** Students in the whole roster. */
  rosterStudents: number
  /** sha256 of the roster's sorted ids and namespaces (rosterDigest): every shard of one class has the same. */
  rosterDigest: string
}

/** `2/3` -> {index: 2, count: 3}; `where` names the source (a flag, environment variables) in a usage error. */
export function parseShard(value: string, where = '--shard'): Shard {
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(value.trim())
  if (!m) throw usageError('shard.malformed', { where, value })
  return checkedShard(Number(m[1]), Number(m[2]), where, value)
}

function checkedShard(index: number, count: number, where: string, value: string): Shard {
  if (count < 1 || count > MAX_SHARDS) throw usageError('shard.count-range', { where, value, max: MAX_SHARDS })
  if (index >= count) throw usageError('shard.index-range', { where, value, last: count - 1 })
  return { index, count }
}

/**
 * The shard of this run: `--shard`, else JOB_COMPLETION_INDEX/JOB_COMPLETIONS (both, or neither), else none.
 * A `--shard` that disagrees with the Indexed Job's own index is refused: every pod would grade the same slice.
 */
export function resolveShard(flag: string | undefined, env: NodeJS.ProcessEnv): Shard | undefined {
  const fromEnv = shardFromEnv(env)
  if (flag === undefined) return fromEnv
  const shard = parseShard(flag)
  if (fromEnv && (fromEnv.index !== shard.index || fromEnv.count !== shard.count)) {
    throw usageError('shard.disagrees', { flag, index: env.JOB_COMPLETION_INDEX ?? '', count: env.JOB_COMPLETIONS ?? '' })
  }
  return shard
}

function shardFromEnv(env: NodeJS.ProcessEnv): Shard | undefined {
  const index = env.JOB_COMPLETION_INDEX?.trim() || undefined
  const count = env.JOB_COMPLETIONS?.trim() || undefined
  if (index === undefined && count === undefined) return undefined
  if (count === undefined) throw usageError('shard.completions-missing')
  if (index === undefined) throw usageError('shard.index-missing')
  const whole = /^\d{1,6}$/
  if (!whole.test(index)) throw usageError('shard.index-not-whole', { value: index })
  if (!whole.test(count)) throw usageError('shard.completions-not-whole', { value: count })
  return checkedShard(Number(index), Number(count), 'JOB_COMPLETION_INDEX/JOB_COMPLETIONS', `${index}/${count}`)
}

/** Ids in the order that deals them to shards: lower-cased, then by code unit (never the locale's collation). */
function dealingOrder(students: ReadonlyArray<Pick<RosterStudent, 'id'>>): string[] {
  const key = (id: string) => id.toLowerCase()
  return students.map((s) => s.id).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a < b ? -1 : a > b ? 1 : 0))
}

/** The shard (0-based) of every student id: rank in the sorted ids, mod count. */
export function shardAssignment(students: ReadonlyArray<Pick<RosterStudent, 'id'>>, count: number): Map<string, number> {
  return new Map(dealingOrder(students).map((id, rank) => [id, rank % count]))
}

/** The students of one shard, in roster order (the order they are graded in). */
export function selectShard<T extends Pick<RosterStudent, 'id'>>(students: readonly T[], shard: Shard): T[] {
  const of = shardAssignment(students, shard.count)
  return students.filter((s) => of.get(s.id) === shard.index)
}

/** Identifies a roster's class: the same for the same students whatever the order of the rows. */
export function rosterDigest(students: ReadonlyArray<Pick<RosterStudent, 'id' | 'namespace'>>): string {
  const byId = new Map(students.map((s) => [s.id, s.namespace]))
  const lines = dealingOrder(students).map((id) => `${id}\t${byId.get(id)}\n`)
  return `sha256:${createHash('sha256').update(lines.join('')).digest('hex')}`
}

export function shardMark(all: ReadonlyArray<Pick<RosterStudent, 'id' | 'namespace'>>, shard: Shard): ShardMark {
  return { ...shard, students: selectShard(all, shard).length, rosterStudents: all.length, rosterDigest: rosterDigest(all) }
}

/** `shard 1/3`: how a shard is named in messages (the index as given, from 0). */
export function shardName(shard: Shard): string {
  return `shard ${shard.index}/${shard.count}`
}
