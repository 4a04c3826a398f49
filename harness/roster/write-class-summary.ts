// reports/class/: summary.json, summary.csv (a spreadsheet: points per objective, empty where not graded),
// summary.md and index.html. Written after every student, so a class run that is stopped still leaves them.

import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { wordsFor } from '../i18n/words.js'
import { renderClassHtml } from '../report-html/class-html.js'
import { markdownText, safeJson, terminalField } from '../scorecard/safe-text.js'
import { writeAtomic } from '../scorecard/write-json.js'
import type { ClassSummary } from './class-summary.js'
import { renderCsv } from './csv.js'
import { shardName } from './shard.js'

const MARK = { passed: '✅', failed: '❌', error: '⚠️', blocked: '⛔', skipped: '⏭️' } as const

/** What writeClassSummary() writes in a class folder, summary.json first. */
const CLASS_SUMMARY_FILES = ['summary.json', 'summary.csv', 'summary.md', 'index.html'] as const

export async function writeClassSummary(summary: ClassSummary, classDir: string): Promise<void> {
  await mkdir(classDir, { recursive: true })
  const render: Record<(typeof CLASS_SUMMARY_FILES)[number], () => string> = {
    'summary.json': () => safeJson(summary) + '\n',
    'summary.csv': () => renderSummaryCsv(summary),
    'summary.md': () => renderSummaryMarkdown(summary),
    'index.html': () => renderClassHtml(summary),
  }
  for (const file of CLASS_SUMMARY_FILES) await writeAtomic(join(classDir, file), render[file]())
}

export function renderSummaryCsv(summary: ClassSummary): string {
  const header = ['id', 'namespace', 'result', 'awarded', 'possible', ...summary.objectives.map((o) => o.id), 'seconds', 'notes']
  const rows = summary.students.map((s) => [
    s.id,
    s.namespace,
    s.result,
    s.awarded,
    s.possible,
    ...summary.objectives.map((o) => {
      const cell = s.objectives[o.id]
      // Points for what was graded; empty for a grader error, a skip, or what an error blocked.
      return cell && cell.status !== 'error' && cell.status !== 'skipped' ? cell.awarded : undefined
    }),
    Math.round(s.durationMs / 100) / 10,
    s.notes.join(' | ') || undefined,
  ])
  return renderCsv([header, ...rows])
}

export function renderSummaryMarkdown(summary: ClassSummary): string {
  const words = wordsFor(summary.lang)
  const w = words.classMarkdown
  const t = summary.totals
  const out = [`# ${w.title}`, '', w.counts(t), '']
  if (summary.shard) out.push(w.shard({ index: summary.shard.index, count: summary.shard.count, students: summary.shard.students, classSize: summary.shard.rosterStudents }), '')
  if (summary.merged) out.push(w.merged({ shards: summary.merged.shards }), '')
  out.push(`| ${w.student} | ${w.result} | ${w.score} | ${summary.objectives.map((o) => `\`${o.id}\``).join(' | ')} | ${w.time} | ${w.notes} |`)
  out.push(`|---|---|---|${summary.objectives.map(() => '---|').join('')}---|---|`)
  for (const s of summary.students) {
    const cells = summary.objectives.map((o) => {
      const c = s.objectives[o.id]
      return c ? `${MARK[c.status]} ${c.awarded}/${c.points}` : '–'
    })
    out.push(
      `| [${cell(s.id)}](${s.reportDir}/scorecard.md) | ${MARK[s.result]} ${words.result[s.result]} | ${s.awarded}/${s.possible} | ${cells.join(' | ')} | ${words.html.seconds({ seconds: String(Math.round(s.durationMs / 1000)) })} | ${cell(s.notes.join('; '))} |`,
    )
  }
  out.push('', `${summary.startedAt} → ${summary.finishedAt} · ${w.parallel({ parallel: summary.settings.parallel })}`, '')
  return out.join('\n')
}

function cell(text: string): string {
  return markdownText(text)
}

/** The class on the console (after a roster run, a shard or a merge): a line per student and where the files are. */
export function renderClassSummary(summary: ClassSummary, classDir: string): string {
  const words = wordsFor(summary.lang)
  const w = words.roster
  const totals = summary.totals
  const width = Math.max(...summary.students.map((s) => s.id.length), 2)
  const what = { shard: summary.shard && shardName(summary.shard), merged: summary.merged?.shards }
  const lines = ['', w.classLine({ what, students: totals.students, passed: totals.passed, failed: totals.failed, error: totals.error, notDelivered: totals.deliveryFailed })]
  for (const s of summary.students) {
    const note = s.notes[0]
    lines.push(`  ${terminalField(s.id).padEnd(width)} ${words.result[s.result].padEnd(6)} ${`${s.awarded}/${s.possible}`.padStart(7)}${note ? `  ${terminalField(note)}` : ''}`)
  }
  const [json, ...others] = CLASS_SUMMARY_FILES
  lines.push(`  ${w.summaryFiles({ json: join(classDir, json), others })}`)
  return lines.join('\n')
}
