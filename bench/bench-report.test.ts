// The benchmark's arithmetic and its table: medians, the verdict of each target, and the Markdown.

import { describe, expect, it } from 'vitest'
import { cpuPerStudent, evaluateTargets, median, renderBenchMarkdown, summarize, summarizeRun, TARGETS, type BenchReport, type BenchRun, type GradedInput, type Sample } from './bench-report.js'

const sample = (wallMs: number, cpuSeconds: number, peakMiB: number, exitCode = 0): Sample => ({ wallMs, cpuSeconds, peakMiB, exitCode })
const seven = (f: (i: number) => Sample) => Array.from({ length: 7 }, (_, i) => f(i))

function classRun(students: number, graderCpu: number, opts: { parallel?: number; awarded?: number; exitCode?: number } = {}): BenchRun {
  const graded: GradedInput[] = Array.from({ length: students }, (_, i) => ({
    id: `s${i}`,
    durationMs: 2000 + 100 * i,
    card: { stats: { podReplacementWaitMs: 1000, kubeRequests: 25 + i, ontapSessions: 1, peakRssMiB: 150 }, totals: { awarded: opts.awarded ?? 100, possible: 100 } },
  }))
  return summarizeRun({
    label: `${students} student(s), parallel ${opts.parallel ?? 1}`,
    students,
    parallel: opts.parallel ?? 1,
    wallMs: 40_000,
    peakTreeMiB: 300,
    cpu: { machine: 90, grader: graderCpu },
    exitCode: opts.exitCode ?? 0,
    graded,
  })
}

describe('median', () => {
  it('is the middle value of an odd count, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([7, 2, 9, 4, 4, 1, 8])).toBe(4)
  })
  it('is the mean of the middle two of an even count, not rounded', () => {
    expect(median([1, 2, 3, 10])).toBe(2.5)
    expect(median([0.25, 0.5])).toBe(0.375)
  })
  it('refuses an empty list (a benchmark with no runs has no median)', () => {
    expect(() => median([])).toThrow('median of no numbers')
  })
  it("does not reorder the caller's list", () => {
    const xs = [3, 1, 2]
    median(xs)
    expect(xs).toEqual([3, 1, 2])
  })
})

describe('summarize', () => {
  it("takes each measure's median on its own and keeps every exit code", () => {
    const s = summarize([sample(4000, 3.1, 600), sample(3000, 2.9, 610, 2), sample(5000, 2.0, 590)])
    expect(s).toEqual({ runs: 3, wallMs: 4000, cpuSeconds: 2.9, peakMiB: 600, exitCodes: [0, 2, 0] })
  })
})

describe('evaluateTargets', () => {
  const oneStudent = (grader: Sample[], script: Sample[]): BenchReport => ({ grader: 'node bin/grader.mjs', oneStudent: { namespace: 'bench-001', grader, script }, classRuns: [] })

  it("passes a grader at 0.6 × the script's wall time, at most its CPU and within 200 MiB", () => {
    const rows = evaluateTargets(
      oneStudent(
        seven(() => sample(1800, 1.0, 200)),
        seven(() => sample(3000, 1.0, 40)),
      ),
    )
    expect(rows.map((r) => [r.what.split(':')[0], r.verdict])).toEqual([
      ['one student', 'pass'],
      ['one student', 'pass'],
      ['one student', 'pass'],
    ])
    expect(rows[0]).toMatchObject({ grader: '1.80', script: '3.00', note: '0.60 ×' })
  })

  it('misses each target on its own', () => {
    const rows = evaluateTargets(
      oneStudent(
        seven(() => sample(1900, 1.01, 201)),
        seven(() => sample(3000, 1.0, 40)),
      ),
    )
    expect(rows.map((r) => r.verdict)).toEqual(['miss', 'miss', 'miss'])
    expect(rows[0].note).toBe('0.63 ×')
  })

  it('judges the medians, so one slow run does not decide', () => {
    const grader = seven((i) => sample(i === 3 ? 60_000 : 1000, i === 3 ? 50 : 0.5, i === 3 ? 900 : 150))
    const rows = evaluateTargets(
      oneStudent(
        grader,
        seven(() => sample(3000, 1.0, 40)),
      ),
    )
    expect(rows.map((r) => r.verdict)).toEqual(['pass', 'pass', 'pass'])
  })

  it('calls the comparison invalid when the grader or the script did not pass the reference setup', () => {
    const rows = evaluateTargets(
      oneStudent(
        seven((i) => sample(1000, 0.5, 150, i === 0 ? 2 : 0)),
        seven(() => sample(3000, 1.0, 40, 1)),
      ),
    )
    expect(rows.every((r) => r.verdict === 'invalid')).toBe(true)
    expect(rows[0].note).toBe('the grader exited 2 in 1 of 7 runs (expected 0); the script exited 1 in 7 of 7 runs (expected 0)')
  })

  it("checks start-up times against their limits and the usage error's exit code 9", () => {
    const report: BenchReport = {
      grader: 'node bin/grader.mjs',
      startup: { help: seven(() => sample(290, 0.2, 60)), version: seven(() => sample(300, 0.2, 60)), usageError: seven(() => sample(450, 0.3, 70, 9)) },
      classRuns: [],
    }
    const rows = evaluateTargets(report)
    expect(rows.map((r) => [r.what, r.grader, r.target, r.verdict])).toEqual([
      ['`--help`: wall s (median of 7); peak MiB', '0.29; 60 MiB', '< 0.3 s', 'pass'],
      ['`--version`: wall s (median of 7); peak MiB', '0.30; 60 MiB', '< 0.3 s', 'miss'],
      ['usage error (`--bogus`): wall s (median of 7); peak MiB', '0.45; 70 MiB', '< 0.5 s', 'pass'],
    ])
    report.startup!.usageError = seven(() => sample(200, 0.2, 60, 1))
    expect(evaluateTargets(report)[2]).toMatchObject({ verdict: 'invalid', note: 'the grader exited 1 in 7 of 7 runs (expected 9)' })
  })

  it('judges grader CPU per student for each class of 40, and only those', () => {
    const report: BenchReport = { grader: 'g', classRuns: [classRun(10, 1), classRun(40, 12), classRun(40, 12.4, { parallel: 8 })] }
    const rows = evaluateTargets(report)
    expect(rows.map((r) => [r.what, r.grader, r.verdict])).toEqual([
      ['class of 40, `--parallel 1`: grader CPU s per student', '0.30', 'pass'],
      ['class of 40, `--parallel 8`: grader CPU s per student', '0.31', 'miss'],
    ])
    expect(TARGETS.classSize).toBe(40)
  })

  it('calls a class run invalid when a student lost points or was not graded', () => {
    expect(evaluateTargets({ grader: 'g', classRuns: [classRun(40, 4, { awarded: 90, exitCode: 1 })] })[0]).toMatchObject({ verdict: 'invalid', note: 'not every student got full points (exit 1)' })
    const missing = classRun(40, 4)
    missing.perStudent.pop()
    expect(evaluateTargets({ grader: 'g', classRuns: [missing] })[0].verdict).toBe('invalid')
  })
})

describe('summarizeRun', () => {
  it('gives per-student medians and maxima, overhead without the pod wait, and CPU per student', () => {
    const run = classRun(3, 3.3)
    expect(run.median).toMatchObject({ wallMs: 2100, overheadMs: 1100, kubeRequests: 26 })
    expect(run.max).toMatchObject({ wallMs: 2200, kubeRequests: 27, peakRssMiB: 150 })
    expect(cpuPerStudent(run)).toBeCloseTo(1.1)
  })
})

describe('renderBenchMarkdown', () => {
  it('renders one table of targets, with the verdicts, then the class details', () => {
    const md = renderBenchMarkdown({
      grader: 'node --import tsx harness/cli.ts',
      oneStudent: { namespace: 'bench-001', grader: seven(() => sample(4100, 3.0, 600)), script: seven(() => sample(3400, 1.5, 30)) },
      startup: { help: seven(() => sample(1600, 1.2, 150)), version: seven(() => sample(1500, 1.2, 150)), usageError: seven(() => sample(1500, 1.2, 150, 9)) },
      classRuns: [classRun(40, 44, { parallel: 8 })],
    })
    const lines = md.split('\n')
    expect(lines[0]).toBe('Grader: `node --import tsx harness/cli.ts`; script: `bench/yardstick.sh` (kubectl, jq, one ssh session).')
    expect(lines[2]).toBe('| measurement | grader | yardstick script | target | result |')
    expect(lines).toContain('| one student: wall s (median of 7) | 4.10 | 3.40 | grader ≤ 0.6 × script | **miss** (1.21 ×) |')
    expect(lines).toContain('| one student: CPU s, user+sys of the process tree (median of 7) | 3.00 | 1.50 | grader ≤ script | **miss** (2.00 ×) |')
    expect(lines).toContain('| one student: peak memory MiB, RSS of the process tree (median of 7) | 600 | 30 | grader ≤ 200 MiB | **miss** |')
    expect(lines).toContain('| `--help`: wall s (median of 7); peak MiB | 1.60; 150 MiB | - | < 0.3 s | **miss** (exit 0) |')
    expect(lines).toContain('| class of 40, `--parallel 8`: grader CPU s per student | 1.10 | - | ≤ 0.3 | **miss** (44.0 CPU-s in 40.00 s) |')
    // The target rows come first, each a row of five cells; the class details follow after a blank line.
    const targetRows = lines.slice(4, lines.indexOf('', 4))
    expect(targetRows).toHaveLength(7)
    for (const row of targetRows) expect(row.split(' | ')).toHaveLength(5)
    expect(md).toContain('| class run | wall s |')
    expect(md).toContain('| 40 student(s), parallel 8 | 40.0 |')
    expect(md).toContain('| **1.10** |')
  })
})
