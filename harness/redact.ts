// Evidence and reports never carry secrets, and redaction itself must never tell a student anything about a
// secret. The rule:
//
// 1. What comes from the student's cluster (evidence: object fields, events, names) is redacted BY KEY only:
//    a field whose name says it holds a secret (password, token, secret, private key, credentials,
//    authorization, ...) and the data of a Secret are replaced whatever their value. Its values are never
//    compared with the grader's secrets: the grader never writes a secret into the student's cluster, so a
//    secret can only be there if whoever wrote it already knew it, while comparing would turn every field the
//    student controls into a guessing oracle (a field equal to a guess would show `<redacted>`).
// 2. Text the grader produces (error messages, stack traces) is redacted BY VALUE as a last line of defence:
//    a known secret of at least MIN_SECRET_LENGTH characters is masked only where it stands as a whole token
//    (not inside a longer word), so a short password such as `trident` can never mask `csi.trident.netapp.io`,
//    and no prefix or substring of a secret is ever matched. Such text may quote a name from the cluster; at
//    worst a student learns whether one name equal to the WHOLE secret was echoed, which is no more than one
//    login attempt at the SVM would tell.
// 3. Credentials in URLs (`https://user:pass@host`) are stripped from every output (scorecard/safe-text.ts).
//
// This is the grader's one redactor: the specs' (specs/support/lab.ts) and the ONTAP clients' (every message and
// detail of their errors) are instances of it.

const SECRET_KEY = /pass(word|wd|phrase)|(^|[^a-z])pass$|pwd|secret|token|private.?key|api.?key|access.?key|client.?key|credential|authorization|bearer|cookie/i
export const REDACTED = '<redacted>'
/** Shorter secrets are not matched by value: they would mask ordinary words (they are still never printed). */
export const MIN_SECRET_LENGTH = 8
/** Characters that continue a token: a secret next to one of these is part of a longer word, not the secret. */
const TOKEN_CHAR = /[A-Za-z0-9._~+/=-]/

export class Redactor {
  private readonly values: string[]

  /** `secrets`: passwords, passphrases, private keys (text or Buffer); a PEM key's base64 lines count each on their own. */
  constructor(secrets: Array<string | Buffer | undefined>) {
    const texts = secrets.flatMap((secret) => {
      if (secret === undefined) return []
      const text = Buffer.isBuffer(secret) ? secret.toString('utf8') : secret
      // A PEM key: also each of its base64 lines, in case only part of it were echoed.
      const lines = text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('-----'))
      return [text, ...lines]
    })
    this.values = [...new Set(texts.filter((v) => v.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length)
  }

  /** Grader-produced text: each known secret masked where it stands as a whole token. */
  text(input: string): string {
    let out = input
    for (const secret of this.values) out = maskWholeToken(out, secret)
    return out
  }

  /** Grader-produced details (an error's strings, arrays, objects of those): a plain copy with `text` applied to every string. */
  details<T>(input: T): T {
    if (typeof input === 'string') return this.text(input) as T
    if (Array.isArray(input)) return input.map((item) => this.details(item)) as T
    if (input && typeof input === 'object' && !Buffer.isBuffer(input)) {
      return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, this.details(v)])) as T
    }
    return input
  }

  /** Student-derived data (evidence): secret-looking keys and Secret data replaced; values never compared. */
  value<T>(input: T): T {
    return walk(input, 0) as T
  }
}

function maskWholeToken(text: string, secret: string): string {
  let out = ''
  let from = 0
  for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1)) {
    if (at < from) continue
    const before = at > 0 ? text[at - 1] : ''
    const after = text[at + secret.length] ?? ''
    if (TOKEN_CHAR.test(before) || TOKEN_CHAR.test(after)) continue
    out += text.slice(from, at) + REDACTED
    from = at + secret.length
  }
  return out + text.slice(from)
}

function walk(input: unknown, depth: number): unknown {
  if (depth > 20) return '…'
  if (Array.isArray(input)) return input.map((v) => walk(v, depth + 1))
  if (input && typeof input === 'object') {
    const isSecret = (input as { kind?: unknown }).kind === 'Secret'
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(input)) {
      // `credentials: {name: secret-name}` only names a Secret: keep names, mask everything else secret.
      const secretField = (SECRET_KEY.test(k) && !isSecretReference(v)) || (isSecret && (k === 'data' || k === 'stringData'))
      out[k] = secretField ? REDACTED : walk(v, depth + 1)
    }
    return out
  }
  return input
}

function isSecretReference(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).every((k) => k === 'name' || k === 'type' || k === 'namespace')
}
