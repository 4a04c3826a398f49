// The sentence each objective stands for, as the student reads it in reports (declared by each objective module).

import { OBJECTIVES, type ObjectiveId } from '../rubric/objectives.js'
import type { RenderedText } from './catalogue.js'

export const TITLES = Object.fromEntries(OBJECTIVES.map((o) => [o.id, o.title])) as Record<ObjectiveId, RenderedText>
