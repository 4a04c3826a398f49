// The class summary: one row per student, points per objective, built from the students' scorecards. Pure;
// the writers render it (summary.json, summary.md, summary.csv, index.html).

import type { CheckStatus } from '../check.js'
import type { Lang } from '../i18n/messages.js'
import type { ObjectiveId } from '../objective/ids.js'
import { exitCodeOf, type Scorecard } from '../scorecard/scorecard.js'
import type { ShardMark } from './shard.js'

export const CLASS_SUMMARY_SCHEMA = 'trident-lab-grader/class-summary'

export type StudentResult = 'passed' | 'failed' | 'error'

export interface StudentSummary {
  id: string
  namespace: string
  result: StudentResult
  awarded: number
  possible: number
  complete: boolean
  durationMs: number
  objectives: Partial<Record<ObjectiveId, { status: CheckStatus; awarded: number; points: number }>>
  runErrors: string[]
  /** What an instructor should read first: run errors, grader errors of checks (`<id>: <message>`), a failed delivery. */
  notes: string[]
  /** The student's report folder, relative to the class folder (e.g. `../alice`). */
  reportDir: string
  /** Delivery to --post, when asked for. */
  delivery?: { ok: boolean; attempts: number; status?: number; error?: string }
}

export interface ClassSummary {
  schema: typeof CLASS_SUMMARY_SCHEMA
  schemaVersion: 1
  roster: string
  lang: Lang
  startedAt: string
  finishedAt: string
  settings: { parallel: number; studentsPerProcess?: number; ontapSessionsPerHost: number; kubeQps?: number; studentTimeoutSeconds: number }
  objectives: Array<{ id: ObjectiveId; title: string; points: number }>
  students: StudentSummary[]
  /** `pending`: roster students not graded yet (the summary is rewritten after every student). */
  totals: { students: number; passed: number; failed: number; error: number; deliveryFailed: number; pending: number }
  /** 0 every student passed, 1 some failed, 2 some student's grading (or delivery) erred. */
  exitCode: 0 | 1 | 2
  /** A shard's summary (`--shard i/n`): this slice of the class only. Written once the shard has finished. */
  shard?: ShardMark
  /** A class summary merged from shards (`--merge-class`): how many, and their folders relative to this one. */
  merged?: { shards: number; from: string[] }
}

export interface GradedStudent {
  id: string
  namespace: string
  card: Scorecard
  durationMs: number
  reportDir: string
  delivery?: StudentSummary['delivery']
}

export function summarise(
  students: GradedStudent[],
  meta: Pick<ClassSummary, 'roster' | 'lang' | 'startedAt' | 'finishedAt' | 'settings'> & Partial<Pick<ClassSummary, 'shard' | 'merged'>>,
  rosterSize = students.length,
): ClassSummary {
  // The lab's objectives as the cards list them (in lab order), with their titles in the class's language.
  const objectives: ClassSummary['objectives'] = []
  for (const { card } of students) {
    for (const c of card.checks) if (!objectives.some((o) => o.id === c.id)) objectives.push({ id: c.id, title: c.i18n?.[meta.lang]?.title ?? c.title, points: c.points })
  }
  const rows: StudentSummary[] = students.map(({ id, namespace, card, durationMs, reportDir, delivery }) => ({
    id,
    namespace,
    result: (['passed', 'failed', 'error'] as const)[exitCodeOf(card)],
    awarded: card.totals.awarded,
    possible: card.totals.possible,
    complete: card.complete,
    durationMs: Math.round(durationMs),
    objectives: Object.fromEntries(card.checks.map((c) => [c.id, { status: c.status, awarded: c.awarded, points: c.points }])),
    runErrors: card.runErrors,
    notes: [...card.runErrors, ...card.checks.filter((c) => c.status === 'error').map((c) => `${c.id}: ${c.message}`), ...(delivery && !delivery.ok && delivery.error ? [delivery.error] : [])],
    reportDir,
    ...(delivery ? { delivery } : {}),
  }))
  const count = (r: StudentResult) => rows.filter((s) => s.result === r).length
  const totals = {
    students: rows.length,
    passed: count('passed'),
    failed: count('failed'),
    error: count('error'),
    deliveryFailed: rows.filter((s) => s.delivery && !s.delivery.ok).length,
    pending: rosterSize - rows.length,
  }
  const exitCode = totals.error > 0 || totals.deliveryFailed > 0 ? 2 : totals.failed > 0 ? 1 : 0
  return { schema: CLASS_SUMMARY_SCHEMA, schemaVersion: 1, ...meta, objectives, students: rows, totals, exitCode }
}
