// The run's settings, layered: defaults <- config file <- environment <- flags. Validated once, here;
// everything after this trusts the result. Secrets are never read here: only where they are (env names, files).

import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { isValidSvmName } from '../ontap/names.js'
import { parse as parseYaml } from 'yaml'
import { UsageError } from '../errors.js'
import { UNVOUCHED_KUBECONFIG_ENV } from '../kube/credential-commands.js'
import type { Lang } from '../i18n/messages.js'
import type { OntapTarget } from '../lab-target.js'
import type { Flags } from '../cli/parse-args.js'
import { resolveWebhookTarget, type WebhookTarget } from '../lms/webhook-target.js'
import { isObjectiveId, OBJECTIVE_IDS, type ObjectiveId } from '../rubric/objectives.js'
import {
  checkFile,
  checkKubeServer,
  checkOutDir,
  MAX_ONTAP_TIMEOUT_SECONDS,
  MAX_PERSIST_TIMEOUT_SECONDS,
  MAX_RUN_TIMEOUT_SECONDS,
  PEM_CERTIFICATE,
  PEM_PRIVATE_KEY,
  portNumber,
} from './input-checks.js'

export const DEFAULT_CONFIG_FILE = 'grader.config.yaml'
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/

export interface GraderConfig {
  student: string
  kube: { kubeconfigPath?: string; context?: string; allowExecPlugins?: boolean }
  ontap?: OntapTarget
  rubricFile?: string
  outDir: string
  only?: ObjectiveId[]
  skip?: ObjectiveId[]
  lang: Lang
  timeoutSeconds: number
  persistTimeoutSeconds?: number
  selfCheck: boolean
  yes: boolean
  configFile?: string
  /** --post: send the scorecard to this webhook (never in a self-check). */
  post?: WebhookTarget
  /** --post was given with --self-check: nothing is sent, and the CLI says so. */
  postSkippedForSelfCheck?: boolean
  /** The LMS user id for the LTI score (default: the student). */
  lmsUserId?: string
}

/** Flags that only a roster run (--roster) takes. */
export const ROSTER_ONLY_FLAGS = ['parallel', 'ontap-sessions-per-host', 'kube-qps', 'allow-kubeconfig-exec', 'shard'] as const

/** One layer of settings, all optional, as plain strings/booleans before validation. */
interface Layer {
  student?: string
  kubeconfig?: string
  context?: string
  ontapHost?: string
  ontapPort?: string
  ontapUser?: string
  svm?: string
  ontapApi?: string
  ontapHostKey?: string
  ontapKnownHosts?: string
  ontapCa?: string
  ontapInsecure?: boolean
  ontapTimeout?: string
  ontapPasswordFile?: string
  ontapPrivateKeyFile?: string
  rubric?: string
  out?: string
  only?: string
  skip?: string
  lang?: string
  timeout?: string
  persistTimeout?: string
  selfCheck?: boolean
  yes?: boolean
}

export function resolveConfig(flags: Flags, env: NodeJS.ProcessEnv, cwd: string): GraderConfig {
  for (const flag of ROSTER_ONLY_FLAGS) if (flags[flag] !== undefined) throw new UsageError(`--${flag} applies to a class: use it with --roster <file>.`)
  if (flags['post-allow-http'] && flags.post === undefined) throw new UsageError('--post-allow-http applies to --post: give the webhook URL too.')
  const configFile = flags.config ?? env.GRADER_CONFIG ?? (existsSync(join(cwd, DEFAULT_CONFIG_FILE)) ? DEFAULT_CONFIG_FILE : undefined)
  const file = configFile ? fileLayer(resolve(cwd, configFile)) : {}
  const merged: Layer = { ...file, ...defined(envLayer(env)), ...defined(flagLayer(flags)) }

  const student = merged.student
  if (!student) throw new UsageError("Missing --student: name the student's namespace, e.g. npm test -- --student=alice.")
  if (student.length > 63 || !DNS1123_LABEL.test(student)) {
    throw new UsageError(`--student "${student}" is not a valid namespace name: use lower-case letters, digits and "-", at most 63 characters.`)
  }
  const lang = pickLang(merged.lang, env)
  const timeoutSeconds = positiveNumber(merged.timeout ?? '600', '--timeout', MAX_RUN_TIMEOUT_SECONDS)
  const persistTimeoutSeconds = merged.persistTimeout === undefined ? undefined : positiveNumber(merged.persistTimeout, '--persist-timeout', MAX_PERSIST_TIMEOUT_SECONDS)
  const only = idList(merged.only, '--only')
  const skip = idList(merged.skip, '--skip')

  const selfCheck = merged.selfCheck ?? false
  const kube = {
    kubeconfigPath: merged.kubeconfig ? resolve(cwd, merged.kubeconfig) : undefined,
    context: merged.context,
    // A roster's kubeconfig nobody vouched for (set by the roster run): no credential command, no token file.
    ...(env[UNVOUCHED_KUBECONFIG_ENV] === '1' ? { allowExecPlugins: false } : {}),
  }
  checkKubeServer(kube, env)
  const outDir = resolve(cwd, merged.out ?? join('reports', student))
  checkOutDir(outDir, merged.out ?? outDir, '--out')
  return {
    student,
    kube,
    ontap: ontapTarget(merged, env, cwd),
    rubricFile: merged.rubric ? resolve(cwd, merged.rubric) : undefined,
    outDir,
    only,
    skip,
    lang,
    timeoutSeconds,
    persistTimeoutSeconds,
    selfCheck,
    yes: merged.yes ?? false,
    configFile,
    // A student's self-check is never sent anywhere: its score is not a grade.
    post: flags.post === undefined || selfCheck ? undefined : resolveWebhookTarget(flags.post, env, cwd, { allowHttp: flags['post-allow-http'] }),
    postSkippedForSelfCheck: flags.post !== undefined && selfCheck ? true : undefined,
    lmsUserId: flags['lms-user-id'],
  }
}

function ontapTarget(l: Layer, env: NodeJS.ProcessEnv, cwd: string): OntapTarget | undefined {
  if (!l.ontapHost) {
    if (l.svm || l.ontapUser) throw new UsageError('--svm / --ontap-user were given without --ontap-host: name the SVM management address too.')
    return undefined
  }
  if (!l.svm) throw new UsageError("--ontap-host needs --svm: name the student's SVM (e.g. svm01).")
  if (!isValidSvmName(l.svm)) throw new UsageError(`--svm "${l.svm}" is not an SVM name: use letters, digits, "_", "." and "-" (e.g. svm01).`)
  const api = l.ontapApi ?? 'ssh'
  if (api !== 'ssh' && api !== 'rest') throw new UsageError(`--ontap-api must be ssh or rest, not "${api}".`)
  const port = l.ontapPort === undefined ? undefined : portNumber(l.ontapPort, '--ontap-port')
  const ontapTimeoutMs = positiveNumber(l.ontapTimeout ?? '20', '--ontap-timeout', MAX_ONTAP_TIMEOUT_SECONDS) * 1000
  const passwordFile = env.ONTAP_PASSWORD_FILE ?? l.ontapPasswordFile
  const privateKeyFile = env.ONTAP_SSH_KEY ?? l.ontapPrivateKeyFile
  if (passwordFile) checkFile(resolve(cwd, passwordFile), passwordFile, 'ONTAP_PASSWORD_FILE')
  if (privateKeyFile) checkFile(resolve(cwd, privateKeyFile), privateKeyFile, 'ONTAP_SSH_KEY', PEM_PRIVATE_KEY)
  if (l.ontapKnownHosts) checkFile(resolve(cwd, l.ontapKnownHosts), l.ontapKnownHosts, '--ontap-known-hosts')
  if (l.ontapCa) checkFile(resolve(cwd, l.ontapCa), l.ontapCa, '--ontap-ca', PEM_CERTIFICATE)
  if (!env.ONTAP_PASSWORD && !passwordFile && !privateKeyFile) {
    throw new UsageError('No ONTAP credentials: set ONTAP_PASSWORD (or ONTAP_PASSWORD_FILE) or ONTAP_SSH_KEY for the SVM user.')
  }
  if (api === 'rest' && !env.ONTAP_PASSWORD && !passwordFile) throw new UsageError('--ontap-api rest needs a password: set ONTAP_PASSWORD or ONTAP_PASSWORD_FILE.')
  if (l.ontapHostKey && !/^SHA256:[A-Za-z0-9+/]{43}=?$/.test(l.ontapHostKey)) {
    throw new UsageError(`--ontap-host-key "${l.ontapHostKey}" is not an OpenSSH SHA256 fingerprint (SHA256: followed by 43 base64 characters).`)
  }
  return {
    api,
    host: l.ontapHost,
    port,
    user: l.ontapUser ?? 'vsadmin',
    svm: l.svm,
    hostKey: l.ontapHostKey,
    knownHostsFile: l.ontapKnownHosts ? resolve(cwd, l.ontapKnownHosts) : undefined,
    caFile: l.ontapCa ? resolve(cwd, l.ontapCa) : undefined,
    insecure: l.ontapInsecure ?? false,
    secrets: {
      passwordEnv: 'ONTAP_PASSWORD',
      passwordFile: passwordFile ? resolve(cwd, passwordFile) : undefined,
      privateKeyFile: privateKeyFile ? resolve(cwd, privateKeyFile) : undefined,
      passphraseEnv: 'ONTAP_SSH_KEY_PASSPHRASE',
    },
    connectTimeoutMs: ontapTimeoutMs,
    commandTimeoutMs: ontapTimeoutMs,
  }
}

function flagLayer(f: Flags): Layer {
  return {
    student: f.student,
    kubeconfig: f.kubeconfig,
    context: f.context,
    ontapHost: f['ontap-host'],
    ontapPort: f['ontap-port'],
    ontapUser: f['ontap-user'],
    svm: f.svm,
    ontapApi: f['ontap-api'],
    ontapHostKey: f['ontap-host-key'],
    ontapKnownHosts: f['ontap-known-hosts'],
    ontapCa: f['ontap-ca'],
    ontapInsecure: f['ontap-insecure-accept-host-key'],
    ontapTimeout: f['ontap-timeout'],
    rubric: f.rubric,
    out: f.out,
    only: f.only,
    skip: f.skip,
    lang: f.lang,
    timeout: f.timeout,
    persistTimeout: f['persist-timeout'],
    selfCheck: f['self-check'],
    yes: f.yes,
  }
}

function envLayer(env: NodeJS.ProcessEnv): Layer {
  return {
    student: env.GRADER_STUDENT,
    context: env.GRADER_CONTEXT,
    ontapHost: env.ONTAP_HOST,
    ontapPort: env.ONTAP_PORT,
    ontapUser: env.ONTAP_USER,
    svm: env.ONTAP_SVM,
    ontapApi: env.ONTAP_API,
    ontapHostKey: env.ONTAP_HOST_KEY,
    ontapKnownHosts: env.ONTAP_KNOWN_HOSTS,
    ontapCa: env.ONTAP_CA_FILE,
    rubric: env.GRADER_RUBRIC,
    out: env.GRADER_OUT,
    lang: env.GRADER_LANG,
    timeout: env.GRADER_TIMEOUT,
  }
}

const FILE_KEYS = ['student', 'kubeconfig', 'context', 'ontap', 'rubric', 'out', 'only', 'skip', 'lang', 'timeout', 'persistTimeout', 'selfCheck']
const ONTAP_KEYS = ['host', 'port', 'user', 'svm', 'api', 'hostKey', 'knownHosts', 'caFile', 'insecureAcceptHostKey', 'timeout', 'passwordFile', 'privateKeyFile']

function fileLayer(path: string): Layer {
  let data: unknown
  try {
    data = parseYaml(readFileSync(path, 'utf8'))
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : `it is not valid YAML (${String((error as Error).message).split('\n')[0]})`
    throw new UsageError(`Cannot use the config file ${path}: ${why}.`)
  }
  if (data == null) return {}
  const bad = (what: string) => new UsageError(`Config file ${path}: ${what}.`)
  if (typeof data !== 'object' || Array.isArray(data)) throw bad('the top level must be a mapping of settings')
  const d = data as Record<string, any>
  for (const key of Object.keys(d)) if (!FILE_KEYS.includes(key)) throw bad(`unknown key \`${key}\` (allowed: ${FILE_KEYS.join(', ')})`)
  const o = (d.ontap ?? {}) as Record<string, unknown>
  if (typeof o !== 'object' || Array.isArray(o)) throw bad('`ontap` must be a mapping')
  for (const key of Object.keys(o)) {
    if (/password$|passphrase|secret|privateKey$/i.test(key)) throw bad(`\`ontap.${key}\` looks like a secret; secrets go in ONTAP_PASSWORD or a file named by ontap.passwordFile`)
    if (!ONTAP_KEYS.includes(key)) throw bad(`unknown key \`ontap.${key}\` (allowed: ${ONTAP_KEYS.join(', ')})`)
  }
  const str = (v: unknown, key: string) => {
    if (v === undefined || v === null) return undefined
    if (typeof v !== 'string' && typeof v !== 'number') throw bad(`\`${key}\` must be a string`)
    return String(v)
  }
  const bool = (v: unknown, key: string) => {
    if (v === undefined || v === null) return undefined
    if (typeof v !== 'boolean') throw bad(`\`${key}\` must be true or false`)
    return v
  }
  const list = (v: unknown, key: string) => (Array.isArray(v) ? v.map(String).join(',') : str(v, key))
  return {
    student: str(d.student, 'student'),
    kubeconfig: str(d.kubeconfig, 'kubeconfig'),
    context: str(d.context, 'context'),
    ontapHost: str(o.host, 'ontap.host'),
    ontapPort: str(o.port, 'ontap.port'),
    ontapUser: str(o.user, 'ontap.user'),
    svm: str(o.svm, 'ontap.svm'),
    ontapApi: str(o.api, 'ontap.api'),
    ontapHostKey: str(o.hostKey, 'ontap.hostKey'),
    ontapKnownHosts: str(o.knownHosts, 'ontap.knownHosts'),
    ontapCa: str(o.caFile, 'ontap.caFile'),
    ontapInsecure: bool(o.insecureAcceptHostKey, 'ontap.insecureAcceptHostKey'),
    ontapTimeout: str(o.timeout, 'ontap.timeout'),
    ontapPasswordFile: str(o.passwordFile, 'ontap.passwordFile'),
    ontapPrivateKeyFile: str(o.privateKeyFile, 'ontap.privateKeyFile'),
    rubric: str(d.rubric, 'rubric'),
    out: str(d.out, 'out'),
    only: list(d.only, 'only'),
    skip: list(d.skip, 'skip'),
    lang: str(d.lang, 'lang'),
    timeout: str(d.timeout, 'timeout'),
    persistTimeout: str(d.persistTimeout, 'persistTimeout'),
    selfCheck: bool(d.selfCheck, 'selfCheck'),
  }
}

export function pickLang(value: string | undefined, env: NodeJS.ProcessEnv): Lang {
  if (value !== undefined) {
    if (value !== 'ja' && value !== 'en') throw new UsageError(`--lang must be ja or en, not "${value}".`)
    return value
  }
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || ''
  return locale.toLowerCase().startsWith('ja') ? 'ja' : 'en'
}

/** A positive number of at most `max` (timeouts: what a timer can hold and a lab run can need). */
export function positiveNumber(value: string, flag: string, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a positive number, not "${value}".`)
  if (n > max) throw new UsageError(`${flag} must be at most ${max}, not "${value}".`)
  return n
}

function idList(value: string | undefined, flag: string): ObjectiveId[] | undefined {
  if (value === undefined) return undefined
  const ids = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  for (const id of ids) if (!isObjectiveId(id)) throw new UsageError(`${flag} names "${id}", which is not an objective; known: ${OBJECTIVE_IDS.join(', ')}.`)
  return ids as ObjectiveId[]
}

function defined<T extends object>(layer: T): Partial<T> {
  return Object.fromEntries(Object.entries(layer).filter(([, v]) => v !== undefined)) as Partial<T>
}
