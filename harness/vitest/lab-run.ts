// One vitest run of a lab's spec file for one student or many, in this process, through vitest's Node API. Every
// place where the grader works around vitest is here or names this file:
//
// - Same thread: the specs run in this thread (same-thread-pool.ts), unless this process is itself a vitest worker
//   (a test suite calls the library): vitest's worker runtime keeps module-level state, so the specs then run in a
//   worker thread of their own.
// - Evaluated twice: when the harness runs from TypeScript, vitest's module runner evaluates the harness modules
//   the specs import a second time (the built JavaScript is left to Node, below). The students' labs are therefore
//   kept on globalThis (objective/lab.ts), so both copies find the same ones.
// - Results: a check's record travels to the reporter as the test's meta (vitest's channel to reporters, which
//   crosses threads); which student and objective a test grades is set as its meta when it is declared.
// - Cancelling: vitest's cancelCurrentRun() aborts every running test's signal with the reason it is given (a
//   string): the reason is encoded there (run-control.ts) and decoded by the checks. In this thread the labs are
//   cancelled directly too (cancelLabs), before vitest's cancellation reaches them.
// - Signals: vitest's logger exits the process on SIGINT/SIGTERM. A grading run must first remove its test file and
//   release its lease, so the caller owns these signals: the handlers vitest adds are detached.
// - Exit code: vitest sets process.exitCode for failing tests; the caller decides from the cards, so it is reset.

import type { CancelReason } from '@vitest/runner'
import type { Vitest } from 'vitest/node'
import { GraderError } from '../errors.js'
import { sentence } from '../i18n/usage-errors.js'
import type { LabTarget } from '../lab-target.js'
import type { LabDefinition } from '../objective/lab-definition.js'
import { cancelLabs, closeLabs } from '../objective/lab.js'
import { encodeStop, stopOf, type RunStop } from '../run-control.js'
import { ScorecardReporter, type StudentRun } from './scorecard-reporter.js'
import { sameThreadPool } from './same-thread-pool.js'

/** Whether this process is itself a vitest worker. Read once, when this module loads: after our own first run, this thread holds our runtime's state too. */
const INSIDE_VITEST = '__vitest_worker__' in globalThis

let vitestNode: Promise<typeof import('vitest/node')> | undefined

/** vitest's Node API, imported once; started early so that loading it overlaps the preflight's requests. */
export function loadVitest(): Promise<typeof import('vitest/node')> {
  return (vitestNode ??= import('vitest/node'))
}

export interface LabRunOptions {
  signal?: AbortSignal
  /** How many students' checks run at once. */
  parallel: number
}

/**
 * Runs the lab's spec for these students; their checks fill their cards through the reporter. Returns why the run
 * stopped early, if it did. Runs in one process take turns; inside a vitest worker the vitest instance is kept for
 * the next run (a worker thread and its module cache cost seconds to start), elsewhere it is closed after each run.
 */
export function runLab(lab: LabDefinition, runs: StudentRun[], options: LabRunOptions): Promise<RunStop | undefined> {
  const turn = queue.then(() => runOnce(lab, runs, options))
  queue = turn.then(
    () => undefined,
    () => undefined,
  )
  return turn
}

let queue: Promise<void> = Promise.resolve()

interface Runner {
  lab: LabDefinition
  vitest: Vitest
  reporter: ScorecardReporter
}

/** The kept vitest instance (inside a vitest worker only). */
let kept: Runner | undefined

async function runnerFor(lab: LabDefinition, parallel: number): Promise<Runner> {
  if (kept && kept.lab === lab && kept.vitest.config.maxConcurrency === Math.max(1, parallel)) return kept
  if (kept) await closeRunner(kept)
  kept = undefined
  const signalListeners = { SIGINT: new Set(process.listeners('SIGINT')), SIGTERM: new Set(process.listeners('SIGTERM')) }
  const javascript = lab.specFile.endsWith('.js')
  const reporter = new ScorecardReporter()
  const { createVitest } = await loadVitest()
  const vitest = await createVitest(
    'test',
    {
      root: lab.root,
      config: false,
      watch: false,
      include: [lab.specFile],
      // One spec file, in this thread: a suite per student, side by side, at most `parallel` checks at once;
      // inside a student's suite the objectives run in lab order and see that student's results.
      isolate: false,
      fileParallelism: false,
      maxWorkers: 1,
      pool: INSIDE_VITEST ? 'threads' : sameThreadPool,
      maxConcurrency: Math.max(1, parallel),
      testTimeout: 0,
      hookTimeout: 60_000,
      // The built harness and objective modules are plain JavaScript: Node loads them once for the whole process,
      // instead of vite transforming them again. The spec file alone goes through vitest's module runner, which
      // evaluates it afresh in every run: a roster's next round declares its own students' suites.
      server: { deps: javascript ? { external: [/\/harness\//, /\/specs\//], inline: [new RegExp(`${escapeRegExp(lab.specFile)}$`)] } : {} },
      reporters: [reporter],
    },
    { logLevel: 'silent' },
  )
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(name)) if (!signalListeners[name].has(listener)) process.off(name, listener)
  }
  const runner = { lab, vitest, reporter }
  if (INSIDE_VITEST) kept = runner
  return runner
}

async function closeRunner(runner: Runner): Promise<void> {
  await runner.vitest.close()
}

async function runOnce(lab: LabDefinition, runs: StudentRun[], options: LabRunOptions): Promise<RunStop | undefined> {
  let stop: RunStop | undefined
  const runner = await runnerFor(lab, options.parallel)
  const { vitest, reporter } = runner
  const targets: LabTarget[] = runs.map((r) => r.target)
  reporter.begin(runs, () => stop)
  vitest.provide('grading', { targets })
  const runIds = targets.map((t) => t.runId)
  const onAbort = () => {
    if (stop) return
    stop = stopOf(options.signal?.reason)
    const code = stop.code === 'TIMEOUT' ? 'TIMEOUT' : 'CANCELLED'
    cancelLabs(runIds, new GraderError(code, stop.reason, { ja: stop.ja }))
    void vitest.cancelCurrentRun(encodeStop(code, stop.reason, stop.ja) as CancelReason)
  }
  options.signal?.addEventListener('abort', onAbort)
  if (options.signal?.aborted) onAbort()
  try {
    await vitest.runTestFiles([lab.specFile])
  } catch (error) {
    const line = sentence('run.not-started', { detail: String((error as Error)?.message ?? error).split('\n')[0] })
    for (const run of runs) run.writer.card.runErrors.push(line[run.target.lang])
  } finally {
    options.signal?.removeEventListener('abort', onAbort)
    await closeLabs(runIds)
    reporter.end()
    if (runner !== kept) await closeRunner(runner)
    process.exitCode = undefined
  }
  return stop
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
