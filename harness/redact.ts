// Evidence and reports never carry secrets, and redaction itself never tells anybody anything about a secret.
//
// 1. What comes from the student's cluster (evidence: object fields, events, names) is redacted BY KEY only: a
//    field whose name says it holds a secret (password, token, secret, private key, credentials, authorization,
//    ...) and the data of a Secret are replaced whatever their value.
// 2. No value is ever compared with the grader's secrets, in evidence or in any sentence: text from the student's
//    cluster or SVM is quoted as it is. Masking by value would make every field a student controls a guessing
//    oracle (a field equal to a guess would come back `<redacted>`, a wrong guess as written).
// 3. Instead, the grader's own sentences are built without secrets: the ONTAP password, the SSH key and its
//    passphrase, and the kubeconfig's credentials go only into the logins and request headers that need them,
//    and no sentence of the catalogues takes them as a parameter. Credentials in URLs
//    (`https://user:pass@host`) are stripped from every output (scorecard/safe-text.ts).

const SECRET_KEY = /pass(word|wd|phrase)|(^|[^a-z])pass$|pwd|secret|token|private.?key|api.?key|access.?key|client.?key|credential|authorization|bearer|cookie/i
export const REDACTED = '<redacted>'

/** Student-derived data (evidence): a plain copy with secret-looking keys and Secret data replaced; values never compared. */
export function redactSecretFields<T>(input: T): T {
  return walk(input, 0) as T
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
