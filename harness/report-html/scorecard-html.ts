// scorecard.html: what a student opens. The total, a bar with one segment per objective, each objective with
// its status, message and hint in the card's language, evidence folded away for instructors, and the facts of
// the run. Every value is escaped: evidence and names come from the student's cluster.

import { formatBytes } from '../units/bytes.js'
import type { Evidence } from '../check.js'
import { labTotalOf, type Scorecard, type ScorecardCheck } from '../scorecard/scorecard.js'
import { render } from '../i18n/messages.js'
import { wordsFor } from '../i18n/words.js'
import { esc } from './html-escape.js'
import { htmlPage } from './html-page.js'
import { STATUS_MARK } from './html-words.js'

/** Evidence of one check beyond this many characters is cut (a report stays small enough to mail). */
const MAX_EVIDENCE_CHARS = 20_000
/** A plain "Passed." says nothing the badge does not: it is left out. */
const PASSED = render('check.passed').message

export function renderScorecardHtml(card: Scorecard): string {
  const words = wordsFor(card.lang)
  const w = words.html
  const t = card.totals
  const total = labTotalOf(card)
  const body = [
    `<header><h1>${esc(w.scorecard)}: ${esc(card.student)} ${card.mode === 'self-check' ? `<span class="badge mode">${esc(w.selfCheck)}</span>` : ''}</h1>`,
    `<p class="sub">${esc(card.rubric)} · ${esc(formatTime(card.startedAt))}</p></header>`,
    `<section class="score" aria-label="${esc(w.score)}">`,
    `<div class="big" data-testid="total">${total.awarded}<small> / ${total.labPoints} ${esc(w.points)}</small></div>`,
    `<div class="counts">${(['passed', 'failed', 'blocked', 'error', 'skipped'] as const)
      .filter((s) => t[s] > 0)
      .map((s) => `<span class="badge ${s}">${STATUS_MARK[s]} ${esc(words.status[s])} ${t[s]}</span>`)
      .join(' ')}</div>`,
    total.notChecked ? `<p class="sub not-checked" data-testid="not-checked">${esc(w.notChecked({ notChecked: total.notChecked }))}</p>` : '',
    segmentBar(card),
    `</section>`,
    notices(card),
    `<h2>${esc(w.objectives)}</h2>`,
    ...card.checks.map((c) => checkSection(card, c)),
    aboutSection(card),
    `<footer>${esc(card.grader.name)} ${esc(card.grader.version)} · schema ${esc(card.schema)} v${card.schemaVersion}</footer>`,
  ].join('\n')
  return htmlPage({ lang: card.lang, title: `${w.scorecard}: ${card.student} (${total.awarded}/${total.labPoints})`, body })
}

function segmentBar(card: Scorecard): string {
  const total = card.checks.reduce((sum, c) => sum + Math.max(c.points, 1), 0) || 1
  const spans = card.checks.map((c) => {
    const width = ((Math.max(c.points, 1) / total) * 100).toFixed(2)
    return `<span class="${c.status}" style="width:${width}%" title="${esc(`${c.id}: ${c.status} ${c.awarded}/${c.points}`)}"></span>`
  })
  return `<div class="bar" role="img" aria-label="${esc(card.checks.map((c) => `${c.id} ${c.status}`).join(', '))}">${spans.join('')}</div>`
}

function notices(card: Scorecard): string {
  const w = wordsFor(card.lang).html
  if (card.complete && card.runErrors.length === 0 && card.totals.error === 0) return ''
  const headline = !card.complete ? w.partial : w.notFinal
  const lines = [`<p><strong>${esc(headline)}</strong></p>`, ...card.runErrors.map((e) => `<p>${esc(e)}</p>`)]
  return `<section class="notice" role="alert" aria-label="${esc(w.runErrors)}">${lines.join('')}</section>`
}

function checkSection(card: Scorecard, c: ScorecardCheck): string {
  const words = wordsFor(card.lang)
  const w = words.html
  const parts = [
    `<article class="check ${c.status}" id="${esc(c.id)}" data-status="${c.status}">`,
    `<header><span class="badge ${c.status}">${STATUS_MARK[c.status]} ${esc(words.status[c.status])}</span>`,
    `<h3>${esc(c.title)}</h3><span class="pts">${c.awarded} / ${c.points}</span></header>`,
    `<div class="id">${esc(c.id)}</div>`,
  ]
  if (c.status !== 'passed' || c.message !== PASSED[card.lang]) parts.push(`<p class="message">${esc(c.message)}</p>`)
  if (c.blockedBy?.length) parts.push(`<p class="sub">${esc(w.blockedBy)}: ${c.blockedBy.map((id) => `<a href="#${esc(id)}">${esc(id)}</a>`).join(', ')}</p>`)
  if (c.hint && c.status !== 'passed') parts.push(`<div class="hint"><strong>${esc(w.hint)}:</strong> ${esc(c.hint)}</div>`)
  if (c.actions?.length) parts.push(`<p class="sub">${esc(w.actions)}: ${c.actions.map(esc).join('; ')}</p>`)
  if (c.evidence.length > 0) {
    const cut = (e: Evidence) => (e.truncated ? ` ${esc(w.evidenceCut({ size: formatBytes(e.truncated.bytes, 'kib'), cap: formatBytes(e.truncated.limitBytes, 'kib') }))}` : '')
    const items = c.evidence.map((e) => `<div class="ev-label">${esc(e.label)}${cut(e)}</div><pre>${esc(evidenceText(e.data, card))}</pre>`)
    parts.push(`<details><summary>${esc(w.evidence)}${c.errorCode ? ` · ${esc(c.errorCode)}` : ''}</summary>${items.join('')}</details>`)
  }
  parts.push('</article>')
  return parts.join('\n')
}

function aboutSection(card: Scorecard): string {
  const w = wordsFor(card.lang).html
  const d = card.detected
  const version = (v?: string) => (v ? esc(v) : `<span class="sub">${esc(w.notDetected)}</span>`)
  const rows: Array<[string, string]> = [
    [w.kubernetes, version(d.kubernetesVersion)],
    [w.trident, version(d.tridentVersion)],
  ]
  if (d.ontapVersion || card.target.ontap) rows.push([w.ontap, version(d.ontapVersion)])
  const facts: Array<[string, string]> = []
  if (card.target.kubeContext) facts.push([w.context, esc(card.target.kubeContext)])
  if (card.target.kubeServer) facts.push([w.server, esc(card.target.kubeServer)])
  if (card.target.ontap) facts.push([w.svm, esc(`${card.target.ontap.svm} (${card.target.ontap.api} ${card.target.ontap.user}@${card.target.ontap.host})`)])
  facts.push(
    [w.runId, esc(card.runId)],
    [w.started, esc(formatTime(card.startedAt))],
    [w.duration, esc(duration(card))],
    [w.grader, esc(`${card.grader.name} ${card.grader.version}, Node ${card.grader.node}`)],
  )
  const dl = (list: Array<[string, string]>) => `<dl class="facts">${list.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>`
  return `<h2>${esc(w.detected)}</h2>${dl(rows)}<h2>${esc(w.about)}</h2>${dl(facts)}`
}

function evidenceText(data: unknown, card: Scorecard): string {
  const text = typeof data === 'string' ? data : (JSON.stringify(data, null, 2) ?? String(data))
  return text.length > MAX_EVIDENCE_CHARS ? `${text.slice(0, MAX_EVIDENCE_CHARS)}\n${wordsFor(card.lang).html.moreInJson({ characters: text.length - MAX_EVIDENCE_CHARS })}` : text
}

function duration(card: Scorecard): string {
  if (!card.finishedAt) return '…'
  const w = wordsFor(card.lang).html
  const seconds = Math.max(0, (Date.parse(card.finishedAt) - Date.parse(card.startedAt)) / 1000)
  return seconds < 60 ? w.seconds({ seconds: seconds.toFixed(1) }) : w.minutes({ minutes: Math.floor(seconds / 60), seconds: Math.round(seconds % 60) })
}

/** UTC, to the second: the same in every viewer's browser (no script, no locale guess). */
export function formatTime(iso: string): string {
  const t = new Date(iso)
  return Number.isNaN(t.getTime())
    ? iso
    : t
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC')
}
