// The card a roster run keeps for a student whose grading never ran (their password is missing, their settings
// cannot be used, the grading could not start) or whom a cancelled run never reached: a new, empty card with a run
// error that says what happened. Such a card is never complete, so it is a grader error: no points lost, and the
// LTI score says Failed.

import { newRunId } from '../grade.js'
import type { Lang } from '../i18n/messages.js'
import { SCORECARD_SCHEMA, SCORECARD_SCHEMA_VERSION, totalsOf, type Scorecard } from '../scorecard/scorecard.js'
import { ScorecardWriter } from '../scorecard/scorecard-writer.js'
import { GRADER_NAME, GRADER_VERSION } from '../version.js'

export interface StudentCardContext {
  id: string
  namespace: string
  outDir: string
  lang: Lang
}

/** A student who could not be graded at all: the card, written to their folder with every rendering. */
export async function cardWithoutRun(ctx: StudentCardContext, why: string): Promise<Scorecard> {
  const card = emptyCard(ctx, why)
  await new ScorecardWriter(card, ctx.outDir).save()
  return card
}

/** A student a cancelled run never reached: the card for the class summary only, written nowhere. */
export function cardNeverGraded(ctx: StudentCardContext, why: string): Scorecard {
  return emptyCard(ctx, why)
}

function emptyCard(ctx: StudentCardContext, why: string): Scorecard {
  const now = new Date().toISOString()
  return {
    schema: SCORECARD_SCHEMA,
    schemaVersion: SCORECARD_SCHEMA_VERSION,
    student: ctx.namespace,
    runId: newRunId(),
    mode: 'grade',
    lang: ctx.lang,
    startedAt: now,
    finishedAt: now,
    complete: false,
    grader: { name: GRADER_NAME, version: GRADER_VERSION, node: process.version },
    rubric: 'unknown',
    target: {},
    detected: {},
    checks: [],
    totals: totalsOf([]),
    runErrors: [why],
  }
}
