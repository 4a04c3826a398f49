// An LTI 1.3 Assignment and Grade Services Score (POST {lineitem}/scores, Content-Type
// application/vnd.ims.lis.v1.score+json). FullyGraded when the card is complete and free of grader errors;
// otherwise Failed, without a score, so no platform records a partial result as the grade.

import type { Scorecard } from '../scorecard/scorecard.js'
import { gradingFailed } from './counted-checks.js'
import { summarySentence } from './lms-words.js'

export const LTI_SCORE_CONTENT_TYPE = 'application/vnd.ims.lis.v1.score+json'

export interface LtiAgsScore {
  userId: string
  scoreGiven?: number
  scoreMaximum?: number
  comment: string
  timestamp: string
  activityProgress: 'Completed'
  gradingProgress: 'FullyGraded' | 'Failed'
  submission: { startedAt: string; submittedAt: string }
}

export function toLtiAgsScore(card: Scorecard, userId: string): LtiAgsScore {
  const failed = gradingFailed(card) || card.totals.possible <= 0
  // ISO 8601 with milliseconds: platforms drop an update older than the one they hold.
  const finished = new Date(card.finishedAt ?? Date.now()).toISOString()
  return {
    userId,
    ...(failed ? {} : { scoreGiven: card.totals.awarded, scoreMaximum: card.totals.possible }),
    comment: summarySentence(card),
    timestamp: finished,
    activityProgress: 'Completed',
    gradingProgress: failed ? 'Failed' : 'FullyGraded',
    submission: { startedAt: new Date(card.startedAt).toISOString(), submittedAt: finished },
  }
}
