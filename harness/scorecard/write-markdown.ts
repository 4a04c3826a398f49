// scorecard.md: what a student or instructor reads first, in the run's language. Every text from the card goes
// through markdownText (safe-text.ts): student text adds no markup, link, image or table row.

import type { CheckStatus } from '../check.js'
import { evidenceCuts, EVIDENCE_ITEM_MAX_BYTES, EVIDENCE_PER_CHECK_MAX_BYTES } from './evidence-cap.js'
import { markdownText as md } from './safe-text.js'
import type { Scorecard } from './scorecard.js'

const ICON: Record<CheckStatus, string> = { passed: '✅', failed: '❌', error: '⚠️', blocked: '⛔', skipped: '⏭️' }
const WORDS = {
  en: {
    title: 'Level 2 scorecard',
    score: 'Score',
    objective: 'Objective',
    status: 'Status',
    points: 'Points',
    result: 'Result',
    hint: 'Hint',
    partial: 'This run did not finish; the card is partial.',
    versions: 'Detected',
    evidence: 'Evidence',
    truncated: (id: string, shrunk: number, omitted: number) =>
      `Evidence of \`${id}\` was truncated: ${[shrunk ? `${shrunk} item(s) cut to ${EVIDENCE_ITEM_MAX_BYTES / 1024} KiB` : '', omitted ? `${omitted} more item(s) left out (${EVIDENCE_PER_CHECK_MAX_BYTES / 1024} KiB per objective)` : ''].filter(Boolean).join(', ')}.`,
  },
  ja: {
    title: 'Level 2 採点結果',
    score: '得点',
    objective: '課題',
    status: '状態',
    points: '点数',
    result: '結果',
    hint: 'ヒント',
    partial: 'この採点は最後まで終わっていません（途中結果）。',
    versions: '検出したバージョン',
    evidence: '根拠',
    truncated: (id: string, shrunk: number, omitted: number) =>
      `\`${id}\` の根拠は一部省略しました: ${[shrunk ? `${shrunk} 件を ${EVIDENCE_ITEM_MAX_BYTES / 1024} KiB に切り詰め` : '', omitted ? `残り ${omitted} 件は省略（1 課題あたり ${EVIDENCE_PER_CHECK_MAX_BYTES / 1024} KiB まで）` : ''].filter(Boolean).join('、')}。`,
  },
}

export function renderMarkdown(card: Scorecard): string {
  const w = WORDS[card.lang]
  const out = [`# ${w.title}: ${md(card.student)}`, '', `**${w.score}: ${card.totals.awarded} / ${card.totals.possible}**`, '']
  if (!card.complete) out.push(`> ${w.partial}`, '')
  for (const e of card.runErrors) out.push(`> ⚠️ ${md(e)}`, '')
  out.push(`| ${w.objective} | ${w.status} | ${w.points} | ${w.result} |`, '|---|---|---|---|')
  for (const c of card.checks) out.push(`| ${md(c.title)} (\`${c.id}\`) | ${ICON[c.status]} ${c.status} | ${c.awarded}/${c.points} | ${md(c.message)}${c.hint ? `<br>${w.hint}: ${md(c.hint)}` : ''} |`)
  const cuts = card.checks.flatMap((c) => {
    const cut = evidenceCuts(c.evidence)
    return cut ? [`> ${w.truncated(c.id, cut.shrunk, cut.omitted)}`, ''] : []
  })
  if (cuts.length > 0) out.push('', ...cuts)
  const d = card.detected
  const versions = [d.kubernetesVersion && `Kubernetes ${md(d.kubernetesVersion)}`, d.tridentVersion && `Trident ${md(d.tridentVersion)}`].filter(Boolean)
  if (versions.length > 0) out.push('', `${w.versions}: ${versions.join(', ')}`)
  out.push('', `run ${md(card.runId)} · ${md(card.startedAt)} → ${md(card.finishedAt ?? '…')} · ${md(card.grader.name)} ${md(card.grader.version)}`, '')
  return out.join('\n')
}
