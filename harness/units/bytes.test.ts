import { describe, expect, it } from 'vitest'
import { formatBytes } from './bytes.js'

describe('formatBytes', () => {
  it("'quantity': the largest 1024-based unit reached, no space, as Kubernetes writes sizes", () => {
    expect(formatBytes(10 * 2 ** 30, 'quantity')).toBe('10GiB')
    expect(formatBytes(1536, 'quantity')).toBe('1.50KiB')
    expect(formatBytes(Math.round(972.4 * 2 ** 20), 'quantity')).toBe('972.40MiB')
    expect(formatBytes(512, 'quantity')).toBe('512B')
    expect(formatBytes(3 * 2 ** 60, 'quantity')).toBe('3072PiB')
  })

  it("'limit': a cap exactly, in MiB when whole, else in bytes", () => {
    expect(formatBytes(16 * 2 ** 20, 'limit')).toBe('16 MiB')
    expect(formatBytes(4 * 2 ** 20, 'limit')).toBe('4 MiB')
    expect(formatBytes(65536, 'limit')).toBe('65536 bytes')
    expect(formatBytes(1.5 * 2 ** 20, 'limit')).toBe('1572864 bytes')
    expect(formatBytes(0, 'limit')).toBe('0 bytes')
  })

  it("'kib': whole KiB rounded up, so a size over a cap never reads as the cap", () => {
    expect(formatBytes(16 * 1024, 'kib')).toBe('16 KiB')
    expect(formatBytes(16 * 1024 + 1, 'kib')).toBe('17 KiB')
    expect(formatBytes(1, 'kib')).toBe('1 KiB')
  })
})
