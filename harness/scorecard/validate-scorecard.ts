// Validates a scorecard against its published JSON Schema (for consumers, LMS adapters and our tests).

import { readFileSync } from 'node:fs'
import AjvModule from 'ajv'

const Ajv = (AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule
const schema = JSON.parse(readFileSync(new URL('./scorecard.schema.json', import.meta.url), 'utf8'))
// The published schema lists this package's objective ids; the engine grades any lab, so a card is checked for
// well-formed ids here (a lab's own tests compare the ids with its registry).
schema.definitions.ObjectiveId = { type: 'string', pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' }
const ajv = new (Ajv as unknown as new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null } })({
  allErrors: true,
  strict: false,
  validateFormats: false,
})
const validate = ajv.compile(schema)

/** Returns the schema violations, empty when the card is valid. */
export function scorecardErrors(card: unknown): string[] {
  if (validate(card)) return []
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`)
}
