// The composition root: the lab this package grades ("Level 2: stateful containers", specs/registry.ts) handed to
// the engine. The one module under harness/ that imports specs/; the engine takes the lab as data (LabDefinition)
// from the callers that import this: the library's entry (index.ts), the CLI and the schema generator.

import { fileURLToPath } from 'node:url'
import { defineLab } from './objective/lab-definition.js'
import { OBJECTIVES } from '../specs/registry.js'

/** Specs are TypeScript next to TypeScript sources, JavaScript next to the built harness. */
const EXTENSION = import.meta.url.endsWith('.ts') ? 'ts' : 'js'

export const STATEFUL_LAB = defineLab({
  objectives: OBJECTIVES,
  specFile: fileURLToPath(new URL(`../specs/lab.spec.${EXTENSION}`, import.meta.url)),
  root: fileURLToPath(new URL('..', import.meta.url)),
})
