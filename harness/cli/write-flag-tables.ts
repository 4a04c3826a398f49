// `npm run docs:flags`: rewrites the flag tables of README.md (English) and README.ja.md (Japanese), between the
// lines <!-- flags:start --> and <!-- flags:end -->, from the parser's option list and the help catalogue
// (flag-table.ts). Run it after changing an option or its description, and commit the READMEs with the change:
// flag-table.test.ts fails while a README's tables differ.

import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { README_LANGS, withFlagTables } from './flag-table.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

for (const { file, lang } of README_LANGS) {
  const path = `${ROOT}${file}`
  const before = readFileSync(path, 'utf8')
  const after = withFlagTables(before, lang, file)
  if (after !== before) writeFileSync(path, after)
  console.log(`${file}: ${after === before ? 'up to date' : 'flag tables rewritten'}`)
}
