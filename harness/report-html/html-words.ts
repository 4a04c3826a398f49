// The marks of the HTML reports' statuses. Their words, like every label of the pages, are in the run's language
// in harness/i18n/words-*.ts (wordsFor(lang).html and .status).

import type { CheckStatus } from '../check.js'

export const STATUS_MARK: Record<CheckStatus, string> = { passed: '✓', failed: '✗', error: '!', blocked: '⊘', skipped: '–' }
