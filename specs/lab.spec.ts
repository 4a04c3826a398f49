// The lab "Level 2: stateful containers", graded: every objective module in lab order, then one suite per student
// of the run (specs/support/objective.ts). The harness runs this file only; each objective lives in its own module.

import { OBJECTIVE_IDS } from '../harness/rubric/objectives.js'
import { gradeLab } from './support/objective.js'
import './trident-installed.spec.js'
import './backend-online.spec.js'
import './storageclass-ssd.spec.js'
import './storageclass-hdd.spec.js'
import './pvc-bound.spec.js'
import './app-uses-pvc.spec.js'
import './ontap-volume.spec.js'
import './data-persists.spec.js'

gradeLab(OBJECTIVE_IDS)
