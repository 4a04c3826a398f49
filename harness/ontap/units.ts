// ONTAP size strings -> bytes (bytes -> text: harness/units/bytes.ts). ONTAP prints 1024-based units without a space (`1GB`, `29.98GB`, `972.4MB`);
// with `set -units B` or in REST it gives raw bytes (`21474836480B` or a bare number).

const UNIT_POWERS: Record<string, number> = { B: 0, KB: 1, MB: 2, GB: 3, TB: 4, PB: 5, EB: 6 }
const SIZE_PATTERN = /^(\d+(?:\.\d+)?)\s*([KMGTPE]?B)?$/i

/** Bytes for an ONTAP size string, or undefined for `-`, empty or anything that is not a size. */
export function parseOntapSize(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const match = SIZE_PATTERN.exec(text.trim())
  if (!match) return undefined
  const power = UNIT_POWERS[(match[2] ?? 'B').toUpperCase()]
  if (power === undefined) return undefined
  return Math.round(Number(match[1]) * 1024 ** power)
}
