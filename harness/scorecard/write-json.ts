import { rename, writeFile } from 'node:fs/promises'
import type { Scorecard } from './scorecard.js'

/** Writes through a temporary file and a rename, so a reader (or a killed run) never sees half a card. */
export async function writeAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`
  await writeFile(tmp, text, 'utf8')
  await rename(tmp, path)
}

export function renderJson(card: Scorecard): string {
  return JSON.stringify(card, null, 2) + '\n'
}
