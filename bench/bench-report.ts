// The benchmark's numbers and their Markdown: one table of every target against what was measured (the one
// student graded by the grader and by the yardstick script, start-up times, grader CPU per student in a class),
// then the details of the class runs. Pure: bench.ts measures, this file summarises and renders.

import type { CpuSeconds } from './cpu-usage.js'

// ---- targets (issue 13)

export const TARGETS = {
  /** One student: the grader's wall time at most this fraction of the yardstick script's. */
  wallRatio: 0.6,
  /** One student: the grader's CPU seconds at most this fraction of the script's. */
  cpuRatio: 1,
  /** One student: the grader's peak memory (process tree) in MiB. */
  peakMiB: 200,
  helpSeconds: 0.3,
  versionSeconds: 0.3,
  usageErrorSeconds: 0.5,
  usageErrorExitCode: 9,
  /** A class of this many students on the lab cluster... */
  classSize: 40,
  /** ...costs at most this many grader CPU seconds per student. */
  classCpuPerStudent: 0.3,
} as const

// ---- one command, run several times

/** One run of a command: wall time, CPU seconds of its process tree, peak memory of its process tree. */
export interface Sample {
  wallMs: number
  cpuSeconds: number
  peakMiB: number
  exitCode: number
}

/** Medians of several runs of one command, and every run's exit code. */
export interface Summary {
  runs: number
  wallMs: number
  cpuSeconds: number
  peakMiB: number
  exitCodes: number[]
}

/** The median; of an even count, the mean of the middle two. */
export function median(xs: number[]): number {
  if (xs.length === 0) throw new Error('median of no numbers')
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

export function summarize(samples: Sample[]): Summary {
  return {
    runs: samples.length,
    wallMs: Math.round(median(samples.map((s) => s.wallMs))),
    cpuSeconds: Math.round(median(samples.map((s) => s.cpuSeconds)) * 100) / 100,
    peakMiB: Math.round(median(samples.map((s) => s.peakMiB))),
    exitCodes: samples.map((s) => s.exitCode),
  }
}

export interface OneStudentBench {
  namespace: string
  /** Paired rounds: round i runs the grader and the script once each, the grader first in even rounds. */
  grader: Sample[]
  script: Sample[]
}

export interface StartupBench {
  help: Sample[]
  version: Sample[]
  /** An unknown flag (`--bogus`): a usage error, exit 9. */
  usageError: Sample[]
}

// ---- a class (roster) run

export interface StudentNumbers {
  id: string
  /** The student's grading, as the class summary records it. */
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

/** What the bench reads of one graded student (the class summary's row and the student's scorecard). */
export interface GradedInput {
  id: string
  durationMs: number
  card: { stats?: { podReplacementWaitMs?: number; kubeRequests?: number; ontapSessions?: number; peakRssMiB?: number }; totals: { awarded: number; possible: number } }
}

export interface BenchRun {
  label: string
  students: number
  parallel: number
  wallMs: number
  /** Peak memory of the grader's whole process tree. */
  peakTreeMiB: number
  /** CPU seconds of the run: all cores' busy time, and the grader's process tree's part of it. */
  cpu: CpuSeconds
  exitCode: number
  perStudent: StudentNumbers[]
  median: Omit<StudentNumbers, 'id'>
  max: Omit<StudentNumbers, 'id'>
}

export function summarizeRun(run: { label: string; students: number; parallel: number; wallMs: number; peakTreeMiB: number; cpu: CpuSeconds; exitCode: number; graded: GradedInput[] }): BenchRun {
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
  return {
    label: run.label,
    students: run.students,
    parallel: run.parallel,
    wallMs: Math.round(run.wallMs),
    peakTreeMiB: run.peakTreeMiB,
    cpu: run.cpu,
    exitCode: run.exitCode,
    perStudent,
    median: aggregate(perStudent, (xs) => Math.round(median(xs))),
    max: aggregate(perStudent, (xs) => Math.max(...xs)),
  }
}

function aggregate(rows: StudentNumbers[], f: (xs: number[]) => number): Omit<StudentNumbers, 'id'> {
  const keys = ['wallMs', 'podReplacementWaitMs', 'overheadMs', 'kubeRequests', 'ontapSessions', 'peakRssMiB', 'awarded', 'possible'] as const
  return Object.fromEntries(keys.map((k) => [k, rows.length ? f(rows.map((r) => r[k])) : 0])) as Omit<StudentNumbers, 'id'>
}

/** Grader CPU seconds per student of a class run. */
export const cpuPerStudent = (r: BenchRun): number => r.cpu.grader / Math.max(r.students, 1)

/** Every student got every point it could. */
const fullScore = (r: BenchRun): boolean => r.perStudent.length === r.students && r.perStudent.every((p) => p.awarded === p.possible && p.possible > 0)

// ---- the report

export interface BenchReport {
  /** How the grader was started (graderInvocation's label). */
  grader: string
  oneStudent?: OneStudentBench
  startup?: StartupBench
  classRuns: BenchRun[]
}

export type Verdict = 'pass' | 'miss' | 'invalid'

export interface TargetRow {
  what: string
  grader: string
  script: string
  target: string
  verdict: Verdict
  /** Why a row is invalid, or the ratio a verdict rests on. */
  note: string
}

const sec = (ms: number) => (ms / 1000).toFixed(2)

/** A set of runs counts only when every run ended as it should. */
function badRuns(s: Summary, expected: number, who: string): string | undefined {
  const bad = s.exitCodes.filter((c) => c !== expected)
  return bad.length ? `${who} exited ${[...new Set(bad)].join('/')} in ${bad.length} of ${s.runs} runs (expected ${expected})` : undefined
}

export function evaluateTargets(r: BenchReport): TargetRow[] {
  const rows: TargetRow[] = []
  const verdict = (ok: boolean, invalid?: string): Verdict => (invalid ? 'invalid' : ok ? 'pass' : 'miss')
  if (r.oneStudent) {
    const g = summarize(r.oneStudent.grader)
    const s = summarize(r.oneStudent.script)
    const invalid = [badRuns(g, 0, 'the grader'), badRuns(s, 0, 'the script')].filter(Boolean).join('; ') || undefined
    const n = `median of ${g.runs}`
    const wallRatio = g.wallMs / Math.max(s.wallMs, 1)
    rows.push({
      what: `one student: wall s (${n})`,
      grader: sec(g.wallMs),
      script: sec(s.wallMs),
      target: `grader ≤ ${TARGETS.wallRatio} × script`,
      verdict: verdict(wallRatio <= TARGETS.wallRatio, invalid),
      note: invalid ?? `${wallRatio.toFixed(2)} ×`,
    })
    const cpuRatio = g.cpuSeconds / Math.max(s.cpuSeconds, 0.01)
    rows.push({
      what: `one student: CPU s, user+sys of the process tree (${n})`,
      grader: g.cpuSeconds.toFixed(2),
      script: s.cpuSeconds.toFixed(2),
      target: 'grader ≤ script',
      verdict: verdict(cpuRatio <= TARGETS.cpuRatio, invalid),
      note: invalid ?? `${cpuRatio.toFixed(2)} ×`,
    })
    rows.push({
      what: `one student: peak memory MiB, RSS of the process tree (${n})`,
      grader: String(g.peakMiB),
      script: String(s.peakMiB),
      target: `grader ≤ ${TARGETS.peakMiB} MiB`,
      verdict: verdict(g.peakMiB <= TARGETS.peakMiB, invalid),
      note: invalid ?? '',
    })
  }
  if (r.startup) {
    const startupRow = (what: string, samples: Sample[], limitSeconds: number, exitCode: number) => {
      const m = summarize(samples)
      const invalid = badRuns(m, exitCode, 'the grader')
      rows.push({
        what: `${what}: wall s (median of ${m.runs}); peak MiB`,
        grader: `${sec(m.wallMs)}; ${m.peakMiB} MiB`,
        script: '',
        target: `< ${limitSeconds} s`,
        verdict: verdict(m.wallMs < limitSeconds * 1000, invalid),
        note: invalid ?? `exit ${exitCode}`,
      })
    }
    startupRow('`--help`', r.startup.help, TARGETS.helpSeconds, 0)
    startupRow('`--version`', r.startup.version, TARGETS.versionSeconds, 0)
    startupRow('usage error (`--bogus`)', r.startup.usageError, TARGETS.usageErrorSeconds, TARGETS.usageErrorExitCode)
  }
  for (const run of r.classRuns.filter((c) => c.students === TARGETS.classSize)) {
    const perStudent = cpuPerStudent(run)
    const invalid = fullScore(run) ? undefined : `not every student got full points (exit ${run.exitCode})`
    rows.push({
      what: `class of ${run.students}, \`--parallel ${run.parallel}\`: grader CPU s per student`,
      grader: perStudent.toFixed(2),
      script: '',
      target: `≤ ${TARGETS.classCpuPerStudent}`,
      verdict: verdict(perStudent <= TARGETS.classCpuPerStudent, invalid),
      note: invalid ?? `${run.cpu.grader.toFixed(1)} CPU-s in ${sec(run.wallMs)} s`,
    })
  }
  return rows
}

/** The table of targets, then (when there are class runs) the class details. */
export function renderBenchMarkdown(r: BenchReport): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|')
  const lines = [
    `Grader: \`${r.grader}\`; script: \`bench/yardstick.sh\` (kubectl, jq, one ssh session).`,
    '',
    '| measurement | grader | yardstick script | target | result |',
    '|---|---|---|---|---|',
    ...evaluateTargets(r).map((t) => `| ${cell(t.what)} | ${cell(t.grader)} | ${cell(t.script || '-')} | ${cell(t.target)} | **${t.verdict}**${t.note ? ` (${cell(t.note)})` : ''} |`),
  ]
  if (r.classRuns.length > 0) lines.push('', renderClassRuns(r.classRuns).trimEnd())
  return lines.join('\n') + '\n'
}

export function renderClassRuns(runs: BenchRun[]): string {
  const s = (ms: number) => (ms / 1000).toFixed(1)
  const single = runs.find((r) => r.students === 1)?.wallMs
  const lines = [
    '| class run | wall s | × single | student wall s (median / max) | pod wait s (median) | overhead s (median / max) | API requests (max) | ONTAP sessions (max) | peak RSS MiB per student (max) | peak RSS MiB grader tree | grader CPU s per student | machine CPU s (grader share) | score |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ]
  for (const r of runs) {
    const ratio = single ? (r.wallMs / single).toFixed(1) : '-'
    lines.push(
      `| ${r.label} | ${s(r.wallMs)} | ${ratio} | ${s(r.median.wallMs)} / ${s(r.max.wallMs)} | ${s(r.median.podReplacementWaitMs)} | ${s(r.median.overheadMs)} / ${s(r.max.overheadMs)} | ${r.max.kubeRequests} | ${r.max.ontapSessions} | ${r.max.peakRssMiB} | ${r.peakTreeMiB} | **${cpuPerStudent(r).toFixed(2)}** | ${r.cpu.machine.toFixed(0)} (${Math.round((100 * r.cpu.grader) / Math.max(r.cpu.machine, 0.1))} %) | ${fullScore(r) ? 'all full' : `exit ${r.exitCode}`} |`,
    )
  }
  return lines.join('\n') + '\n'
}
