// scorecard.md: what a student or instructor reads first, in the run's language.

import type { CheckStatus } from '../check.js'
import type { Scorecard } from './scorecard.js'

const ICON: Record<CheckStatus, string> = { passed: '✅', failed: '❌', error: '⚠️', blocked: '⛔', skipped: '⏭️' }
const WORDS = {
  en: { title: 'Level 2 scorecard', score: 'Score', objective: 'Objective', status: 'Status', points: 'Points', result: 'Result', hint: 'Hint', partial: 'This run did not finish; the card is partial.', versions: 'Detected', evidence: 'Evidence' },
  ja: { title: 'Level 2 採点結果', score: '得点', objective: '課題', status: '状態', points: '点数', result: '結果', hint: 'ヒント', partial: 'この採点は最後まで終わっていません（途中結果）。', versions: '検出したバージョン', evidence: '根拠' },
}

export function renderMarkdown(card: Scorecard): string {
  const w = WORDS[card.lang]
  const out = [`# ${w.title}: ${card.student}`, '', `**${w.score}: ${card.totals.awarded} / ${card.totals.possible}**`, '']
  if (!card.complete) out.push(`> ${w.partial}`, '')
  for (const e of card.runErrors) out.push(`> ⚠️ ${e}`, '')
  out.push(`| ${w.objective} | ${w.status} | ${w.points} | ${w.result} |`, '|---|---|---|---|')
  for (const c of card.checks) out.push(`| ${c.title} (\`${c.id}\`) | ${ICON[c.status]} ${c.status} | ${c.awarded}/${c.points} | ${cell(c.message)}${c.hint ? `<br>${w.hint}: ${cell(c.hint)}` : ''} |`)
  const d = card.detected
  const versions = [d.kubernetesVersion && `Kubernetes ${d.kubernetesVersion}`, d.tridentVersion && `Trident ${d.tridentVersion}`].filter(Boolean)
  if (versions.length > 0) out.push('', `${w.versions}: ${versions.join(', ')}`)
  out.push('', `run ${card.runId} · ${card.startedAt} → ${card.finishedAt ?? '…'} · ${card.grader.name} ${card.grader.version}`, '')
  return out.join('\n')
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, '<br>')
}
