// objective(id, body) registers one lab objective; gradeLab() makes it one vitest test per student of the run. The wrapper turns what the body does into a
// check record: `failed` when the body calls fail() (the student's work is wrong), `error` when anything else
// goes wrong (the grader could not tell), `blocked` when a prerequisite did not pass, `skipped` when turned off.
//
// Besides its status, an objective may record that the student's volume cannot be mounted (ontap-volume: missing,
// offline, restricted, not mounted in the SVM's namespace). An objective that `requires.mountable` it (data-persists,
// which deletes a pod) is then blocked with that reason; a check that failed for another reason (wrong aggregate,
// too small) does not block it.

import { describe, inject, test, type TestContext } from 'vitest'
import { isCheckFailure, CheckFailure, type CheckRecord, type CheckStatus, type Detected, type Evidence, type RunStats } from '../../harness/check.js'
import { GraderError, isGraderError, UsageError } from '../../harness/errors.js'
import { render, type MessageKey, type Params } from '../../harness/i18n/messages.js'
import { capEvidenceItem } from '../../harness/scorecard/evidence-cap.js'
import { TITLES } from '../../harness/i18n/titles.js'
import type { ObjectiveId } from '../../harness/rubric/objectives.js'
import { CANCELLED_MESSAGE, decodeStop } from '../../harness/run-control.js'
import { closeLab, labFor, type Lab, type Rendered } from './lab.js'

export interface Check {
  lab: Lab
  /** Aborted when the run is cancelled (Ctrl-C) or times out: stop waiting and clean up. */
  signal: AbortSignal
  /** Records what was observed (redacted). */
  see(label: string, data: unknown): void
  /** The student's work is wrong: ends the check as `failed`. */
  fail(reason: MessageKey, params?: Params): never
  /**
   * The student's volume cannot be mounted, for the reason given (call before fail()): objectives that require this
   * one's volume to be mountable are blocked with that reason instead of running.
   */
  unmountable(reason: MessageKey, params?: Params): void
  /** The check passes with this message (a note the student should read) instead of a bare "Passed.". */
  note(reason: MessageKey, params?: Params): void
  /** Live progress: what the check is doing or waiting for. */
  progress(text: string): Promise<void>
  /** Something the check changed in the student's cluster. */
  act(text: string): void
  detected(facts: Detected): void
}

/** How long a check whose run was stopped gets to clean up (a pod delete may wait up to a minute for its pod). */
const CLEANUP_GRACE_MS = 90_000

type Body = (check: Check) => Promise<void>

/** The objectives' bodies, by id: each objective module registers its own (specs/<id>.spec.ts). */
const BODIES = new Map<ObjectiveId, Body>()

/** Registers an objective: what it checks. specs/lab.spec.ts grades the registered objectives for every student. */
export function objective(id: ObjectiveId, body: Body): void {
  BODIES.set(id, body)
}

/**
 * Declares the run's tests: for every student a suite (named by their run id) of their selected objectives in lab
 * order, one after another, each seeing that student's earlier results. Students' suites run side by side (the
 * harness bounds how many tests at once), so one student who waits or hangs holds up only their own suite.
 */
export function gradeLab(order: readonly ObjectiveId[]): void {
  const grading = inject('grading')
  if (!grading) throw new UsageError('Specs run only through the harness: npm test -- --student=<namespace>')
  for (const target of grading.targets) {
    const ids = order.filter((id) => target.selected.includes(id))
    describe(target.runId, { concurrent: true }, () => {
      for (const id of ids) {
        test(`${id}: ${TITLES[id].en}`, { timeout: 0, concurrent: false }, async (ctx) => {
          const lab = labFor(target)
          try {
            const body = BODIES.get(id)
            if (!body) throw new GraderError('INTERNAL', `no module registered the objective ${id}`)
            await gradeObjective(id, lab, ctx, body)
          } finally {
            if (ids.at(-1) === id) await closeLab(lab)
          }
        })
      }
    })
  }
}

async function gradeObjective(id: ObjectiveId, lab: Lab, ctx: TestContext, body: Body): Promise<void> {
  const definition = lab.target.rubric.objectives.find((o) => o.id === id)!
  const results = lab.results
  const record: CheckRecord = { id, status: 'passed', message: render('check.passed').message, evidence: [] }
  const finish = (status: CheckStatus) => {
    record.status = status
    results.set(id, status)
    ctx.task.meta.check = record
  }
  // vitest aborts the test's signal when the harness cancels the run (cancelCurrentRun): the student's lab too.
  const onRunCancel = () => lab.cancelRun(decodeStop(ctx.signal.reason) ?? new GraderError('CANCELLED', CANCELLED_MESSAGE))
  ctx.signal.addEventListener('abort', onRunCancel, { once: true })
  if (ctx.signal.aborted) onRunCancel()

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
    const stop = stopOf(lab.cancelled.reason)
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
  const unsafe = unsafeToRun(definition.requires.mountable, results, lab.unmountable)
  if (unsafe) {
    record.blockedBy = unsafe.ids
    Object.assign(record, unsafe.text)
    finish('blocked')
    return ctx.skip(`blocked: ${unsafe.text.message.en}`)
  }

  let note: Rendered | undefined
  const check = makeCheck(lab, record, ctx, {
    unmountable: (text) => lab.unmountable.set(id, text),
    note: (text) => (note = text),
  })
  try {
    await withinBudget(body(check), lab.cancelled)
    record.stats = await statsOf(lab)
    if (note) {
      record.message = note.message
      record.hint = definition.hint ?? note.hint
    }
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
    const stop = lab.cancelled.aborted ? stopOf(lab.cancelled.reason) : undefined
    const known = stop ?? (isGraderError(error) ? error : undefined)
    const detail = lab.redactor.text(known ? known.message : error instanceof Error ? error.message : String(error))
    record.message = render('check.error', { detail }).message
    record.errorCode = known ? known.code : 'INTERNAL'
    if (!known && error instanceof Error && error.stack) {
      record.evidence.push({ label: 'grader stack (internal error)', data: lab.redactor.text(error.stack) })
    }
    finish('error')
    throw new Error(record.message.en)
  } finally {
    ctx.signal.removeEventListener('abort', onRunCancel)
  }
}

/** Why the lab's signal aborted, as the card says it. */
function stopOf(reason: unknown): GraderError {
  return decodeStop(reason) ?? new GraderError('CANCELLED', CANCELLED_MESSAGE)
}

/**
 * The check's own promise, or its budget: once the student's run is stopped, a check gets CLEANUP_GRACE_MS to
 * finish its cleanup, and is then left behind so that one student's hang never holds up the others.
 */
async function withinBudget(work: Promise<void>, cancelled: AbortSignal): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  let onAbort: (() => void) | undefined
  const abandoned = new Promise<never>((_, reject) => {
    onAbort = () => {
      timer = setTimeout(() => reject(stopOf(cancelled.reason)), CLEANUP_GRACE_MS)
      timer.unref()
    }
    if (cancelled.aborted) onAbort()
    else cancelled.addEventListener('abort', onAbort, { once: true })
  })
  abandoned.catch(() => undefined)
  try {
    await Promise.race([work, abandoned])
  } finally {
    clearTimeout(timer)
    if (onAbort) cancelled.removeEventListener('abort', onAbort)
  }
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

/**
 * Whether a check that needs these objectives' volume mountable must not run: one found the volume cannot be
 * mounted (its reason is given), or one erred (nobody knows whether deleting a pod is safe).
 */
function unsafeToRun(
  ids: ObjectiveId[],
  results: Map<ObjectiveId, CheckStatus>,
  unmountable: Map<ObjectiveId, Rendered>,
): { ids: ObjectiveId[]; text: Rendered } | undefined {
  const found = ids.find((id) => unmountable.has(id))
  if (found) {
    const why = unmountable.get(found)!.message
    return { ids: [found], text: render('check.blocked-unmountable', { id: found, why: why.en, whyJa: why.ja }) }
  }
  const erred = ids.filter((id) => results.get(id) === 'error')
  if (erred.length > 0) return { ids: erred, text: render('check.blocked-unverified', { ids: erred.join(', ') }) }
  return undefined
}

function makeCheck(
  lab: Lab,
  record: CheckRecord,
  ctx: TestContext,
  hooks: { unmountable(text: Rendered): void; note(text: Rendered): void },
): Check {
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
    unmountable(reason, params = {}) {
      hooks.unmountable(render(reason, params))
    },
    note(reason, params = {}) {
      const text = render(reason, params)
      record.evidence.push({ label: 'Note', data: text.message.en })
      hooks.note(text)
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
