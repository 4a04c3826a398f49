// A small lab for the engine's own tests: objectives declared here (not the lab's), so that tests of the engine do
// not change when the lab does. Its chain mirrors the shape engine features need: a step, a choice of two, a check
// of the SVM, and a disruptive check that needs the SVM's volume mountable.

import { defineLab, type LabDefinition } from '../objective/lab-definition.js'
import { defineObjective, type Objective } from '../objective/objective.js'

const objective = (id: string, extra: Partial<Parameters<typeof defineObjective>[0]> = {}): Objective =>
  defineObjective({ id, title: { en: `Title of ${id}`, ja: `${id} の題` }, points: 10, access: [], messages: { en: {}, ja: {} }, check: async () => undefined, ...extra })

/** first → (left | right) → middle → volume (ONTAP) → disrupt (deletes a pod; needs volume mountable). */
export const FAKE_LAB: LabDefinition = defineLab({
  objectives: [
    objective('first'),
    objective('left'),
    objective('right'),
    objective('middle', { requires: { all: ['first'], any: ['left', 'right'] } }),
    objective('volume', { requires: { all: ['middle'] }, ontap: true }),
    objective('disrupt', { requires: { all: ['middle'], mountable: ['volume'] }, disruptive: true }),
  ],
  specFile: '/nonexistent/fake-lab.spec.ts',
  root: '/nonexistent',
})
