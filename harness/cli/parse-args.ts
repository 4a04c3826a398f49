// Command-line flags of `npm test -- ...`. Strict: an unknown flag is a usage error (exit 9) and never
// reaches vitest. Secrets are refused as flags.

import { parseArgs } from 'node:util'
import { UsageError } from '../errors.js'
import { usageError } from '../i18n/usage-errors.js'

export const FLAG_OPTIONS = {
  student: { type: 'string' },
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  'ontap-host': { type: 'string' },
  'ontap-port': { type: 'string' },
  'ontap-user': { type: 'string' },
  svm: { type: 'string' },
  'ontap-api': { type: 'string' },
  'ontap-host-key': { type: 'string' },
  'ontap-known-hosts': { type: 'string' },
  'ontap-ca': { type: 'string' },
  'ontap-insecure-accept-host-key': { type: 'boolean' },
  'ontap-timeout': { type: 'string' },
  rubric: { type: 'string' },
  config: { type: 'string' },
  out: { type: 'string' },
  only: { type: 'string' },
  skip: { type: 'string' },
  lang: { type: 'string' },
  timeout: { type: 'string' },
  'persist-timeout': { type: 'string' },
  'self-check': { type: 'boolean' },
  'lms-user-id': { type: 'string' },
  post: { type: 'string' },
  'post-allow-http': { type: 'boolean' },
  roster: { type: 'string' },
  parallel: { type: 'string' },
  'ontap-sessions-per-host': { type: 'string' },
  'kube-qps': { type: 'string' },
  'allow-kubeconfig-exec': { type: 'boolean' },
  shard: { type: 'string' },
  'merge-class': { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const

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
