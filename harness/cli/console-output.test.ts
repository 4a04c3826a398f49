// The progress lines of a run are printed in the order things happened for each objective, whatever order the
// reporter's events arrive in: a start line before its status line, never a status line before its start.

import { describe, expect, it } from 'vitest'
import type { ProgressEvent } from '../vitest/scorecard-reporter.js'
import type { ScorecardCheck } from '../scorecard/scorecard.js'
import { progressPrinter } from './console-output.js'

const STARTED = Date.now()

function printed(events: ProgressEvent[]): string[] {
  const lines: string[] = []
  const print = progressPrinter((line) => lines.push(line), 600, 'en', STARTED)
  for (const event of events) print(event)
  // The clock ([0s/600s]) depends on when the test runs; the order is what is checked.
  return lines.map((l) => l.replace(/ \[\d+s\/600s\]$/, ''))
}

const start = (id: string, student = 'alice'): ProgressEvent => ({ type: 'start', student, id }) as ProgressEvent
const progress = (id: string, text: string): ProgressEvent => ({ type: 'progress', student: 'alice', id, text: { en: text, ja: `${text}（日本語）` } }) as ProgressEvent
const done = (id: string, status: ScorecardCheck['status'] = 'passed', student = 'alice'): ProgressEvent =>
  ({ type: 'done', student, check: { id, status, awarded: status === 'passed' ? 10 : 0, points: 10 } as ScorecardCheck }) as ProgressEvent

describe('progressPrinter', () => {
  it('prints start, progress and status lines as they come when they come in order', () => {
    expect(printed([start('pvc-bound'), done('pvc-bound'), start('data-persists'), progress('data-persists', 'waiting for the pod'), done('data-persists', 'failed')])).toEqual([
      '  …    pvc-bound',
      '  PASS pvc-bound 10/10',
      '  …    data-persists',
      '         waiting for the pod',
      '  FAIL data-persists 0/10',
    ])
  })

  it('prints the start line first when the result arrives before the start, and drops the late start', () => {
    expect(printed([done('ontap-volume'), start('ontap-volume')])).toEqual(['  …    ontap-volume', '  PASS ontap-volume 10/10'])
  })

  it('prints a start line before a progress line that arrives first, and drops progress after the result', () => {
    expect(printed([progress('data-persists', 'writing a test file'), start('data-persists'), done('data-persists'), progress('data-persists', 'late')])).toEqual([
      '  …    data-persists',
      '         writing a test file',
      '  PASS data-persists 10/10',
    ])
  })

  it('prints one status line per objective, and keeps the objectives of two students apart', () => {
    expect(printed([done('pvc-bound', 'error'), done('pvc-bound', 'error'), start('pvc-bound', 'bob'), done('pvc-bound', 'passed', 'bob')])).toEqual([
      '  …    pvc-bound',
      '  ERR  pvc-bound 0/10',
      '  …    pvc-bound',
      '  PASS pvc-bound 10/10',
    ])
  })

  it('neutralises a progress text from the cluster', () => {
    expect(printed([start('data-persists'), progress('data-persists', 'pod\nPASS fake\u001b[2J')])[1]).not.toMatch(/[\n\u001b]/)
  })
})

describe('progress lines', () => {
  it("are shown in the run's language", () => {
    const lines: string[] = []
    const print = progressPrinter((line) => lines.push(line), 600, 'ja', STARTED)
    print(progress('data-persists', 'writing a test file'))
    expect(lines[1]).toMatch(/^ {9}writing a test file（日本語） \[\d+s\/600s\]$/)
  })
})
