// JUnit XML: one testcase per objective; <failure> for wrong work, <error> for grader errors, <skipped> for
// blocked and skipped checks; ids and points as properties so CI dashboards and LMS importers can score it.

import { formatBytes } from '../units/bytes.js'
import { xmlText } from './safe-text.js'
import type { Scorecard } from './scorecard.js'

export function renderJunit(card: Scorecard): string {
  const t = card.totals
  const seconds = (ms: number) => (ms / 1000).toFixed(3)
  const total = card.checks.reduce((s, c) => s + c.durationMs, 0)
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="trident-lab-grader" tests="${card.checks.length}" failures="${t.failed}" errors="${t.error}" skipped="${t.blocked + t.skipped}" time="${seconds(total)}">`,
    `  <testsuite name="${x(card.student)}" tests="${card.checks.length}" failures="${t.failed}" errors="${t.error}" skipped="${t.blocked + t.skipped}" time="${seconds(total)}" timestamp="${x(card.startedAt)}">`,
    '    <properties>',
    `      <property name="student" value="${x(card.student)}"/>`,
    `      <property name="runId" value="${x(card.runId)}"/>`,
    `      <property name="score" value="${t.awarded}"/>`,
    `      <property name="maxScore" value="${t.possible}"/>`,
    `      <property name="complete" value="${card.complete}"/>`,
    '    </properties>',
  ]
  for (const c of card.checks) {
    lines.push(`    <testcase classname="level2.${x(c.id)}" name="${x(`${c.id}: ${c.title}`)}" time="${seconds(c.durationMs)}">`)
    lines.push('      <properties>')
    lines.push(`        <property name="id" value="${x(c.id)}"/>`)
    lines.push(`        <property name="status" value="${c.status}"/>`)
    lines.push(`        <property name="points" value="${c.points}"/>`)
    lines.push(`        <property name="awarded" value="${c.awarded}"/>`)
    lines.push('      </properties>')
    const body = x(
      [
        c.message,
        c.hint ? `Hint: ${c.hint}` : '',
        ...c.evidence.map(
          (e) => `${e.label}: ${JSON.stringify(e.data)}${e.truncated ? ` (truncated: ${formatBytes(e.truncated.bytes, 'kib')} cut to ${formatBytes(e.truncated.limitBytes, 'kib')})` : ''}`,
        ),
      ]
        .filter(Boolean)
        .join('\n'),
    )
    if (c.status === 'failed') lines.push(`      <failure message="${x(c.message)}" type="failed">${body}</failure>`)
    if (c.status === 'error') lines.push(`      <error message="${x(c.message)}" type="${x(c.errorCode ?? 'error')}">${body}</error>`)
    if (c.status === 'blocked' || c.status === 'skipped') lines.push(`      <skipped message="${x(c.message)}"/>`)
    lines.push('    </testcase>')
  }
  lines.push('  </testsuite>', '</testsuites>', '')
  return lines.join('\n')
}

const x = xmlText
