// The lab "Level 2: stateful containers", graded: one suite per student of the run, each running the registry's
// objectives in lab order (specs/support/objective.ts). The harness runs this file only.

import { OBJECTIVES } from './registry.js'
import { gradeLab } from './support/objective.js'

gradeLab(OBJECTIVES)
