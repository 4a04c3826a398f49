// Size caps on what a card carries, so a student's cluster cannot blow up the scorecard, JUnit, the HTML page or
// the webhook POST (60 large Events once made a 66 MB card). Caps (documented in README "Security"):
//   - one evidence item: 16 KiB of JSON; a bigger one is shrunk (long strings, long lists, deep objects cut with
//     a visible "…" note), and if that is not enough, kept as a 16 KiB preview of its JSON text;
//   - the evidence of one objective: 64 KiB; items past it are left out and a last item says how many;
//   - a label: 256 characters; a message, hint, run error or action: 4096 characters.
// So a whole card stays well under 1 MiB. Everything cut says so, in the card and in scorecard.md.

import { formatBytes } from '../units/bytes.js'
import type { Evidence } from '../check.js'

export const EVIDENCE_ITEM_MAX_BYTES = 16 * 1024
export const EVIDENCE_PER_CHECK_MAX_BYTES = 64 * 1024
const LABEL_MAX_CHARS = 256
const TEXT_MAX_CHARS = 4096

/** Ever smaller cuts of long strings and lists, until the item fits. */
interface ShrinkLevel {
  chars: number
  items: number
}
const SHRINK_LEVELS: ShrinkLevel[] = [
  { chars: 1024, items: 20 },
  { chars: 256, items: 20 },
  { chars: 128, items: 10 },
]
const KEYS_MAX = 50
const DEPTH_MAX = 8

/** Cuts a text to `max` characters (never in the middle of a surrogate pair), saying how much was cut. */
export function capText(text: string, max = TEXT_MAX_CHARS): string {
  if (text.length <= max) return text
  // Room for the note, so the result is within `max` too (capping twice changes nothing).
  let cut = text.slice(0, max - 32)
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1)
  return `${cut}… (${text.length - cut.length} more characters)`
}

function jsonBytes(data: unknown): number {
  const text = JSON.stringify(data)
  return text === undefined ? 0 : Buffer.byteLength(text, 'utf8')
}

/** One evidence item within EVIDENCE_ITEM_MAX_BYTES, its label within LABEL_MAX_CHARS. */
export function capEvidenceItem(item: Evidence, maxBytes = EVIDENCE_ITEM_MAX_BYTES): Evidence {
  const label = capText(item.label, LABEL_MAX_CHARS)
  if (item.truncated || item.omitted !== undefined) return { ...item, label }
  const bytes = jsonBytes(item.data)
  if (bytes <= maxBytes) return { label, data: item.data }
  let data: unknown
  for (const level of SHRINK_LEVELS) {
    data = shrink(item.data, 0, level)
    if (jsonBytes(data) <= maxBytes) return { label, data, truncated: { bytes, limitBytes: maxBytes } }
  }
  // Still too big (many wide objects): a preview of its JSON text, cut at the cap.
  const text = JSON.stringify(item.data)
  const preview = Buffer.from(text, 'utf8')
    .subarray(0, maxBytes - 512)
    .toString('utf8')
    .replace(/\ufffd+$/, '')
  data = `${preview}… (${bytes - Buffer.byteLength(preview, 'utf8')} more bytes)`
  return { label, data, truncated: { bytes, limitBytes: maxBytes } }
}

function shrink(value: unknown, depth: number, level: ShrinkLevel): unknown {
  if (typeof value === 'string') return capText(value, level.chars)
  if (value === null || typeof value !== 'object') return value
  if (depth >= DEPTH_MAX) return '… (nested too deep)'
  if (Array.isArray(value)) {
    const kept = value.slice(0, level.items).map((v) => shrink(v, depth + 1, level))
    if (value.length > level.items) kept.push(`… ${value.length - level.items} more items`)
    return kept
  }
  const entries = Object.entries(value)
  const out: Record<string, unknown> = {}
  for (const [k, v] of entries.slice(0, KEYS_MAX)) out[capText(k, level.chars)] = shrink(v, depth + 1, level)
  if (entries.length > KEYS_MAX) out['…'] = `${entries.length - KEYS_MAX} more fields`
  return out
}

/**
 * The evidence of one objective: each item capped, and the list within EVIDENCE_PER_CHECK_MAX_BYTES; what is
 * left out is replaced by one last item that says how many items were left out.
 */
export function capEvidenceList(items: Evidence[], maxBytes = EVIDENCE_PER_CHECK_MAX_BYTES): Evidence[] {
  const out: Evidence[] = []
  let used = 0
  let omitted = 0
  for (const raw of items) {
    if (raw.omitted !== undefined) {
      omitted += raw.omitted
      continue
    }
    const item = capEvidenceItem(raw)
    const size = jsonBytes(item) + 1
    if (omitted > 0 || used + size > maxBytes) {
      omitted++
      continue
    }
    out.push(item)
    used += size
  }
  if (omitted > 0) out.push(omittedItem(omitted, maxBytes))
  return out
}

function omittedItem(count: number, limitBytes: number): Evidence {
  return { label: `… ${count} more evidence item${count === 1 ? '' : 's'} left out (evidence of one objective is capped at ${formatBytes(limitBytes, 'kib')})`, data: null, omitted: count }
}

/** What was cut in a check's evidence, for renderers' notes (undefined when nothing was). */
export function evidenceCuts(evidence: Evidence[]): { shrunk: number; omitted: number } | undefined {
  const shrunk = evidence.filter((e) => e.truncated).length
  const omitted = evidence.reduce((n, e) => n + (e.omitted ?? 0), 0)
  return shrunk + omitted > 0 ? { shrunk, omitted } : undefined
}
