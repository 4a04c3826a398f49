// `npm test -- --student=<ns> ...`: parse, resolve, run, print, exit. Nothing else lives here.

import { createInterface } from 'node:readline/promises'
import { progressPrinter, renderSummary } from './cli/console-output.js'
import { parseFlags } from './cli/parse-args.js'
import { USAGE } from './cli/usage.js'
import { resolveConfig } from './config/grader-config.js'
import { isGraderError } from './errors.js'
import { ExitCode } from './exit-code.js'
import { runGrading } from './run.js'
import { GRADER_NAME, GRADER_VERSION } from './version.js'

export async function main(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const say = (line: string) => process.stderr.write(line + '\n')
  try {
    const flags = parseFlags(argv)
    if (flags.help) {
      process.stdout.write(USAGE + '\n')
      return ExitCode.AllPassed
    }
    if (flags.version) {
      process.stdout.write(`${GRADER_NAME} ${GRADER_VERSION}\n`)
      return ExitCode.AllPassed
    }
    const config = resolveConfig(flags, env, process.cwd())
    const cancel = new AbortController()
    let interrupts = 0
    const onSigint = () => {
      if (++interrupts > 1) process.exit(130)
      say('Stopping: cleaning up the test file and the lease (Ctrl-C again to quit at once)…')
      cancel.abort()
    }
    process.on('SIGINT', onSigint)
    say(`Grading ${config.student}${config.selfCheck ? ' (self-check)' : ''}`)
    try {
      const { card, exitCode } = await runGrading(config, {
        signal: cancel.signal,
        onNote: say,
        onProgress: progressPrinter(say, config.timeoutSeconds),
        confirmDisruption: process.stdin.isTTY ? () => confirm(config.lang) : undefined,
      })
      if (card.checks.length === 0 && card.runErrors.length > 0) {
        say(`error: ${card.runErrors[0]}`)
        say(`partial scorecard: ${config.outDir}/scorecard.json`)
        return exitCode
      }
      process.stdout.write(renderSummary(card, { hints: config.selfCheck, outDir: config.outDir }) + '\n')
      return exitCode
    } finally {
      process.off('SIGINT', onSigint)
    }
  } catch (error) {
    if (isGraderError(error)) {
      say(`error: ${error.message}`)
      if (error.name === 'UsageError') {
        if (/Unknown option|Unexpected argument/.test(error.message)) say(USAGE.split('\n')[0])
        return ExitCode.UsageError
      }
      return ExitCode.GraderError
    }
    say(`error: the grader failed unexpectedly: ${(error as Error)?.message ?? error}`)
    return ExitCode.GraderError
  }
}

async function confirm(lang: 'ja' | 'en'): Promise<boolean> {
  const question =
    lang === 'ja'
      ? 'データ永続化の確認のため、データベースの Pod を 1 つ削除します（Deployment が作り直します）。続けますか？ [y/N] '
      : 'To check that data persists, the grader deletes one database pod (its Deployment starts a new one). Continue? [y/N] '
  const rl = createInterface({ input: process.stdin, output: process.stderr })
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim())
  } finally {
    rl.close()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then((code) => {
    process.exitCode = code
  })
}
