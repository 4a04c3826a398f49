// The lab as specs see it: the student's cluster and SVM behind small, promise-based adapters.
// Built once per grading run (specs share one worker), from the target the harness provided.

import { readFileSync } from 'node:fs'
import { inject } from 'vitest'
import { GraderError, UsageError } from '../../harness/errors.js'
import { loadKubeConfig } from '../../harness/kube/kube-config.js'
import { KubeLab } from '../../harness/kube/kube-lab.js'
import type { LabTarget, OntapTarget } from '../../harness/lab-target.js'
import { createOntapClient } from '../../harness/ontap/index.js'
import type { OntapClient, OntapUsage } from '../../harness/ontap/types.js'
import { Redactor } from '../../harness/redact.js'
import { cancelledSignal } from '../../harness/run-control.js'
import type { RubricParameters } from '../../harness/rubric/rubric.js'

export interface Lab {
  target: LabTarget
  params: RubricParameters
  kube: KubeLab
  /** The student's SVM; one connection per run, opened on first use. */
  ontap(): Promise<OntapClient>
  redactor: Redactor
  /** Aborts, with the reason, when the harness cancels the run (Ctrl-C, time budget). */
  cancelled: AbortSignal
  /** What the ONTAP client used so far (undefined: no ONTAP access yet). */
  ontapUsage(): Promise<OntapUsage | undefined>
  /** Measurements specs record for the scorecard's stats. */
  measured: { podReplacementWaitMs?: number }
}

interface LabStore {
  runId: string
  lab: Lab
  ontap?: Promise<OntapClient>
}

const STORE = Symbol.for('trident-lab-grader.lab')

export function useLab(): Lab {
  const target = inject('lab')
  if (!target) throw new UsageError('Specs run only through the harness: npm test -- --student=<namespace>')
  const global = globalThis as { [STORE]?: LabStore }
  const existing = global[STORE]
  if (existing && existing.runId === target.runId) return existing.lab

  const secrets = readSecrets(target.ontap)
  const cancelled = cancelledSignal(target.controlDir)
  const store: LabStore = {
    runId: target.runId,
    lab: {
      target,
      params: target.rubric.parameters,
      kube: new KubeLab(loadKubeConfig(target.kube), target.student, cancelled),
      redactor: new Redactor([secrets.password, secrets.passphrase]),
      cancelled,
      measured: {},
      ontapUsage: async () => (store.ontap ? (await store.ontap.catch(() => undefined))?.usage : undefined),
      ontap: () => {
        if (!target.ontap) throw new GraderError('CONFIG', 'No ONTAP host is configured; pass --ontap-host and --svm.')
        store.ontap ??= Promise.resolve(
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
        return store.ontap
      },
    },
  }
  global[STORE] = store
  return store.lab
}

/** Closes what the run opened (the SSH connection); called after the last objective. */
export async function closeLab(): Promise<void> {
  const global = globalThis as { [STORE]?: LabStore }
  const ontap = global[STORE]?.ontap
  if (ontap) await ontap.then((c) => c.close()).catch(() => undefined)
}

function readSecrets(ontap: OntapTarget | undefined): { password?: string; privateKey?: string; passphrase?: string } {
  if (!ontap) return {}
  const { passwordEnv, passwordFile, privateKeyFile, passphraseEnv } = ontap.secrets
  return {
    password: passwordFile ? readFileSync(passwordFile, 'utf8').replace(/\r?\n$/, '') : process.env[passwordEnv],
    privateKey: privateKeyFile ? readFileSync(privateKeyFile, 'utf8') : undefined,
    passphrase: process.env[passphraseEnv],
  }
}
