// The class summary's console lines and summary.md in the class's language (harness/i18n/words-*.ts).

import { describe, expect, it } from 'vitest'
import { labPoints, sampleCard } from '../test-support/sample-cards.js'
import { summarise } from './class-summary.js'
import { renderClassSummary, renderSummaryMarkdown } from './write-class-summary.js'

// s02's score: the lab's points but pvc-bound's.
const S02 = `${labPoints() - labPoints(['pvc-bound'])}/${labPoints()}`

const summary = (lang: 'en' | 'ja') =>
  summarise(
    [
      { id: 's01', namespace: 'alice', card: sampleCard({}, { lang }), durationMs: 41_000, reportDir: '../s01' },
      { id: 's02', namespace: 'bob', card: sampleCard({ 'pvc-bound': { status: 'failed' } }, { lang }), durationMs: 52_000, reportDir: '../s02' },
    ],
    { roster: 'class.yaml', lang, startedAt: '2026-04-01T09:00:00.000Z', finishedAt: '2026-04-01T09:02:00.000Z', settings: { parallel: 4, ontapSessionsPerHost: 2, studentTimeoutSeconds: 600 } },
  )

describe('the class summary in words', () => {
  it('in English, as before', () => {
    const text = renderClassSummary(summary('en'), 'reports/class')
    expect(text).toContain('\nclass: 2 students: 1 passed, 1 failed, 0 grader errors\n')
    expect(text).toMatch(new RegExp(`^ {2}s02 failed +${S02}$`, 'm'))
    expect(text).toContain('  summary: reports/class/summary.json (also summary.csv, summary.md, index.html)')
    expect(renderSummaryMarkdown(summary('en'))).toContain(`| [s02](../s02/scorecard.md) | ❌ failed | ${S02} |`)
  })

  it('in Japanese', () => {
    const text = renderClassSummary(summary('ja'), 'reports/class')
    expect(text).toContain('\nクラス: 2 人: 合格 1、不合格 1、採点エラー 0\n')
    expect(text).toMatch(new RegExp(`^ {2}s02 不合格 +${S02}$`, 'm'))
    expect(text).toContain('  集計: reports/class/summary.json（ほかに summary.csv、summary.md、index.html）')
    const md = renderSummaryMarkdown(summary('ja'))
    expect(md).toContain('2 人: 合格 1、不合格 1、採点エラー 0')
    expect(md).toContain(`| [s02](../s02/scorecard.md) | ❌ 不合格 | ${S02} |`)
    expect(md).toMatch(/· 同時採点 4\n$/)
    expect(text + md).not.toMatch(/\b(students|passed|failed|summary:|parallel)\b/)
  })
})
