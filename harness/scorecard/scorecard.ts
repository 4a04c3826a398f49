// The scorecard: the versioned result of one grading run. Pure functions only; writers render it.

import type { CheckRecord, CheckStatus, Detected, Evidence, RunStats } from '../check.js'
import type { Lang, RenderedText } from '../i18n/messages.js'
import { capEvidenceList, capText } from './evidence-cap.js'
import type { ObjectiveId } from '../objective/ids.js'

export const SCORECARD_SCHEMA = 'trident-lab-grader/scorecard'
export const SCORECARD_SCHEMA_VERSION = 1

export interface ScorecardCheck {
  id: ObjectiveId
  title: string
  status: CheckStatus
  /** @minimum 0 */
  points: number
  /** @minimum 0 */
  awarded: number
  /** @minimum 0 */
  durationMs: number
  /** @minLength 1 */
  message: string
  hint?: string
  evidence: Evidence[]
  blockedBy?: ObjectiveId[]
  errorCode?: string
  actions?: string[]
  /** The same texts in both languages, for renderers that show the other one. */
  i18n: Record<Lang, { title: string; message: string; hint?: string }>
}

export interface Totals {
  /** Points of the checks really graded (not skipped, not erred, not blocked by an error). @minimum 0 */
  possible: number
  /** @minimum 0 */
  awarded: number
  /** @asType integer @minimum 0 */
  passed: number
  /** @asType integer @minimum 0 */
  failed: number
  /** @asType integer @minimum 0 */
  blocked: number
  /** @asType integer @minimum 0 */
  error: number
  /** @asType integer @minimum 0 */
  skipped: number
  /** Points of the whole lab under the rubric: every objective on the card, checked or not; one the rubric turns off counts 0 (absent on cards of older graders). @minimum 0 */
  labPoints?: number
  /** The objectives of the lab not checked (skipped: --skip/--only, no ONTAP host, no pod delete allowed), in lab order. Blocked and erred ones were checked; one the rubric turns off is not part of the lab. */
  notChecked?: ObjectiveId[]
}

export interface Scorecard {
  schema: typeof SCORECARD_SCHEMA
  schemaVersion: typeof SCORECARD_SCHEMA_VERSION
  /** The student's namespace (a Kubernetes name). @pattern ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ @maxLength 63 */
  student: string
  /** @minLength 1 */
  runId: string
  mode: 'grade' | 'self-check'
  lang: Lang
  /** @format date-time */
  startedAt: string
  /** @format date-time */
  finishedAt: string | null
  /** False while the run is going on, or when it was killed or timed out before the end. */
  complete: boolean
  grader: { name: string; version: string; node: string }
  rubric: string
  target: {
    kubeContext?: string
    kubeServer?: string
    ontap?: { api: 'ssh' | 'rest'; host: string; svm: string; user: string; insecure: boolean }
  }
  detected: Detected
  checks: ScorecardCheck[]
  totals: Totals
  /** Problems of the run itself (timeout, cancelled), not of one check, in the card's language. */
  runErrors: string[]
  /** What the run cost (requests, sessions, waiting, memory); absent when no objective ran. */
  stats?: RunStats
}

/** A check's row on the card, from its record and what the objective is worth (its points and title: rubric.ts's checkOf). */
export function checkFromRecord(record: CheckRecord, objective: { points: number; title: RenderedText }, durationMs: number, lang: Lang): ScorecardCheck {
  const { points, title } = objective
  const pick = (t: RenderedText | undefined) => (t ? capText(t[lang]) : undefined)
  const both = (t: RenderedText | undefined, l: Lang) => (t ? capText(t[l]) : undefined)
  return {
    id: record.id,
    title: title[lang],
    status: record.status,
    points,
    awarded: record.status === 'passed' ? points : 0,
    durationMs: Math.round(durationMs),
    message: pick(record.message)!,
    hint: pick(record.hint),
    evidence: capEvidenceList(record.evidence),
    blockedBy: record.blockedBy,
    errorCode: record.errorCode,
    actions: record.actions?.slice(0, 20).map((a) => capText(a)),
    i18n: {
      en: { title: title.en, message: both(record.message, 'en')!, hint: both(record.hint, 'en') },
      ja: { title: title.ja, message: both(record.message, 'ja')!, hint: both(record.hint, 'ja') },
    },
  }
}

/**
 * Points possible count only what was really graded: a skipped check does not count, and neither does a
 * grader error nor anything it blocked (a grader error never costs the student points).
 */
export function totalsOf(checks: ScorecardCheck[]): Totals {
  const totals: Totals = { possible: 0, awarded: 0, passed: 0, failed: 0, blocked: 0, error: 0, skipped: 0 }
  const notGraded = new Set(checks.filter((c) => c.status === 'error' || c.status === 'skipped').map((c) => c.id))
  for (const c of checks) {
    // Checks come in lab order, so a blocker is classified before what it blocks.
    if (c.status === 'blocked' && c.blockedBy?.some((id) => notGraded.has(id))) notGraded.add(c.id)
  }
  let labPoints = 0
  for (const c of checks) {
    totals[c.status]++
    if (!notGraded.has(c.id)) totals.possible += c.points
    totals.awarded += c.awarded
    labPoints += c.points
  }
  // Points have at most two decimals (the rubric says so): sums print as 10.3, never 10.299999999999999.
  totals.possible = Math.round(totals.possible * 100) / 100
  totals.awarded = Math.round(totals.awarded * 100) / 100
  totals.labPoints = Math.round(labPoints * 100) / 100
  // What a run left out that counts in this lab (an objective the rubric turns off is worth 0 and is not listed).
  // Checks are in lab order on a card.
  totals.notChecked = checks.filter((c) => c.status === 'skipped' && c.points > 0).map((c) => c.id)
  return totals
}

/**
 * The total a student reads: points out of the whole lab, and what was not checked with its points, so a run that
 * skipped data-persists reads 80 / 100, not 80 / 80. A card without labPoints (an older grader's) shows `possible`.
 */
export function labTotalOf(card: Pick<Scorecard, 'totals' | 'checks'>): { awarded: number; labPoints: number; notChecked?: { ids: ObjectiveId[]; points: number } } {
  const ids = card.totals.notChecked ?? []
  const points = Math.round(card.checks.filter((c) => ids.includes(c.id)).reduce((sum, c) => sum + c.points, 0) * 100) / 100
  return { awarded: card.totals.awarded, labPoints: card.totals.labPoints ?? card.totals.possible, ...(ids.length > 0 ? { notChecked: { ids, points } } : {}) }
}

/** 0 all passed, 1 some failed or blocked, 2 the grader could not finish (error, timeout). */
export function exitCodeOf(card: Scorecard): 0 | 1 | 2 {
  if (card.totals.error > 0 || card.runErrors.length > 0 || !card.complete) return 2
  if (card.totals.failed > 0 || card.totals.blocked > 0) return 1
  return 0
}
