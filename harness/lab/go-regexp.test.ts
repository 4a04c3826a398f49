// The grader's matcher against Go's own regexp (fixtures/go-regexp builds a tiny Go program): for every pattern and
// name, the same verdict (compiles or not, with Go's error, and matched or not). The patterns are hand-picked
// (anchors, classes, repetition limits, flags, Unicode, invalid and Perl-only syntax, patterns that stall a
// backtracking engine) and generated from a small grammar with a fixed seed.

import { describe, expect, it } from 'vitest'
import { goMatchStrings, type PatternPair } from '@trident-lab/go-regexp'
import { goMatchString } from './go-regexp.js'

const HAND_PICKED = [
  // Literals and the lab's own names: the pool part is unanchored, the backend part anchored by Trident.
  'aggr1_01',
  'aggr1',
  'aggr',
  '^aggr1_01$',
  '^svm01-nas$',
  'svm01-.*',
  '^svm01-.*$',
  '.*',
  '',
  '^$',
  'ssd',
  '01$',
  '^aggr[12]_01$',
  // Alternation, classes, escapes, Go-only syntax.
  'aggr1_01|aggr3',
  '^(aggr1_01|aggr3)$',
  '[[:alpha:]]+[[:digit:]]',
  '[[:^digit:]]+',
  '\\d+_\\d+',
  '\\w+',
  '\\W',
  '\\s',
  '\\S+',
  '\\bagg',
  '\\Bgr',
  '\\Aaggr',
  'aggr\\z',
  '\\Qaggr1_01\\E',
  '\\Q.*\\E',
  '[^_]+',
  '[a-c]ggr',
  '[\\d_]+',
  '\\x61ggr',
  '\\x{61}ggr',
  '\\141',
  '\\.',
  'a.b',
  '\\pL+',
  '\\p{L}+',
  '\\PN',
  '\\p{Greek}',
  '\\p{Han}',
  '\\p{Katakana}+',
  '[\\p{Lu}]',
  '\\pZ',
  '\\p{Nope}',
  '\\p{^L}',
  // Flags, named groups, non-capturing groups.
  '(?i)AGGR1_01',
  '(?i:AGGR)1',
  '(?s).',
  '(?m)^aggr',
  '(?U)a+',
  '(?-i)aggr',
  '(?i)(?-i:A)ggr',
  '(?P<pool>aggr)1',
  '(?<pool>aggr)1',
  '(?:aggr)+',
  '(?x)aggr',
  '(?i',
  '(?P<1>a)',
  '(?P=n)',
  '(?P<>a)',
  '(?P<a-b>x)',
  // Go accepts two groups of one name (re2js does not: the grader renames them).
  '(?P<a>x)(?P<a>y)',
  '(?<a>agg)|(?P<a>r1)',
  '[(?P<a>]+(?P<a>g)(?P<a>r)',
  '\\Q(?P<a>\\E(?P<a>x)(?P<a>y)',
  '(?P<a>[]a_])(?P<a>0)',
  '[[:alpha:](?P<a>]1(?P<a>_)',
  // Repetition, and its limits.
  'a{2}',
  'a{2,}',
  'a{,2}',
  'a{1000}',
  'a{1001}',
  'a{0,1000}',
  '(a{100}){10}',
  '(a{100}){11}',
  '((a{10}){10}){10}',
  '((a{10}){10}){11}',
  'x{2}{3}',
  'a**',
  'a*+',
  'a++',
  'a?*',
  '*a',
  '+',
  '?',
  'a{2,1}',
  'a{',
  'a{1',
  'a{1,2',
  '{1}',
  // Invalid, Perl-only and JavaScript-only syntax.
  'aggr1_01(',
  '(',
  ')',
  '[',
  ']',
  '[a',
  '[z-a]',
  '\\',
  'a\\',
  '(?=a)',
  '(?!a)',
  '(?<=a)b',
  '(?<!a)b',
  '(a)\\1',
  '\\k<n>',
  '\\C',
  '\\Z',
  '\\G',
  '\\R',
  '\\h',
  '\\v',
  '\\X',
  '\\e',
  '\\cA',
  '(?#comment)',
  '(?|a|b)',
  '(?>a)',
  'a++b',
  '\\u0041',
  '[\\b]',
  '\\8',
  '\\0',
  'svm07-nas:aggr1_01(',
  '.*:(',
  // Patterns that take a backtracking engine exponential or cubic time.
  '(a+)+:.*',
  '(a+)+$',
  '.*:(a+)+$',
  '.*:(.*a){25}',
  '(a|a)*b',
  '(a|aa)+$',
  '(.*a){12}',
  '^(\\w+\\s?)*$',
  '(x+x+)+y',
  '((a*)*)*b',
  // Deep nesting.
  '('.repeat(999) + 'a' + ')'.repeat(999),
  '('.repeat(1001) + 'a' + ')'.repeat(1001),
  '(?:'.repeat(500) + 'a' + ')'.repeat(500),
]

const NAMES = [
  'aggr1_01',
  'aggr2_01',
  'svm01-nas',
  'svm07-nas',
  'svm01-nas_pool_0',
  'AGGR1_01',
  'xaggr1',
  '',
  '_',
  'a',
  'aa',
  'ab',
  'ssd',
  'α-Ωmega',
  'プール1',
  `${'a'.repeat(40)}-b`,
  `${'a'.repeat(28)}:`,
  'aggr\n1',
  'a b c',
  'x'.repeat(70),
]

/** Patterns from a small grammar, with a fixed seed: the same few hundred on every run. */
function generated(count: number): string[] {
  let seed = 0x2f6b3a1d
  const rand = (n: number) => {
    seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x297a2d39) >>> 0
    return seed % n
  }
  const atoms = ['a', 'b', 'aggr', '1', '_', '0', '.', '\\d', '\\w', '[a-z]', '[^_]', '[12]', '\\.', '-', 'x', '[[:alnum:]]', '\\pL', 'ä', '(', ')', '[', '|', '\\', '$', '^']
  const suffixes = ['', '', '', '*', '+', '?', '{2}', '{1,3}', '*?', '+?', '{0,}', '{1001}']
  const atom = (depth: number): string => {
    const r = rand(10)
    if (depth < 3 && r === 0) return `(${pattern(depth + 1)})`
    if (depth < 3 && r === 1) return `(?:${pattern(depth + 1)}|${pattern(depth + 1)})`
    if (depth < 3 && r === 2) return `(?i)${pattern(depth + 1)}`
    return atoms[rand(atoms.length)] + suffixes[rand(suffixes.length)]
  }
  const pattern = (depth: number): string => Array.from({ length: 1 + rand(4) }, () => atom(depth)).join('')
  return Array.from({ length: count }, () => pattern(0))
}

/** Go's compile error without the expression it quotes (Go quotes `` after a trailing backslash, re2js nothing). */
const errorKind = (error: string | undefined) => error?.replace(/: `[^]*`$/, '')

describe("the pool-pattern matcher against Go's regexp", () => {
  it('gives the verdict Go gives (compile error or match) for every pattern and name', { timeout: 120_000 }, async () => {
    const patterns = [...new Set([...HAND_PICKED, ...generated(400)])]
    const pairs: PatternPair[] = patterns.flatMap((pattern, i) => (i % 2 === 0 ? NAMES : NAMES.slice(0, 8)).map((input) => ({ pattern, input })))
    const go = await goMatchStrings(pairs)
    const differ = pairs
      .map((pair, i) => ({ ...pair, go: go[i], grader: goMatchString(pair.pattern, pair.input) }))
      .filter(({ go, grader }) => errorKind(go.error) !== errorKind(grader.error) || go.matched !== grader.matched)
      .map(({ pattern, input, go, grader }) => ({ pattern: pattern.slice(0, 80), input, go, grader }))
    expect(differ).toEqual([])
    // The set is what it says: some hundreds of patterns, many that Go refuses, many that match.
    expect(patterns.length).toBeGreaterThan(400)
    expect(go.filter((v) => v.error).length).toBeGreaterThan(200)
    expect(go.filter((v) => v.matched).length).toBeGreaterThan(500)
  })

  it('evaluates the patterns that stall a backtracking engine in linear time', () => {
    const started = performance.now()
    for (const pattern of ['(a+)+:.*', '.*:(a+)+$', '.*:(.*a){25}', '(a|aa)+$', '^(\\w+\\s?)*$']) {
      for (const n of [28, 40, 5000]) expect(goMatchString(pattern, `${'a'.repeat(n)}-b`).matched).toBe(false)
    }
    expect(performance.now() - started).toBeLessThan(5_000)
  })
})
