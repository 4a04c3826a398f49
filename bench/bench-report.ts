// Turns graded students into the benchmark's numbers, and the numbers into a Markdown table.

import type { GradedStudent } from '../harness/roster/class-summary.js'
import type { CpuSeconds } from './cpu-usage.js'

export interface StudentNumbers {
  id: string
  /** From starting the student's grader process to its exit. */
  wallMs: number
  podReplacementWaitMs: number
  /** Wall time minus the wait for the cluster to replace the pod. */
  overheadMs: number
  kubeRequests: number
  ontapSessions: number
  peakRssMiB: number
  awarded: number
  possible: number
}

export interface BenchRun {
  label: string
  students: number
  parallel: number
  wallMs: number
  peakTreeMiB: number
  /** CPU seconds of the run: all cores' busy time, and the grading processes' part of it. */
  cpu: CpuSeconds
  exitCode: number
  perStudent: StudentNumbers[]
  median: Omit<StudentNumbers, 'id'>
  max: Omit<StudentNumbers, 'id'>
}

export function summarizeRun(run: { label: string; students: number; parallel: number; wallMs: number; peakTreeMiB: number; cpu: CpuSeconds; exitCode: number; graded: GradedStudent[] }): BenchRun {
  const perStudent = run.graded.map((g): StudentNumbers => {
    const wait = g.card.stats?.podReplacementWaitMs ?? 0
    return {
      id: g.id,
      wallMs: Math.round(g.durationMs),
      podReplacementWaitMs: wait,
      overheadMs: Math.round(g.durationMs - wait),
      kubeRequests: g.card.stats?.kubeRequests ?? 0,
      ontapSessions: g.card.stats?.ontapSessions ?? 0,
      peakRssMiB: g.card.stats?.peakRssMiB ?? 0,
      awarded: g.card.totals.awarded,
      possible: g.card.totals.possible,
    }
  })
  return { label: run.label, students: run.students, parallel: run.parallel, wallMs: Math.round(run.wallMs), peakTreeMiB: run.peakTreeMiB, cpu: run.cpu, exitCode: run.exitCode, perStudent, median: aggregate(perStudent, median), max: aggregate(perStudent, (xs) => Math.max(...xs)) }
}

function aggregate(rows: StudentNumbers[], f: (xs: number[]) => number): Omit<StudentNumbers, 'id'> {
  const keys = ['wallMs', 'podReplacementWaitMs', 'overheadMs', 'kubeRequests', 'ontapSessions', 'peakRssMiB', 'awarded', 'possible'] as const
  return Object.fromEntries(keys.map((k) => [k, rows.length ? f(rows.map((r) => r[k])) : 0])) as Omit<StudentNumbers, 'id'>
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : Math.round((s[s.length / 2 - 1] + s[s.length / 2]) / 2)
}

export function renderBenchMarkdown(runs: BenchRun[]): string {
  const s = (ms: number) => (ms / 1000).toFixed(1)
  const single = runs.find((r) => r.students === 1)?.wallMs
  const lines = [
    '| run | class wall s | × single | student wall s (median / max) | pod wait s (median) | overhead s (median / max) | API requests (max) | ONTAP sessions (max) | peak RSS MiB per student (max) | peak RSS MiB all processes | grader CPU s per student | machine CPU s (grader share) | score |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ]
  for (const r of runs) {
    const ratio = single ? (r.wallMs / single).toFixed(1) : '-'
    const full = r.perStudent.every((p) => p.awarded === p.possible && p.possible > 0)
    lines.push(`| ${r.label} | ${s(r.wallMs)} | ${ratio} | ${s(r.median.wallMs)} / ${s(r.max.wallMs)} | ${s(r.median.podReplacementWaitMs)} | ${s(r.median.overheadMs)} / ${s(r.max.overheadMs)} | ${r.max.kubeRequests} | ${r.max.ontapSessions} | ${r.max.peakRssMiB} | ${r.peakTreeMiB} | ${(r.cpu.grader / r.students).toFixed(2)} | ${r.cpu.machine.toFixed(0)} (${Math.round((100 * r.cpu.grader) / Math.max(r.cpu.machine, 0.1))} %) | ${full ? 'all full' : `exit ${r.exitCode}`} |`)
  }
  return lines.join('\n') + '\n'
}
