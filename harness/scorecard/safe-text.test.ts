import { describe, expect, it } from 'vitest'
import { csvText } from '../roster/csv.js'
import { esc } from '../report-html/html-escape.js'
import { jsonText, markdownText, safeJson, stripUrlCredentials, terminalField, terminalLines, xmlText } from './safe-text.js'

// What a hostile student string can hold: a fake PASS line (CR, LF), colours and a cursor move (CSI), a terminal
// title (OSC ... BEL), NUL, backspace, a one-byte CSI (U+009B), bidi overrides and isolates, marks, XML's
// forbidden characters and a lone surrogate.
const HOSTILE = 'pvc\r  PASS data-persists 20/20\n\x1b[32mok\x1b[0m\x1b]0;owned\x07\x00\x08\x9b2J \u202eevil\u202c \u2066x\u2069 \u200e\u200f \ufffe\uffff \ud800'
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udfff]/

describe('output neutralisers', () => {
  it('terminal: a value holds no control, bidi or line break, and shows each visibly', () => {
    const out = terminalField(HOSTILE)
    expect(out).not.toMatch(RAW)
    expect(out).not.toMatch(/[\n\t]/)
    expect(out).toContain('pvc\\x0d  PASS data-persists 20/20\\x0a\\x1b[32mok')
    expect(out).toContain('\\x1b]0;owned\\x07\\x00\\x08\\x9b2J \\u202eevil\\u202c \\u2066x\\u2069 \\u200e\\u200f \\ufffe\\uffff \\ud800')
    // Japanese and emoji are not touched; neutralising twice changes nothing.
    expect(terminalField('データ ✅')).toBe('データ ✅')
    expect(terminalField(out)).toBe(out)
  })

  it("terminal lines keep the grader's own line breaks only", () => {
    expect(terminalLines('a\nb\r\x1b[2K')).toBe('a\nb\\x0d\\x1b[2K')
  })

  it('JSON keeps line breaks and tabs (JSON escapes them) and makes the rest visible', () => {
    expect(jsonText('a\n\tb\x1b\u202e')).toBe('a\n\tb\\x1b\\u202e')
    expect(safeJson({ m: HOSTILE })).not.toMatch(/\\u001b|\\r|\u202e|\\u0000/)
  })

  it("Markdown: no markup, link, image, table cell or line of the student's", () => {
    const out = markdownText('<img src=x onerror=alert(1)> | [click](https://evil) ![t](https://evil/p.png) `code`\r\nnext')
    expect(out).toBe('&lt;img src=x onerror=alert(1)&gt; \\| \\[click\\](https://evil) !\\[t\\](https://evil/p.png) \\`code\\`\\\\x0d<br>next')
    expect(markdownText(HOSTILE)).not.toMatch(RAW)
    expect(markdownText(HOSTILE)).not.toMatch(/\n/)
  })

  it('XML: nothing XML 1.0 forbids, nothing unescaped', () => {
    const out = xmlText(`${HOSTILE} <a b="c">&`)
    expect(out).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff]/)
    expect(out).not.toMatch(/[\r\u202e]/)
    expect(out).toContain('&lt;a b=&quot;c&quot;&gt;&amp;')
    expect(xmlText('😀')).toBe('😀') // a surrogate pair is a character, not a lone surrogate
  })

  it('HTML and CSV make the same characters visible; CSV still defuses formulas', () => {
    expect(esc(HOSTILE)).not.toMatch(RAW)
    expect(esc('<b>')).toBe('&lt;b&gt;')
    expect(csvText(HOSTILE)).not.toMatch(RAW)
    expect(csvText('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`)
    expect(csvText('\t=1+1')).toBe('\\x09=1+1')
  })

  it('strips credentials from URLs in every kind', () => {
    const text = 'server https://admin:S3cret-pw@10.0.0.1:6443/k8s and http://token@host/x, not mail a@b'
    expect(stripUrlCredentials(text)).toBe('server https://10.0.0.1:6443/k8s and http://host/x, not mail a@b')
    for (const f of [terminalField, terminalLines, jsonText, markdownText, xmlText, esc, csvText]) expect(f(text)).not.toContain('S3cret-pw')
  })
})
