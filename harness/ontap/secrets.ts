// The last line of defence against leaking a password, key or passphrase: every message, detail and output the ONTAP
// clients hand back passes through here. The clients never put secrets into text in the first place.
//
// ONTAP's answers may quote names that come from the student's cluster (a PV's internalName, a volume name), so the
// rule is the grader's one rule for its own text (harness/redact.ts): a secret is masked only where it stands as a
// whole token and only when it is long enough to be meaningful. Matching substrings or short secrets would let a
// student probe the password by naming a volume after a guess.

import { Redactor } from '../redact.js'

export class SecretRedactor {
  private readonly redactor: Redactor

  constructor(secrets: (string | Buffer | undefined)[]) {
    const texts = secrets.flatMap((secret) => {
      if (secret === undefined) return []
      const text = Buffer.isBuffer(secret) ? secret.toString('utf8') : secret
      // A PEM key: also each of its base64 lines, in case only part of it were echoed.
      const lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('-----'))
      return [text, ...lines]
    })
    this.redactor = new Redactor(texts)
  }

  redact(text: string): string {
    return this.redactor.text(text)
  }

  /** A plain copy of `value` (strings, arrays, objects of those) with secrets redacted. */
  redactValue<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T
    if (Array.isArray(value)) return value.map((item) => this.redactValue(item)) as T
    if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.redactValue(v)])) as T
    }
    return value
  }
}

/** What an underlying error said, without the error object itself (which may hold sockets, configs, buffers). */
export function describeCause(error: unknown): { name?: string; code?: string; message: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code
    return { name: error.name, code: typeof code === 'string' ? code : undefined, message: error.message }
  }
  return { message: String(error) }
}
