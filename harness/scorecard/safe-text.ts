// Output safety: text from the student's cluster (names, messages, events, versions, pod output) is hostile.
// One neutraliser per output kind, used by every writer of that kind:
//   terminalField / terminalLines  console lines and grader.log
//   jsonText                       scorecard.json, results.json, lti-score.json, the webhook body, summary.json
//   markdownText                   scorecard.md, summary.md
//   xmlText                        junit.xml
//   htmlText (report-html/html-escape.ts)   scorecard.html, index.html
//   csvText  (roster/csv.ts)       summary.csv (also defuses formulas)
// Each makes control characters, bidi overrides and other invisible formatting characters VISIBLE (ESC becomes
// the four characters `\x1b`, U+202E becomes `\u202e`), so a student can neither paint fake lines or colours,
// retitle the terminal, reorder text, nor hide text; and each strips credentials from URLs (`https://user:pass@`).

/**
 * C0 controls and DEL, C1 controls (U+009B is a one-byte CSI), Arabic letter mark, zero-width and direction marks,
 * line/paragraph separators, bidi embeddings/overrides/isolates, word joiner and invisible operators, BOM,
 * the non-characters U+FFFE/U+FFFF, and lone surrogates.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/** `scheme://user:password@host` -> `scheme://host`: a kubeconfig server or webhook URL may carry credentials. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi

export function stripUrlCredentials(text: string): string {
  return text.replace(URL_CREDENTIALS, '$1')
}

/** Every unsafe character as a visible escape (`\x1b`, `\u202e`), except those in `keep` (e.g. '\n'). */
export function visible(text: string, keep = ''): string {
  return text.replace(UNSAFE, (ch) => {
    if (keep.includes(ch)) return ch
    const code = ch.charCodeAt(0)
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
  })
}

/** One value inside a console line: nothing of it can start a new line, move the cursor or set colours. */
export function terminalField(value: unknown): string {
  return visible(stripUrlCredentials(String(value ?? '')))
}

/** Whole console text the grader composed: its own line breaks stay, everything else unsafe is made visible. */
export function terminalLines(text: string): string {
  return visible(stripUrlCredentials(text), '\n')
}

/** A string inside JSON output: line breaks and tabs stay (JSON escapes them), the rest is made visible. */
export function jsonText(text: string): string {
  return visible(stripUrlCredentials(text), '\n\t')
}

/** JSON.stringify with every string (values, not keys' meaning) passed through jsonText. */
export function safeJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'string' ? jsonText(v) : v), indent)
}

/**
 * Text in Markdown (a table cell or a paragraph): HTML and link/code syntax escaped, line breaks as `<br>`,
 * so student text can add neither markup, links, images, nor table rows.
 */
export function markdownText(text: string): string {
  return visible(stripUrlCredentials(text), '\n')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`[\]|*_]/g, (ch) => `\\${ch}`)
    .replace(/\n/g, '<br>')
}

/**
 * Text for XML 1.0 element content or a quoted attribute: unsafe characters made visible (so none that XML
 * forbids remains: C0 controls, lone surrogates, U+FFFE, U+FFFF), markup escaped. Line breaks and tabs stay.
 */
export function xmlText(text: string): string {
  return visible(stripUrlCredentials(text), '\n\t').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}
