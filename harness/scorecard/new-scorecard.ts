// The one place a scorecard starts: its header (schema, who, which run, the grader, the rubric, where) and no
// checks yet. A grading run fills it as objectives report (grade.ts); a student who could not be graded, or whom a
// cancelled run or a shard never reached, keeps it as it is with a run error that says why (roster/).

import type { Lang } from '../i18n/messages.js'
import { GRADER_NAME, GRADER_VERSION } from '../version.js'
import { SCORECARD_SCHEMA, SCORECARD_SCHEMA_VERSION, totalsOf, type Scorecard } from './scorecard.js'

export interface ScorecardHeader {
  /** The student's namespace. */
  student: string
  runId: string
  lang: Lang
  /** Default 'grade'. */
  mode?: Scorecard['mode']
  /** The rubric's name; default 'unknown' (no rubric was read). */
  rubric?: string
  target?: Scorecard['target']
  detected?: Scorecard['detected']
  /** Default: now. */
  startedAt?: string
  /** null while the run goes on; default: finished when made (a card that records why nothing was graded). */
  finishedAt?: string | null
  runErrors?: string[]
}

/** A new card: no checks, zero totals, not complete. */
export function newScorecard(header: ScorecardHeader): Scorecard {
  const startedAt = header.startedAt ?? new Date().toISOString()
  return {
    schema: SCORECARD_SCHEMA,
    schemaVersion: SCORECARD_SCHEMA_VERSION,
    student: header.student,
    runId: header.runId,
    mode: header.mode ?? 'grade',
    lang: header.lang,
    startedAt,
    finishedAt: header.finishedAt === undefined ? startedAt : header.finishedAt,
    complete: false,
    grader: { name: GRADER_NAME, version: GRADER_VERSION, node: process.version },
    rubric: header.rubric ?? 'unknown',
    target: header.target ?? {},
    detected: { ...header.detected },
    checks: [],
    totals: totalsOf([]),
    runErrors: [...(header.runErrors ?? [])],
  }
}
