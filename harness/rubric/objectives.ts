// The eight Level 2 objectives, in lab order. Ids are stable: they name spec files, rubric keys and report rows.

export const OBJECTIVE_IDS = [
  'trident-installed',
  'backend-online',
  'storageclass-ssd',
  'storageclass-hdd',
  'pvc-bound',
  'app-uses-pvc',
  // The ONTAP volume is checked before data-persists deletes a pod: on a volume that is offline or gone, the
  // replacement pod could never mount it, and the grader would have taken the student's database down. A volume
  // that can be mounted but is on the wrong aggregate or too small fails ontap-volume and does not stop data-persists.
  'ontap-volume',
  'data-persists',
] as const

export type ObjectiveId = (typeof OBJECTIVE_IDS)[number]

export interface Prerequisites {
  /** Every one of these must have passed. */
  all: ObjectiveId[]
  /** At least one of these must have passed (empty: no such condition). */
  any: ObjectiveId[]
  /**
   * A safety condition, not a step: these must not have found the student's volume unmountable (ontap-volume:
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

const req = (all: ObjectiveId[] = [], any: ObjectiveId[] = [], mountable: ObjectiveId[] = []): Prerequisites => ({ all, any, mountable })

export const DEFAULT_OBJECTIVES: readonly ObjectiveDefinition[] = [
  { id: 'trident-installed', points: 15, requires: req(), disruptive: false },
  { id: 'backend-online', points: 10, requires: req(['trident-installed']), disruptive: false },
  { id: 'storageclass-ssd', points: 10, requires: req(), disruptive: false },
  { id: 'storageclass-hdd', points: 10, requires: req(), disruptive: false },
  // The PVC needs Trident to provision it and a Trident class to ask for.
  { id: 'pvc-bound', points: 15, requires: req(['trident-installed'], ['storageclass-ssd', 'storageclass-hdd']), disruptive: false },
  { id: 'app-uses-pvc', points: 10, requires: req(['pvc-bound']), disruptive: false },
  { id: 'ontap-volume', points: 10, requires: req(['pvc-bound']), disruptive: false },
  { id: 'data-persists', points: 20, requires: req(['app-uses-pvc'], [], ['ontap-volume']), disruptive: true },
]

export function isObjectiveId(value: string): value is ObjectiveId {
  return (OBJECTIVE_IDS as readonly string[]).includes(value)
}
