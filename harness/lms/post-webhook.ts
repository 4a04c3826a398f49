// POSTs a scorecard as JSON to a webhook, signed (webhook-signature.ts), with bounded retries and exponential
// backoff on network errors, timeouts, 408, 429 and 5xx. Other answers are final, a redirect too: it is never
// followed (the signed scorecard goes only where --post says) nor retried. Of the receiver's answer at most
// MAX_RESPONSE_BYTES are read. Never throws: the result says what happened, in words that hold neither the
// secret nor the URL's query.

import { randomUUID } from 'node:crypto'
import type { Scorecard } from '../scorecard/scorecard.js'
import { renderJson } from '../scorecard/write-json.js'
import { GRADER_NAME, GRADER_VERSION } from '../version.js'
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signPayload } from './webhook-signature.js'
import { displayUrl } from './webhook-target.js'

/** The receiver's answer is not used: read this much at most (so a connection can be reused), then dropped. */
export const MAX_RESPONSE_BYTES = 64 * 1024

export interface PostOptions {
  /** Attempts in all, the first included (default 5). */
  attempts?: number
  /** Wait before the first retry; doubles each time, with jitter (default 500 ms). */
  baseDelayMs?: number
  maxDelayMs?: number
  /** Per attempt (default 10 s). */
  timeoutMs?: number
  onRetry?: (info: { attempt: number; why: string; delayMs: number }) => void
}

export interface PostResult {
  ok: boolean
  attempts: number
  status?: number
  deliveryId: string
  /** One sentence when not ok. */
  error?: string
}

export async function postScorecard(url: string, secret: string, card: Scorecard, options: PostOptions = {}): Promise<PostResult> {
  const attempts = Math.max(1, options.attempts ?? 5)
  const base = options.baseDelayMs ?? 500
  const maxDelay = options.maxDelayMs ?? 8000
  const timeoutMs = options.timeoutMs ?? 10_000
  const body = renderJson(card)
  const deliveryId = randomUUID()
  let why = ''
  let status: number | undefined
  let used = 0
  let refused = false
  for (let attempt = 1; attempt <= attempts; attempt++) {
    used = attempt
    const timestamp = String(Math.floor(Date.now() / 1000))
    let retryAfterMs: number | undefined
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': `${GRADER_NAME}/${GRADER_VERSION}`,
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: signPayload(secret, timestamp, body),
          [DELIVERY_HEADER]: deliveryId,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      })
      await readCapped(res, MAX_RESPONSE_BYTES)
      status = res.status
      if (res.ok) return { ok: true, attempts: attempt, status, deliveryId }
      why = `HTTP ${res.status}`
      if (res.status >= 300 && res.status < 400) {
        why = `HTTP ${res.status}, a redirect, which is never followed: --post must name the receiver's final URL`
        refused = true
        break
      }
      if (!(res.status >= 500 || res.status === 408 || res.status === 429)) {
        refused = true
        break
      }
      retryAfterMs = retryAfter(res.headers.get('retry-after'))
    } catch (error) {
      status = undefined
      why = networkWhy(error, timeoutMs)
    }
    if (attempt < attempts) {
      const backoff = Math.min(maxDelay, base * 2 ** (attempt - 1))
      const delayMs = Math.min(maxDelay, retryAfterMs ?? Math.round(backoff / 2 + Math.random() * (backoff / 2)))
      options.onRetry?.({ attempt, why, delayMs })
      await new Promise((resolve) => setTimeout(resolve, delayMs))
    }
  }
  const tries = refused ? 'the receiver refused it' : `${used} attempt${used === 1 ? '' : 's'} failed`
  return { ok: false, attempts: used, status, deliveryId, error: `The scorecard of ${card.student} was not delivered to ${displayUrl(url)}: ${tries} (last: ${why}).` }
}

async function readCapped(res: Response, max: number): Promise<void> {
  if (!res.body) return
  const reader = res.body.getReader()
  let read = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      read += value.byteLength
      if (read >= max) {
        await reader.cancel()
        return
      }
    }
  } catch {
    // The answer's body does not matter; its status does.
  }
}

function retryAfter(value: string | null): number | undefined {
  if (!value) return undefined
  const seconds = Number(value)
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined
}

function networkWhy(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; cause?: { code?: string; message?: string } }
  if (e?.name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s`
  return e?.cause?.code ?? e?.cause?.message ?? 'network error'
}
