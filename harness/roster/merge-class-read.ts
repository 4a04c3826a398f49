// Reading what a shard left in its --out folder for `--merge-class`: its class summary (class/summary.json) and
// its students' scorecards (<id>/scorecard.json). Nothing read here is trusted for more than the roster run's
// own summary code checks: a summary must have the exact shape this grader writes (else the merge refuses,
// naming the folder), a card must pass the published scorecard schema and belong to the row's namespace (else
// the student becomes a grader error with a note saying why). Student text stays text: the writers escape it.

import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { UsageError } from '../errors.js'
import type { ShardPlace, SummaryDefect, SummaryRowField } from '../i18n/class-errors-en.js'
import type { Lang } from '../i18n/messages.js'
import type { CardProblem } from '../i18n/words-en.js'
import { usageError } from '../i18n/usage-errors.js'
import { SCORECARD_SCHEMA, type Scorecard } from '../scorecard/scorecard.js'
import { scorecardErrors } from '../scorecard/validate-scorecard.js'
import { CLASS_SUMMARY_SCHEMA, type ClassSummary, type StudentResult, type StudentSummary } from './class-summary.js'
import { CLASS_FOLDER, isNamespaceName, isStudentId } from './roster-file.js'
import { MAX_SHARDS, type ShardMark } from './shard.js'

/** A summary row is about 1 KiB (a few KiB with long notes): 128 MiB is tens of thousands of students. */
const MAX_SUMMARY_BYTES = 128 * 2 ** 20
/** A card stays well under 1 MiB (README, Security 2). */
const MAX_CARD_BYTES = 8 * 2 ** 20
/** Run errors and notes are capped at 4096 characters when written. */
const MAX_TEXT = 4096 + 64

/** One row of a shard's summary, as far as the merge uses it. */
export interface ShardRow {
  id: string
  namespace: string
  result: StudentResult
  complete: boolean
  durationMs: number
  runErrors: string[]
  delivery?: StudentSummary['delivery']
}

export interface ShardSummary {
  roster: string
  lang: Lang
  startedAt: string
  finishedAt: string
  settings: ClassSummary['settings']
  shard: ShardMark
  pending: number
  students: ShardRow[]
}

export interface ShardFolder {
  /** The folder as resolved. */
  dir: string
  /** The folder as the user gave it, for messages. */
  shown: string
  summary: ShardSummary
}

/** Reads and checks `<dir>/class/summary.json`; every problem is one sentence naming the folder. */
export async function readShardFolder(dir: string, shown: string): Promise<ShardFolder> {
  const where = `${shown}/${CLASS_FOLDER}/summary.json`
  try {
    if (!(await stat(dir)).isDirectory()) throw usageError('merge.folder-is-file', { shown })
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw usageError('merge.folder-missing', { shown })
  }
  const file = join(dir, CLASS_FOLDER, 'summary.json')
  let text: string
  try {
    if ((await stat(file)).size > MAX_SUMMARY_BYTES) throw usageError('merge.summary-too-big', { where, mib: MAX_SUMMARY_BYTES / 2 ** 20 })
    text = await readFile(file, 'utf8')
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw usageError('merge.no-summary', { shown, file: `${CLASS_FOLDER}/summary.json` })
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw usageError('merge.summary-not-json', { where })
  }
  return { dir, shown, summary: shardSummary(data, where) }
}

function shardSummary(data: unknown, where: string): ShardSummary {
  const bad = (defect: SummaryDefect) => usageError('merge.summary-malformed', { where, defect })
  if (!isObject(data) || data.schema !== CLASS_SUMMARY_SCHEMA || data.schemaVersion !== 1) throw bad({ kind: 'schema', schema: CLASS_SUMMARY_SCHEMA, version: 1 })
  const totals = data.totals
  if (!isObject(totals) || !isCount(totals.pending)) throw bad({ kind: 'pending' })
  if (data.shard === undefined) throw usageError('merge.summary-unsharded', { where, pending: totals.pending })
  const shard = shardMarkOf(data.shard)
  if (!shard) throw bad({ kind: 'shard' })
  if (typeof data.roster !== 'string' || data.roster.length > 4096) throw bad({ kind: 'roster' })
  if (data.lang !== 'en' && data.lang !== 'ja') throw bad({ kind: 'lang' })
  if (!isTime(data.startedAt) || !isTime(data.finishedAt)) throw bad({ kind: 'times' })
  const settings = settingsOf(data.settings)
  if (!settings) throw bad({ kind: 'settings' })
  if (!Array.isArray(data.students)) throw bad({ kind: 'students' })
  const students = data.students.map((row, i) => {
    const r = rowOf(row)
    if ('field' in r) throw bad({ kind: 'student', n: i + 1, ...r })
    return r
  })
  return { roster: data.roster, lang: data.lang, startedAt: data.startedAt, finishedAt: data.finishedAt, settings, shard, pending: totals.pending, students }
}

function shardMarkOf(v: unknown): ShardMark | undefined {
  if (!isObject(v)) return undefined
  const { index, count, students, rosterStudents, rosterDigest } = v
  if (!isCount(index) || !isCount(count) || count < 1 || count > MAX_SHARDS || index >= count) return undefined
  if (!isCount(students) || !isCount(rosterStudents) || students > rosterStudents) return undefined
  if (typeof rosterDigest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(rosterDigest)) return undefined
  return { index, count, students, rosterStudents, rosterDigest }
}

function settingsOf(v: unknown): ClassSummary['settings'] | undefined {
  if (!isObject(v)) return undefined
  const num = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x >= 0
  if (!num(v.parallel) || !num(v.ontapSessionsPerHost) || !num(v.studentTimeoutSeconds)) return undefined
  if ((v.studentsPerProcess !== undefined && !num(v.studentsPerProcess)) || (v.kubeQps !== undefined && !num(v.kubeQps))) return undefined
  return {
    parallel: v.parallel as number,
    ...(v.studentsPerProcess !== undefined ? { studentsPerProcess: v.studentsPerProcess as number } : {}),
    ontapSessionsPerHost: v.ontapSessionsPerHost as number,
    ...(v.kubeQps !== undefined ? { kubeQps: v.kubeQps as number } : {}),
    studentTimeoutSeconds: v.studentTimeoutSeconds as number,
  }
}

/** What is wrong with a row of a shard's summary: the field, and the row's id once it is known to be valid. */
interface RowDefect {
  field: SummaryRowField
  id?: string
}

/** The row, or what is wrong with it. */
function rowOf(v: unknown): ShardRow | RowDefect {
  if (!isObject(v)) return { field: 'object' }
  if (typeof v.id !== 'string' || !isStudentId(v.id)) return { field: 'id' }
  const id = v.id
  if (typeof v.namespace !== 'string' || !isNamespaceName(v.namespace)) return { field: 'namespace', id }
  if (v.result !== 'passed' && v.result !== 'failed' && v.result !== 'error') return { field: 'result', id }
  if (typeof v.complete !== 'boolean') return { field: 'complete', id }
  if (typeof v.durationMs !== 'number' || !Number.isFinite(v.durationMs) || v.durationMs < 0) return { field: 'durationMs', id }
  if (!Array.isArray(v.runErrors) || v.runErrors.length > 100 || !v.runErrors.every((e) => typeof e === 'string' && e.length <= MAX_TEXT)) return { field: 'runErrors', id }
  let delivery: ShardRow['delivery']
  if (v.delivery !== undefined) {
    const d = v.delivery
    if (!isObject(d) || typeof d.ok !== 'boolean' || !isCount(d.attempts)) return { field: 'delivery', id }
    if ((d.status !== undefined && !isCount(d.status)) || (d.error !== undefined && (typeof d.error !== 'string' || d.error.length > MAX_TEXT))) return { field: 'delivery', id }
    delivery = { ok: d.ok, attempts: d.attempts, ...(d.status !== undefined ? { status: d.status as number } : {}), ...(d.error !== undefined ? { error: d.error as string } : {}) }
  }
  return { id: v.id, namespace: v.namespace, result: v.result, complete: v.complete, durationMs: v.durationMs, runErrors: v.runErrors as string[], ...(delivery ? { delivery } : {}) }
}

/**
 * The student's card from the shard's folder, checked as far as the class summary relies on it: the published
 * schema, the row's namespace, and not older than the shard's run. `problem`: why it cannot be used.
 */
export async function readStudentCard(folder: ShardFolder, row: ShardRow): Promise<{ card: Scorecard } | { missing: true } | { problem: CardProblem }> {
  const file = `${folder.shown}/${row.id}/scorecard.json`
  let text: string
  try {
    const path = join(folder.dir, row.id, 'scorecard.json')
    if ((await stat(path)).size > MAX_CARD_BYTES) return { problem: { kind: 'too-big', file, mib: MAX_CARD_BYTES / 2 ** 20 } }
    text = await readFile(path, 'utf8')
  } catch {
    return { missing: true }
  }
  let card: unknown
  try {
    card = JSON.parse(text)
  } catch {
    return { problem: { kind: 'not-json', file } }
  }
  const errors = scorecardErrors(card)
  if (errors.length > 0 || !isObject(card) || card.schema !== SCORECARD_SCHEMA) return { problem: { kind: 'invalid', file, detail: errors[0] ?? 'wrong schema' } }
  const c = card as unknown as Scorecard
  if (c.student !== row.namespace) return { problem: { kind: 'other-namespace', file, graded: c.student, expected: row.namespace } }
  if (Date.parse(c.startedAt) < Date.parse(folder.summary.startedAt)) return { problem: { kind: 'older', file, started: c.startedAt, shardStarted: folder.summary.startedAt } }
  return { card: c }
}

/** A shard's folder as usage errors name it (`shard 1/3 (reports/shard-1-of-3)` in English). */
export function placeOf(f: ShardFolder): ShardPlace {
  return { index: f.summary.shard.index, count: f.summary.shard.count, shown: f.shown }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0
}

function isTime(v: unknown): v is string {
  return typeof v === 'string' && v.length <= 64 && !Number.isNaN(Date.parse(v))
}
