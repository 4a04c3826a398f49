// Gradescope results.json and the LTI 1.3 AGS score, from scorecards the way the grader writes them.

import { describe, expect, it } from 'vitest'
import { toGradescopeResults } from './gradescope-results.js'
import { toLtiAgsScore } from './lti-ags-score.js'
import { labPoints, OBJECTIVE_COUNT, sampleCard } from '../test-support/sample-cards.js'

const GRADESCOPE_TOP = ['score', 'execution_time', 'output', 'output_format', 'test_output_format', 'test_name_format', 'visibility', 'stdout_visibility', 'extra_data', 'tests']
const GRADESCOPE_TEST = ['score', 'max_score', 'status', 'name', 'number', 'output', 'tags', 'visibility', 'extra_data']

// The lab's total, and what a card of failedPvc() comes to: every objective passed but those four.
const LAB = labPoints()
const FAILED_PVC = ['pvc-bound', 'app-uses-pvc', 'data-persists', 'ontap-volume']
const expectStart = (text: string, start: string) => expect(text.slice(0, start.length)).toBe(start)
const failedPvc = () =>
  sampleCard({
    'pvc-bound': { status: 'failed', key: 'pvc.pending', params: { name: 'mysql-pv-claim', phase: 'Pending' } },
    'app-uses-pvc': { status: 'blocked', blockedBy: ['pvc-bound'] },
    'data-persists': { status: 'blocked', blockedBy: ['app-uses-pvc'] },
    'ontap-volume': { status: 'blocked', blockedBy: ['pvc-bound'] },
  })

describe('Gradescope results.json', () => {
  it('uses only the documented fields, one test per objective, and the card total as the score', () => {
    const results = toGradescopeResults(sampleCard())
    expect(Object.keys(results).sort()).toEqual([...GRADESCOPE_TOP].sort())
    expect(results.tests).toHaveLength(OBJECTIVE_COUNT)
    for (const t of results.tests) expect(Object.keys(t).sort()).toEqual([...GRADESCOPE_TEST].sort())
    expect(results.score).toBe(LAB)
    expect(results.tests.every((t) => t.status === 'passed' && t.score === t.max_score)).toBe(true)
    expect(results.tests[0]).toMatchObject({ name: 'Trident is installed and running (trident-installed)', number: '1', output: 'Passed.', tags: ['trident-installed', 'passed'] })
    expect(results.execution_time).toBe(43)
    expect(results.output).toBe(`Level 2: ${LAB} / ${LAB} points. ${OBJECTIVE_COUNT} passed, 0 failed, 0 blocked, 0 grader errors, 0 skipped.`)
  })

  it('marks failed and blocked objectives failed, with the message and the hint', () => {
    const results = toGradescopeResults(failedPvc())
    const pvc = results.tests.find((t) => t.extra_data.objective === 'pvc-bound')!
    expect(pvc).toMatchObject({ status: 'failed', score: 0, max_score: labPoints(['pvc-bound']) })
    expect(pvc.output).toBe('PVC mysql-pv-claim is Pending, not Bound.\nRead the events with `kubectl describe pvc`; they say why no volume was made.')
    const app = results.tests.find((t) => t.extra_data.objective === 'app-uses-pvc')!
    expect(app).toMatchObject({ status: 'failed', score: 0, max_score: labPoints(['app-uses-pvc']), extra_data: { blockedBy: ['pvc-bound'] } })
    expect(results.score).toBe(LAB - labPoints(FAILED_PVC))
    expect(results.output).toContain('To fix: The database PVC is Bound to a Trident volume of the SSD class;')
  })

  it('shows a grader error as a failed 0/0 test that costs no points; max scores add up to the points possible', () => {
    const card = sampleCard({ 'backend-online': { status: 'error', errorCode: 'KUBE_API' } })
    const results = toGradescopeResults(card)
    const backend = results.tests.find((t) => t.extra_data.objective === 'backend-online')!
    expect(backend).toMatchObject({ status: 'failed', score: 0, max_score: 0, extra_data: { errorCode: 'KUBE_API' } })
    expect(backend.output).toMatch(/^Grader error \(no points lost\): The grader could not check this/)
    expect(results.tests.reduce((s, t) => s + t.max_score, 0)).toBe(card.totals.possible)
    expect(results.output).toContain('this score is not final')
    expect(results.extra_data.gradingFailed).toBe(true)
  })

  it('leaves skipped objectives out of the tests and names them in the output', () => {
    const results = toGradescopeResults(sampleCard({ 'data-persists': { status: 'skipped' } }))
    expect(results.tests.map((t) => t.extra_data.objective)).not.toContain('data-persists')
    expect(results.output).toContain('- Data survives deleting the database pod (data-persists): Skipped: left out with --skip.')
    expect(results.score).toBe(LAB - labPoints(['data-persists']))
  })

  it('speaks Japanese for a Japanese card', () => {
    const results = toGradescopeResults(sampleCard({ 'backend-online': { status: 'error' } }, { lang: 'ja' }))
    expectStart(results.output, `Level 2: ${LAB - labPoints(['backend-online'])} / ${LAB} 点。合格 ${OBJECTIVE_COUNT - 1}、`)
    expect(results.tests[1].output).toMatch(/^採点エラー（減点なし）: 採点ツールがこの項目を確認できませんでした/)
    expect(results.tests[0].name).toBe('Trident がインストールされ、稼働している (trident-installed)')
  })
})

describe('LTI 1.3 AGS score', () => {
  it('is FullyGraded with scoreGiven and scoreMaximum when the card is complete', () => {
    const score = toLtiAgsScore(failedPvc(), 'lti-user-42')
    expect(score).toEqual({
      userId: 'lti-user-42',
      scoreGiven: LAB - labPoints(FAILED_PVC),
      scoreMaximum: LAB,
      comment: expect.stringMatching(
        new RegExp(`^Level 2: ${LAB - labPoints(FAILED_PVC)} / ${LAB} points\\. ${OBJECTIVE_COUNT - 4} passed, 1 failed, 3 blocked, 0 grader errors, 0 skipped\\. To fix: `),
      ),
      timestamp: '2026-04-01T09:00:42.500Z',
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      submission: { startedAt: '2026-04-01T09:00:00.000Z', submittedAt: '2026-04-01T09:00:42.500Z' },
    })
  })

  it.each([
    ['a check erred', sampleCard({ 'ontap-volume': { status: 'error' } })],
    ['the run did not finish', sampleCard({}, { complete: false })],
    ['the run had an error', sampleCard({}, { runErrors: ["The run's time budget of 600 s ran out."] })],
  ])('is Failed, without a score, when %s', (_why, card) => {
    const score = toLtiAgsScore(card, 'alice')
    expect(score.gradingProgress).toBe('Failed')
    expect(score).not.toHaveProperty('scoreGiven')
    expect(score).not.toHaveProperty('scoreMaximum')
    expect(score.comment).toContain('not final')
  })

  it('is PendingManual, with the score out of the whole lab, when the run left something out', () => {
    const score = toLtiAgsScore(sampleCard({ 'data-persists': { status: 'skipped' } }), 'alice')
    const persist = labPoints(['data-persists'])
    expect(score).toMatchObject({ scoreGiven: LAB - persist, scoreMaximum: LAB, gradingProgress: 'PendingManual' })
    expectStart(score.comment, `Level 2: ${LAB - persist} / ${LAB} points (not checked: data-persists, ${persist} points).`)
  })

  it('gives a timestamp with sub-second precision even for an unfinished card', () => {
    const card = sampleCard({}, { complete: false })
    card.finishedAt = null
    expect(toLtiAgsScore(card, 'alice').timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  })
})
