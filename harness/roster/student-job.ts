// How one student's grading is started: the CLI's flags for that student, and an environment that holds that
// student's SVM password and nobody else's (nor the webhook secret), plus the student's share of the class's
// Kubernetes request cap.

import { createRequire } from 'node:module'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { KUBE_QPS_ENV } from '../kube/kube-http.js'
import { WEBHOOK_SECRET_ENV, WEBHOOK_SECRET_FILE_ENV } from '../lms/webhook-target.js'
import { PER_STUDENT_ENV, type RosterConfig } from './roster-config.js'
import type { RosterStudent } from './roster-file.js'

const CLI = fileURLToPath(new URL('../cli.ts', import.meta.url))

export interface Invocation {
  args: string[]
  env: NodeJS.ProcessEnv
  /** Set when the student cannot be graded at all (their password is not where the roster says). */
  problem?: string
}

/** `node --import tsx harness/cli.ts`: the same CLI an instructor runs, without the tsx wrapper process. */
export function defaultChildCommand(): string[] {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
  return [process.execPath, '--import', tsx, CLI]
}

export function studentInvocation(student: RosterStudent, config: RosterConfig, parentEnv: NodeJS.ProcessEnv): Invocation {
  const args = [...config.childFlags, `--student=${student.namespace}`, `--out=${join(config.outRoot, student.id)}`]
  if (student.kubeconfig) args.push(`--kubeconfig=${student.kubeconfig}`)
  if (student.context) args.push(`--context=${student.context}`)
  if (student.ontapHost) {
    args.push(`--ontap-host=${student.ontapHost}`, `--svm=${student.svm}`)
    if (student.ontapPort) args.push(`--ontap-port=${student.ontapPort}`)
    if (student.ontapUser) args.push(`--ontap-user=${student.ontapUser}`)
    if (student.ontapHostKey) args.push(`--ontap-host-key=${student.ontapHostKey}`)
  }

  const secretNames = new Set([...PER_STUDENT_ENV, WEBHOOK_SECRET_ENV, WEBHOOK_SECRET_FILE_ENV, KUBE_QPS_ENV])
  for (const s of config.roster.students) if (s.passwordEnv) secretNames.add(s.passwordEnv)
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(parentEnv).filter(([k]) => !secretNames.has(k)))
  env[KUBE_QPS_ENV] = String(config.kubeQps / Math.min(config.parallel, config.roster.students.length))

  if (student.passwordEnv) {
    const password = parentEnv[student.passwordEnv]
    if (!password) return { args, env, problem: `The roster names ${student.passwordEnv} for the SVM password of ${student.id}, but that environment variable is not set.` }
    env.ONTAP_PASSWORD = password
  } else if (student.passwordFile) {
    if (!existsSync(student.passwordFile)) return { args, env, problem: `The roster names a password file for the SVM of ${student.id} that does not exist.` }
    env.ONTAP_PASSWORD_FILE = student.passwordFile
  }
  return { args, env }
}
