// The settings of a roster run (`npm test -- --roster class.yaml`): the roster, the caps, the per-student time
// budget, and the flags every student's grading gets. Per-student settings come from the roster only, so the
// flags that name one student are refused here. Everything a student's grading would refuse is refused once, here.

import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Flags } from '../cli/parse-args.js'
import { positiveNumber, resolveConfig } from '../config/grader-config.js'
import { checkFile, checkOutDir } from '../config/input-checks.js'
import type { Lang } from '../i18n/messages.js'
import { sentence, usageError, type UsageErrorKey } from '../i18n/usage-errors.js'
import { resolveWebhookTarget, type WebhookTarget } from '../lms/webhook-target.js'
import { checkRosterKubeconfig, UNVOUCHED_KUBECONFIG_ENV } from '../kube/credential-commands.js'
import { loadRoster, type Roster } from './roster-file.js'
import { resolveShard, shardMark, type ShardMark } from './shard.js'

const DEFAULT_PARALLEL = 4
const DEFAULT_ONTAP_SESSIONS_PER_HOST = 2
/** Kubernetes requests per second for the whole class: high enough not to slow a normal run, a cap on runaways. */
const DEFAULT_KUBE_QPS = 100

export interface RosterConfig {
  roster: Roster
  /** reports/: each student in <outRoot>/<id>/, the class in <outRoot>/class/. */
  outRoot: string
  parallel: number
  ontapSessionsPerHost: number
  kubeQps: number
  studentTimeoutSeconds: number
  lang: Lang
  /** Flags given to every student's grading, before the student's own. */
  childFlags: string[]
  post?: WebhookTarget
  /** The roster's kubeconfigs may run exec plugins and read token files (allowExecPlugins, --allow-kubeconfig-exec). */
  allowKubeconfigExec?: boolean
  /**
   * `--shard i/n` (or JOB_COMPLETION_INDEX/JOB_COMPLETIONS): this run grades one slice of the roster. `roster`
   * still holds the whole class; roster-cli.ts narrows it to the slice (shard.ts) before grading.
   */
  shard?: ShardMark
}

/** Flags that name one student, each with the sentence (class-errors-en.ts) that refuses it in a roster run. */
const PER_STUDENT: Array<[keyof Flags, UsageErrorKey & `roster.flag-${string}`]> = [
  ['student', 'roster.flag-student'],
  ['ontap-host', 'roster.flag-ontap-host'],
  ['ontap-port', 'roster.flag-ontap-port'],
  ['svm', 'roster.flag-svm'],
  ['ontap-host-key', 'roster.flag-ontap-host-key'],
  ['lms-user-id', 'roster.flag-lms-user-id'],
  ['self-check', 'roster.flag-self-check'],
  ['yes', 'roster.flag-yes'],
]

/** Flags every student's grading gets unchanged (validated here, and again as each student's settings are resolved). */
const SHARED: Array<Exclude<keyof Flags, 'merge-class'>> = [
  'kubeconfig',
  'context',
  'ontap-user',
  'ontap-api',
  'ontap-known-hosts',
  'ontap-ca',
  'ontap-insecure-accept-host-key',
  'ontap-timeout',
  'rubric',
  'config',
  'only',
  'skip',
  'lang',
  'persist-timeout',
]

/** Environment variables that name one student: a roster run never passes them on. */
export const PER_STUDENT_ENV = [
  'GRADER_STUDENT',
  'GRADER_OUT',
  'GRADER_CONTEXT',
  'ONTAP_HOST',
  'ONTAP_PORT',
  'ONTAP_SVM',
  'ONTAP_HOST_KEY',
  'ONTAP_PASSWORD',
  'ONTAP_PASSWORD_FILE',
  UNVOUCHED_KUBECONFIG_ENV,
]

export function resolveRosterConfig(flags: Flags, env: NodeJS.ProcessEnv, cwd: string): RosterConfig {
  for (const [flag, key] of PER_STUDENT) if (flags[flag] !== undefined) throw usageError(key)
  const shard = resolveShard(flags.shard, env)
  const roster = loadRoster(flags.roster!, cwd)
  // Kubeconfigs named in a roster may come from students: refused here, before anything runs, if they would run a command.
  const allowExec = flags['allow-kubeconfig-exec'] === true || roster.allowExecPlugins === true
  for (const s of roster.students) {
    if (s.kubeconfig) checkRosterKubeconfig(s.kubeconfig, s.context ?? flags.context, sentence('named.roster-kubeconfig', { id: s.id }), allowExec)
  }
  // Shards write to folders of their own by default, so shards sharing a disk never overwrite each other's
  // class summary (reports/class/); --merge-class reads them back.
  const outRoot = resolve(cwd, flags.out ?? (shard ? join('reports', `shard-${shard.index}-of-${shard.count}`) : 'reports'))
  checkOutDir(outRoot, flags.out ?? outRoot, '--out')
  // A password file that is missing is that student's problem (a card says so); one that is a folder is a typo.
  for (const s of roster.students) {
    if (s.passwordFile && existsSync(s.passwordFile)) checkFile(s.passwordFile, s.passwordFile, sentence('named.roster-password-file', { id: s.id }))
  }

  // Validate the shared settings the way each student's grading will, once, with the first student standing in.
  const shared: Flags = Object.fromEntries(SHARED.filter((f) => flags[f] !== undefined).map((f) => [f, flags[f]]))
  const sharedEnv = Object.fromEntries(Object.entries(env).filter(([k]) => !PER_STUDENT_ENV.includes(k)))
  const probe = resolveConfig({ ...shared, timeout: flags.timeout, student: roster.students[0].namespace, out: join(outRoot, roster.students[0].id) }, sharedEnv, cwd)
  if (flags['post-allow-http'] && flags.post === undefined) throw usageError('post.allow-http-alone')

  const parallel = wholeNumber(flags.parallel, DEFAULT_PARALLEL, '--parallel')
  const ontapSessionsPerHost = wholeNumber(flags['ontap-sessions-per-host'], DEFAULT_ONTAP_SESSIONS_PER_HOST, '--ontap-sessions-per-host')
  const kubeQps = flags['kube-qps'] === undefined ? DEFAULT_KUBE_QPS : positiveNumber(flags['kube-qps'], '--kube-qps')
  const childFlags = SHARED.flatMap((f) => {
    const v = flags[f]
    if (v === undefined || v === false) return []
    return v === true ? [`--${f}`] : [`--${f}=${v}`]
  })
  return {
    roster,
    outRoot,
    parallel,
    ontapSessionsPerHost,
    kubeQps,
    studentTimeoutSeconds: probe.timeoutSeconds,
    lang: probe.lang,
    childFlags: [...childFlags, `--timeout=${probe.timeoutSeconds}`],
    post: flags.post === undefined ? undefined : resolveWebhookTarget(flags.post, env, cwd, { allowHttp: flags['post-allow-http'] }),
    allowKubeconfigExec: allowExec,
    ...(shard ? { shard: shardMark(roster.students, shard) } : {}),
  }
}

function wholeNumber(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > 256) throw usageError('roster.whole-number', { flag, value })
  return n
}
