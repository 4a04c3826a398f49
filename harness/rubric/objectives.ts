// The lab's objectives as the harness sees them, derived from the registry (specs/registry.ts): their ids, in
// lab order, and the default points, prerequisites and disruptiveness. Ids are stable: they name spec modules,
// rubric keys and report rows.

import { OBJECTIVES } from '../../specs/registry.js'
import { renderMessage, type RenderedMessage } from '../i18n/catalogue.js'
import type { Objective } from '../../specs/support/define-objective.js'

export { OBJECTIVES }

export type ObjectiveId = (typeof OBJECTIVES)[number]['id']

export const OBJECTIVE_IDS: readonly ObjectiveId[] = OBJECTIVES.map((o) => o.id)

export interface Prerequisites {
  /** Every one of these must have passed. */
  all: ObjectiveId[]
  /** At least one of these must have passed (empty: no such condition). */
  any: ObjectiveId[]
  /**
   * A safety condition, not a step: these must not have found the student's volume unmountable or not the claim's (ontap-volume:
   * missing, offline, restricted, not mounted), nor erred (then nobody knows). Failing for another reason (wrong
   * aggregate, too small), being skipped or not graded is fine. Rubric key `requiresMountable`.
   */
  mountable: ObjectiveId[]
}

export interface ObjectiveDefinition {
  id: ObjectiveId
  points: number
  requires: Prerequisites
  /** Whether the check changes the student's cluster (deletes a pod). */
  disruptive: boolean
}

export function isObjectiveId(value: string): value is ObjectiveId {
  return (OBJECTIVE_IDS as readonly string[]).includes(value)
}

// The registry checked every prerequisite against the ids at load (specs/support/check-registry.ts).
const ids = (list: readonly string[]) => list.filter(isObjectiveId)

export const DEFAULT_OBJECTIVES: readonly ObjectiveDefinition[] = OBJECTIVES.map((o) => ({
  id: o.id,
  points: o.points,
  requires: { all: ids(o.requires.all), any: ids(o.requires.any), mountable: ids(o.requires.mountable) },
  disruptive: o.disruptive,
}))

/** An objective's module, by id. */
export function objectiveById(id: ObjectiveId): (typeof OBJECTIVES)[number] {
  return OBJECTIVES.find((o) => o.id === id)!
}

/** One of an objective's messages, in both languages (sample cards and tests name messages by objective and key). */
export function renderObjectiveMessage(id: ObjectiveId, key: string, params?: object): RenderedMessage {
  const objective: Objective = objectiveById(id)
  return renderMessage(objective.messages, key, params)
}
