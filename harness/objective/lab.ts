// The lab as checks see it: one student's cluster and SVM behind small, promise-based adapters, and what this
// student's run found so far. One Lab per student and run (a run may grade many students side by side), built on
// first use from the target the harness provided and closed after the student's last objective; a run that was
// cancelled closes what its students left open (closeLabs).

import { GraderError } from '../errors.js'
import { closeKubeConnections } from '../kube/kube-connections.js'
import { loadKubeConfig } from '../kube/kube-config.js'
import { KubeLab } from '../kube/kube-lab.js'
import type { LabTarget } from '../lab-target.js'
import { createOntapClient } from '../ontap/index.js'
import type { OntapClient, OntapUsage } from '../ontap/types.js'
import { runError } from '../i18n/usage-errors.js'
import type { CheckStatus } from '../check.js'
import type { RubricParameters } from '../rubric/rubric.js'
import type { ObjectiveId } from './ids.js'
import type { RenderedMessage } from '../i18n/catalogue.js'

/** A rendered message with its hint, in both languages. */
export type Rendered = RenderedMessage

export interface Lab {
  target: LabTarget
  params: RubricParameters
  kube: KubeLab
  /** The student's SVM; one connection per run, opened on first use. */
  ontap(): Promise<OntapClient>
  /**
   * Aborts when this student's time budget runs out (a TIMEOUT GraderError) or the whole run is cancelled (the
   * harness's reason, see run-control.ts): checks stop waiting and clean up.
   */
  cancelled: AbortSignal
  /** Called by a check whose test context was aborted: the whole run is being cancelled. */
  cancelRun(reason: unknown): void
  /** What the ONTAP client used so far (undefined: no ONTAP access yet). */
  ontapUsage(): Promise<OntapUsage | undefined>
  /** Measurements specs record for the scorecard's stats. */
  measured: { podReplacementWaitMs?: number }
  /** Status of every objective graded so far for this student (prerequisites). */
  results: Map<ObjectiveId, CheckStatus>
  /**
   * Objectives that found it unsafe to touch this student's volume, with the reason they gave: it cannot be mounted,
   * or it is not proven to be the claim's.
   */
  unsafeVolume: Map<ObjectiveId, { why: 'unmountable' | 'not-owned'; text: Rendered }>
}

interface LabEntry {
  lab: Lab
  ontap?: Promise<OntapClient>
  stopBudget(): void
}

// On globalThis: vitest may evaluate this module a second time for the specs (harness/vitest/lab-run.ts says
// when); the harness's copy and the specs' copy must find the same students' labs.
const STORE = Symbol.for('trident-lab-grader.labs')
function store(): Map<string, LabEntry> {
  const global = globalThis as { [STORE]?: Map<string, LabEntry> }
  return (global[STORE] ??= new Map())
}

/** The lab of this student's run (target.runId), built on first use. */
export function labFor(target: LabTarget): Lab {
  const existing = store().get(target.runId)
  if (existing) return existing.lab

  const { secrets } = target
  const budget = budgetSignal(target)
  const run = new AbortController()
  const cancelled = AbortSignal.any([budget.signal, run.signal])
  const entry: LabEntry = {
    stopBudget: budget.stop,
    lab: {
      target,
      params: target.rubric.parameters,
      kube: new KubeLab(loadKubeConfig(target.kube), target.student, cancelled),
      cancelled,
      cancelRun: (reason) => run.abort(reason),
      measured: {},
      results: new Map(),
      unsafeVolume: new Map(),
      ontapUsage: async () => (entry.ontap ? (await entry.ontap.catch(() => undefined))?.usage : undefined),
      ontap: () => {
        if (!target.ontap) throw new GraderError('CONFIG', 'No ONTAP host is configured; pass --ontap-host and --svm.')
        entry.ontap ??= Promise.resolve(
          createOntapClient({
            api: target.ontap.api,
            host: target.ontap.host,
            port: target.ontap.port,
            user: target.ontap.user,
            password: secrets.password,
            privateKey: secrets.privateKey,
            passphrase: secrets.passphrase,
            hostKey: target.ontap.hostKey,
            knownHostsFile: target.ontap.knownHostsFile,
            caFile: target.ontap.caFile,
            insecure: target.ontap.insecure,
            connectTimeoutMs: target.ontap.connectTimeoutMs,
            commandTimeoutMs: target.ontap.commandTimeoutMs,
            signal: cancelled,
          }),
        )
        return entry.ontap
      },
    },
  }
  store().set(target.runId, entry)
  // The SSH login to the SVM takes a while: start it now, while the Kubernetes objectives run.
  if (target.ontap && target.rubric.objectives.some((o) => o.ontap && target.selected.includes(o.id)))
    void entry.lab.ontap().then(
      (client) => client.warmUp?.(),
      () => undefined,
    )
  return entry.lab
}

/** Closes what the student's run opened (the ONTAP connection, the budget's timer) and forgets the lab. */
export async function closeLab(lab: Lab): Promise<void> {
  const entry = store().get(lab.target.runId)
  if (!entry) return
  store().delete(lab.target.runId)
  entry.stopBudget()
  closeKubeConnections(lab.kube.http.kc)
  if (entry.ontap) await entry.ontap.then((c) => c.close()).catch(() => undefined)
}

/**
 * Stops these runs' checks at once, besides vitest's own cancellation (which reaches a check through its test
 * context): when the harness and the specs share this thread, the reason needs no message to travel.
 */
export function cancelLabs(runIds: readonly string[], reason: Error): void {
  for (const id of runIds) store().get(id)?.lab.cancelRun(reason)
}

/** Closes what these runs left open (a cancelled student's last objective may never have run to close it). */
export async function closeLabs(runIds: readonly string[]): Promise<void> {
  await Promise.all(
    runIds.map(async (id) => {
      const entry = store().get(id)
      if (entry) await closeLab(entry.lab).catch(() => undefined)
    }),
  )
}

/** A signal that aborts when the student's budget ends; its timer does not keep the process alive. */
function budgetSignal(target: LabTarget): { signal: AbortSignal; stop(): void } {
  const controller = new AbortController()
  if (target.deadline === undefined) return { signal: controller.signal, stop: () => {} }
  const expire = () => controller.abort(runError('TIMEOUT', 'run.timeout', { seconds: Math.round((target.timeoutMs ?? 0) / 1000) }))
  const left = target.deadline - Date.now()
  if (left <= 0) {
    expire()
    return { signal: controller.signal, stop: () => {} }
  }
  const timer = setTimeout(expire, Math.min(left, 2 ** 31 - 1))
  timer.unref()
  return { signal: controller.signal, stop: () => clearTimeout(timer) }
}
