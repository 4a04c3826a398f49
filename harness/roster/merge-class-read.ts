// Reading what a shard left in its --out folder for `--merge-class`: its class summary (class/summary.json) and
// its students' scorecards (<id>/scorecard.json). Nothing read here is trusted for more than the roster run's
// own summary code checks: a summary must have the exact shape this grader writes (else the merge refuses,
// naming the folder), a card must pass the published scorecard schema and belong to the row's namespace (else
// the student becomes a grader error with a note saying why). Student text stays text: the writers escape it.

import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { UsageError } from '../errors.js'
import type { Lang } from '../i18n/messages.js'
import { SCORECARD_SCHEMA, type Scorecard } from '../scorecard/scorecard.js'
import { scorecardErrors } from '../scorecard/validate-scorecard.js'
import { CLASS_SUMMARY_SCHEMA, type ClassSummary, type StudentResult, type StudentSummary } from './class-summary.js'
import { CLASS_FOLDER, isNamespaceName, isStudentId } from './roster-file.js'
import { MAX_SHARDS, shardName, type ShardMark } from './shard.js'

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
    if (!(await stat(dir)).isDirectory()) throw new UsageError(`--merge-class names ${shown}, which is a file: give each shard's --out folder.`)
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw new UsageError(`--merge-class names ${shown}, which does not exist: give each shard's --out folder.`)
  }
  const file = join(dir, CLASS_FOLDER, 'summary.json')
  let text: string
  try {
    if ((await stat(file)).size > MAX_SUMMARY_BYTES) throw new UsageError(`${where} is larger than ${MAX_SUMMARY_BYTES / 2 ** 20} MiB, so it is no class summary of this grader.`)
    text = await readFile(file, 'utf8')
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw new UsageError(`${shown} holds no class summary (${CLASS_FOLDER}/summary.json): give the --out folder of each shard, after the shard has finished.`)
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new UsageError(`${where} is not valid JSON (a shard still writing it, or a damaged file).`)
  }
  return { dir, shown, summary: shardSummary(data, where) }
}

function shardSummary(data: unknown, where: string): ShardSummary {
  const bad = (what: string) => new UsageError(`${where} is not a shard summary of this grader: ${what}.`)
  if (!isObject(data) || data.schema !== CLASS_SUMMARY_SCHEMA || data.schemaVersion !== 1) throw bad(`no "schema": "${CLASS_SUMMARY_SCHEMA}", "schemaVersion": 1`)
  const totals = data.totals
  if (!isObject(totals) || !isCount(totals.pending)) throw bad('"totals.pending" is not a count')
  if (data.shard === undefined) {
    throw new UsageError(
      `${where} has no shard mark: it is the summary of a roster run without --shard, or of a shard that was stopped before it finished${totals.pending > 0 ? ` (${totals.pending} students still pending)` : ''}; grade that shard again.`,
    )
  }
  const shard = shardMarkOf(data.shard)
  if (!shard) throw bad('its "shard" mark is malformed')
  if (typeof data.roster !== 'string' || data.roster.length > 4096) throw bad('"roster" is not a file name')
  if (data.lang !== 'en' && data.lang !== 'ja') throw bad('"lang" is neither en nor ja')
  if (!isTime(data.startedAt) || !isTime(data.finishedAt)) throw bad('"startedAt"/"finishedAt" are not times')
  const settings = settingsOf(data.settings)
  if (!settings) throw bad('"settings" is malformed')
  if (!Array.isArray(data.students)) throw bad('"students" is not a list')
  const students = data.students.map((row, i) => {
    const r = rowOf(row)
    if (typeof r === 'string') throw bad(`student ${i + 1} ${r}`)
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

/** The row, or what is wrong with it (completing "student N ..."). */
function rowOf(v: unknown): ShardRow | string {
  if (!isObject(v)) return 'is not an object'
  if (typeof v.id !== 'string' || !isStudentId(v.id)) return 'has no valid "id"'
  if (typeof v.namespace !== 'string' || !isNamespaceName(v.namespace)) return `(${v.id}) has no valid "namespace"`
  if (v.result !== 'passed' && v.result !== 'failed' && v.result !== 'error') return `(${v.id}) has no valid "result"`
  if (typeof v.complete !== 'boolean') return `(${v.id}) has no "complete"`
  if (typeof v.durationMs !== 'number' || !Number.isFinite(v.durationMs) || v.durationMs < 0) return `(${v.id}) has no valid "durationMs"`
  if (!Array.isArray(v.runErrors) || v.runErrors.length > 100 || !v.runErrors.every((e) => typeof e === 'string' && e.length <= MAX_TEXT)) return `(${v.id}) has no valid "runErrors"`
  let delivery: ShardRow['delivery']
  if (v.delivery !== undefined) {
    const d = v.delivery
    if (!isObject(d) || typeof d.ok !== 'boolean' || !isCount(d.attempts)) return `(${v.id}) has a malformed "delivery"`
    if ((d.status !== undefined && !isCount(d.status)) || (d.error !== undefined && (typeof d.error !== 'string' || d.error.length > MAX_TEXT))) return `(${v.id}) has a malformed "delivery"`
    delivery = { ok: d.ok, attempts: d.attempts, ...(d.status !== undefined ? { status: d.status as number } : {}), ...(d.error !== undefined ? { error: d.error as string } : {}) }
  }
  return { id: v.id, namespace: v.namespace, result: v.result, complete: v.complete, durationMs: v.durationMs, runErrors: v.runErrors as string[], ...(delivery ? { delivery } : {}) }
}

/**
 * The student's card from the shard's folder, checked as far as the class summary relies on it: the published
 * schema, the row's namespace, and not older than the shard's run. `problem`: why it cannot be used.
 */
export async function readStudentCard(folder: ShardFolder, row: ShardRow): Promise<{ card: Scorecard } | { missing: true } | { problem: string }> {
  const shown = `${folder.shown}/${row.id}/scorecard.json`
  let text: string
  try {
    const file = join(folder.dir, row.id, 'scorecard.json')
    if ((await stat(file)).size > MAX_CARD_BYTES) return { problem: `${shown} is larger than ${MAX_CARD_BYTES / 2 ** 20} MiB, so it is no scorecard of this grader.` }
    text = await readFile(file, 'utf8')
  } catch {
    return { missing: true }
  }
  let card: unknown
  try {
    card = JSON.parse(text)
  } catch {
    return { problem: `${shown} is not valid JSON.` }
  }
  const errors = scorecardErrors(card)
  if (errors.length > 0 || !isObject(card) || card.schema !== SCORECARD_SCHEMA) return { problem: `${shown} is not a valid scorecard (${errors[0] ?? 'wrong schema'}).` }
  const c = card as unknown as Scorecard
  if (c.student !== row.namespace) return { problem: `${shown} grades namespace ${c.student}, not ${row.namespace} as the shard's summary says.` }
  if (Date.parse(c.startedAt) < Date.parse(folder.summary.startedAt))
    return { problem: `${shown} is older than the shard's run (started ${c.startedAt}, the shard at ${folder.summary.startedAt}): a card from an earlier run.` }
  return { card: c }
}

/** `shard 1/3 (reports/shard-1-of-3)` */
export function describeFolder(f: ShardFolder): string {
  return `${shardName(f.summary.shard)} (${f.shown})`
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
