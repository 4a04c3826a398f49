// Which checks count towards the points possible: the same rule as the scorecard's totals (a skipped check,
// a grader error and anything a grader error blocked do not count). LMS formats need it per check.

import type { ObjectiveId } from '../objective/ids.js'
import type { Scorecard } from '../scorecard/scorecard.js'

export function countedChecks(card: Scorecard): Set<ObjectiveId> {
  const notGraded = new Set(card.checks.filter((c) => c.status === 'error' || c.status === 'skipped').map((c) => c.id))
  for (const c of card.checks) {
    if (c.status === 'blocked' && c.blockedBy?.some((id) => notGraded.has(id))) notGraded.add(c.id)
  }
  return new Set(card.checks.filter((c) => !notGraded.has(c.id)).map((c) => c.id))
}

/** The grader could not grade everything: the LMS must not take this card as a final grade. */
export function gradingFailed(card: Scorecard): boolean {
  return !card.complete || card.runErrors.length > 0 || card.totals.error > 0
}
