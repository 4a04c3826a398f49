// Evidence and reports never carry secrets: known secret values are masked wherever they appear, and fields
// whose names look secret are replaced whatever their value.

const SECRET_KEY = /pass(word|phrase)?|secret|token|private.?key|credential|client.?key|authorization/i
export const REDACTED = '<redacted>'

export class Redactor {
  private readonly values: string[]

  constructor(secretValues: Array<string | undefined>) {
    // Very short values would mask ordinary words; secrets that short are refused by the config anyway.
    this.values = secretValues.filter((v): v is string => typeof v === 'string' && v.length >= 4)
  }

  text(input: string): string {
    let out = input
    for (const v of this.values) out = out.split(v).join(REDACTED)
    return out
  }

  value<T>(input: T): T {
    return this.walk(input, 0) as T
  }

  private walk(input: unknown, depth: number): unknown {
    if (depth > 20) return '…'
    if (typeof input === 'string') return this.text(input)
    if (Array.isArray(input)) return input.map((v) => this.walk(v, depth + 1))
    if (input && typeof input === 'object') {
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(input)) {
        // `credentials: {name: secret-name}` only names a Secret: keep names, mask everything else secret.
        out[k] = SECRET_KEY.test(k) && !isSecretReference(v) ? REDACTED : this.walk(v, depth + 1)
      }
      return out
    }
    return input
  }
}

function isSecretReference(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).every((k) => k === 'name' || k === 'type' || k === 'namespace')
}
