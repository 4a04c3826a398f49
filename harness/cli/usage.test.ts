// --help in both languages: the same flags, and every flag the parser takes.

import { describe, expect, it } from 'vitest'
import { OBJECTIVE_IDS } from '../index.js'
import { FLAG_OPTIONS } from './parse-args.js'
import { usage } from './usage.js'
import { usageJa } from './usage-ja.js'

const flagsIn = (text: string) => new Set([...text.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)].map((m) => m[0]))

describe('--help', () => {
  it.each([
    ['English', usage(OBJECTIVE_IDS)],
    ['Japanese', usageJa(OBJECTIVE_IDS)],
  ])('in %s names every flag the parser takes, and the objectives in lab order', (_, text) => {
    for (const flag of Object.keys(FLAG_OPTIONS)) expect(text).toContain(`--${flag}`)
    expect(text.replace(/\s+/g, ' ')).toContain(OBJECTIVE_IDS.join(', '))
  })

  it('says the same flags in both languages', () => {
    expect([...flagsIn(usageJa(OBJECTIVE_IDS))].sort()).toEqual([...flagsIn(usage(OBJECTIVE_IDS))].sort())
  })
})
