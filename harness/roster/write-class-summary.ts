// reports/class/: summary.json, summary.csv (a spreadsheet: points per objective, empty where not graded),
// summary.md and index.html. Written after every student, so a class run that is stopped still leaves them.

import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { renderClassHtml } from '../report-html/class-html.js'
import { markdownText, safeJson, terminalField } from '../scorecard/safe-text.js'
import { writeAtomic } from '../scorecard/write-json.js'
import type { ClassSummary } from './class-summary.js'
import { renderCsv } from './csv.js'
import { shardName } from './shard.js'

const MARK = { passed: '✅', failed: '❌', error: '⚠️', blocked: '⛔', skipped: '⏭️' } as const
const WORDS = {
  en: {
    title: 'Level 2: class summary', student: 'Student', result: 'Result', score: 'Score', time: 'Time', notes: 'Notes', students: 'students', passed: 'passed', failed: 'failed', error: 'grader errors', notDelivered: 'not delivered',
    shard: (i: number, n: number, k: number, all: number) => `Shard ${i}/${n} (shards count from 0): ${k} of the class's ${all} students. The whole class: \`npm test -- --merge-class <the shards' folders>\`.`,
    merged: (n: number) => `Merged from ${n} shard${n === 1 ? '' : 's'}; every student was graded in exactly one of them.`,
  },
  ja: {
    title: 'Level 2: クラスの採点結果', student: '学生', result: '結果', score: '得点', time: '時間', notes: '備考', students: '人', passed: '合格', failed: '不合格', error: '採点エラー', notDelivered: '未送信',
    shard: (i: number, n: number, k: number, all: number) => `シャード ${i}/${n}（番号は 0 から）: クラス ${all} 人のうち ${k} 人。クラス全体は \`npm test -- --merge-class <各シャードのフォルダー>\` でまとめます。`,
    merged: (n: number) => `${n} 個のシャードの結果をまとめたものです。どの学生もちょうど 1 つのシャードで採点されました。`,
  },
}

export async function writeClassSummary(summary: ClassSummary, classDir: string): Promise<void> {
  await mkdir(classDir, { recursive: true })
  await writeAtomic(join(classDir, 'summary.json'), safeJson(summary) + '\n')
  await writeAtomic(join(classDir, 'summary.csv'), renderSummaryCsv(summary))
  await writeAtomic(join(classDir, 'summary.md'), renderSummaryMarkdown(summary))
  await writeAtomic(join(classDir, 'index.html'), renderClassHtml(summary))
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
  const w = WORDS[summary.lang]
  const t = summary.totals
  const out = [`# ${w.title}`, '', `${t.students} ${w.students}: ${t.passed} ${w.passed}, ${t.failed} ${w.failed}, ${t.error} ${w.error}`, '']
  if (summary.shard) out.push(w.shard(summary.shard.index, summary.shard.count, summary.shard.students, summary.shard.rosterStudents), '')
  if (summary.merged) out.push(w.merged(summary.merged.shards), '')
  out.push(`| ${w.student} | ${w.result} | ${w.score} | ${summary.objectives.map((o) => `\`${o.id}\``).join(' | ')} | ${w.time} | ${w.notes} |`)
  out.push(`|---|---|---|${summary.objectives.map(() => '---|').join('')}---|---|`)
  for (const s of summary.students) {
    const cells = summary.objectives.map((o) => {
      const c = s.objectives[o.id]
      return c ? `${MARK[c.status]} ${c.awarded}/${c.points}` : '–'
    })
    out.push(`| [${cell(s.id)}](${s.reportDir}/scorecard.md) | ${MARK[s.result]} ${s.result} | ${s.awarded}/${s.possible} | ${cells.join(' | ')} | ${Math.round(s.durationMs / 1000)} s | ${cell(s.notes.join('; '))} |`)
  }
  out.push('', `${summary.startedAt} → ${summary.finishedAt} · parallel ${summary.settings.parallel}`, '')
  return out.join('\n')
}

function cell(text: string): string {
  return markdownText(text)
}

/** The class on the console (after a roster run, a shard or a merge): a line per student and where the files are. */
export function renderClassSummary(summary: ClassSummary, classDir: string): string {
  const totals = summary.totals
  const width = Math.max(...summary.students.map((s) => s.id.length), 2)
  const what = summary.shard ? `class (${shardName(summary.shard)})` : summary.merged ? `class (merged from ${summary.merged.shards} shard${summary.merged.shards === 1 ? '' : 's'})` : 'class'
  const lines = ['', `${what}: ${totals.students} students: ${totals.passed} passed, ${totals.failed} failed, ${totals.error} grader errors${totals.deliveryFailed ? `, ${totals.deliveryFailed} not delivered` : ''}`]
  for (const s of summary.students) {
    const note = s.notes[0]
    lines.push(`  ${s.id.padEnd(width)} ${s.result.padEnd(6)} ${`${s.awarded}/${s.possible}`.padStart(7)}${note ? `  ${terminalField(note)}` : ''}`)
  }
  lines.push(`  summary: ${join(classDir, 'summary.json')} (also summary.csv, summary.md, index.html)`)
  return lines.join('\n')
}
