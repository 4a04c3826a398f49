// What one student's grading in a roster run is given, as if the instructor ran `npm test -- --student=...` for
// them: the CLI's flags (the class-wide ones, then the student's own from the roster) and an environment that is
// the class's without any student's password, the webhook secret or per-student variables, plus that student's
// SVM password (or its file) only. run-roster.ts resolves both into the student's settings and secrets.

import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { UNVOUCHED_KUBECONFIG_ENV } from '../kube/credential-commands.js'
import { KUBE_QPS_ENV } from '../kube/kube-http.js'
import { WEBHOOK_SECRET_ENV, WEBHOOK_SECRET_FILE_ENV } from '../lms/webhook-target.js'
import { PER_STUDENT_ENV, type RosterConfig } from './roster-config.js'
import type { RosterStudent } from './roster-file.js'
import type { RenderedText } from '../i18n/catalogue.js'
import { sentence } from '../i18n/usage-errors.js'

/** One student's grading: the CLI's flags and what is added to the class's environment for them alone. */
export interface StudentJob {
  argv: string[]
  env: Record<string, string>
}

export interface StudentJobResult {
  job: StudentJob
  /** Set when the student cannot be graded at all (their password is not where the roster says), in both languages. */
  problem?: RenderedText
}

/** The class's environment: the caller's, without any student's password, the webhook secret or per-student variables. */
export function classEnv(config: RosterConfig, parentEnv: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  // GRADER_KUBE_QPS too: no longer read (a run's cap is --kube-qps, in its KubeTarget: run-roster.ts); dropped all the same.
  const secretNames = new Set([...PER_STUDENT_ENV, WEBHOOK_SECRET_ENV, WEBHOOK_SECRET_FILE_ENV, KUBE_QPS_ENV])
  for (const s of config.roster.students) if (s.passwordEnv) secretNames.add(s.passwordEnv)
  return Object.fromEntries(Object.entries(parentEnv).filter(([k]) => !secretNames.has(k)))
}

export function studentJob(student: RosterStudent, config: RosterConfig, parentEnv: NodeJS.ProcessEnv): StudentJobResult {
  // A student's own kubeconfig or context replaces the class-wide one: the CLI refuses a flag given twice.
  const own = new Set([student.kubeconfig && '--kubeconfig', student.context && '--context'].filter(Boolean))
  const shared = config.childFlags.filter((f) => !own.has(f.split('=')[0]))
  const argv = [...shared, `--student=${student.namespace}`, `--out=${join(config.outRoot, student.id)}`]
  const env: Record<string, string> = {}
  if (student.kubeconfig) {
    argv.push(`--kubeconfig=${student.kubeconfig}`)
    // Checked by the roster run already; the student's settings check again what they load (credential-commands.ts).
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
    if (!password) return { job: { argv, env }, problem: sentence('roster.password-env-unset', { env: student.passwordEnv, id: student.id }) }
    env.ONTAP_PASSWORD = password
  } else if (student.passwordFile) {
    if (!existsSync(student.passwordFile)) return { job: { argv, env }, problem: sentence('roster.password-file-missing', { id: student.id }) }
    env.ONTAP_PASSWORD_FILE = student.passwordFile
  }
  return { job: { argv, env } }
}
