import { describe, expect, it } from 'vitest'
import { parseOntapSize } from './units.js'

describe('parseOntapSize', () => {
  it.each([
    ['1GB', 1024 ** 3],
    ['20MB', 20 * 1024 ** 2],
    ['1TB', 1024 ** 4],
    ['2PB', 2 * 1024 ** 5],
    ['100KB', 102400],
    ['29.98GB', Math.round(29.98 * 1024 ** 3)],
    ['972.4MB', Math.round(972.4 * 1024 ** 2)],
    ['0B', 0],
    ['21474836480B', 21474836480],
    ['21474836480', 21474836480],
    [' 30gb ', 30 * 1024 ** 3],
  ])('%s', (text, bytes) => {
    expect(parseOntapSize(text)).toBe(bytes)
  })

  it.each(['-', '', 'online', '1 2GB', '1XB', undefined])('%s is not a size', (text) => {
    expect(parseOntapSize(text)).toBeUndefined()
  })
})
