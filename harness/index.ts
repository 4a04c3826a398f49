// The grader as a library: grade one student, or a class side by side in one process, and get the scorecards.
// Nothing here touches process-wide state: no signal handlers, no exit code, no environment (secrets and the
// kubeconfig's path are arguments), no files unless `outDir` asks for them. The CLI (cli.ts), the roster runner and
// the in-cluster Job are callers of this; so are the project's tests.
//
//   import { grade } from 'trident-lab-grader'
//   const card = await grade({ student: 'alice', kube: { kubeconfigPath: 'alice.kubeconfig' } }, { signal })

import { gradeStudents, type ClassMember, type Prepared } from './grade.js'
import type { GradeTarget, StudentSecrets } from './lab-target.js'
import { labRubric as rubricOf, objectiveIds, type LabDefinition } from './objective/lab-definition.js'
import { loadRubric as loadRubricFile, type Rubric } from './rubric/rubric.js'
import type { Scorecard } from './scorecard/scorecard.js'
import { STATEFUL_LAB } from './stateful-lab.js'
import type { ProgressEvent } from './vitest/scorecard-reporter.js'

export type { Scorecard, ScorecardCheck } from './scorecard/scorecard.js'
export type { ProgressEvent } from './vitest/scorecard-reporter.js'
export type { GradeTarget, StudentSecrets, OntapTarget } from './lab-target.js'
export type { KubeTarget } from './kube/kube-config.js'
export type { Rubric } from './rubric/rubric.js'
export type { ObjectiveId } from './objective/objective.js'
export type { LabDefinition } from './objective/lab-definition.js'
export type { ClassMember, Prepared } from './grade.js'
export { exitCodeOf } from './scorecard/scorecard.js'

/** The lab this package grades ("Level 2: stateful containers"). */
export const LAB: LabDefinition = STATEFUL_LAB
/** Its objective ids, in lab order. */
export const OBJECTIVE_IDS: readonly string[] = objectiveIds(STATEFUL_LAB)

/** The lab's default rubric. */
export function labRubric(lab: LabDefinition = LAB): Rubric {
  return rubricOf(lab)
}

/** A rubric file (YAML) over the lab's default; undefined: the default. */
export function loadRubric(file: string | undefined, lab: LabDefinition = LAB): Promise<Rubric> {
  return loadRubricFile(file, rubricOf(lab))
}

export interface GradeOptions {
  /** The student's ONTAP secrets. */
  secrets?: StudentSecrets
  /** Cancels the run: checks stop waiting and clean up, and the card says so. */
  signal?: AbortSignal
  onProgress?: (event: ProgressEvent) => void
  /** Default: this package's lab. */
  lab?: LabDefinition
  /** Default: the lab's own rubric. */
  rubric?: Rubric
  /** Asked before anything runs when the run would delete the student's pod; false leaves that check out (a self-check). */
  confirmDisruption?: () => Promise<boolean>
  /** What the preparation found (objectives added for --only, or why nothing could be graded). */
  onPrepared?: (prepared: Prepared) => void
}

export interface GradeClassOptions {
  signal?: AbortSignal
  onProgress?: (event: ProgressEvent) => void
  lab?: LabDefinition
  rubric?: Rubric
  /** How many students are graded at once (default 8). */
  parallel?: number
  /** Rewrite each card's files after every objective (default true); false: once, when the card is done. */
  liveCards?: boolean
  /** Students whose preflight settled wait this long for the others, then are graded without them (default: all settle). */
  preflightWaitMs?: number
  onPrepared?: (prepared: Prepared, index: number) => void
  /** Called with each student's card as soon as it is final. */
  onStudentDone?: (card: Scorecard, index: number) => void | Promise<void>
}

/** Grades one student. */
export async function grade(target: GradeTarget, options: GradeOptions = {}): Promise<Scorecard> {
  const { secrets, onPrepared, ...rest } = options
  const [card] = await gradeClass([{ target, secrets }], { ...rest, parallel: 1, onPrepared: onPrepared && ((prepared) => onPrepared(prepared)) })
  return card
}

/**
 * Grades a class in this process: each student is asked first (one request: can their cluster be reached?), then
 * all are graded in one run of the objective specs, `parallel` at a time, each with only their own secrets and
 * their own time budget. A student whose cluster hangs or breaks costs only their own card.
 */
export async function gradeClass(students: readonly ClassMember[], options: GradeClassOptions & Pick<GradeOptions, 'confirmDisruption'> = {}): Promise<Scorecard[]> {
  const lab = options.lab ?? LAB
  return gradeStudents(students, { ...options, lab, rubric: options.rubric ?? rubricOf(lab) })
}
