// The real CLI on a recorded cluster, in both languages: every console line in the run's language, the total out
// of the whole lab with what was not checked, and a `scorecard:` line that names every file the run wrote.

import { readdirSync } from 'node:fs'
import { loadCase } from '@trident-lab/recorded-cluster'
import { describe, expect, it } from 'vitest'
import { gradeRecorded, type Graded } from '../../specs/tests/grade-recorded.js'
import { labPoints, OBJECTIVE_COUNT } from '../test-support/sample-cards.js'

/** The report files a console line names (`scorecard.json`, `junit.xml`, ...). */
const namedFiles = (line: string) => [...line.matchAll(/[a-z-]+\.(?:json|xml|md|html)/g)].map((m) => m[0]).sort()

/** The recorded reference, graded without data-persists (and without an SVM, so without ontap-volume). */
const grade = (lang: 'en' | 'ja') => gradeRecorded(loadCase('reference'), { args: ['--skip=data-persists', `--lang=${lang}`] })

// What that run comes to, from the lab's rubric: everything passes but the two objectives not checked.
const LAB = labPoints()
const NOT_CHECKED = labPoints(['ontap-volume', 'data-persists'])

function lines(run: Graded): string[] {
  return `${run.stderr}\n${run.stdout}`.split('\n').filter((l) => l.trim() !== '')
}

describe('the console of a run', { timeout: 120_000 }, () => {
  it('in English: the total out of the whole lab, what was not checked, and every file written', async () => {
    const run = await grade('en')
    expect(run.exitCode, run.stderr).toBe(0)
    expect(run.stderr).toMatch(/^Grading alice$/m)
    expect(run.stdout).toContain(
      `\nalice: ${LAB - NOT_CHECKED}/${LAB} points (not checked: ontap-volume, data-persists, ${NOT_CHECKED} points; ${OBJECTIVE_COUNT - 2} passed, 0 failed, 0 blocked, 0 error, 2 skipped)\n`,
    )
    expect(run.stdout).toMatch(/^ {2}detected: Kubernetes v\d/m)
    const line = lines(run).find((l) => /^ {2}scorecard: /.test(l))!
    expect(line).toContain(`scorecard: ${run.outDir}/scorecard.json (also `)
    expect(namedFiles(line)).toEqual(readdirSync(run.outDir).sort())
    expect(run.card?.totals).toMatchObject({ possible: LAB - NOT_CHECKED, awarded: LAB - NOT_CHECKED, labPoints: LAB, notChecked: ['ontap-volume', 'data-persists'] })
  })

  it('in Japanese: every line that has words says them in Japanese, and names every file written', async () => {
    const run = await grade('ja')
    expect(run.exitCode, run.stderr).toBe(0)
    expect(run.stderr).toMatch(/^alice を採点します$/m)
    expect(run.stdout).toContain(
      `\nalice: ${LAB - NOT_CHECKED}/${LAB} 点（未確認: ontap-volume、data-persists（${NOT_CHECKED} 点）。合格 ${OBJECTIVE_COUNT - 2}、不合格 0、未実施 0、採点エラー 0、対象外 2）\n`,
    )
    expect(run.stdout).toMatch(/^ {2}検出したバージョン: Kubernetes v\d/m)
    const line = lines(run).find((l) => /^ {2}採点結果: /.test(l))!
    expect(line).toContain(`採点結果: ${run.outDir}/scorecard.json（ほかに `)
    expect(namedFiles(line)).toEqual(readdirSync(run.outDir).sort())
    // A progress line (`  …    <id> [2s/600s]`) has no words; a status line (`  PASS <id> 15/15 <title>`) has its
    // title or message; every other line is a sentence. None of them is English.
    for (const l of lines(run)) {
      if (/^ {2}… {4}[a-z-]+ \[\d+s\/\d+s\]$/.test(l)) continue
      if (/^ {2}(PASS|FAIL|BLKD|ERR |SKIP) [a-z-]+ \d+\/\d+$/.test(l)) continue
      expect(l).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/)
    }
    expect(run.stdout + run.stderr).not.toMatch(/\b(Grading|points|detected:|scorecard:)/)
  })
})
