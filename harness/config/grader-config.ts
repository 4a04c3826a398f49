// The run's settings, layered: defaults <- config file <- environment <- flags. Validated once, here;
// everything after this trusts the result. Secrets are never read here: only where they are (env names, files).

import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { isValidSvmName } from '../ontap/names.js'
import { parse as parseYaml } from 'yaml'
import { usageError } from '../i18n/usage-errors.js'
import { UNVOUCHED_KUBECONFIG_ENV } from '../kube/credential-commands.js'
import type { Lang } from '../i18n/messages.js'
import type { GradeTarget, OntapTarget } from '../lab-target.js'
import { localeLang } from '../cli/cli-lang.js'
import type { Flags } from '../cli/parse-args.js'
import { resolveWebhookTarget, type WebhookTarget } from '../lms/webhook-target.js'
import { checkFile, checkKubeServer, checkStudentName, checkOutDir, MAX_ONTAP_TIMEOUT_SECONDS, MAX_PERSIST_TIMEOUT_SECONDS, MAX_RUN_TIMEOUT_SECONDS, portNumber } from './input-checks.js'

export const DEFAULT_CONFIG_FILE = 'grader.config.yaml'

/** One student's run as the CLI resolved it: the target to grade (the library's GradeTarget), and the CLI's own settings. */
export interface GraderConfig extends GradeTarget {
  outDir: string
  lang: Lang
  timeoutSeconds: number
  selfCheck: boolean
  rubricFile?: string
  persistTimeoutSeconds?: number
  /** --yes: a self-check deletes the pod without asking. */
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
  for (const flag of ROSTER_ONLY_FLAGS) if (flags[flag] !== undefined) throw usageError('flag.class-only', { flag })
  if (flags['post-allow-http'] && flags.post === undefined) throw usageError('post.allow-http-alone')
  const configFile = flags.config ?? env.GRADER_CONFIG ?? (existsSync(join(cwd, DEFAULT_CONFIG_FILE)) ? DEFAULT_CONFIG_FILE : undefined)
  const file = configFile ? fileLayer(resolve(cwd, configFile)) : {}
  const merged: Layer = { ...file, ...defined(envLayer(env)), ...defined(flagLayer(flags)) }

  const student = merged.student
  if (!student) throw usageError('student.missing')
  // The name becomes a folder below: checked here (the library checks what its callers pass the same way).
  checkStudentName(student)
  const lang = pickLang(merged.lang, env)
  const timeoutSeconds = positiveNumber(merged.timeout ?? '600', '--timeout', MAX_RUN_TIMEOUT_SECONDS)
  const persistTimeoutSeconds = merged.persistTimeout === undefined ? undefined : positiveNumber(merged.persistTimeout, '--persist-timeout', MAX_PERSIST_TIMEOUT_SECONDS)
  const only = idList(merged.only)
  const skip = idList(merged.skip)

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
    if (l.svm || l.ontapUser) throw usageError('ontap.host-missing')
    return undefined
  }
  if (!l.svm) throw usageError('ontap.svm-missing')
  if (!isValidSvmName(l.svm)) throw usageError('ontap.svm-invalid', { svm: l.svm })
  const api = l.ontapApi ?? 'ssh'
  if (api !== 'ssh' && api !== 'rest') throw usageError('ontap.api-invalid', { api })
  const port = l.ontapPort === undefined ? undefined : portNumber(l.ontapPort, '--ontap-port')
  const ontapTimeoutMs = positiveNumber(l.ontapTimeout ?? '20', '--ontap-timeout', MAX_ONTAP_TIMEOUT_SECONDS) * 1000
  const passwordFile = env.ONTAP_PASSWORD_FILE ?? l.ontapPasswordFile
  const privateKeyFile = env.ONTAP_SSH_KEY ?? l.ontapPrivateKeyFile
  if (passwordFile) checkFile(resolve(cwd, passwordFile), passwordFile, 'ONTAP_PASSWORD_FILE')
  if (privateKeyFile) checkFile(resolve(cwd, privateKeyFile), privateKeyFile, 'ONTAP_SSH_KEY', 'private-key')
  if (l.ontapKnownHosts) checkFile(resolve(cwd, l.ontapKnownHosts), l.ontapKnownHosts, '--ontap-known-hosts')
  if (l.ontapCa) checkFile(resolve(cwd, l.ontapCa), l.ontapCa, '--ontap-ca', 'certificate')
  if (!env.ONTAP_PASSWORD && !passwordFile && !privateKeyFile) {
    throw usageError('ontap.no-credentials')
  }
  if (api === 'rest' && !env.ONTAP_PASSWORD && !passwordFile) throw usageError('ontap.rest-needs-password')
  if (l.ontapHostKey && !/^SHA256:[A-Za-z0-9+/]{43}=?$/.test(l.ontapHostKey)) {
    throw usageError('ontap.host-key-invalid', { value: l.ontapHostKey })
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

/** Every setting a config file may hold, as the README names it (`ontap.host`). */
export const CONFIG_FILE_KEYS: readonly string[] = [...FILE_KEYS.filter((k) => k !== 'ontap'), ...ONTAP_KEYS.map((k) => `ontap.${k}`)]

function fileLayer(path: string): Layer {
  let data: unknown
  try {
    data = parseYaml(readFileSync(path, 'utf8'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw usageError('config.missing', { path })
    throw usageError('config.bad-yaml', { path, detail: String((error as Error).message).split('\n')[0] })
  }
  if (data == null) return {}
  if (typeof data !== 'object' || Array.isArray(data)) throw usageError('config.not-mapping', { path })
  const d = data as Record<string, any>
  for (const key of Object.keys(d)) if (!FILE_KEYS.includes(key)) throw usageError('config.unknown-key', { path, key, allowed: FILE_KEYS })
  const o = (d.ontap ?? {}) as Record<string, unknown>
  if (typeof o !== 'object' || Array.isArray(o)) throw usageError('config.ontap-not-mapping', { path })
  for (const key of Object.keys(o)) {
    if (/password$|passphrase|secret|privateKey$/i.test(key)) throw usageError('config.secret-key', { path, key: `ontap.${key}` })
    if (!ONTAP_KEYS.includes(key)) throw usageError('config.unknown-key', { path, key: `ontap.${key}`, allowed: ONTAP_KEYS })
  }
  const str = (v: unknown, key: string) => {
    if (v === undefined || v === null) return undefined
    if (typeof v !== 'string' && typeof v !== 'number') throw usageError('config.not-string', { path, key })
    return String(v)
  }
  const bool = (v: unknown, key: string) => {
    if (v === undefined || v === null) return undefined
    if (typeof v !== 'boolean') throw usageError('config.not-boolean', { path, key })
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
    if (value !== 'ja' && value !== 'en') throw usageError('lang.invalid', { value })
    return value
  }
  return localeLang(env)
}

/** A positive number of at most `max` (timeouts: what a timer can hold and a lab run can need). */
export function positiveNumber(value: string, flag: string, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0) throw usageError('number.not-positive', { flag, value })
  if (n > max) throw usageError('number.too-big', { flag, max, value })
  return n
}

/** A comma-separated list of objective ids (whether the lab has them is checked when grading starts: grade.ts). */
function idList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

function defined<T extends object>(layer: T): Partial<T> {
  return Object.fromEntries(Object.entries(layer).filter(([, v]) => v !== undefined)) as Partial<T>
}
