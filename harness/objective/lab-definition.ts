// A lab as the engine grades it: its objectives in lab order and the vitest spec file that declares them as tests
// (gradeLab). The engine takes a lab as data; this package's own lab is handed to it in one place
// (harness/stateful-lab.ts). defineLab() checks what the grader needs of the list: unique ids that can name files
// and rubric keys, prerequisites that are objectives running earlier, points a total can add. A mistake stops the
// grader at load with one sentence (a developer's mistake, never a student's).

import { DEFAULT_PARAMETERS, type Rubric } from '../rubric/rubric.js'
import type { ObjectiveId } from './ids.js'
import type { Objective } from './objective.js'

export interface LabDefinition {
  /** The lab's objectives, in lab order: each runs after those it requires. */
  objectives: readonly Objective[]
  /** The spec file a grading run hands to vitest: it calls gradeLab() with the same objectives (absolute path). */
  specFile: string
  /** The folder vitest resolves the spec's imports from (absolute path; the package's root). */
  root: string
}

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/

export function defineLab(lab: LabDefinition): LabDefinition {
  const problems = labProblems(lab.objectives)
  if (problems.length > 0) throw new Error(`The lab's objective registry is wrong: ${problems.join('; ')}.`)
  return lab
}

/** The objective ids of a lab, in lab order. */
export function objectiveIds(lab: LabDefinition): ObjectiveId[] {
  return lab.objectives.map((o) => o.id)
}

export function labProblems(objectives: readonly Objective[]): string[] {
  const problems: string[] = []
  const seen: string[] = []
  for (const objective of objectives) {
    const { id } = objective
    if (!ID.test(id)) problems.push(`"${id}" is not a lower-case, dash-separated id`)
    if (seen.includes(id)) problems.push(`${id} is listed twice`)
    if (!(objective.points >= 0 && objective.points <= 1000)) problems.push(`${id} has ${objective.points} points (0 to 1000)`)
    if (!objective.title.en || !objective.title.ja) problems.push(`${id} needs a title in English and Japanese`)
    const { all, any, mountable } = objective.requires
    for (const dep of [...all, ...any, ...mountable]) {
      if (!seen.includes(dep)) {
        const later = objectives.some((o) => o.id === dep)
        problems.push(later ? `${id} requires ${dep}, which comes after it` : `${id} requires ${dep}, which is not an objective`)
      }
    }
    seen.push(id)
  }
  return problems
}

/** A lab's own rubric: its objectives' points, prerequisites and flags, and the lab text's parameters. */
export function labRubric(lab: LabDefinition): Rubric {
  return {
    name: 'level2-default',
    objectives: lab.objectives.map((o) => ({
      id: o.id,
      title: { en: o.title.en, ja: o.title.ja },
      points: o.points,
      requires: { all: [...o.requires.all], any: [...o.requires.any], mountable: [...o.requires.mountable] },
      disruptive: o.disruptive,
      ontap: o.ontap,
      enabled: true,
    })),
    parameters: { ...DEFAULT_PARAMETERS, ssdAggregates: [...DEFAULT_PARAMETERS.ssdAggregates], hddAggregates: [...DEFAULT_PARAMETERS.hddAggregates] },
  }
}
