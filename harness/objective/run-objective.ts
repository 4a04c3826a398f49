// runObjective() grades one objective for one student: prerequisites, then the objective's check, turned into a
// check record: `failed` when the body calls fail() (the student's work is wrong), `error` when anything else goes
// wrong (the grader could not tell), `blocked` when a prerequisite did not pass, `skipped` when turned off.
//
// Besides its status, an objective may record that the student's volume must not be touched: it cannot be mounted
// (missing, offline, restricted, not mounted in the SVM's namespace) or it is not proven to be the claim's (the
// SVM's root volume, another backend's labels). An objective that `requires.mountable` it (one that writes into the
// volume and deletes a pod) is then blocked with that reason; a check that failed for another reason (wrong
// aggregate, too small) does not block it.

import { isCheckFailure, CheckFailure, type CheckRecord, type CheckStatus, type Evidence, type RunStats } from '../check.js'
import { bothSentences, GraderError, isGraderError } from '../errors.js'
import { runError } from '../i18n/usage-errors.js'
import { renderMessage, type RenderedMessage, type RenderedText } from '../i18n/catalogue.js'
import { render, skipReason } from '../i18n/messages.js'
import { capEvidenceItem } from '../scorecard/evidence-cap.js'
import type { Check, Objective, ObjectiveId } from './objective.js'
import { decodeStop } from '../run-control.js'
import type { Lab } from './lab.js'
import { redactSecretFields } from '../redact.js'

/** How long a check whose run was stopped gets to clean up (a pod delete may wait up to a minute for its pod). */
const CLEANUP_GRACE_MS = 90_000

/** What runs an objective provides besides the lab: the run's signal and where progress goes. */
export interface ObjectiveRun {
  signal: AbortSignal
  progress(text: RenderedText): Promise<void>
}

/**
 * Grades one objective for one student: prerequisites, then the objective's check, turned into a check record.
 * `skipped` says why the check did not run (skipped, blocked, or the run was stopped before it). No test runner
 * is needed: the harness calls it inside a vitest test, the objective tests call it directly.
 */
export async function runObjective(objective: Objective, lab: Lab, run: ObjectiveRun): Promise<{ record: CheckRecord; skipped?: string }> {
  const id: ObjectiveId = objective.id
  const definition = lab.target.rubric.objectives.find((o) => o.id === id)!
  const results = lab.results
  const record: CheckRecord = { id, status: 'passed', message: render('check.passed').message, evidence: [] }
  const finish = (status: CheckStatus) => {
    record.status = status
    results.set(id, status)
    return { record }
  }
  const skip = (status: CheckStatus, why: string) => ({ ...finish(status), skipped: why })

  if (!definition.enabled) {
    Object.assign(record, render('check.skipped', { why: skipReason('rubric') }))
    return skip('skipped', 'turned off in the rubric')
  }
  if (definition.disruptive && !lab.target.disruption.allowed) {
    Object.assign(record, render('check.skipped', { why: lab.target.disruption.why }))
    return skip('skipped', lab.target.disruption.why.en)
  }
  if (lab.cancelled.aborted) {
    // The run was stopped before this objective started: a grader error, not the student's.
    const stop = stopOf(lab.cancelled.reason)
    record.message = render('check.error', { detail: bothSentences(stop) }).message
    record.errorCode = stop.code
    return skip('error', stop.message)
  }
  const unmet = unmetPrerequisites(definition.requires, results)
  if (unmet.length > 0) {
    record.blockedBy = unmet
    Object.assign(record, render('check.blocked', { ids: unmet.join(', ') }))
    return skip('blocked', `blocked by ${unmet.join(', ')}`)
  }
  const unsafe = unsafeToRun(definition.requires.mountable, results, lab.unsafeVolume)
  if (unsafe) {
    record.blockedBy = unsafe.ids
    Object.assign(record, unsafe.text)
    return skip('blocked', `blocked: ${unsafe.text.message.en}`)
  }

  let note: RenderedMessage | undefined
  const check = makeCheck(objective, lab, record, run, {
    unsafeVolume: (why, text) => lab.unsafeVolume.set(id, { why, text }),
    note: (text) => (note = text),
  })
  try {
    await withinBudget(objective.check(check), lab.cancelled)
    record.stats = await statsOf(lab)
    if (note) {
      record.message = note.message
      record.hint = definition.hint ?? note.hint
    }
    return finish('passed')
  } catch (error) {
    record.stats = await statsOf(lab)
    if (isCheckFailure(error)) {
      const text = renderMessage(objective.messages, error.reason, error.params)
      record.reason = error.reason
      record.message = text.message
      record.hint = definition.hint ?? text.hint
      if (error.status === 'blocked') return { ...finish('blocked'), skipped: `blocked: ${text.message.en}` }
      return finish('failed')
    }
    const stop = lab.cancelled.aborted ? stopOf(lab.cancelled.reason) : undefined
    const known = stop ?? (isGraderError(error) ? error : undefined)
    const said = known ? bothSentences(known) : error instanceof Error ? error.message : String(error)
    record.message = render('check.error', { detail: said }).message
    record.errorCode = known ? known.code : 'INTERNAL'
    if (!known && error instanceof Error && error.stack) {
      record.evidence.push({ label: 'grader stack (internal error)', data: error.stack })
    }
    return finish('error')
  }
}

/** Why the lab's signal aborted, as the card says it. */
function stopOf(reason: unknown): GraderError {
  return decodeStop(reason) ?? runError('CANCELLED', 'run.cancelled', {})
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

function unmetPrerequisites(requires: { all: readonly ObjectiveId[]; any: readonly ObjectiveId[] }, results: Map<ObjectiveId, CheckStatus>): ObjectiveId[] {
  const unmet = requires.all.filter((id) => results.get(id) !== 'passed')
  if (requires.any.length > 0 && !requires.any.some((id) => results.get(id) === 'passed')) unmet.push(...requires.any)
  return unmet
}

/**
 * Whether a check that needs these objectives' volume mountable must not run: one found the volume cannot be
 * mounted (its reason is given), or one erred (nobody knows whether deleting a pod is safe).
 */
function unsafeToRun(ids: readonly ObjectiveId[], results: Map<ObjectiveId, CheckStatus>, unsafe: Lab['unsafeVolume']): { ids: ObjectiveId[]; text: RenderedMessage } | undefined {
  const found = ids.find((id) => unsafe.has(id))
  if (found) {
    const { why, text } = unsafe.get(found)!
    return { ids: [found], text: render(why === 'unmountable' ? 'check.blocked-unmountable' : 'check.blocked-not-owned', { id: found, why: text.message }) }
  }
  const erred = ids.filter((id) => results.get(id) === 'error')
  if (erred.length > 0) return { ids: erred, text: render('check.blocked-unverified', { ids: erred.join(', ') }) }
  return undefined
}

function makeCheck(
  objective: Objective,
  lab: Lab,
  record: CheckRecord,
  run: ObjectiveRun,
  hooks: { unsafeVolume(why: 'unmountable' | 'not-owned', text: RenderedMessage): void; note(text: RenderedMessage): void },
): Check {
  // A message is named by its key and parameters, or given as one { key, params } value.
  const rendered = (reason: string | { key: string; params: object }, params: object = {}) =>
    typeof reason === 'string' ? renderMessage(objective.messages, reason, params) : renderMessage(objective.messages, reason.key, reason.params)
  return {
    lab,
    signal: AbortSignal.any([run.signal, lab.cancelled]),
    see(label, data) {
      // Redacted by key (never by value: harness/redact.ts), then cut to the evidence item cap.
      const entry: Evidence = capEvidenceItem({ label, data: redactSecretFields(data) })
      record.evidence.push(entry)
    },
    fail(reason: string | { key: string; params: object }, params: object = {}): never {
      const [key, values] = typeof reason === 'string' ? [reason, params] : [reason.key, reason.params]
      throw new CheckFailure(key, values, rendered(key, values).message.en)
    },
    block(reason: string | { key: string; params: object }, params: object = {}): never {
      const [key, values] = typeof reason === 'string' ? [reason, params] : [reason.key, reason.params]
      throw new CheckFailure(key, values, rendered(key, values).message.en, 'blocked')
    },
    unmountable(reason: string | { key: string; params: object }, params: object = {}) {
      hooks.unsafeVolume('unmountable', rendered(reason, params))
    },
    notOwned(reason: string | { key: string; params: object }, params: object = {}) {
      hooks.unsafeVolume('not-owned', rendered(reason, params))
    },
    note(reason: string | { key: string; params: object }, params: object = {}) {
      const text = rendered(reason, params)
      record.evidence.push({ label: 'Note', data: text.message.en })
      hooks.note(text)
    },
    async progress(reason: string | { key: string; params: object }, params: object = {}) {
      await run.progress(rendered(reason, params).message)
    },
    act(text) {
      ;(record.actions ??= []).push(text)
    },
    detected(facts) {
      record.detected = { ...record.detected, ...facts }
    },
  }
}
