// README.ja.md's quick starts (a student's self-check, an instructor's grading run) name the same commands and
// flags as README.md's "Grading a student", so the two READMEs stay in step; and each links the other.

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const read = (name: string) => readFileSync(new URL(`../${name}`, import.meta.url), 'utf8')

/** The text under a heading (the line itself, exactly), up to the next heading of level 2 or 3. */
function section(markdown: string, heading: string): string {
  const lines = markdown.split('\n')
  const start = lines.indexOf(heading)
  if (start < 0) throw new Error(`no heading "${heading}"`)
  const end = lines.findIndex((l, i) => i > start && /^#{2,3} /.test(l))
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n')
}

/** `npm ...` and `npx ...` command lines of the fenced code blocks, continuation lines joined, comments and extra spaces dropped. */
function commands(text: string): string[] {
  const blocks = [...text.matchAll(/^```[^\n]*\n([\s\S]*?)^```$/gm)].map((m) => m[1])
  const joined = blocks.flatMap((b) => b.replace(/\\\n\s*/g, ' ').split('\n'))
  return joined
    .map((l) =>
      l
        .replace(/\s+#.*$/, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((l) => /^(npm|npx) /.test(l))
    .sort()
}

/** Every `--flag` the text names, in commands or prose. */
function flags(text: string): string[] {
  return [...new Set([...text.matchAll(/(?<![\w-])--[a-z][a-z0-9-]*/g)].map((m) => m[0]))].sort()
}

const EN = section(read('README.md'), '## Grading a student')
const JA = ['## 学生のセルフチェック', '## 講師の採点'].map((h) => section(read('README.ja.md'), h)).join('\n')

describe('README.ja.md and README.md', () => {
  it('name the same commands in the quick starts', () => {
    expect(commands(EN).length).toBeGreaterThanOrEqual(2)
    expect(commands(JA)).toEqual(commands(EN))
  })

  it('name the same flags there', () => {
    expect(flags(EN)).toContain('--self-check')
    expect(flags(JA)).toEqual(flags(EN))
  })

  it('link each other at the top', () => {
    expect(read('README.md').split('\n').slice(0, 5).join('\n')).toContain('(README.ja.md)')
    expect(read('README.ja.md').split('\n').slice(0, 10).join('\n')).toContain('(README.md)')
  })
})

describe('the extraction', () => {
  it('joins continuation lines, drops comments, and finds flags in prose too', () => {
    const text = 'Run it:\n\n```bash\nexport X=1   # not a command\nnpm test -- --student=a \\\n  --svm=s   # the SVM\n```\n\nAdd `--yes` to skip the question.\n'
    expect(commands(text)).toEqual(['npm test -- --student=a --svm=s'])
    expect(flags(text)).toEqual(['--student', '--svm', '--yes'])
    expect(() => section(text, '## Missing')).toThrow('no heading')
  })
})
