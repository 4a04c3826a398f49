// reports/class/index.html: the class at a glance. One row per student (linked to the student's scorecard.html),
// one coloured cell per objective, and a last row with how many passed each objective.

import type { ClassSummary, StudentSummary } from '../roster/class-summary.js'
import { esc, relativeHref } from './html-escape.js'
import { htmlPage } from './html-page.js'
import { wordsFor } from '../i18n/words.js'
import { STATUS_MARK } from './html-words.js'
import { formatTime } from './scorecard-html.js'

export function renderClassHtml(summary: ClassSummary): string {
  const words = wordsFor(summary.lang)
  const w = words.html
  const t = summary.totals
  const graded = summary.students.filter((s) => s.possible > 0)
  const average = graded.length ? graded.reduce((sum, s) => sum + s.awarded / s.possible, 0) / graded.length : 0
  const head = [
    `<th>${esc(w.student)}</th>`,
    `<th>${esc(w.result)}</th>`,
    `<th class="num">${esc(w.score)}</th>`,
    ...summary.objectives.map((o) => `<th class="obj" title="${esc(o.title)}">${esc(o.id)}<br><span class="sub">${o.points} ${esc(w.points)}</span></th>`),
    `<th class="num">${esc(w.time)}</th>`,
    `<th>${esc(w.notes)}</th>`,
  ]
  const rows = summary.students.map((s) => studentRow(summary, s))
  const passCounts = summary.objectives.map((o) => {
    const passed = summary.students.filter((s) => s.objectives[o.id]?.status === 'passed').length
    return `<td class="rate">${passed}/${summary.students.length}</td>`
  })
  const body = [
    `<header><h1>${esc(w.classTitle)}</h1><p class="sub">${esc(summary.roster)} · ${esc(formatTime(summary.startedAt))}</p></header>`,
    `<section class="score"><div class="big" data-testid="students">${t.students}<small> ${esc(w.students)}</small></div>`,
    `<div class="counts">`,
    `<span class="badge passed">${STATUS_MARK.passed} ${esc(words.status.passed)} ${t.passed}</span>`,
    `<span class="badge failed">${STATUS_MARK.failed} ${esc(words.status.failed)} ${t.failed}</span>`,
    t.error > 0 ? `<span class="badge error">${STATUS_MARK.error} ${esc(words.status.error)} ${t.error}</span>` : '',
    t.deliveryFailed > 0 ? `<span class="badge error">${esc(w.notDelivered)} ${t.deliveryFailed}</span>` : '',
    `</div><div class="sub">${esc(w.average)}: ${Math.round(average * 100)}%</div></section>`,
    `<div class="table-wrap"><table>`,
    `<thead><tr>${head.join('')}</tr></thead>`,
    `<tbody>${rows.join('\n')}</tbody>`,
    `<tfoot><tr><th colspan="3">${esc(w.passRate)}</th>${passCounts.join('')}<td></td><td></td></tr></tfoot>`,
    `</table></div>`,
    `<footer>${esc(formatTime(summary.startedAt))} → ${esc(formatTime(summary.finishedAt))} · ${esc(words.classMarkdown.parallel({ parallel: summary.settings.parallel }))} · ${esc(summary.schema)} v${summary.schemaVersion}</footer>`,
  ].join('\n')
  return htmlPage({ lang: summary.lang, title: `${w.classTitle} (${t.passed}/${t.students})`, body, wide: true })
}

function studentRow(summary: ClassSummary, s: StudentSummary): string {
  const words = wordsFor(summary.lang)
  const w = words.html
  const cells = summary.objectives.map((o) => {
    const c = s.objectives[o.id]
    if (!c) return `<td class="cell none">–</td>`
    return `<td class="cell ${c.status}" title="${esc(`${o.id}: ${words.status[c.status]} ${c.awarded}/${c.points}`)}">${STATUS_MARK[c.status]} ${c.awarded}</td>`
  })
  return [
    `<tr data-student="${esc(s.id)}">`,
    `<td><a href="${esc(relativeHref(`${s.reportDir}/scorecard.html`))}">${esc(s.id)}</a>${s.namespace !== s.id ? `<br><span class="sub">${esc(s.namespace)}</span>` : ''}</td>`,
    `<td><span class="badge ${s.result}">${STATUS_MARK[s.result]} ${esc(words.status[s.result])}</span></td>`,
    `<td class="num">${s.awarded} / ${s.possible}</td>`,
    cells.join(''),
    `<td class="num">${Math.round(s.durationMs / 1000)} ${esc(w.secondsUnit)}</td>`,
    `<td class="notes">${s.notes.map((n) => `<div>${esc(n)}</div>`).join('')}</td>`,
    `</tr>`,
  ].join('')
}
