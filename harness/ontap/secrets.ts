// The last line of defence against leaking a password, key or passphrase: every message, detail and output the ONTAP
// clients hand back passes through here. The clients never put secrets into text in the first place.

const REDACTED = '[redacted]'
// Short strings would redact ordinary words; a real secret shorter than this is still never written on purpose.
const MIN_SECRET_LENGTH = 4

export class SecretRedactor {
  private readonly secrets: string[]

  constructor(secrets: (string | Buffer | undefined)[]) {
    const texts = secrets.flatMap((secret) => {
      if (secret === undefined) return []
      const text = Buffer.isBuffer(secret) ? secret.toString('utf8') : secret
      // A PEM key: also each of its base64 lines, in case only part of it were echoed.
      const lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => !line.startsWith('-----'))
      return [text, ...lines]
    })
    this.secrets = [...new Set(texts.filter((text) => text.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length)
  }

  redact(text: string): string {
    let result = text
    for (const secret of this.secrets) result = result.split(secret).join(REDACTED)
    return result
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
