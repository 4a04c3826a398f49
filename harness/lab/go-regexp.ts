// Regular expressions from the student's cluster, evaluated as Trident evaluates them: with Go's `regexp` (RE2
// syntax, leftmost-first, linear time). Trident calls `regexp.MatchString(pattern, name)` for the backend and pool
// parts of storagePools, additionalStoragePools and excludeStoragePools (storage_class/storage_class.go), and its
// name-template check with a Go regexp too. V8's backtracking RegExp is never used on such a pattern: a student's
// `(a+)+` would hold the grader's event loop for minutes, and JavaScript accepts syntax Go refuses (look-around,
// backreferences) and refuses some Go accepts (`\z`, `\Q…\E`, `[[:alpha:]]`).
//
// The engine is re2js, a port of Go's regexp package (same parser, same limits: repeat counts up to 1000,
// nesting up to 1000, "expression too large"), checked pattern by pattern against Go's own regexp in
// go-regexp.test.ts. A pattern Go cannot compile is an error value, never an exception: Trident logs it and the
// pattern matches nothing.

import { RE2JS } from 're2js'

/** A compiled Go regexp, or the error Go's regexp.Compile gives for the pattern. */
export type GoRegexp = { ok: true; source: string; test(input: string): boolean } | { ok: false; source: string; error: string }

/**
 * Compiled patterns kept per process (a class's lists are matched against every pool, by three objectives, for every
 * student of a class run), bounded by count and by their total length, oldest out first.
 */
const CACHE_LIMIT = 2048
const CACHE_CHARS = 4 * 1024 * 1024
const cache = new Map<string, GoRegexp>()
let cachedChars = 0

/** Compiles `source` as Go's regexp.Compile does (unanchored: MatchString finds a match anywhere). */
export function goRegexp(source: string): GoRegexp {
  const hit = cache.get(source)
  if (hit) return hit
  const compiled = compile(source)
  cache.set(source, compiled)
  cachedChars += source.length
  for (const oldest of cache.keys()) {
    if (cache.size <= CACHE_LIMIT && cachedChars <= CACHE_CHARS) break
    cache.delete(oldest)
    cachedChars -= oldest.length
  }
  return compiled
}

function compile(source: string): GoRegexp {
  try {
    const re = RE2JS.compile(source)
    return { ok: true, source, test: (input) => re.test(input) }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    // The one place re2js is stricter than Go: Go accepts two capture groups of the same name. Names do not change
    // what matches, so the pattern is compiled again with every group renamed.
    if (message.startsWith('error parsing regexp: duplicate capture group name')) {
      const renamed = compile(renameCaptureGroups(source))
      if (renamed.ok) return { ...renamed, source }
    }
    // re2js throws Go's own message ("error parsing regexp: missing closing ): `(`"). Anything else it throws
    // (none is known) still means the pattern cannot be used, which is what Trident does with it.
    return { ok: false, source, error: message }
  }
}

/**
 * `(?P<name>` and `(?<name>` outside character classes and escapes become `(?P<g1>`, `(?P<g2>`, ... Only called for a
 * pattern re2js has already parsed up to a duplicate name, so its escapes and classes are well formed.
 */
function renameCaptureGroups(source: string): string {
  let out = ''
  let group = 0
  for (let i = 0; i < source.length;) {
    const c = source[i]
    if (c === '\\') {
      if (source[i + 1] === 'Q') {
        const end = source.indexOf('\\E', i + 2)
        const stop = end < 0 ? source.length : end + 2
        out += source.slice(i, stop)
        i = stop
      } else {
        out += source.slice(i, i + 2)
        i += 2
      }
      continue
    }
    if (c === '[') {
      const stop = classEnd(source, i)
      out += source.slice(i, stop)
      i = stop
      continue
    }
    const named = /^\(\?P?<[A-Za-z0-9_]+>/.exec(source.slice(i, i + 300))
    if (named) {
      out += `(?P<g${++group}>`
      i += named[0].length
      continue
    }
    out += c
    i++
  }
  return out
}

/** The index after the character class starting at `start` (Go's rules: a `]` first is literal; `[:alpha:]` inside). */
function classEnd(source: string, start: number): number {
  let i = start + 1
  if (source[i] === '^') i++
  if (source[i] === ']') i++
  while (i < source.length) {
    if (source[i] === '\\') i += 2
    else if (/^\[:\^?[a-z]+:\]/.test(source.slice(i, i + 12))) i = source.indexOf(':]', i) + 2
    else if (source[i] === ']') return i + 1
    else i++
  }
  return source.length
}

/** Go's regexp.MatchString(pattern, input): false with the compile error when the pattern is not valid RE2. */
export function goMatchString(pattern: string, input: string): { matched: boolean; error?: string } {
  const re = goRegexp(pattern)
  return re.ok ? { matched: re.test(input) } : { matched: false, error: re.error }
}
