import { describe, expect, it } from 'vitest'
import { GRADER_NAME, GRADER_VERSION } from '../version.js'
import { newScorecard } from './new-scorecard.js'
import { SCORECARD_SCHEMA, SCORECARD_SCHEMA_VERSION, totalsOf } from './scorecard.js'

describe('newScorecard', () => {
  it('a card that records why nothing was graded: finished when made, not complete, no checks, its run errors', () => {
    const card = newScorecard({ student: 'alice', runId: 'none', lang: 'ja', runErrors: ['alice was not graded.'] })
    expect(card).toEqual({
      schema: SCORECARD_SCHEMA,
      schemaVersion: SCORECARD_SCHEMA_VERSION,
      student: 'alice',
      runId: 'none',
      mode: 'grade',
      lang: 'ja',
      startedAt: card.startedAt,
      finishedAt: card.startedAt,
      complete: false,
      grader: { name: GRADER_NAME, version: GRADER_VERSION, node: process.version },
      rubric: 'unknown',
      target: {},
      detected: {},
      checks: [],
      totals: totalsOf([]),
      runErrors: ['alice was not graded.'],
    })
    expect(Number.isNaN(Date.parse(card.startedAt))).toBe(false)
  })

  it('a card a run fills: its mode, rubric, target and what was detected; not finished yet', () => {
    const detected = { kubernetesVersion: 'v1.34.4' }
    const target = { kubeServer: 'https://10.0.0.1:6443', ontap: { api: 'ssh' as const, host: 'svm07', svm: 'svm07', user: 'vsadmin', insecure: false } }
    const card = newScorecard({ student: 'bob', runId: 'r1', lang: 'en', mode: 'self-check', rubric: 'level2', target, detected, finishedAt: null })
    expect(card).toMatchObject({ mode: 'self-check', rubric: 'level2', target, detected, finishedAt: null, runErrors: [] })
    // The card owns its parts: filling it never changes what the caller passed.
    card.detected.tridentVersion = '25.06.0'
    expect(detected).toEqual({ kubernetesVersion: 'v1.34.4' })
  })
})
