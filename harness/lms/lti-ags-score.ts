// An LTI 1.3 Assignment and Grade Services Score (POST {lineitem}/scores, Content-Type
// application/vnd.ims.lis.v1.score+json). The score is out of the whole lab (its points under the rubric), never
// out of what one run happened to check. FullyGraded when the card is complete, free of grader errors and checked
// everything the lab counts; PendingManual, with the score so far, when the run left something out (--only, --skip,
// no ONTAP host, a pod delete not allowed), so the platform waits for an instructor; Failed, without a score, when
// the grader could not finish, so no platform records a partial result as the grade.

import { labTotalOf, type Scorecard } from '../scorecard/scorecard.js'
import { gradingFailed } from './counted-checks.js'
import { summarySentence } from './lms-words.js'

export interface LtiAgsScore {
  userId: string
  scoreGiven?: number
  scoreMaximum?: number
  comment: string
  timestamp: string
  activityProgress: 'Completed'
  gradingProgress: 'FullyGraded' | 'PendingManual' | 'Failed'
  submission: { startedAt: string; submittedAt: string }
}

export function toLtiAgsScore(card: Scorecard, userId: string): LtiAgsScore {
  const total = labTotalOf(card)
  const failed = gradingFailed(card) || card.totals.possible <= 0 || total.labPoints <= 0
  // ISO 8601 with milliseconds: platforms drop an update older than the one they hold.
  const finished = new Date(card.finishedAt ?? Date.now()).toISOString()
  return {
    userId,
    ...(failed ? {} : { scoreGiven: total.awarded, scoreMaximum: total.labPoints }),
    comment: summarySentence(card),
    timestamp: finished,
    activityProgress: 'Completed',
    gradingProgress: failed ? 'Failed' : total.notChecked ? 'PendingManual' : 'FullyGraded',
    submission: { startedAt: new Date(card.startedAt).toISOString(), submittedAt: finished },
  }
}
