// --help in both languages: the same flags, and every flag the parser takes.

import { describe, expect, it } from 'vitest'
import { OBJECTIVE_IDS } from '../rubric/objectives.js'
import { FLAG_OPTIONS } from './parse-args.js'
import { USAGE } from './usage.js'
import { USAGE_JA } from './usage-ja.js'

const flagsIn = (text: string) => new Set([...text.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)].map((m) => m[0]))

describe('--help', () => {
  it.each([
    ['English', USAGE],
    ['Japanese', USAGE_JA],
  ])('in %s names every flag the parser takes, and the objectives in lab order', (_, text) => {
    for (const flag of Object.keys(FLAG_OPTIONS)) expect(text).toContain(`--${flag}`)
    expect(text.replace(/\s+/g, ' ')).toContain(OBJECTIVE_IDS.join(', '))
  })

  it('says the same flags in both languages', () => {
    expect([...flagsIn(USAGE_JA)].sort()).toEqual([...flagsIn(USAGE)].sort())
  })
})
