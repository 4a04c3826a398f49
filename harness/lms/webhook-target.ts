// Where `--post <url>` sends scorecards and where its signing secret is: GRADER_WEBHOOK_SECRET, or a file named
// by GRADER_WEBHOOK_SECRET_FILE. Never a flag. URLs are shown without query or credentials (they may hold tokens).

import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { usageError } from '../i18n/usage-errors.js'

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
    throw usageError('post.bad-url')
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw usageError('post.bad-scheme', { scheme: parsed.protocol })
  // Scores and names would travel in clear text, and a network attacker could read or replay them.
  if (parsed.protocol === 'http:' && !options.allowHttp) throw usageError('post.plain-http')
  let secret: WebhookTarget['secret']
  if (env[WEBHOOK_SECRET_ENV]) {
    secret = { env: WEBHOOK_SECRET_ENV }
  } else if (env[WEBHOOK_SECRET_FILE_ENV]) {
    const file = resolve(cwd, env[WEBHOOK_SECRET_FILE_ENV]!)
    if (!existsSync(file)) throw usageError('post.secret-file-missing', { env: WEBHOOK_SECRET_FILE_ENV, file: env[WEBHOOK_SECRET_FILE_ENV]! })
    secret = { file }
  } else {
    throw usageError('post.no-secret', { env: WEBHOOK_SECRET_ENV, fileEnv: WEBHOOK_SECRET_FILE_ENV })
  }
  const target = { url: parsed.toString(), secret }
  if (readWebhookSecret(target, env).length < MIN_SECRET_LENGTH) {
    throw usageError('post.short-secret', { min: MIN_SECRET_LENGTH })
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
