// A local webhook receiver for the tests: verifies each delivery's signature, records what came, and answers
// with the statuses it is told to (or hangs), the way an LMS bridge would.

import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from './webhook-signature.js'

export interface Delivery {
  body: string
  headers: http.IncomingHttpHeaders
  signatureValid: boolean
  status: number
}

export interface WebhookReceiver {
  url: string
  deliveries: Delivery[]
  /** Statuses for the next deliveries, in order ('hang' never answers); afterwards 200. */
  answer(...statuses: Array<number | 'hang'>): void
  close(): Promise<void>
}

export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const deliveries: Delivery[] = []
  let script: Array<number | 'hang'> = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const next = script.shift() ?? 200
      const timestamp = String(req.headers[TIMESTAMP_HEADER] ?? '')
      const signatureValid = verifySignature(secret, timestamp, body, req.headers[SIGNATURE_HEADER] as string | undefined)
      deliveries.push({ body, headers: req.headers, signatureValid, status: next === 'hang' ? 0 : next })
      if (next === 'hang') return
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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
