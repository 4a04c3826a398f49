// Which objectives a run grades: --only (plus what those need first), minus --skip, minus what the run cannot or
// may not do (no ONTAP host: objectives that ask the SVM are left out, said on the card).

import type { ObjectiveId } from '../objective/ids.js'
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

export function selectObjectives(rubric: Rubric, choice: { only?: readonly ObjectiveId[]; skip?: readonly ObjectiveId[]; ontap?: boolean }): Selection {
  const { only, skip } = choice
  const ids = rubric.objectives.map((o) => o.id)
  const wanted = new Set<ObjectiveId>(only ?? ids)
  const added: ObjectiveId[] = []
  if (only) {
    // Walk prerequisites backwards so a chain (data-persists -> app-uses-pvc -> pvc-bound ...) is complete.
    for (const def of [...rubric.objectives].reverse()) {
      if (!wanted.has(def.id)) continue
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
  for (const { id, ontap } of rubric.objectives) {
    if (skip?.includes(id)) leftOut.push({ id, why: skipReason('skip-flag') })
    else if (!wanted.has(id)) leftOut.push({ id, why: skipReason('only-flag') })
    // Without an SVM address the ONTAP side cannot be asked: say so on the card rather than guess.
    else if (ontap && choice.ontap === false) leftOut.push({ id, why: skipReason('no-ontap') })
    else selected.push(id)
  }
  return { selected, leftOut, added }
}
