// Who and what to grade, in one shape from the settings to the card: a GradeTarget is what a caller asks for (the
// CLI's resolved settings hold one, a roster makes one per student); a LabTarget is the same target as one run
// grades it, handed to the specs through vitest's provide/inject (harness/vitest/lab-run.ts). A LabTarget must
// survive structuredClone. The student's secrets travel in it as values, for that student's run only; nothing
// here is ever written to a report.

import type { Lang } from './i18n/messages.js'
import type { KubeTarget } from './kube/kube-config.js'
import type { ObjectiveId } from './objective/ids.js'
import type { Reason } from './rubric/selection.js'
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
  secrets?: {
    passwordEnv: string
    passwordFile?: string
    privateKeyFile?: string
    passphraseEnv: string
  }
  connectTimeoutMs: number
  commandTimeoutMs: number
}

/** Who and what to grade. */
export interface GradeTarget {
  /** The student's namespace (a DNS-1123 label; checked once, when grading starts). */
  student: string
  kube: KubeTarget
  /** The student's SVM; without it, objectives that ask ONTAP are left out (said on the card). */
  ontap?: OntapTarget
  lang?: Lang
  /** A student's self-check: hints on the card, never sent to an LMS. */
  selfCheck?: boolean
  only?: ObjectiveId[]
  skip?: ObjectiveId[]
  /** The run's time budget, from the first request (default 600 s). */
  timeoutSeconds?: number
  /** Write the card's files (JSON, JUnit, Markdown, HTML, results.json) here as grading goes. */
  outDir?: string
  /** Whether a disruptive check (the pod delete) may run; false leaves it out with this reason. */
  disruption?: { allowed: true } | { allowed: false; why: Reason }
}

/** A target as one grading run grades it. */
export interface LabTarget extends GradeTarget {
  runId: string
  lang: Lang
  selfCheck: boolean
  rubric: Rubric
  /** This student's ONTAP secrets (values), for this run only. */
  secrets: StudentSecrets
  /** The objectives this run grades, in lab order: after the last one, the student's connections are closed. */
  selected: ObjectiveId[]
  /** When this student's time budget ends (ms since the epoch): checks stop waiting and clean up. */
  deadline?: number
  /** The budget's length, for the message that says it ran out. */
  timeoutMs?: number
  /** Whether disruptive checks may run; when not, they are skipped with this reason (self-check not confirmed). */
  disruption: { allowed: true } | { allowed: false; why: Reason }
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
