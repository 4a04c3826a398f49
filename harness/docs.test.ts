// The documentation: a README short enough to read in five minutes, its flag table between the markers another
// tool may regenerate it from and naming every flag the CLI takes, and links between the docs that lead somewhere
// (the file exists, and so does the heading a `#fragment` names).

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8')

/** The Markdown files the docs are made of (the fixtures' READMEs are their own tools' docs). */
const DOCS = [
  'README.md',
  'README.ja.md',
  'SECURITY.md',
  'CONTRIBUTING.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
  'harness/lms/README.md',
  'harness/roster/README.md',
  'harness/test-support/README.md',
  'reports/README.md',
]

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')
}

/** The anchors of a Markdown file's headings (outside code blocks). */
function anchors(markdown: string): Set<string> {
  const text = markdown.replace(/^```[\s\S]*?^```/gm, '')
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1])))
}

/** The targets of inline links `[text](target)` outside code blocks and code spans, web addresses left out. */
function links(markdown: string): string[] {
  const text = markdown.replace(/^ *```[\s\S]*?^ *```/gm, '').replace(/`[^`\n]*`/g, '')
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((t) => !/^[a-z]+:/i.test(t))
}

describe('README.md', () => {
  const readme = read('README.md')

  it('reads in five minutes: at most 15 KB', () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(15 * 1024)
  })

  // What the table says is generated from the CLI's option list and checked by harness/cli/flag-table.test.ts.
  it('has one place for its flag table, between the markers', () => {
    const lines = readme.split('\n')
    expect(lines.filter((l) => l === '<!-- flags:start -->')).toHaveLength(1)
    expect(lines.filter((l) => l === '<!-- flags:end -->')).toHaveLength(1)
  })
})

describe('links between the docs', () => {
  it.each(DOCS)('%s: every relative link names a file that exists, and a heading there', (doc) => {
    const broken = links(read(doc)).filter((target) => {
      const [file, fragment] = target.split('#')
      const resolved = file ? path.join(path.dirname(path.join(ROOT, doc)), file) : path.join(ROOT, doc)
      if (!existsSync(resolved)) return true
      if (fragment === undefined || statSync(resolved).isDirectory()) return false
      return !anchors(readFileSync(resolved, 'utf8')).has(fragment)
    })
    expect(broken).toEqual([])
  })

  it('finds links and anchors as GitHub does', () => {
    expect(slug("What the grader changes in a student's cluster")).toBe('what-the-grader-changes-in-a-students-cluster')
    expect(slug('`trident-installed`')).toBe('trident-installed')
    expect(slug('RBAC the grader needs')).toBe('rbac-the-grader-needs')
    expect(links('See [a](b.md#c), [web](https://example.com) and `[not](x.md)`.\n\n```\n[no](y.md)\n```\n')).toEqual(['b.md#c'])
  })
})
