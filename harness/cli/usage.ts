// The English --help with the registry's objectives, for code written before the help became a function of the
// objective ids (specs/tests/registry.test.ts). The CLI and new code call usageText(lang, objectiveIds)
// (usage-text.ts), which loads no objective; remove this module once nothing imports it.

import { OBJECTIVE_IDS } from '../rubric/objectives.js'
import { usageText } from './usage-text.js'

export const USAGE = usageText('en', OBJECTIVE_IDS)
