import { rename, writeFile } from 'node:fs/promises'
import { safeJson } from './safe-text.js'
import type { Scorecard } from './scorecard.js'

/** Writes through a temporary file and a rename, so a reader (or a killed run) never sees half a card. */
export async function writeAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`
  await writeFile(tmp, text, 'utf8')
  await rename(tmp, path)
}

/** The card as JSON (the file and the webhook body): every string made safe (safe-text.ts jsonText). */
export function renderJson(card: Scorecard): string {
  return safeJson(card) + '\n'
}
