// The lab's objectives, in lab order: one line each. Everything else is derived from this list: the objective ids
// and their type, the default rubric, usage text and --only/--skip checks, titles, the scorecard schema's id list,
// sample cards and the RBAC coverage tests. Adding an objective: README, "How to add an objective".
//
// Order matters: objectives run in this order for each student and a prerequisite must come earlier. The ONTAP
// volume is checked before data-persists deletes a pod: on a volume that is offline or gone the replacement pod could
// never mount it, and the grader would have taken the student's database down.

import { checkRegistry } from './support/check-registry.js'

export const OBJECTIVES = [
  (await import('./trident-installed.spec.js')).default,
  (await import('./backend-online.spec.js')).default,
  (await import('./storageclass-ssd.spec.js')).default,
  (await import('./storageclass-hdd.spec.js')).default,
  (await import('./pvc-bound.spec.js')).default,
  (await import('./app-uses-pvc.spec.js')).default,
  (await import('./ontap-volume.spec.js')).default,
  (await import('./data-persists.spec.js')).default,
] as const

checkRegistry(OBJECTIVES)
