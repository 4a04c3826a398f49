// objective(id, body): one lab objective as one vitest test. The wrapper turns what the body does into a
// check record: `failed` when the body calls fail() (the student's work is wrong), `error` when anything else
// goes wrong (the grader could not tell), `blocked` when a prerequisite did not pass, `skipped` when turned off.

import { test, type TestContext } from 'vitest'
import { isCheckFailure, CheckFailure, type CheckRecord, type CheckStatus, type Detected, type Evidence, type RunStats } from '../../harness/check.js'
import { isGraderError, type GraderError } from '../../harness/errors.js'
import { render, type MessageKey, type Params } from '../../harness/i18n/messages.js'
import { capEvidenceItem } from '../../harness/scorecard/evidence-cap.js'
import { TITLES } from '../../harness/i18n/titles.js'
import type { ObjectiveId } from '../../harness/rubric/objectives.js'
import { useLab, type Lab } from './lab.js'

export interface Check {
  lab: Lab
  /** Aborted when the run is cancelled (Ctrl-C) or times out: stop waiting and clean up. */
  signal: AbortSignal
  /** Records what was observed (redacted). */
  see(label: string, data: unknown): void
  /** The student's work is wrong: ends the check as `failed`. */
  fail(reason: MessageKey, params?: Params): never
  /** Live progress: what the check is doing or waiting for. */
  progress(text: string): Promise<void>
  /** Something the check changed in the student's cluster. */
  act(text: string): void
  detected(facts: Detected): void
}

const RESULTS = Symbol.for('trident-lab-grader.results')

/** Status of every objective graded so far in this run (specs share one worker). */
export function resultsSoFar(): Map<ObjectiveId, CheckStatus> {
  const global = globalThis as { [RESULTS]?: { runId: string; map: Map<ObjectiveId, CheckStatus> } }
  const runId = useLab().target.runId
  if (global[RESULTS]?.runId !== runId) global[RESULTS] = { runId, map: new Map() }
  return global[RESULTS]!.map
}

export function objective(id: ObjectiveId, body: (check: Check) => Promise<void>): void {
  test(`${id}: ${TITLES[id].en}`, { timeout: 0 }, async (ctx) => {
    const lab = useLab()
    const definition = lab.target.rubric.objectives.find((o) => o.id === id)!
    const results = resultsSoFar()
    const record: CheckRecord = { id, status: 'passed', message: render('check.passed').message, evidence: [] }
    const finish = (status: CheckStatus) => {
      record.status = status
      results.set(id, status)
      ctx.task.meta.check = record
    }

    if (!definition.enabled) {
      Object.assign(record, render('check.skipped', { why: 'turned off in the rubric', whyJa: 'ルーブリックで無効' }))
      finish('skipped')
      return ctx.skip('turned off in the rubric')
    }
    if (definition.disruptive && !lab.target.disruptive.allowed) {
      Object.assign(record, render('check.skipped', { why: lab.target.disruptive.why.en, whyJa: lab.target.disruptive.why.ja }))
      finish('skipped')
      return ctx.skip(lab.target.disruptive.why.en)
    }
    if (lab.cancelled.aborted) {
      // The run was stopped before this objective started: a grader error, not the student's.
      const stop = lab.cancelled.reason as GraderError
      record.message = render('check.error', { detail: stop.message }).message
      record.errorCode = stop.code
      finish('error')
      return ctx.skip(stop.message)
    }
    const unmet = unmetPrerequisites(definition.requires, results)
    if (unmet.length > 0) {
      record.blockedBy = unmet
      Object.assign(record, render('check.blocked', { ids: unmet.join(', ') }))
      finish('blocked')
      return ctx.skip(`blocked by ${unmet.join(', ')}`)
    }
    const unsafe = definition.requires.notFailed.filter((id) => ['failed', 'error'].includes(results.get(id) ?? ''))
    if (unsafe.length > 0) {
      record.blockedBy = unsafe
      Object.assign(record, render('check.blocked-unsafe', { ids: unsafe.join(', ') }))
      finish('blocked')
      return ctx.skip(`blocked: ${unsafe.join(', ')} did not pass`)
    }

    const check = makeCheck(lab, record, ctx)
    try {
      await body(check)
      record.stats = await statsOf(lab)
      finish('passed')
    } catch (error) {
      record.stats = await statsOf(lab)
      if (isCheckFailure(error)) {
        const text = render(error.reason, error.params)
        record.reason = error.reason
        record.message = text.message
        record.hint = definition.hint ?? text.hint
        finish('failed')
        throw new Error(text.message.en)
      }
      const detail = lab.redactor.text(isGraderError(error) || error instanceof Error ? error.message : String(error))
      record.message = render('check.error', { detail }).message
      record.errorCode = isGraderError(error) ? error.code : 'INTERNAL'
      if (!isGraderError(error) && error instanceof Error && error.stack) {
        record.evidence.push({ label: 'grader stack (internal error)', data: lab.redactor.text(error.stack) })
      }
      finish('error')
      throw new Error(record.message.en)
    }
  })
}

async function statsOf(lab: Lab): Promise<RunStats> {
  const ontap = await lab.ontapUsage()
  return {
    kubeRequests: lab.kube.requestCount,
    ontapSessions: ontap?.sessions ?? 0,
    ontapCommands: ontap?.commands ?? 0,
    podReplacementWaitMs: lab.measured.podReplacementWaitMs,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }
}

function unmetPrerequisites(requires: { all: ObjectiveId[]; any: ObjectiveId[] }, results: Map<ObjectiveId, CheckStatus>): ObjectiveId[] {
  const unmet = requires.all.filter((id) => results.get(id) !== 'passed')
  if (requires.any.length > 0 && !requires.any.some((id) => results.get(id) === 'passed')) unmet.push(...requires.any)
  return unmet
}

function makeCheck(lab: Lab, record: CheckRecord, ctx: TestContext): Check {
  return {
    lab,
    signal: AbortSignal.any([ctx.signal, lab.cancelled]),
    see(label, data) {
      // Redacted by key (never by value: harness/redact.ts), then cut to the evidence item cap.
      const entry: Evidence = capEvidenceItem({ label, data: lab.redactor.value(data) })
      record.evidence.push(entry)
    },
    fail(reason, params = {}): never {
      throw new CheckFailure(reason, params)
    },
    async progress(text) {
      await ctx.annotate(text, 'progress')
    },
    act(text) {
      ;(record.actions ??= []).push(text)
    },
    detected(facts) {
      record.detected = { ...record.detected, ...facts }
    },
  }
}

declare module 'vitest' {
  interface TaskMeta {
    check?: CheckRecord
  }
}
