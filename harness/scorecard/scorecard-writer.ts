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
/** Every file save() writes, scorecard.json first. */
export const SCORECARD_FILES = ['scorecard.json', 'junit.xml', 'scorecard.md', 'scorecard.html', GRADESCOPE_RESULTS_FILE] as const

const RENDER: Record<(typeof SCORECARD_FILES)[number], (card: Scorecard) => string> = {
  'scorecard.json': renderJson,
  'junit.xml': renderJunit,
  'scorecard.md': renderMarkdown,
  'scorecard.html': renderScorecardHtml,
  [GRADESCOPE_RESULTS_FILE]: (card) => safeJson(toGradescopeResults(card)) + '\n',
}

export class ScorecardWriter {
  /** The write in progress, if any. */
  private writing: Promise<void> | undefined
  /** A newer state arrived while writing: written once more when the current write ends. */
  private dirty = false

  constructor(
    readonly card: Scorecard,
    /** Where the card's files go; undefined: the card is kept in memory only. */
    readonly outDir: string | undefined,
    /** live: every added check is written at once; otherwise only save() writes. */
    private readonly options: { live: boolean } = { live: true },
  ) {}

  add(check: ScorecardCheck): Promise<void> {
    this.card.checks = [...this.card.checks.filter((c) => c.id !== check.id), check]
    if (!this.options.live) {
      this.card.totals = totalsOf(this.card.checks)
      return Promise.resolve()
    }
    return this.save()
  }

  /**
   * Writes the card's state now, or, when a write is under way, once more after it with whatever the card holds
   * then: changes that arrive during a write are coalesced, and the last state is what ends on disk.
   */
  save(): Promise<void> {
    this.card.totals = totalsOf(this.card.checks)
    // Run errors may quote what the cluster answered: bounded like every other text on the card.
    if (this.card.runErrors.length > 20 || this.card.runErrors.some((e) => e.length > 4096)) this.card.runErrors = this.card.runErrors.slice(0, 20).map((e) => capText(e))
    if (this.outDir === undefined) return Promise.resolve()
    if (this.writing) {
      this.dirty = true
      return this.writing
    }
    const outDir = this.outDir
    const write = async (): Promise<void> => {
      do {
        this.dirty = false
        const snapshot = structuredClone(this.card)
        await mkdir(outDir, { recursive: true })
        for (const file of SCORECARD_FILES) await writeAtomic(join(outDir, file), RENDER[file](snapshot))
      } while (this.dirty)
    }
    this.writing = write().finally(() => (this.writing = undefined))
    return this.writing
  }
}
