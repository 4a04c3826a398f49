// The plain-text sentences LMS outputs show the student (Gradescope output, the LTI comment), in the card's language.

import type { Lang } from '../i18n/messages.js'
import type { Scorecard } from '../scorecard/scorecard.js'
import { gradingFailed } from './counted-checks.js'

const WORDS = {
  en: {
    score: (a: number, p: number) => `Level 2: ${a} / ${p} points.`,
    counts: (t: Scorecard['totals']) => `${t.passed} passed, ${t.failed} failed, ${t.blocked} blocked, ${t.error} grader errors, ${t.skipped} skipped.`,
    notFinal: 'The grader could not grade everything; this score is not final (grader errors cost no points).',
    toFix: 'To fix:',
    graderError: 'Grader error (no points lost):',
  },
  ja: {
    score: (a: number, p: number) => `Level 2: ${a} / ${p} 点。`,
    counts: (t: Scorecard['totals']) => `合格 ${t.passed}、不合格 ${t.failed}、未実施（前提未達）${t.blocked}、採点エラー ${t.error}、対象外 ${t.skipped}。`,
    notFinal: '採点を最後まで行えなかったため、この点数は確定ではありません（採点側のエラーで減点はしません）。',
    toFix: '要修正:',
    graderError: '採点エラー（減点なし）:',
  },
} satisfies Record<Lang, unknown>

export function lmsWords(lang: Lang) {
  return WORDS[lang]
}

/** One short paragraph: score, counts, what to fix, and whether the score is final. */
export function summarySentence(card: Scorecard): string {
  const w = WORDS[card.lang]
  const parts = [w.score(card.totals.awarded, card.totals.possible), w.counts(card.totals)]
  const toFix = card.checks.filter((c) => c.status === 'failed' || c.status === 'blocked').map((c) => c.title)
  const ja = card.lang === 'ja'
  if (toFix.length > 0) parts.push(ja ? `${w.toFix} ${toFix.join('、')}。` : `${w.toFix} ${toFix.join('; ')}.`)
  if (gradingFailed(card)) parts.push(w.notFinal)
  // Japanese sentences follow each other without a space.
  return parts.join(ja ? '' : ' ')
}
