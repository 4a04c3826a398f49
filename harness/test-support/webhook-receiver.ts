// A local webhook receiver for the tests: verifies each delivery's signature, records what came, and answers
// with the statuses it is told to (or hangs, redirects, or sends a body without end), the way an LMS bridge would.

import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { timingSafeEqual } from 'node:crypto'
import { DELIVERY_HEADER, SIGNATURE_HEADER, signPayload, TIMESTAMP_HEADER } from '../lms/webhook-signature.js'

export interface Delivery {
  body: string
  headers: http.IncomingHttpHeaders
  signatureValid: boolean
  status: number
}

export interface WebhookReceiver {
  url: string
  deliveries: Delivery[]
  /**
   * Answers for the next deliveries, in order, afterwards 200: a status; 'hang' never answers; 'redirect' is a
   * 307 to this receiver's /moved (which would accept); 'endless' is a 200 whose body never ends.
   */
  answer(...statuses: Answer[]): void
  /** Bytes of 'endless' bodies the receiver managed to send. */
  endlessBytesSent(): number
  close(): Promise<void>
}

type Answer = number | 'hang' | 'redirect' | 'endless'

export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const deliveries: Delivery[] = []
  let script: Answer[] = []
  let endlessBytes = 0
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const next = script.shift() ?? 200
      const timestamp = String(req.headers[TIMESTAMP_HEADER] ?? '')
      const signatureValid = verifySignature(secret, timestamp, body, req.headers[SIGNATURE_HEADER] as string | undefined)
      deliveries.push({ body, headers: req.headers, signatureValid, status: next === 'hang' ? 0 : next === 'redirect' ? 307 : next === 'endless' ? 200 : next })
      if (next === 'hang') return
      if (next === 'redirect') {
        res.writeHead(307, { location: '/moved' })
        res.end()
        return
      }
      if (next === 'endless') {
        res.writeHead(200, { 'content-type': 'application/json' })
        const chunk = Buffer.alloc(16 * 1024, 0x20)
        const pump = () => {
          while (!res.destroyed && res.write(chunk)) endlessBytes += chunk.length
          if (!res.destroyed) res.once('drain', pump)
        }
        res.on('close', () => undefined)
        pump()
        return
      }
      const status = signatureValid ? next : 401
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ received: req.headers[DELIVERY_HEADER] }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/grades/level2?token=query-token-xyz`,
    deliveries,
    answer(...statuses) {
      script = statuses
    },
    endlessBytesSent: () => endlessBytes,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A receiver's constant-time check of a signature header (what an LMS endpoint does with the grader's POST). */
export function verifySignature(secret: string, timestamp: string, body: string, header: string | undefined): boolean {
  if (!header) return false
  const expected = Buffer.from(signPayload(secret, timestamp, body))
  const given = Buffer.from(header)
  return expected.length === given.length && timingSafeEqual(expected, given)
}
