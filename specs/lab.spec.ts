// The lab "Level 2: stateful containers", graded: one suite per student of the run, each running the registry's
// objectives in lab order (harness/objective/lab-suite.ts). The harness runs this file only.

import { gradeLab } from '../harness/objective/lab-suite.js'
import { OBJECTIVES } from './registry.js'

gradeLab(OBJECTIVES)
