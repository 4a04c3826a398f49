// From resolved settings to a finished scorecard: rubric, selection, preflight, grade. The CLI is a thin
// layer over this; the roster runner and tests call it too.

import { readFileSync } from 'node:fs'
import type { GraderConfig } from './config/grader-config.js'
import type { GraderError } from './errors.js'
import { ExitCode } from './exit-code.js'
import { gradeStudents } from './grade.js'
import { usageError } from './i18n/usage-errors.js'
import { wordsFor } from './i18n/words.js'
import { prepareStudent, type GradeTarget } from './index.js'
import type { OntapTarget, StudentSecrets } from './lab-target.js'
import { loadRubric } from './rubric/rubric.js'
import { exitCodeOf, type Scorecard } from './scorecard/scorecard.js'
import type { ProgressEvent } from './scorecard-reporter.js'

export interface RunOptions {
  /** Asked before the pod delete in self-check mode; resolves false to skip data-persists. `signal`: the run's budget ran out or it was cancelled: stop asking. */
  confirmDisruption?: (signal: AbortSignal) => Promise<boolean>
  onProgress?: (event: ProgressEvent) => void
  onNote?: (line: string) => void
  /** Cancels the run (Ctrl-C, SIGTERM). */
  signal?: AbortSignal
  /** Where the ONTAP secrets the configuration names are read (the CLI passes its environment). */
  env?: NodeJS.ProcessEnv
}

export interface RunResult {
  card: Scorecard
  exitCode: ExitCode
  /** Why no objective could start (the preflight failed or the budget ran out in it); undefined once grading began. */
  notStarted?: GraderError
}

export async function runGrading(config: GraderConfig, options: RunOptions = {}): Promise<RunResult> {
  const rubric = await loadRubric(config.rubricFile)
  if (config.persistTimeoutSeconds) rubric.parameters.persistTimeoutSeconds = config.persistTimeoutSeconds
  const prepared = await prepareStudent(gradeTargetOf(config), readSecrets(config.ontap, options.env ?? {}), rubric, {
    signal: options.signal,
    onProgress: options.onProgress,
    // A self-check asks before it deletes the student's pod, unless --yes.
    confirmDisruption: config.selfCheck && !config.yes ? options.confirmDisruption : undefined,
  })
  try {
    if (prepared.added.length > 0) options.onNote?.(wordsFor(config.lang).console.alsoGrading({ ids: prepared.added }))
    const [card] = await gradeStudents([prepared.grading], { signal: options.signal, parallel: 1 })
    const { notStarted } = prepared.grading
    // A kubeconfig or context that does not work is the caller's input: a usage error.
    const usage = notStarted?.code === 'CONFIG' || notStarted?.code === 'USAGE'
    return { card, exitCode: usage ? ExitCode.UsageError : exitCodeOf(card), notStarted }
  } finally {
    prepared.dispose()
  }
}

/** What the library grades, from the CLI's resolved settings. */
export function gradeTargetOf(config: GraderConfig): GradeTarget {
  return {
    student: config.student,
    kube: config.kube,
    ontap: config.ontap,
    lang: config.lang,
    selfCheck: config.selfCheck,
    only: config.only,
    skip: config.skip,
    timeoutSeconds: config.timeoutSeconds,
    outDir: config.outDir,
  }
}

/** The student's ONTAP secrets, from the environment variables and files the configuration names. */
export function readSecrets(ontap: OntapTarget | undefined, env: NodeJS.ProcessEnv): StudentSecrets {
  if (!ontap) return {}
  const { passwordEnv, passwordFile, privateKeyFile, passphraseEnv } = ontap.secrets
  try {
    return {
      password: passwordFile ? readFileSync(passwordFile, 'utf8').replace(/\r?\n$/, '') : env[passwordEnv],
      privateKey: privateKeyFile ? readFileSync(privateKeyFile, 'utf8') : undefined,
      passphrase: env[passphraseEnv],
    }
  } catch (error) {
    throw usageError('ontap.secret-unreadable', { code: (error as NodeJS.ErrnoException).code ?? '?' })
  }
}
