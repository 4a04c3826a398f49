// From resolved settings to a finished scorecard: rubric, selection, preflight, grade. The CLI is a thin
// layer over this; the roster runner and tests call it too.

import { readFileSync } from 'node:fs'
import type { GraderConfig } from './config/grader-config.js'
import type { GraderError } from './errors.js'
import { ExitCode } from './exit-code.js'
import { usageError } from './i18n/usage-errors.js'
import { wordsFor } from './i18n/words.js'
import { grade, LAB, loadRubric } from './index.js'
import type { OntapTarget, StudentSecrets } from './lab-target.js'
import { exitCodeOf, type Scorecard } from './scorecard/scorecard.js'
import type { ProgressEvent } from './vitest/scorecard-reporter.js'

export interface RunOptions {
  /** Asked before the pod delete in self-check mode, before the run's budget starts; resolves false to skip it. */
  confirmDisruption?: () => Promise<boolean>
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

/** One student, from the CLI's resolved settings to the card and the exit code. */
export async function runGrading(config: GraderConfig, options: RunOptions = {}): Promise<RunResult> {
  const rubric = await loadRubric(config.rubricFile, LAB)
  if (config.persistTimeoutSeconds) rubric.parameters.persistTimeoutSeconds = config.persistTimeoutSeconds
  let notStarted: GraderError | undefined
  const card = await grade(config, {
    rubric,
    secrets: readSecrets(config.ontap, options.env ?? {}),
    signal: options.signal,
    onProgress: options.onProgress,
    // A self-check asks before it deletes the student's pod, unless --yes.
    confirmDisruption: config.selfCheck && !config.yes ? options.confirmDisruption : undefined,
    onPrepared: (prepared) => {
      notStarted = prepared.notStarted
      if (prepared.added.length > 0) options.onNote?.(wordsFor(config.lang).console.alsoGrading({ ids: prepared.added }))
    },
  })
  // A kubeconfig or context that does not work is the caller's input: a usage error.
  const usage = notStarted?.code === 'CONFIG' || notStarted?.code === 'USAGE'
  return { card, exitCode: usage ? ExitCode.UsageError : exitCodeOf(card), notStarted }
}

/** The student's ONTAP secrets, from the environment variables and files the configuration names. */
export function readSecrets(ontap: OntapTarget | undefined, env: NodeJS.ProcessEnv): StudentSecrets {
  if (!ontap?.secrets) return {}
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
