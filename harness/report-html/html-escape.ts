// Everything that goes into HTML passes through here: evidence, messages and names are student-controlled.
// Control characters and bidi overrides are shown as visible escapes (safe-text.ts), markup is escaped.

import { stripUrlCredentials, visible } from '../scorecard/safe-text.js'

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Text for an element or a quoted attribute value. */
export function esc(value: unknown): string {
  return visible(stripUrlCredentials(String(value ?? '')), '\n\t').replace(/[&<>"']/g, (ch) => ENTITIES[ch])
}

/** A relative link to another report: path segments encoded, nothing but a relative path allowed. */
export function relativeHref(path: string): string {
  return path
    .split('/')
    .map((part) => (part === '..' || part === '.' ? part : encodeURIComponent(part)))
    .join('/')
}
