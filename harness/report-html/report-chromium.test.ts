// The HTML reports in headless Chromium (Debian's `chromium`; CI installs it with .ci/install-deps.sh): they
// render with no console error, no exception, no request beyond the file itself, nothing from the student's
// text runs, and screenshots go to reports/screenshots/ (a CI artifact, not committed).

import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { hostileCard, labPoints, OBJECTIVE_COUNT, sampleCard } from '../test-support/sample-cards.js'
import { summarise } from '../roster/class-summary.js'
import { renderClassHtml } from './class-html.js'
import { findChromium, openInChromium, type PageReport } from '../test-support/headless-chromium.js'
import { renderScorecardHtml } from './scorecard-html.js'

const SCREENSHOTS = fileURLToPath(new URL('../../reports/screenshots/', import.meta.url))
let dir: string

beforeAll(async () => {
  if (!findChromium()) throw new Error('Chromium is not installed: run .ci/install-deps.sh (Debian package chromium).')
  dir = await mkdtemp(join(tmpdir(), 'report-chromium-'))
})

async function page(name: string, html: string): Promise<string> {
  const path = join(dir, name)
  await mkdir(join(path, '..'), { recursive: true })
  await writeFile(path, html)
  return pathToFileURL(path).href
}

function clean(report: PageReport, url: string): void {
  expect(report.consoleErrors).toEqual([])
  expect(report.exceptions).toEqual([])
  expect(report.logErrors).toEqual([])
  expect(report.requests).toEqual([url])
}

// hostileCard()'s total: everything passed but these four (failed, blocked, error, skipped).
const HOSTILE_AWARDED = labPoints() - labPoints(['pvc-bound', 'app-uses-pvc', 'ontap-volume', 'data-persists'])

const PROBES = [
  'window.__pwned === undefined',
  'document.querySelectorAll("article.check").length',
  '[...document.querySelectorAll("details")].every((d) => !d.open)',
  'getComputedStyle(document.querySelector(".check.failed")).borderLeftColor',
  'document.documentElement.scrollWidth <= window.innerWidth',
  'document.querySelector("[data-testid=total]").textContent',
]

describe('scorecard.html in headless Chromium', { timeout: 60_000 }, () => {
  it("renders a hostile Japanese card cleanly: no console error, no request, nothing of the student's runs", async () => {
    const url = await page('ja/scorecard.html', renderScorecardHtml(hostileCard('ja')))
    const report = await openInChromium(url, { screenshot: join(SCREENSHOTS, 'scorecard-ja.png'), evaluate: PROBES })
    clean(report, url)
    expect(report.values).toEqual([true, OBJECTIVE_COUNT, true, 'rgb(207, 34, 46)', true, `${HOSTILE_AWARDED} / ${labPoints()} 点`])
  })

  it('renders an English card and fits a phone-width screen without sideways scrolling', async () => {
    const card = hostileCard('en')
    const url = await page('en/scorecard.html', renderScorecardHtml(card))
    const wide = await openInChromium(url, { screenshot: join(SCREENSHOTS, 'scorecard-en.png'), evaluate: PROBES })
    clean(wide, url)
    expect(wide.values[5]).toBe(`${HOSTILE_AWARDED} / ${labPoints()} points`)
    const narrow = await openInChromium(url, { width: 390, height: 844, screenshot: join(SCREENSHOTS, 'scorecard-en-phone.png'), evaluate: PROBES })
    clean(narrow, url)
    expect(narrow.values[4]).toBe(true)
  })

  it('renders the class overview with one row per student', async () => {
    const students = [
      { id: 'alice', card: sampleCard({}, { student: 'alice' }) },
      {
        id: 'bob',
        card: sampleCard(
          { 'pvc-bound': { status: 'failed' }, 'app-uses-pvc': { status: 'blocked', blockedBy: ['pvc-bound'] }, 'data-persists': { status: 'blocked', blockedBy: ['app-uses-pvc'] } },
          { student: 'bob' },
        ),
      },
      {
        id: 'carol',
        card: sampleCard({ 'ontap-volume': { status: 'error' } }, { student: 'carol', complete: false, runErrors: ['The grader process for carol did not finish within 60 s and was stopped.'] }),
      },
    ]
    for (const s of students) await page(`class-run/${s.id}/scorecard.html`, renderScorecardHtml(s.card))
    const summary = summarise(
      students.map((s) => ({ id: s.id, namespace: s.id, card: s.card, durationMs: 40_000, reportDir: `../${s.id}` })),
      {
        roster: 'class.yaml',
        lang: 'ja',
        startedAt: '2026-04-01T09:00:00.000Z',
        finishedAt: '2026-04-01T09:03:00.000Z',
        settings: { parallel: 4, ontapSessionsPerHost: 2, studentTimeoutSeconds: 600 },
      },
    )
    const url = await page('class-run/class/index.html', renderClassHtml(summary))
    const report = await openInChromium(url, {
      width: 1400,
      screenshot: join(SCREENSHOTS, 'class-index.png'),
      evaluate: ['document.querySelectorAll("tbody tr").length', 'new URL(document.querySelector("tbody a").href).pathname.endsWith("/class-run/alice/scorecard.html")'],
    })
    clean(report, url)
    expect(report.values).toEqual([3, true])
  })
})

describe('the Chromium check itself', { timeout: 60_000 }, () => {
  it('does see console errors and requests a page makes (so a clean report means something)', async () => {
    const url = await page('bad.html', '<!DOCTYPE html><title>x</title><script>console.error("boom")</script><img src="http://127.0.0.1:9/x.png">')
    const report = await openInChromium(url)
    expect(report.consoleErrors).toEqual(['boom'])
    expect(report.requests).toContain('http://127.0.0.1:9/x.png')
  })
})
