// What the registry must hold for the grader to work: unique ids that can name files and rubric keys, prerequisites
// that are objectives running earlier, points a total can add. A mistake stops the grader at load with one sentence
// (a developer's mistake, never a student's), and the registry test names it too.

import type { Objective } from './define-objective.js'

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/

export function checkRegistry(objectives: readonly Objective[]): void {
  const problems = registryProblems(objectives)
  if (problems.length > 0) throw new Error(`The objective registry (specs/registry.ts) is wrong: ${problems.join('; ')}.`)
}

export function registryProblems(objectives: readonly Objective[]): string[] {
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
