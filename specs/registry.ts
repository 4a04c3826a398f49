// The lab's objectives, in lab order: one line each. The engine derives everything from this list (the default
// rubric, --only/--skip checks, titles, report rows, the RBAC coverage tests); harness/stateful-lab.ts hands it to
// the engine. Adding an objective: CONTRIBUTING.md, "Adding an objective".
//
// Order matters: objectives run in this order for each student and a prerequisite must come earlier. The ONTAP
// volume is checked before data-persists deletes a pod: on a volume that is offline or gone the replacement pod could
// never mount it, and the grader would have taken the student's database down.

import appUsesPvc from './app-uses-pvc.spec.js'
import backendOnline from './backend-online.spec.js'
import dataPersists from './data-persists.spec.js'
import ontapVolume from './ontap-volume.spec.js'
import pvcBound from './pvc-bound.spec.js'
import storageclassHdd from './storageclass-hdd.spec.js'
import storageclassSsd from './storageclass-ssd.spec.js'
import tridentInstalled from './trident-installed.spec.js'

export const OBJECTIVES = [tridentInstalled, backendOnline, storageclassSsd, storageclassHdd, pvcBound, appUsesPvc, ontapVolume, dataPersists] as const

/** The lab's objective ids, typed where the content is written. */
export type LabObjectiveId = (typeof OBJECTIVES)[number]['id']
