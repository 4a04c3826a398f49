// Which objectives a run grades: --only (plus what those need first), minus --skip.

import { OBJECTIVE_IDS, type ObjectiveId } from './objectives.js'
import type { Rubric } from './rubric.js'
import { skipReason } from '../i18n/messages.js'

export interface Reason {
  en: string
  ja: string
}

export interface Selection {
  selected: ObjectiveId[]
  leftOut: Array<{ id: ObjectiveId; why: Reason }>
  /** Prerequisites added because --only needs them. */
  added: ObjectiveId[]
}

export function selectObjectives(rubric: Rubric, only?: ObjectiveId[], skip?: ObjectiveId[]): Selection {
  const wanted = new Set<ObjectiveId>(only ?? OBJECTIVE_IDS)
  const added: ObjectiveId[] = []
  if (only) {
    // Walk prerequisites backwards so a chain (data-persists -> app-uses-pvc -> pvc-bound ...) is complete.
    for (const id of [...OBJECTIVE_IDS].reverse()) {
      if (!wanted.has(id)) continue
      const def = rubric.objectives.find((o) => o.id === id)!
      // mountable is a safety condition, not a step: --only data-persists does not pull in ontap-volume.
      for (const dep of [...def.requires.all, ...def.requires.any]) {
        if (!wanted.has(dep) && !skip?.includes(dep)) {
          wanted.add(dep)
          added.push(dep)
        }
      }
    }
  }
  const selected: ObjectiveId[] = []
  const leftOut: Selection['leftOut'] = []
  for (const id of OBJECTIVE_IDS) {
    if (skip?.includes(id)) leftOut.push({ id, why: skipReason('skip-flag') })
    else if (!wanted.has(id)) leftOut.push({ id, why: skipReason('only-flag') })
    else selected.push(id)
  }
  return { selected, leftOut, added }
}
