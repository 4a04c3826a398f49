// How a roster run hands a student to a grading worker: the worker's environment (the parent's, without any
// student's password, the webhook secret or per-student variables, plus each worker's share of the class's
// Kubernetes request cap), and one job per student: the CLI's flags and that student's SVM password only.

import { createRequire } from 'node:module'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { UNVOUCHED_KUBECONFIG_ENV } from '../kube/credential-commands.js'
import { KUBE_QPS_ENV } from '../kube/kube-http.js'
import { WEBHOOK_SECRET_ENV, WEBHOOK_SECRET_FILE_ENV } from '../lms/webhook-target.js'
import { PER_STUDENT_ENV, type RosterConfig } from './roster-config.js'
import type { RosterStudent } from './roster-file.js'
import type { WorkerJob } from './worker-protocol.js'

const WORKER = fileURLToPath(new URL('./grading-worker.ts', import.meta.url))

export interface StudentJob {
  job: WorkerJob
  /** Set when the student cannot be graded at all (their password is not where the roster says). */
  problem?: string
}

/** `node --import tsx harness/roster/grading-worker.ts`: the CLI's main() in a loop, without the tsx wrapper. */
export function defaultWorkerCommand(): string[] {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
  return [process.execPath, '--import', tsx, WORKER]
}

export function workerEnv(config: RosterConfig, parentEnv: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const secretNames = new Set([...PER_STUDENT_ENV, WEBHOOK_SECRET_ENV, WEBHOOK_SECRET_FILE_ENV, KUBE_QPS_ENV])
  for (const s of config.roster.students) if (s.passwordEnv) secretNames.add(s.passwordEnv)
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(parentEnv).filter(([k]) => !secretNames.has(k)))
  env[KUBE_QPS_ENV] = String(config.kubeQps / Math.min(config.parallel, config.roster.students.length))
  return env
}

export function studentJob(student: RosterStudent, config: RosterConfig, parentEnv: NodeJS.ProcessEnv): StudentJob {
  // A student's own kubeconfig or context replaces the class-wide one: the CLI refuses a flag given twice.
  const own = new Set([student.kubeconfig && '--kubeconfig', student.context && '--context'].filter(Boolean))
  const shared = config.childFlags.filter((f) => !own.has(f.split('=')[0]))
  const argv = [...shared, `--student=${student.namespace}`, `--out=${join(config.outRoot, student.id)}`]
  const env: Record<string, string> = {}
  if (student.kubeconfig) {
    argv.push(`--kubeconfig=${student.kubeconfig}`)
    // Checked by the roster run already; the student's grading checks again what it loads (credential-commands.ts).
    if (!config.allowKubeconfigExec) env[UNVOUCHED_KUBECONFIG_ENV] = '1'
  }
  if (student.context) argv.push(`--context=${student.context}`)
  if (student.ontapHost) {
    argv.push(`--ontap-host=${student.ontapHost}`, `--svm=${student.svm}`)
    if (student.ontapPort) argv.push(`--ontap-port=${student.ontapPort}`)
    if (student.ontapUser) argv.push(`--ontap-user=${student.ontapUser}`)
    if (student.ontapHostKey) argv.push(`--ontap-host-key=${student.ontapHostKey}`)
  }

  if (student.passwordEnv) {
    const password = parentEnv[student.passwordEnv]
    if (!password) return { job: { argv, env }, problem: `The roster names ${student.passwordEnv} for the SVM password of ${student.id}, but that environment variable is not set.` }
    env.ONTAP_PASSWORD = password
  } else if (student.passwordFile) {
    if (!existsSync(student.passwordFile)) return { job: { argv, env }, problem: `The roster names a password file for the SVM of ${student.id} that does not exist.` }
    env.ONTAP_PASSWORD_FILE = student.passwordFile
  }
  return { job: { argv, env } }
}
