// `npm test -- --student=<ns> ...`: parse, resolve, run, deliver, print, exit. Nothing else lives here.
// `npm test -- --roster <file> ...` grades a class (harness/roster/).
// Only what --help, --version and a usage error need is imported up front; grading modules (vitest, the
// Kubernetes client) are imported when a run starts.

import { stopOnSignals } from './cli/stop-signals.js'
import { earlyLang } from './cli/cli-lang.js'
import { parseFlags } from './cli/parse-args.js'
import { usageLine, usageText } from './cli/usage-text.js'
import { errorSentence, isGraderError } from './errors.js'
import type { Lang } from './i18n/catalogue.js'
import { ExitCode } from './exit-code.js'
import { terminalField, terminalLines } from './scorecard/safe-text.js'
import { GRADER_NAME, GRADER_VERSION } from './version.js'

/** Where main() writes: the process's own streams, or another stream (a test, a caller). */
export interface CliOutput {
  stdout: Pick<NodeJS.WritableStream, 'write'>
  stderr: Pick<NodeJS.WritableStream, 'write'>
}

export async function main(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env, output: CliOutput = process): Promise<number> {
  // The last guard for the terminal and grader.log: whatever a line holds, no escape sequence, CR or bidi override
  // gets out (values inside lines are neutralised where they are put in, see cli/console-output.ts).
  const say = (line: string) => output.stderr.write(terminalLines(line) + '\n')
  const print = (text: string) => output.stdout.write(terminalLines(text) + '\n')
  // The run's language once its settings are resolved; before that, what the command line and environment say.
  let lang: Lang | undefined
  try {
    const flags = parseFlags(argv)
    if (flags.help) {
      print(await usageIn(earlyLang(argv, env)))
      return ExitCode.AllPassed
    }
    if (flags.version) {
      print(`${GRADER_NAME} ${GRADER_VERSION}`)
      return ExitCode.AllPassed
    }
    if (flags['merge-class'] !== undefined) return await (await import('./roster/merge-class.js')).mergeClassMain(flags, env, say, print)
    if (flags.roster !== undefined) return await (await import('./roster/roster-cli.js')).rosterMain(flags, env, say, print)
    const { resolveConfig } = await import('./config/grader-config.js')
    const config = resolveConfig(flags, env, process.cwd())
    lang = config.lang
    const [{ progressPrinter, renderSummary }, { deliverScorecard }, { displayUrl }, { runGrading }, { wordsFor }] = await Promise.all([
      import('./cli/console-output.js'),
      import('./lms/deliver-scorecard.js'),
      import('./lms/webhook-target.js'),
      import('./run.js'),
      import('./i18n/words.js'),
    ])
    const w = wordsFor(config.lang).console
    if (config.postSkippedForSelfCheck) say(w.postIgnored)
    const stop = stopOnSignals(() => say(w.stopping))
    say(w.grading({ student: config.student, selfCheck: config.selfCheck }))
    try {
      const { card, exitCode, notStarted } = await runGrading(config, {
        signal: stop.signal,
        env,
        onNote: say,
        onProgress: progressPrinter(say, config.timeoutSeconds, config.lang),
        // Ctrl-C while the question waits ends the run as cancelled (no answer: not confirmed).
        confirmDisruption: process.stdin.isTTY ? () => confirm(w.confirmDelete, stop.signal) : undefined,
      })
      const { posted } = await deliverScorecard(card, { outDir: config.outDir, lmsUserId: config.lmsUserId, post: config.post, env })
      if (posted?.ok) say(w.posted({ url: displayUrl(config.post!.url), attempts: posted.attempts }))
      if (posted && !posted.ok) say(w.error({ detail: terminalField(posted.error) }))
      const delivered = !posted || posted.ok ? exitCode : ExitCode.GraderError
      // Nothing was graded (the cluster could not be asked at all): one error line and where the card is. Once
      // grading began, the summary follows, even when every objective ended in an error (Ctrl-C, the budget).
      if (notStarted) {
        say(w.error({ detail: terminalField(card.runErrors[0] ?? errorSentence(notStarted, config.lang)) }))
        say(w.partialScorecard({ file: `${config.outDir}/scorecard.json` }))
        return delivered
      }
      print(renderSummary(card, { hints: config.selfCheck, outDir: config.outDir }))
      return delivered
    } finally {
      stop.dispose()
    }
  } catch (error) {
    lang ??= earlyLang(argv, env)
    const w = (await import('./i18n/words.js')).wordsFor(lang).console
    if (isGraderError(error)) {
      say(w.error({ detail: terminalField(errorSentence(error, lang)) }))
      if (error.name === 'UsageError') {
        if (/Unknown option|Unexpected argument/.test(error.message)) say(usageLine(lang))
        return ExitCode.UsageError
      }
      return ExitCode.GraderError
    }
    say(w.error({ detail: w.unexpected({ detail: terminalField((error as Error)?.message ?? error) }) }))
    return ExitCode.GraderError
  }
}

/** --help with the lab's objectives, loaded only to print it. */
async function usageIn(lang: Lang): Promise<string> {
  const [{ STATEFUL_LAB }, { objectiveIds }] = await Promise.all([import('./stateful-lab.js'), import('./objective/lab-definition.js')])
  return usageText(lang, objectiveIds(STATEFUL_LAB))
}

async function confirm(question: string, signal: AbortSignal): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises')
  const rl = createInterface({ input: process.stdin, output: process.stderr })
  try {
    return /^y(es)?$/i.test((await rl.question(question, { signal })).trim())
  } finally {
    rl.close()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void main().then((code) => {
    process.exitCode = code
  })
}
