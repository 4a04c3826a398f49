// `npm test -- --merge-class <dir> [<dir>...] [--out reports] [--roster class.yaml]`: the class summary of a
// class graded in shards (`--shard i/n`, an Indexed Job), built from the shards' --out folders alone, so it does
// not matter how or where the shards graded. Refused (one sentence, exit 9) unless the folders hold every shard
// of one class exactly once, each finished, and every student in exactly one shard (the one shard.ts deals them
// to). The summary is written in the formats of a roster run (write-class-summary.ts) to <out>/class/; each
// student's row is made from their scorecard by the same summary code as a roster run.

import { isAbsolute, relative, resolve, sep } from 'node:path'
import type { Flags } from '../cli/parse-args.js'
import { checkOutDir } from '../config/input-checks.js'
import type { DuplicateStudent, RosterMismatch } from '../i18n/class-errors-en.js'
import type { Lang, RenderedText } from '../i18n/messages.js'
import { wordsFor, wordsInBoth } from '../i18n/words.js'
import { sentence, usageError } from '../i18n/usage-errors.js'
import { newScorecard } from '../scorecard/new-scorecard.js'
import type { Scorecard } from '../scorecard/scorecard.js'
import { summarise, type ClassSummary, type GradedStudent } from './class-summary.js'
import { placeOf, readShardFolder, readStudentCard, type ShardFolder, type ShardRow } from './merge-class-read.js'
import { CLASS_FOLDER, loadRoster, type Roster } from './roster-file.js'
import { rosterDigest, shardAssignment } from './shard.js'
import { renderClassSummary, writeClassSummary } from './write-class-summary.js'

export interface MergeOptions {
  /** The shards' --out folders (resolved), with how the user wrote them (for messages). */
  dirs: Array<{ dir: string; shown: string }>
  /** The class summary goes to <outRoot>/class/. */
  outRoot: string
  /** With a roster: the shards must be exactly its students, and the summary lists them in its order. */
  roster?: Roster
  rosterShown?: string
  lang?: Lang
}

export interface MergeResult {
  summary: ClassSummary
  /** Students whose card could not be used (they are grader errors in the summary), one sentence each in both languages. */
  problems: RenderedText[]
}

/** Flags --merge-class takes; every other one is refused (grading flags mean nothing to a merge). */
const MERGE_FLAGS = new Set(['merge-class', 'out', 'roster', 'lang'])

export async function mergeClassMain(flags: Flags, _env: NodeJS.ProcessEnv, say: (line: string) => void, print: (text: string) => void): Promise<number> {
  const cwd = process.cwd()
  const options = resolveMergeOptions(flags, cwd)
  // Nothing is said before the checks pass: a refusal is one sentence.
  const { summary, problems } = await mergeClass(options)
  const w = wordsFor(options.lang ?? summary.lang).roster
  say(w.merged({ shards: options.dirs.length, dir: shownPath(resolve(options.outRoot, CLASS_FOLDER), cwd) }))
  for (const p of problems) say(w.warning({ detail: p[options.lang ?? summary.lang] }))
  print(renderClassSummary(summary, resolve(options.outRoot, CLASS_FOLDER)))
  return summary.exitCode
}

export function resolveMergeOptions(flags: Flags, cwd: string): MergeOptions {
  for (const [flag, value] of Object.entries(flags)) {
    if (value !== undefined && !MERGE_FLAGS.has(flag)) throw usageError('merge.flag-not-applicable', { flag })
  }
  const given = flags['merge-class'] ?? []
  if (given.length === 0) throw usageError('merge.no-folders')
  const seen = new Map<string, string>()
  const dirs = given.map((shown) => {
    const dir = resolve(cwd, shown)
    const earlier = seen.get(dir)
    if (earlier !== undefined) throw usageError('merge.folder-twice', { shown, ...(earlier !== shown ? { also: earlier } : {}) })
    seen.set(dir, shown)
    return { dir, shown: shown.replace(/[\\/]+$/, '') || shown }
  })
  const outRoot = resolve(cwd, flags.out ?? 'reports')
  for (const { dir, shown } of dirs) {
    if (dir === outRoot) throw usageError('merge.out-is-shard', { shown })
  }
  checkOutDir(outRoot, flags.out ?? outRoot, '--out')
  if (flags.lang !== undefined && flags.lang !== 'ja' && flags.lang !== 'en') throw usageError('lang.invalid', { value: flags.lang })
  const roster = flags.roster !== undefined ? loadRoster(flags.roster, cwd) : undefined
  return { dirs, outRoot, roster, rosterShown: flags.roster, lang: flags.lang as Lang | undefined }
}

export async function mergeClass(options: MergeOptions): Promise<MergeResult> {
  const folders: ShardFolder[] = []
  for (const { dir, shown } of options.dirs) folders.push(await readShardFolder(dir, shown))
  const byIndex = checkShards(folders)
  const rows = checkStudents(byIndex, options)

  const classDir = resolve(options.outRoot, CLASS_FOLDER)
  const problems: RenderedText[] = []
  const graded: GradedStudent[] = []
  const first = byIndex[0].summary
  const lang = options.lang ?? first.lang
  for (const { folder, row } of rows) {
    const read = await readStudentCard(folder, row)
    let card: Scorecard
    if ('card' in read) card = read.card
    else if ('missing' in read && row.result === 'error' && !row.complete)
      card = cardOfRow(row, lang, row.runErrors) // never graded (a cancelled shard): the row says why
    else {
      const problem = 'problem' in read ? read.problem : { kind: 'missing' as const, file: `${folder.shown}/${row.id}/scorecard.json`, id: row.id, result: row.result }
      const why = wordsInBoth('roster', 'cardProblem', problem)
      problems.push(why)
      // A card's runErrors are English, as every grader's run errors are.
      card = cardOfRow(row, lang, [why.en])
    }
    graded.push({ id: row.id, namespace: row.namespace, card, durationMs: row.durationMs, reportDir: reportDir(classDir, folder.dir, row.id), ...(row.delivery ? { delivery: row.delivery } : {}) })
  }
  const summary = summarise(graded, {
    roster: first.roster,
    lang,
    startedAt: earliest(byIndex.map((f) => f.summary.startedAt)),
    finishedAt: latest(byIndex.map((f) => f.summary.finishedAt)),
    settings: first.settings,
    merged: { shards: byIndex.length, from: byIndex.map((f) => relative(classDir, f.dir).split(sep).join('/') || '.') },
  })
  await writeClassSummary(summary, classDir)
  return { summary, problems }
}

/** The folders as shards 0..n-1 of one class, each finished; else the sentence that says what is wrong. */
function checkShards(folders: ShardFolder[]): ShardFolder[] {
  const first = folders[0]
  const count = first.summary.shard.count
  for (const f of folders) {
    if (f.summary.shard.count !== count) throw usageError('merge.different-splits', { first: placeOf(first), other: placeOf(f) })
    if (f.summary.shard.rosterDigest !== first.summary.shard.rosterDigest || f.summary.shard.rosterStudents !== first.summary.shard.rosterStudents) {
      throw usageError('merge.other-roster', { folder: placeOf(f), first: placeOf(first) })
    }
  }
  const byIndex: Array<ShardFolder | undefined> = new Array(count).fill(undefined)
  for (const f of folders) {
    const other = byIndex[f.summary.shard.index]
    if (other) throw usageError('merge.shard-twice', { shard: f.summary.shard, earlier: other.shown, shown: f.shown })
    byIndex[f.summary.shard.index] = f
  }
  const missing = byIndex.flatMap((f, i) => (f ? [] : [`${i}/${count}`]))
  if (missing.length > 0) throw usageError('merge.shards-missing', { missing, count })
  const shards = byIndex as ShardFolder[]
  for (const f of shards) {
    const mark = f.summary.shard
    if (f.summary.pending > 0) throw usageError('merge.shard-pending', { folder: placeOf(f), pending: f.summary.pending, students: mark.students })
  }
  return shards
}

/** Every student in exactly one shard, the one shard.ts deals them to; the roster's students, if one is given. */
function checkStudents(shards: ShardFolder[], options: MergeOptions): Array<{ folder: ShardFolder; row: ShardRow }> {
  const seen = new Map<string, ShardFolder>()
  const all: Array<{ folder: ShardFolder; row: ShardRow }> = []
  for (const folder of shards) {
    for (const row of folder.summary.students) {
      const earlier = seen.get(row.id.toLowerCase())
      if (earlier) {
        const how: DuplicateStudent = earlier === folder ? { kind: 'one-shard', folder: placeOf(folder) } : { kind: 'two-shards', folders: [placeOf(earlier), placeOf(folder)] }
        throw usageError('merge.student-twice', { id: row.id, how })
      }
      seen.set(row.id.toLowerCase(), folder)
      all.push({ folder, row })
    }
  }
  for (const f of shards) {
    if (f.summary.students.length !== f.summary.shard.students) {
      throw usageError('merge.shard-short', { folder: placeOf(f), listed: f.summary.students.length, students: f.summary.shard.students })
    }
  }
  const mark = shards[0].summary.shard
  if (all.length !== mark.rosterStudents) throw usageError('merge.student-count', { held: all.length, roster: mark.rosterStudents })
  // The set of ids is the roster's, so the dealing can be checked without the roster itself.
  const dealt = shardAssignment(
    all.map((a) => a.row),
    mark.count,
  )
  for (const { folder, row } of all) {
    const want = dealt.get(row.id)!
    if (want !== folder.summary.shard.index) throw usageError('merge.misdealt', { id: row.id, folder: placeOf(folder), index: want, count: mark.count })
  }
  if (rosterDigest(all.map((a) => a.row)) !== mark.rosterDigest) throw usageError('merge.marks-mismatch')

  if (!options.roster) return all.sort((a, b) => compareIds(a.row.id, b.row.id))
  const roster = options.roster
  const shown = options.rosterShown ?? roster.file
  if (rosterDigest(roster.students) !== mark.rosterDigest) {
    const ids = new Set(all.map((a) => a.row.id))
    const absent = roster.students.find((s) => !ids.has(s.id))
    const extra = all.find((a) => !roster.students.some((s) => s.id === a.row.id))
    const why: RosterMismatch = absent ? { kind: 'absent', id: absent.id } : extra ? { kind: 'extra', id: extra.row.id, folder: placeOf(extra.folder) } : { kind: 'namespace' }
    throw usageError('merge.not-from-roster', { roster: shown, why })
  }
  const byId = new Map(all.map((a) => [a.row.id, a]))
  return roster.students.map((s) => byId.get(s.id)!)
}

/** A card for the summary code only (never written): a student without a usable card, as a grader error. */
function cardOfRow(row: ShardRow, lang: Lang, runErrors: string[]): Scorecard {
  return newScorecard({ student: row.namespace, runId: 'none', lang, runErrors: runErrors.length > 0 ? runErrors : [sentence('merge.not-graded', { id: row.id })[lang]] })
}

function reportDir(classDir: string, shardDir: string, id: string): string {
  return relative(classDir, resolve(shardDir, id)).split(sep).join('/')
}

function compareIds(a: string, b: string): number {
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  return x < y ? -1 : x > y ? 1 : 0
}

function earliest(times: string[]): string {
  return times.reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a))
}

function latest(times: string[]): string {
  return times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a))
}

function shownPath(path: string, cwd: string): string {
  const r = relative(cwd, path)
  return r && !r.startsWith('..') && !isAbsolute(r) ? r : path
}
