// scorecard.html and the class page as text: self-contained, everything escaped, the right content in the
// card's language. The browser test (report-chromium.test.ts) checks how they render.

import { describe, expect, it } from 'vitest'
import { hostileCard, labPoints, OBJECTIVE_COUNT, sampleCard } from '../test-support/sample-cards.js'
import { OBJECTIVE_IDS } from '../index.js'
import { summarise } from '../roster/class-summary.js'
import { renderClassHtml } from './class-html.js'
import { esc, relativeHref } from './html-escape.js'
import { renderScorecardHtml } from './scorecard-html.js'

/** Every real tag or attribute that could load or run something (escaped text has no raw `<`). */
function activeContent(html: string): string[] {
  const tags = html.match(/<[a-z][^>]*>/gi) ?? []
  const style = html.match(/<style>[\s\S]*?<\/style>/)?.[0] ?? ''
  return [
    ...tags.filter((t) => /^<(script|img|iframe|link|object|embed|base|form|meta http-equiv="refresh")/i.test(t) || /\son[a-z]+=|\ssrc=|javascript:/i.test(t)),
    ...(style.match(/@import|url\(/g) ?? []),
  ]
}

describe('scorecard.html', () => {
  it('is one self-contained file: no script, no external resource, and a CSP that forbids loading', () => {
    const html = renderScorecardHtml(hostileCard())
    expect(activeContent(html)).toEqual([])
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;`)
    expect(html).not.toMatch(/https?:\/\/(?!127\.|10\.0\.0\.1)/)
  })

  it('escapes student-controlled text in messages, evidence labels and evidence data', () => {
    const html = renderScorecardHtml(hostileCard())
    expect(html).toContain('PVC db&lt;script&gt;window.__pwned=3&lt;/script&gt; is Pending, not Bound.')
    expect(html).toContain('&lt;/pre&gt;&lt;/details&gt;&lt;script&gt;')
    expect(html).toContain('PVC &lt;b&gt;')
  })

  it('shows the total, one section per objective with its status, and the hint of what failed', () => {
    const html = renderScorecardHtml(hostileCard())
    // hostileCard(): everything passed but these four (failed, blocked, error, skipped).
    const awarded = labPoints() - labPoints(['pvc-bound', 'app-uses-pvc', 'ontap-volume', 'data-persists'])
    expect(html).toContain(`<div class="big" data-testid="total">${awarded}<small> / ${labPoints()} points</small></div>`)
    expect(html.match(/<article class="check /g)).toHaveLength(OBJECTIVE_COUNT)
    for (const status of ['passed', 'failed', 'blocked', 'error', 'skipped']) expect(html).toContain(`data-status="${status}"`)
    expect(html).toContain('<strong>Hint:</strong> Read the events with `kubectl describe pvc`; they say why no volume was made.')
    expect(html).toContain('Waits for: <a href="#pvc-bound">pvc-bound</a>')
  })

  it('folds evidence away for instructors', () => {
    const html = renderScorecardHtml(hostileCard())
    expect(html).toContain('<details><summary>Evidence (for instructors)</summary>')
    expect(html).toContain('<details><summary>Evidence (for instructors) · ONTAP_UNREACHABLE</summary>')
    expect(html).not.toContain('<details open')
  })

  it('shows detected versions, the run time and where it ran', () => {
    const html = renderScorecardHtml(sampleCard())
    expect(html).toContain('<dt>Kubernetes</dt><dd>v1.34.4</dd><dt>Trident</dt><dd>25.06.0</dd>')
    expect(html).toContain('<dt>Run time</dt><dd>42.5 s</dd>')
    expect(html).toContain('<dt>SVM</dt><dd>svm01 (ssh vsadmin@192.168.1.200)</dd>')
  })

  it('speaks Japanese for a Japanese card', () => {
    const html = renderScorecardHtml(hostileCard('ja'))
    expect(html).toContain('<html lang="ja">')
    expect(html).toContain('Level 2 採点結果: alice')
    expect(html).toContain('<strong>ヒント:</strong> `kubectl describe pvc` のイベントに、ボリュームが作られない理由が出ています。')
    expect(html).toContain('根拠（講師向け）')
    expect(html).toContain('✗ 不合格')
  })

  it('says the score is not final when a check erred', () => {
    const html = renderScorecardHtml(sampleCard({ 'ontap-volume': { status: 'error' } }))
    expect(html).toContain(
      '<section class="notice" role="alert" aria-label="Problems of the run"><p><strong>The grader could not check everything (grader errors below cost no points); the score is not final.</strong></p></section>',
    )
    expect(renderScorecardHtml(sampleCard())).not.toContain('class="notice"')
  })

  it('says when the card is partial and why', () => {
    const html = renderScorecardHtml(sampleCard({}, { complete: false, runErrors: ['The grader process for alice did not finish within 60 s and was stopped.'] }))
    expect(html).toContain('This run did not finish: the card is partial, and the score is not final.')
    expect(html).toContain('<p>The grader process for alice did not finish within 60 s and was stopped.</p>')
  })
})

describe('class index.html', () => {
  const summary = () =>
    summarise(
      [
        { id: 'alice', namespace: 'alice', card: sampleCard(), durationMs: 41_000, reportDir: '../alice' },
        {
          id: 'bob<script>',
          namespace: 'bob',
          card: sampleCard({ 'pvc-bound': { status: 'failed' }, 'app-uses-pvc': { status: 'blocked', blockedBy: ['pvc-bound'] } }),
          durationMs: 52_000,
          reportDir: '../bob<script>',
        },
        { id: 'carol', namespace: 'student-03', card: sampleCard({ 'backend-online': { status: 'error' } }, { runErrors: ['stopped'] }), durationMs: 60_000, reportDir: '../carol' },
      ],
      {
        roster: 'class.yaml',
        lang: 'en',
        startedAt: '2026-04-01T09:00:00.000Z',
        finishedAt: '2026-04-01T09:02:00.000Z',
        settings: { parallel: 4, ontapSessionsPerHost: 2, studentTimeoutSeconds: 600 },
      },
    )

  it('has a row per student linked to their scorecard, and a coloured cell per objective', () => {
    const html = renderClassHtml(summary())
    expect(html.match(/<tr data-student=/g)).toHaveLength(3)
    expect(html).toContain('<a href="../alice/scorecard.html">alice</a>')
    expect(html).toContain('<a href="../bob%3Cscript%3E/scorecard.html">bob&lt;script&gt;</a>')
    expect(html).toContain('<td class="cell failed" title="pvc-bound: failed 0/15">✗ 0</td>')
    expect(html).toContain('<span class="sub">student-03</span>')
    expect(activeContent(html)).toEqual([])
  })

  it('counts results and how many passed each objective', () => {
    const html = renderClassHtml(summary())
    expect(html).toContain('<div class="big" data-testid="students">3<small> students</small></div>')
    expect(html).toContain('✓ passed 1</span>')
    expect(html).toContain('✗ failed 1</span>')
    expect(html).toContain('! grader error 1</span>')
    // One column per objective in lab order: bob's pvc-bound and app-uses-pvc and carol's backend-online did not pass.
    const rates = OBJECTIVE_IDS.map((id) => `<td class="rate">${['backend-online', 'pvc-bound', 'app-uses-pvc'].includes(id) ? '2/3' : '3/3'}</td>`)
    expect(html).toContain(`<tfoot><tr><th colspan="3">Passed</th>${rates.join('')}`)
  })
})

describe('html-escape', () => {
  it('escapes the five characters that matter in text and quoted attributes', () => {
    expect(esc(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;')
    expect(esc(undefined)).toBe('')
  })

  it('keeps relative links relative', () => {
    expect(relativeHref('../a b/scorecard.html')).toBe('../a%20b/scorecard.html')
    expect(relativeHref('../javascript:x/s.html')).toBe('../javascript%3Ax/s.html')
  })
})
