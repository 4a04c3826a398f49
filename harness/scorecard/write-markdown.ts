// scorecard.md: what a student or instructor reads first, in the run's language (harness/i18n/words-*.ts). Every
// text from the card goes through markdownText (safe-text.ts): student text adds no markup, link, image or table row.

import { formatBytes } from '../units/bytes.js'
import type { CheckStatus } from '../check.js'
import { wordsFor } from '../i18n/words.js'
import { evidenceCuts, EVIDENCE_ITEM_MAX_BYTES, EVIDENCE_PER_CHECK_MAX_BYTES } from './evidence-cap.js'
import { markdownText as md } from './safe-text.js'
import { labTotalOf, type Scorecard } from './scorecard.js'

const ICON: Record<CheckStatus, string> = { passed: '✅', failed: '❌', error: '⚠️', blocked: '⛔', skipped: '⏭️' }

export function renderMarkdown(card: Scorecard): string {
  const words = wordsFor(card.lang)
  const w = words.markdown
  const total = labTotalOf(card)
  const out = [`# ${w.title}: ${md(card.student)}`, '', `**${w.score({ total })}**`, '']
  if (total.notChecked) out.push(w.notChecked({ notChecked: total.notChecked }), '')
  if (!card.complete) out.push(`> ${w.partial}`, '')
  for (const e of card.runErrors) out.push(`> ⚠️ ${md(e)}`, '')
  out.push(`| ${w.objective} | ${w.status} | ${w.points} | ${w.result} |`, '|---|---|---|---|')
  for (const c of card.checks)
    out.push(`| ${md(c.title)} (\`${c.id}\`) | ${ICON[c.status]} ${words.status[c.status]} | ${c.awarded}/${c.points} | ${md(c.message)}${c.hint ? `<br>${w.hint}: ${md(c.hint)}` : ''} |`)
  const cuts = card.checks.flatMap((c) => {
    const cut = evidenceCuts(c.evidence)
    return cut
      ? [
          `> ${w.truncated({ id: c.id, shrunk: cut.shrunk, omitted: cut.omitted, itemCap: formatBytes(EVIDENCE_ITEM_MAX_BYTES, 'kib'), objectiveCap: formatBytes(EVIDENCE_PER_CHECK_MAX_BYTES, 'kib') })}`,
          '',
        ]
      : []
  })
  if (cuts.length > 0) out.push('', ...cuts)
  const d = card.detected
  const versions = [d.kubernetesVersion && `Kubernetes ${md(d.kubernetesVersion)}`, d.tridentVersion && `Trident ${md(d.tridentVersion)}`].filter(Boolean)
  if (versions.length > 0) out.push('', `${w.versions}: ${versions.join(', ')}`)
  out.push('', `${w.run} ${md(card.runId)} · ${md(card.startedAt)} → ${md(card.finishedAt ?? '…')} · ${md(card.grader.name)} ${md(card.grader.version)}`, '')
  return out.join('\n')
}
