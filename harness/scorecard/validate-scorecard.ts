// Validates a scorecard against its published JSON Schema (for consumers, LMS adapters and our tests).

import { readFileSync } from 'node:fs'
import AjvModule from 'ajv'
import { OBJECTIVE_IDS } from '../rubric/objectives.js'

const Ajv = (AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule
const schema = JSON.parse(readFileSync(new URL('./scorecard.schema.json', import.meta.url), 'utf8'))
// The ids are the registry's as this grader has them: a card of an objective added since the schema file was last
// generated (npm run schema; harness/scorecard/schema.test.ts keeps the file in step) still validates.
schema.definitions.ObjectiveId.enum = [...OBJECTIVE_IDS]
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
