// Where `--post <url>` sends scorecards and where its signing secret is: GRADER_WEBHOOK_SECRET, or a file named
// by GRADER_WEBHOOK_SECRET_FILE. Never a flag. URLs are shown without query or credentials (they may hold tokens).

import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { UsageError } from '../errors.js'

export const WEBHOOK_SECRET_ENV = 'GRADER_WEBHOOK_SECRET'
export const WEBHOOK_SECRET_FILE_ENV = 'GRADER_WEBHOOK_SECRET_FILE'
const MIN_SECRET_LENGTH = 16

export interface WebhookTarget {
  url: string
  /** The secret's source, never its value. */
  secret: { env: string } | { file: string }
}

export function resolveWebhookTarget(url: string, env: NodeJS.ProcessEnv, cwd: string, options: { allowHttp?: boolean } = {}): WebhookTarget {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new UsageError('--post needs an https:// URL.')
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new UsageError(`--post needs an https:// URL, not ${parsed.protocol}.`)
  // Scores and names would travel in clear text, and a network attacker could read or replay them.
  if (parsed.protocol === 'http:' && !options.allowHttp) throw new UsageError('--post names a plain http:// URL; use https://, or add --post-allow-http if the receiver is on a trusted network.')
  let secret: WebhookTarget['secret']
  if (env[WEBHOOK_SECRET_ENV]) {
    secret = { env: WEBHOOK_SECRET_ENV }
  } else if (env[WEBHOOK_SECRET_FILE_ENV]) {
    const file = resolve(cwd, env[WEBHOOK_SECRET_FILE_ENV]!)
    if (!existsSync(file)) throw new UsageError(`${WEBHOOK_SECRET_FILE_ENV} names ${env[WEBHOOK_SECRET_FILE_ENV]}, which does not exist.`)
    secret = { file }
  } else {
    throw new UsageError(`--post needs a signing secret: set ${WEBHOOK_SECRET_ENV} (or ${WEBHOOK_SECRET_FILE_ENV}) in the environment.`)
  }
  const target = { url: parsed.toString(), secret }
  if (readWebhookSecret(target, env).length < MIN_SECRET_LENGTH) {
    throw new UsageError(`The webhook secret is shorter than ${MIN_SECRET_LENGTH} characters; use a long random one (e.g. openssl rand -hex 32).`)
  }
  return target
}

export function readWebhookSecret(target: WebhookTarget, env: NodeJS.ProcessEnv = process.env): string {
  if ('env' in target.secret) return env[target.secret.env] ?? ''
  return readFileSync(target.secret.file, 'utf8').trim()
}

/** scheme://host[:port]/path: no credentials, no query, no fragment. */
export function displayUrl(url: string): string {
  const u = new URL(url)
  return `${u.protocol}//${u.host}${u.pathname}`
}
