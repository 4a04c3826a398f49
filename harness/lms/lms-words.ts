// The plain-text paragraph LMS outputs show the student (Gradescope's output, the LTI comment), in the card's
// language; the words are in harness/i18n/words-*.ts (wordsFor(lang).lms).

import { wordsFor } from '../i18n/words.js'
import { labTotalOf, type Scorecard } from '../scorecard/scorecard.js'
import { gradingFailed } from './counted-checks.js'

/** One short paragraph: the score out of the whole lab (and what was not checked), counts, what to fix, and whether the score is final. */
export function summarySentence(card: Scorecard): string {
  const w = wordsFor(card.lang).lms
  const parts = [w.score({ total: labTotalOf(card) }), w.counts(card.totals)]
  const toFix = card.checks.filter((c) => c.status === 'failed' || c.status === 'blocked').map((c) => c.title)
  if (toFix.length > 0) parts.push(w.toFix({ titles: toFix }))
  if (gradingFailed(card)) parts.push(w.notFinal)
  return parts.join(w.sentenceGap)
}
