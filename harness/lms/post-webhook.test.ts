// --post: signed deliveries to a local receiver, retries with backoff, and no secret in anything said.

import { mkdtemp, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { renderJson } from '../scorecard/write-json.js'
import { postScorecard } from './post-webhook.js'
import { sampleCard } from '../test-support/sample-cards.js'
import { startWebhookReceiver, type WebhookReceiver } from '../test-support/webhook-receiver.js'
import { verifySignature } from '../test-support/webhook-receiver.js'
import { signPayload } from './webhook-signature.js'
import { displayUrl, readWebhookSecret, resolveWebhookTarget } from './webhook-target.js'

const SECRET = 'whsec-4f9c2e71b0a84d5e9f3c'
const fast = { baseDelayMs: 20, maxDelayMs: 100, timeoutMs: 1000 }
let receiver: WebhookReceiver

beforeEach(async () => {
  receiver = await startWebhookReceiver(SECRET)
})
afterEach(async () => {
  await receiver.close()
})

describe('webhook signature', () => {
  it('verifies what it signed and nothing else', () => {
    const sig = signPayload(SECRET, '1700000000', '{"a":1}')
    expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/)
    expect(verifySignature(SECRET, '1700000000', '{"a":1}', sig)).toBe(true)
    expect(verifySignature(SECRET, '1700000001', '{"a":1}', sig)).toBe(false)
    expect(verifySignature(SECRET, '1700000000', '{"a":2}', sig)).toBe(false)
    expect(verifySignature('other-secret-value', '1700000000', '{"a":1}', sig)).toBe(false)
    expect(verifySignature(SECRET, '1700000000', '{"a":1}', undefined)).toBe(false)
  })
})

describe('postScorecard', () => {
  it('POSTs the scorecard JSON with a valid signature, timestamp and delivery id', async () => {
    const card = sampleCard()
    const result = await postScorecard(receiver.url, SECRET, card, fast)
    expect(result).toMatchObject({ ok: true, attempts: 1, status: 200 })
    const [d] = receiver.deliveries
    expect(d.signatureValid).toBe(true)
    expect(d.body).toBe(renderJson(card))
    expect(d.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(d.headers['x-grader-delivery']).toBe(result.deliveryId)
    expect(Math.abs(Number(d.headers['x-grader-timestamp']) - Date.now() / 1000)).toBeLessThan(5)
  })

  it('retries 5xx with growing waits, re-signing each attempt under one delivery id', async () => {
    receiver.answer(503, 500, 200)
    const retries: Array<{ attempt: number; why: string; delayMs: number }> = []
    const result = await postScorecard(receiver.url, SECRET, sampleCard(), { ...fast, baseDelayMs: 40, maxDelayMs: 1000, onRetry: (r) => retries.push(r) })
    expect(result).toMatchObject({ ok: true, attempts: 3 })
    expect(receiver.deliveries.map((d) => d.signatureValid)).toEqual([true, true, true])
    expect(new Set(receiver.deliveries.map((d) => d.headers['x-grader-delivery'])).size).toBe(1)
    expect(retries.map((r) => r.why)).toEqual(['HTTP 503', 'HTTP 500'])
    // Jittered exponential backoff: the second wait is drawn from [40, 80] ms, the first from [20, 40].
    expect(retries[0].delayMs).toBeGreaterThanOrEqual(20)
    expect(retries[0].delayMs).toBeLessThanOrEqual(40)
    expect(retries[1].delayMs).toBeGreaterThanOrEqual(40)
    expect(retries[1].delayMs).toBeLessThanOrEqual(80)
  })

  it('gives up after the attempts are spent, in one sentence without secret or query token', async () => {
    receiver.answer(502, 502, 502, 502)
    const result = await postScorecard(receiver.url, SECRET, sampleCard(), { ...fast, attempts: 3 })
    expect(result.ok).toBe(false)
    expect(result.attempts).toBe(3)
    expect(receiver.deliveries).toHaveLength(3)
    expect(result.error).toBe(`The scorecard of alice was not delivered to ${receiver.url.split('?')[0]}: 3 attempts failed (last: HTTP 502).`)
    expect(JSON.stringify(result)).not.toContain(SECRET)
    expect(JSON.stringify(result)).not.toContain('query-token-xyz')
  })

  it('does not retry an answer that will not change (4xx)', async () => {
    receiver.answer(422)
    const result = await postScorecard(receiver.url, SECRET, sampleCard(), fast)
    expect(result).toMatchObject({ ok: false, attempts: 1, status: 422 })
    expect(result.error).toContain('the receiver refused it (last: HTTP 422)')
  })

  it('retries a receiver that does not answer in time', async () => {
    receiver.answer('hang', 200)
    const result = await postScorecard(receiver.url, SECRET, sampleCard(), { ...fast, timeoutMs: 300 })
    expect(result).toMatchObject({ ok: true, attempts: 2 })
  })

  it('never follows a redirect nor retries it: one attempt, a clear delivery error', async () => {
    receiver.answer('redirect')
    const result = await postScorecard(receiver.url, SECRET, sampleCard(), fast)
    expect(result).toMatchObject({ ok: false, attempts: 1, status: 307 })
    expect(receiver.deliveries).toHaveLength(1)
    expect(result.error).toBe(
      `The scorecard of alice was not delivered to ${receiver.url.split('?')[0]}: the receiver refused it (last: HTTP 307, a redirect, which is never followed: --post must name the receiver's final URL).`,
    )
  })

  it("reads at most 64 KiB of the receiver's answer, even one that never ends", async () => {
    receiver.answer('endless')
    const started = Date.now()
    const result = await postScorecard(receiver.url, SECRET, sampleCard(), { ...fast, timeoutMs: 5000 })
    expect(result).toMatchObject({ ok: true, attempts: 1, status: 200 })
    expect(Date.now() - started).toBeLessThan(3000)
    // What the receiver could push before the grader stopped reading: socket buffers, far from endless.
    expect(receiver.endlessBytesSent()).toBeLessThan(16 * 1024 * 1024)
  })

  it('retries when nothing listens, and says so', async () => {
    const port = await freePort()
    const result = await postScorecard(`http://127.0.0.1:${port}/hook`, SECRET, sampleCard(), { ...fast, attempts: 2 })
    expect(result).toMatchObject({ ok: false, attempts: 2 })
    expect(result.error).toBe(`The scorecard of alice was not delivered to http://127.0.0.1:${port}/hook: 2 attempts failed (last: ECONNREFUSED).`)
  })
})

describe('webhook target', () => {
  it('takes the secret from GRADER_WEBHOOK_SECRET without keeping its value', () => {
    const target = resolveWebhookTarget('https://lms.example/hook', { GRADER_WEBHOOK_SECRET: SECRET }, '/')
    expect(target).toEqual({ url: 'https://lms.example/hook', secret: { env: 'GRADER_WEBHOOK_SECRET' } })
    expect(JSON.stringify(target)).not.toContain(SECRET)
    expect(readWebhookSecret(target, { GRADER_WEBHOOK_SECRET: SECRET })).toBe(SECRET)
  })

  it('or from the file GRADER_WEBHOOK_SECRET_FILE names (trailing newline dropped)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'webhook-'))
    await writeFile(join(dir, 'secret'), SECRET + '\n')
    const target = resolveWebhookTarget('http://127.0.0.1:1/x', { GRADER_WEBHOOK_SECRET_FILE: 'secret' }, dir, { allowHttp: true })
    expect(readWebhookSecret(target, {})).toBe(SECRET)
  })

  it.each([
    ['ftp://lms.example/hook', { GRADER_WEBHOOK_SECRET: SECRET }, '--post needs an https:// URL, not ftp:.'],
    ['not a url', { GRADER_WEBHOOK_SECRET: SECRET }, '--post needs an https:// URL.'],
    ['http://lms.example/hook', { GRADER_WEBHOOK_SECRET: SECRET }, '--post names a plain http:// URL; use https://, or add --post-allow-http if the receiver is on a trusted network.'],
    ['https://lms.example/hook', {}, '--post needs a signing secret: set GRADER_WEBHOOK_SECRET (or GRADER_WEBHOOK_SECRET_FILE) in the environment.'],
    ['https://lms.example/hook', { GRADER_WEBHOOK_SECRET: 'short' }, 'The webhook secret is shorter than 16 characters; use a long random one (e.g. openssl rand -hex 32).'],
    ['https://lms.example/hook', { GRADER_WEBHOOK_SECRET_FILE: 'no-such-file' }, 'GRADER_WEBHOOK_SECRET_FILE names no-such-file, which does not exist.'],
  ])('refuses %s with %j', (url, env, message) => {
    expect(() => resolveWebhookTarget(url, env, tmpdir())).toThrow(message)
  })

  it('shows URLs without credentials, query or fragment', () => {
    expect(displayUrl('https://user:pw@lms.example:8443/a/b?token=t#f')).toBe('https://lms.example:8443/a/b')
  })
})

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
