// Everything a grading run's specs need to know about one student, handed to them through vitest's provide/inject
// (in this process's memory: harness/vitest/same-thread-pool.ts). It must survive structuredClone. The student's
// secrets travel in it as values, for that student's run only; nothing here is ever written to a report.

import type { Lang } from './i18n/messages.js'
import type { KubeTarget } from './kube/kube-config.js'
import type { ObjectiveId } from './rubric/objectives.js'
import type { Rubric } from './rubric/rubric.js'

export interface OntapTarget {
  api: 'ssh' | 'rest'
  host: string
  port?: number
  user: string
  svm: string
  /** Pinned SSH host key fingerprint (`SHA256:...`). */
  hostKey?: string
  knownHostsFile?: string
  /** CA file for the REST API's certificate. */
  caFile?: string
  /** Accept an unknown SSH host key / an unverified TLS certificate (said in the scorecard). */
  insecure: boolean
  /** Where the CLI reads the secrets from (the library takes their values: LabTarget.secrets). */
  secrets: {
    passwordEnv: string
    passwordFile?: string
    privateKeyFile?: string
    passphraseEnv: string
  }
  connectTimeoutMs: number
  commandTimeoutMs: number
}

export interface LabTarget {
  runId: string
  student: string
  lang: Lang
  selfCheck: boolean
  kube: KubeTarget
  ontap?: OntapTarget
  rubric: Rubric
  /** This student's ONTAP secrets (values), for this run only. */
  secrets: StudentSecrets
  /** The objectives this run grades, in lab order: after the last one, the student's connections are closed. */
  selected: ObjectiveId[]
  /** When this student's time budget ends (ms since the epoch): checks stop waiting and clean up. */
  deadline?: number
  /** The budget's length, for the message that says it ran out. */
  timeoutMs?: number
  /** When false, data-persists is skipped with this reason (self-check not confirmed). */
  disruptive: { allowed: true } | { allowed: false; why: { en: string; ja: string } }
}

export interface StudentSecrets {
  password?: string
  privateKey?: string
  passphrase?: string
}

/** What one vitest run grades: one or many students, each through every selected objective. */
export interface GradingContext {
  targets: LabTarget[]
}

declare module 'vitest' {
  export interface ProvidedContext {
    grading: GradingContext
  }
}
