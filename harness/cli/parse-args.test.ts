// The flags of sharding: --shard as a plain value, --merge-class with the folders that follow it.

import { describe, expect, it } from 'vitest'
import { isGraderError } from '../errors.js'
import { parseFlags } from './parse-args.js'

const usage = (argv: string[]): string => {
  try {
    parseFlags(argv)
  } catch (error) {
    if (isGraderError(error) && error.name === 'UsageError') return error.message
    throw error
  }
  throw new Error('no UsageError')
}

describe('parseFlags: --shard', () => {
  it('takes i/n as a string (checked by the roster run)', () => {
    expect(parseFlags(['--roster', 'class.yaml', '--shard', '1/3'])).toEqual({ roster: 'class.yaml', shard: '1/3' })
    expect(parseFlags(['--roster=class.yaml', '--shard=0/2'])).toEqual({ roster: 'class.yaml', shard: '0/2' })
  })

  it('is given once', () => {
    expect(usage(['--shard=0/2', '--shard=1/2'])).toBe('--shard was given more than once; give each option once.')
  })
})

describe('parseFlags: --merge-class', () => {
  it('takes the folders that follow it, up to the next flag', () => {
    expect(parseFlags(['--merge-class', 'a', 'b', 'c', '--out', 'reports'])).toEqual({ 'merge-class': ['a', 'b', 'c'], out: 'reports' })
    expect(parseFlags(['--roster=class.yaml', '--merge-class=a', 'b'])).toEqual({ roster: 'class.yaml', 'merge-class': ['a', 'b'] })
    expect(parseFlags(['--merge-class', 'only'])).toEqual({ 'merge-class': ['only'] })
  })

  it('still refuses a stray argument anywhere else', () => {
    expect(usage(['--out', 'reports', 'stray', '--merge-class', 'a'])).toBe('Unexpected argument "stray"; every option is a flag such as --student=<namespace>.')
    expect(usage(['stray', '--merge-class', 'a'])).toBe('Unexpected argument "stray"; every option is a flag such as --student=<namespace>.')
    expect(usage(['--merge-class', 'a', '--', 'b'])).toBe('Unexpected argument "b"; every option is a flag such as --student=<namespace>.')
    expect(usage(['--student=alice', 'bob'])).toBe('Unexpected argument "bob"; every option is a flag such as --student=<namespace>.')
  })

  it('needs a folder and is given once', () => {
    expect(usage(['--merge-class'])).toBe('Option --merge-class needs a value (or takes none); see --help.')
    expect(usage(['--merge-class', 'a', '--merge-class', 'b'])).toBe('--merge-class was given more than once; give each option once.')
  })
})
