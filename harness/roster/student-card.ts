// The card a roster run keeps for a student whose grading never ran (their password is missing, their settings
// cannot be used, the grading could not start) or whom a cancelled run never reached: a new, empty card with a run
// error that says what happened. Such a card is never complete, so it is a grader error: no points lost, and the
// LTI score says Failed.

import { newRunId } from '../prepare-student.js'
import type { Lang } from '../i18n/messages.js'
import { newScorecard } from '../scorecard/new-scorecard.js'
import type { Scorecard } from '../scorecard/scorecard.js'
import { ScorecardWriter } from '../scorecard/scorecard-writer.js'

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
  return newScorecard({ student: ctx.namespace, runId: newRunId(), lang: ctx.lang, runErrors: [why] })
}
