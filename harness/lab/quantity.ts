// Kubernetes resource quantities (`20Gi`, `1G`, `500Mi`, `1073741824`) to bytes, and bytes to text.

import { formatBytes as format } from '../units/bytes.js'

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 }
const DECIMAL: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 }

export function quantityToBytes(quantity: string | number | undefined): number | undefined {
  if (quantity === undefined) return undefined
  if (typeof quantity === 'number') return quantity
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)(?:e([0-9]+))?\s*(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?\s*$/.exec(quantity)
  if (!m) return undefined
  const value = Number(m[1]) * (m[2] ? 10 ** Number(m[2]) : 1)
  const suffix = m[3] ?? ''
  return Math.round(value * (BINARY[suffix] ?? DECIMAL[suffix] ?? 1))
}

/** Bytes as Kubernetes writes a size (`10GiB`, `1.50KiB`): the grader's one byte formatter, in its 'quantity' style. */
export function formatBytes(bytes: number): string {
  return format(bytes, 'quantity')
}
