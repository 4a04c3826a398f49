// Everything a grading run's specs need to know, handed to them through vitest's provide/inject.
// It must survive structuredClone and holds no secret: secrets stay in env vars or files named here.

import type { Lang } from './i18n/messages.js'
import type { KubeTarget } from './kube/kube-config.js'
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
  /** Names where the secrets are; values never travel. */
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
  /** Folder through which the harness cancels the run (see run-control.ts). */
  controlDir: string
  /** When false, data-persists is skipped with this reason (self-check not confirmed). */
  disruptive: { allowed: true } | { allowed: false; why: { en: string; ja: string } }
}

declare module 'vitest' {
  export interface ProvidedContext {
    lab: LabTarget
  }
}
