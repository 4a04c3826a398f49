// Gradescope's results.json (field names: docs/lms-formats.md). One test per graded
// objective; a grader error is a 0/0 test marked failed (so it never shows as a pass, and costs no points);
// skipped objectives are left out and named in the top-level output. Text only: no markup from student data.

import { wordsFor } from '../i18n/words.js'
import { labTotalOf, type Scorecard } from '../scorecard/scorecard.js'
import { countedChecks, gradingFailed } from './counted-checks.js'
import { summarySentence } from './lms-words.js'

export interface GradescopeTest {
  score: number
  max_score: number
  status: 'passed' | 'failed'
  name: string
  number: string
  output: string
  tags: string[]
  visibility: 'visible'
  extra_data: { objective: string; status: string; blockedBy?: string[]; errorCode?: string }
}

export interface GradescopeResults {
  score: number
  execution_time: number
  output: string
  output_format: 'text'
  test_output_format: 'text'
  test_name_format: 'text'
  visibility: 'visible'
  stdout_visibility: 'hidden'
  /** possible: the points of what was graded (the tests' max scores add up to it); labPoints: the whole lab's; notChecked: objectives skipped. */
  extra_data: { schema: string; runId: string; student: string; complete: boolean; gradingFailed: boolean; possible: number; labPoints: number; notChecked: string[] }
  tests: GradescopeTest[]
}

export function toGradescopeResults(card: Scorecard): GradescopeResults {
  const counted = countedChecks(card)
  const w = wordsFor(card.lang).lms
  const tests: GradescopeTest[] = []
  card.checks.forEach((c, i) => {
    if (c.status === 'skipped') return
    const graded = counted.has(c.id)
    const lines = [c.status === 'error' ? `${w.graderError} ${c.message}` : c.message]
    if (c.hint && c.status !== 'passed') lines.push(c.hint)
    tests.push({
      score: c.awarded,
      max_score: graded ? c.points : 0,
      status: c.status === 'passed' ? 'passed' : 'failed',
      name: `${c.title} (${c.id})`,
      number: String(i + 1),
      output: lines.join('\n'),
      tags: [c.id, c.status],
      visibility: 'visible',
      extra_data: { objective: c.id, status: c.status, blockedBy: c.blockedBy, errorCode: c.errorCode },
    })
  })
  const skipped = card.checks.filter((c) => c.status === 'skipped').map((c) => `- ${c.title} (${c.id}): ${c.message}`)
  const output = [summarySentence(card), ...card.runErrors.map((e) => `! ${e}`), ...skipped].join('\n')
  const started = Date.parse(card.startedAt)
  const finished = card.finishedAt ? Date.parse(card.finishedAt) : Date.now()
  return {
    score: card.totals.awarded,
    execution_time: Math.max(0, Math.round((finished - started) / 1000)),
    output,
    output_format: 'text',
    test_output_format: 'text',
    test_name_format: 'text',
    visibility: 'visible',
    stdout_visibility: 'hidden',
    extra_data: {
      schema: `${card.schema}/v${card.schemaVersion}`,
      runId: card.runId,
      student: card.student,
      complete: card.complete,
      gradingFailed: gradingFailed(card),
      possible: card.totals.possible,
      labPoints: labTotalOf(card).labPoints,
      notChecked: labTotalOf(card).notChecked?.ids ?? [],
    },
    tests,
  }
}
