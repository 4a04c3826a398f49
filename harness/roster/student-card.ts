// The card a roster run keeps for a student: the one the child wrote, or, when the child was stopped, crashed or
// never started, that card (or a new empty one) with a run error that says what happened. Such a card is never
// complete, so it is a grader error: no points lost, and the LTI score says Failed.

import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { newRunId } from '../grade.js'
import type { Lang } from '../i18n/messages.js'
import { SCORECARD_SCHEMA, SCORECARD_SCHEMA_VERSION, totalsOf, type Scorecard } from '../scorecard/scorecard.js'
import { ScorecardWriter } from '../scorecard/scorecard-writer.js'
import { GRADER_NAME, GRADER_VERSION } from '../version.js'
import type { ChildResult } from './worker-process.js'

export interface StudentCardContext {
  id: string
  namespace: string
  outDir: string
  lang: Lang
  budgetSeconds: number
}

/** After the child ended: its card as it is, or amended (and rewritten with every rendering) if the run broke. */
export async function cardAfterChild(ctx: StudentCardContext, result: ChildResult): Promise<Scorecard> {
  const written = await readCard(ctx.outDir)
  const why = problemOf(ctx, result, written)
  if (!why) return written!
  return amend(ctx, written, why)
}

/** A student who could not be graded at all (no child was started). */
export function cardWithoutRun(ctx: StudentCardContext, why: string): Promise<Scorecard> {
  return amend(ctx, undefined, why)
}

/** A student a cancelled run never reached: the card for the class summary only, written nowhere. */
export function cardNeverGraded(ctx: StudentCardContext, why: string): Scorecard {
  return amended(ctx, undefined, why)
}

function problemOf(ctx: StudentCardContext, result: ChildResult, card: Scorecard | undefined): string | undefined {
  if (result.stopped === 'deadline') return `The grader process for ${ctx.id} did not finish within the time budget of ${ctx.budgetSeconds} s and was stopped.`
  if (result.stopped === 'cancelled') return `The roster run was cancelled before the grading of ${ctx.id} finished.`
  const normalExit = result.exitCode === 0 || result.exitCode === 1 || result.exitCode === 2
  if (normalExit && card?.finishedAt) return undefined
  if (card && card.runErrors.length > 0 && result.exitCode === 9) return undefined // the child's own card says why
  const why = result.lastError ? `: ${result.lastError}` : ' without a finished scorecard.'
  if (!result.workerExited) return `The grading of ${ctx.id} ended with code ${result.exitCode}${why}`
  const how = result.signal ? `was killed by ${result.signal}` : `exited with code ${result.exitCode}`
  return `The grader process for ${ctx.id} ${how}${why}`
}

async function amend(ctx: StudentCardContext, written: Scorecard | undefined, why: string): Promise<Scorecard> {
  const card = amended(ctx, written, why)
  await new ScorecardWriter(card, ctx.outDir).save()
  return card
}

function amended(ctx: StudentCardContext, written: Scorecard | undefined, why: string): Scorecard {
  const now = new Date().toISOString()
  const card: Scorecard = written ?? {
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
    runErrors: [],
  }
  card.complete = false
  card.finishedAt ??= now
  if (!card.runErrors.includes(why)) card.runErrors.push(why)
  return card
}

async function readCard(outDir: string): Promise<Scorecard | undefined> {
  try {
    const card = JSON.parse(await readFile(join(outDir, 'scorecard.json'), 'utf8')) as Scorecard
    return card.schema === SCORECARD_SCHEMA ? card : undefined
  } catch {
    return undefined
  }
}
