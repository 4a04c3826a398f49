// Reading an HTTP answer's body (undici) up to a cap: an announced Content-Length past the cap is refused before
// a byte is read, a streamed body is given up at the first chunk past it. Either way the body is destroyed, so
// its connection is closed rather than drained, and `tooLarge()` is thrown.

import type { Dispatcher } from 'undici'

export async function readBoundedBody(answer: Pick<Dispatcher.ResponseData, 'headers' | 'body'>, maxBytes: number, tooLarge: () => Error): Promise<Buffer> {
  const declared = Number(answer.headers['content-length'])
  if (Number.isFinite(declared) && declared > maxBytes) {
    discardBody(answer.body)
    throw tooLarge()
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of answer.body) {
    size += (chunk as Buffer).length
    // Leaving the loop destroys the body.
    if (size > maxBytes) throw tooLarge()
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

/** One header's value as text (undici gives repeated headers as an array). */
export function headerText(headers: Dispatcher.ResponseData['headers'], name: string): string {
  const value = headers[name]
  return Array.isArray(value) ? value.join(', ') : String(value ?? '')
}

/** Stops reading a body and closes its connection (the "aborted" error undici then emits is expected, not a crash). */
export function discardBody(body: Dispatcher.ResponseData['body']): void {
  if (body.destroyed) return
  body.on('error', () => undefined)
  body.destroy()
}
