// Keeps the run's scorecard and rewrites scorecard.json, junit.xml, scorecard.md, scorecard.html and Gradescope's
// results.json after every change, so a run that is killed still leaves a partial card (Gradescope asks for
// results written as the run goes).

import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { toGradescopeResults } from '../lms/gradescope-results.js'
import { renderScorecardHtml } from '../report-html/scorecard-html.js'
import { capText } from './evidence-cap.js'
import { safeJson } from './safe-text.js'
import { renderJson, writeAtomic } from './write-json.js'
import { renderJunit } from './write-junit.js'
import { renderMarkdown } from './write-markdown.js'
import { totalsOf, type Scorecard, type ScorecardCheck } from './scorecard.js'

export const GRADESCOPE_RESULTS_FILE = 'results.json'

export class ScorecardWriter {
  private queue: Promise<void> = Promise.resolve()

  constructor(
    readonly card: Scorecard,
    readonly outDir: string,
  ) {}

  add(check: ScorecardCheck): Promise<void> {
    this.card.checks = [...this.card.checks.filter((c) => c.id !== check.id), check]
    return this.save()
  }

  /** Serialises writes: the last call's state is what ends on disk. */
  save(): Promise<void> {
    this.card.totals = totalsOf(this.card.checks)
    // Run errors may quote what the cluster answered: bounded like every other text on the card.
    if (this.card.runErrors.length > 20 || this.card.runErrors.some((e) => e.length > 4096)) this.card.runErrors = this.card.runErrors.slice(0, 20).map((e) => capText(e))
    const snapshot = structuredClone(this.card)
    this.queue = this.queue.then(async () => {
      await mkdir(this.outDir, { recursive: true })
      await writeAtomic(join(this.outDir, 'scorecard.json'), renderJson(snapshot))
      await writeAtomic(join(this.outDir, 'junit.xml'), renderJunit(snapshot))
      await writeAtomic(join(this.outDir, 'scorecard.md'), renderMarkdown(snapshot))
      await writeAtomic(join(this.outDir, 'scorecard.html'), renderScorecardHtml(snapshot))
      await writeAtomic(join(this.outDir, GRADESCOPE_RESULTS_FILE), safeJson(toGradescopeResults(snapshot)) + '\n')
    })
    return this.queue
  }
}
