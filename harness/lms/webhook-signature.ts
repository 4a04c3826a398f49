// The webhook's signature: HMAC-SHA256 over `<timestamp>.<body>` with the shared secret, sent as
// `X-Grader-Signature: sha256=<hex>` next to `X-Grader-Timestamp: <unix seconds>`. Signing the timestamp lets
// a receiver refuse replays (e.g. older than 5 minutes); the delivery id stays the same across retries.

import { createHmac } from 'node:crypto'

export const SIGNATURE_HEADER = 'x-grader-signature'
export const TIMESTAMP_HEADER = 'x-grader-timestamp'
export const DELIVERY_HEADER = 'x-grader-delivery'

export function signPayload(secret: string, timestamp: string, body: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')
}
