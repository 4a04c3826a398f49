import { describe, expect, it } from 'vitest'
import type { CheckRecord } from '../check.js'
import { render } from '../i18n/messages.js'
import { renderObjectiveMessage } from '../test-support/sample-cards.js'
import { labRubric } from '../index.js'
import { checkOf } from '../rubric/rubric.js'
import { checkFromRecord, exitCodeOf, totalsOf, type Scorecard } from './scorecard.js'
import { scorecardErrors } from './validate-scorecard.js'
import { renderJunit } from './write-junit.js'
import { renderMarkdown } from './write-markdown.js'

function card(records: CheckRecord[], lang: 'en' | 'ja' = 'en'): Scorecard {
  const checks = records.map((r) => checkFromRecord(r, { ...checkOf(labRubric(), r.id), points: 10 }, 12, lang))
  return {
    schema: 'trident-lab-grader/scorecard',
    schemaVersion: 1,
    student: 'alice',
    runId: 'r1',
    mode: 'grade',
    lang,
    startedAt: '2026-11-26T10:00:00.000Z',
    finishedAt: '2026-11-26T10:00:03.000Z',
    complete: true,
    grader: { name: 'trident-lab-grader', version: '0.1.0', node: 'v20' },
    rubric: 'level2-default',
    target: {},
    detected: { tridentVersion: '25.06.0' },
    checks,
    totals: totalsOf(checks),
    runErrors: [],
  }
}

const passed: CheckRecord = { id: 'trident-installed', status: 'passed', ...render('check.passed'), evidence: [] }
const failed: CheckRecord = {
  id: 'storageclass-hdd',
  status: 'failed',
  reason: 'sc.none',
  ...renderObjectiveMessage('storageclass-hdd', 'sc.none', { media: 'hdd' }),
  evidence: [{ label: 'StorageClasses', data: [] }],
}
const erred: CheckRecord = { id: 'pvc-bound', status: 'error', errorCode: 'KUBE_FORBIDDEN', ...render('check.error', { detail: 'no <rights> & "quotes"' }), evidence: [] }
const blocked: CheckRecord = { id: 'app-uses-pvc', status: 'blocked', blockedBy: ['pvc-bound'], ...render('check.blocked', { ids: 'pvc-bound' }), evidence: [] }

describe('scorecard', () => {
  it('validates against its JSON Schema, and the schema catches a broken card', () => {
    const c = card([passed, failed, erred, blocked])
    expect(scorecardErrors(c)).toEqual([])
    expect(scorecardErrors({ ...c, checks: [{ ...c.checks[0], status: 'maybe' }] })).toEqual([expect.stringContaining('/checks/0/status')])
  })

  it('awards points only for passed checks, and counts neither errors nor what they block as possible', () => {
    expect(card([passed, failed, erred, blocked]).totals).toEqual({ possible: 20, awarded: 10, passed: 1, failed: 1, blocked: 1, error: 1, skipped: 0, labPoints: 40, notChecked: [] })
  })

  it('maps to exit codes: 0 all passed, 1 failed or blocked, 2 grader error or incomplete', () => {
    expect(exitCodeOf(card([passed]))).toBe(0)
    expect(exitCodeOf(card([passed, failed]))).toBe(1)
    expect(exitCodeOf(card([passed, { ...blocked, blockedBy: ['trident-installed'] }]))).toBe(1)
    expect(exitCodeOf(card([passed, failed, erred]))).toBe(2)
    expect(exitCodeOf({ ...card([passed]), complete: false })).toBe(2)
  })

  it('renders JUnit with <failure> for wrong work, <error> for grader errors, escaped text and points as properties', () => {
    const xml = renderJunit(card([passed, failed, erred, blocked]))
    expect(xml).toContain('<testsuite name="alice" tests="4" failures="1" errors="1" skipped="1"')
    expect(xml).toMatch(/<testcase classname="level2.storageclass-hdd"[^>]*>[\s\S]*<failure message="No StorageClass with provisioner/)
    expect(xml).toContain('<error message="The grader could not check this: no &lt;rights&gt; &amp; &quot;quotes&quot;" type="KUBE_FORBIDDEN">')
    expect(xml).toContain('<property name="points" value="10"/>')
    expect(xml).toContain('<property name="score" value="10"/>')
  })

  it('renders Markdown in the run language', () => {
    const md = renderMarkdown(card([passed, failed], 'ja'))
    expect(md).toContain('# Level 2 採点結果: alice')
    expect(md).toContain('**得点: 10 / 20**')
    expect(md).toContain('media "hdd" を指定した StorageClass がありません')
  })
})
