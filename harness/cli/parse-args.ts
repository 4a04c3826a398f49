// Command-line flags of `npm test -- ...`. Strict: an unknown flag is a usage error (exit 9) and never
// reaches vitest. Secrets are refused as flags.

import { parseArgs } from 'node:util'
import { UsageError } from '../errors.js'
import { usageError } from '../i18n/usage-errors.js'

/** Where --help and the README's flag tables list an option, in this order. */
export const FLAG_GROUPS = ['target', 'run', 'lms', 'class', 'shards'] as const

export type FlagGroup = (typeof FLAG_GROUPS)[number]

/**
 * One option: how the parser reads it (`type`, `short`), and how --help and the README show it: its `group`, the
 * placeholder of its `value`, and the environment variable (`env`) and config file key (`config`) that set it too.
 * Its description and default are in the help catalogue (harness/i18n/help-en.ts), keyed by the option's name.
 */
export interface FlagOption {
  type: 'string' | 'boolean'
  short?: string
  group: FlagGroup
  value?: string
  env?: string
  config?: string
}

/** Every option of the command line: the parser's list, and the one --help and the README's flag tables are made from. */
export const FLAG_OPTIONS = {
  student: { type: 'string', group: 'target', value: '<ns>', env: 'GRADER_STUDENT', config: 'student' },
  kubeconfig: { type: 'string', group: 'target', value: '<file>', env: 'KUBECONFIG', config: 'kubeconfig' },
  context: { type: 'string', group: 'target', value: '<name>', env: 'GRADER_CONTEXT', config: 'context' },
  'ontap-host': { type: 'string', group: 'target', value: '<host>', env: 'ONTAP_HOST', config: 'ontap.host' },
  'ontap-port': { type: 'string', group: 'target', value: '<n>', env: 'ONTAP_PORT', config: 'ontap.port' },
  'ontap-user': { type: 'string', group: 'target', value: '<user>', env: 'ONTAP_USER', config: 'ontap.user' },
  svm: { type: 'string', group: 'target', value: '<name>', env: 'ONTAP_SVM', config: 'ontap.svm' },
  'ontap-api': { type: 'string', group: 'target', value: 'ssh|rest', env: 'ONTAP_API', config: 'ontap.api' },
  'ontap-host-key': { type: 'string', group: 'target', value: '<SHA256:...>', env: 'ONTAP_HOST_KEY', config: 'ontap.hostKey' },
  'ontap-known-hosts': { type: 'string', group: 'target', value: '<file>', env: 'ONTAP_KNOWN_HOSTS', config: 'ontap.knownHosts' },
  'ontap-ca': { type: 'string', group: 'target', value: '<file>', env: 'ONTAP_CA_FILE', config: 'ontap.caFile' },
  'ontap-insecure-accept-host-key': { type: 'boolean', group: 'target', config: 'ontap.insecureAcceptHostKey' },
  'ontap-timeout': { type: 'string', group: 'target', value: '<s>', config: 'ontap.timeout' },
  rubric: { type: 'string', group: 'run', value: '<file>', env: 'GRADER_RUBRIC', config: 'rubric' },
  config: { type: 'string', group: 'run', value: '<file>', env: 'GRADER_CONFIG' },
  out: { type: 'string', group: 'run', value: '<dir>', env: 'GRADER_OUT', config: 'out' },
  only: { type: 'string', group: 'run', value: '<ids>', config: 'only' },
  skip: { type: 'string', group: 'run', value: '<ids>', config: 'skip' },
  lang: { type: 'string', group: 'run', value: 'ja|en', env: 'GRADER_LANG', config: 'lang' },
  timeout: { type: 'string', group: 'run', value: '<s>', env: 'GRADER_TIMEOUT', config: 'timeout' },
  'persist-timeout': { type: 'string', group: 'run', value: '<s>', config: 'persistTimeout' },
  'self-check': { type: 'boolean', group: 'run', config: 'selfCheck' },
  yes: { type: 'boolean', short: 'y', group: 'run' },
  help: { type: 'boolean', short: 'h', group: 'run' },
  version: { type: 'boolean', short: 'v', group: 'run' },
  'lms-user-id': { type: 'string', group: 'lms', value: '<id>' },
  post: { type: 'string', group: 'lms', value: '<url>' },
  'post-allow-http': { type: 'boolean', group: 'lms' },
  roster: { type: 'string', group: 'class', value: '<file>' },
  parallel: { type: 'string', group: 'class', value: '<n>' },
  'ontap-sessions-per-host': { type: 'string', group: 'class', value: '<n>' },
  'kube-qps': { type: 'string', group: 'class', value: '<n>' },
  'allow-kubeconfig-exec': { type: 'boolean', group: 'class' },
  shard: { type: 'string', group: 'shards', value: '<i>/<n>' },
  'merge-class': { type: 'string', group: 'shards', value: '<dir> [<dir>...]' },
} as const satisfies Record<string, FlagOption>

export type FlagName = keyof typeof FLAG_OPTIONS

export type Flags = {
  -readonly [K in Exclude<keyof typeof FLAG_OPTIONS, 'merge-class'>]?: (typeof FLAG_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string
} & {
  /** `--merge-class <dir> [<dir>...]`: the folders that directly follow the flag (a shell glob expands to them). */
  'merge-class'?: string[]
}

const SECRET_FLAGS = ['--ontap-password', '--password', '--ontap-ssh-key', '--ssh-key', '--passphrase', '--ontap-passphrase', '--token', '--webhook-secret', '--post-secret', '--secret']

export function parseFlags(argv: string[]): Flags {
  for (const arg of argv) {
    const name = arg.split('=')[0]
    if (SECRET_FLAGS.includes(name)) {
      throw usageError(/secret/.test(name) ? 'flag.secret-webhook' : 'flag.secret-ontap', { flag: name })
    }
  }
  try {
    const { values, tokens } = parseArgs({ args: argv, options: FLAG_OPTIONS, strict: true, allowPositionals: true, tokens: true })
    // Arguments without a flag are refused, except the folders right after --merge-class (it takes several).
    const mergeDirs: string[] = []
    let afterMerge = false
    for (const token of tokens) {
      if (token.kind === 'option') afterMerge = token.name === 'merge-class'
      else if (token.kind === 'option-terminator') afterMerge = false
      else if (token.kind === 'positional' && afterMerge) mergeDirs.push(token.value)
      else if (token.kind === 'positional') throw usageError('flag.unexpected', { value: token.value })
    }
    // A flag given twice is a mistake (which one was meant?), never "the last one wins".
    const seen = new Set<string>()
    for (const token of tokens) {
      if (token.kind !== 'option') continue
      if (seen.has(token.name)) throw usageError('flag.twice', { flag: token.name })
      seen.add(token.name)
    }
    const { 'merge-class': firstMergeDir, ...rest } = values
    const flags = rest as Flags
    if (firstMergeDir !== undefined) flags['merge-class'] = [firstMergeDir, ...mergeDirs]
    return flags
  } catch (error) {
    if (error instanceof UsageError) throw error
    const code = (error as { code?: string }).code
    const message = String((error as Error).message)
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      throw usageError('flag.unknown', { flag: /'([^']+)'/.exec(message)?.[1] ?? '?' })
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      throw usageError('flag.needs-value', { flag: /'(--?[\w-]+)/.exec(message)?.[1] ?? '?' })
    }
    throw usageError('flag.invalid', { detail: message.split('\n')[0] })
  }
}
