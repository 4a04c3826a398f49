// The scorecard's JSON Schema (scorecard.schema.json) is generated from the TypeScript types: Scorecard and
// ScorecardCheck (scorecard.ts), Evidence, Detected, RunStats (../check.ts) and what they use.
//
//   npm run schema     rewrites scorecard.schema.json (commit it with the type change)
//
// schema.test.ts generates it again in memory and fails when the committed file differs, so a type change without
// `npm run schema` fails CI. The file is committed, not built: validate-scorecard.ts reads it next to itself, from
// the sources and from dist/ (the build copies it as it is).
//
// Constraints that a TypeScript type cannot say are JSDoc tags on the fields, read by ts-json-schema-generator:
// `@minimum 0`, `@maxLength 63`, `@pattern ...`, `@format date-time`, `@asType integer` (a whole number).
// Two things are not taken from the type checker:
//   - ObjectiveId is the list of this package's lab (harness/stateful-lab.ts) as the running code has it, whatever
//     TypeScript construct declares the type (harness/objective/ids.ts); every field typed ObjectiveId
//     refers to that one definition;
//   - the header ($id, title) is set here.

import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import {
  createFormatter,
  createParser,
  createProgram,
  DefinitionType,
  LiteralType,
  SchemaGenerator,
  UnionType,
  DEFAULT_CONFIG,
  type BaseType,
  type CompletedConfig,
  type SubNodeParser,
} from 'ts-json-schema-generator'
import ts from 'typescript'
import { objectiveIds } from '../objective/lab-definition.js'
import { STATEFUL_LAB } from '../stateful-lab.js'

export const SCHEMA_FILE = fileURLToPath(new URL('./scorecard.schema.json', import.meta.url))
const SCHEMA_ID = 'https://trident-lab-grader.invalid/scorecard.v1.json'
const SCHEMA_TITLE = 'Level 2 grading scorecard, version 1'
const OBJECTIVES_MODULE = fileURLToPath(new URL('../objective/ids.ts', import.meta.url))
const OBJECTIVE_IDS = objectiveIds(STATEFUL_LAB)

/** Every reference to ids.ts's ObjectiveId becomes one definition listing OBJECTIVE_IDS. */
class ObjectiveIdParser implements SubNodeParser {
  constructor(private readonly checker: ts.TypeChecker) {}

  supportsNode(node: ts.Node): boolean {
    if (!ts.isTypeReferenceNode(node)) return false
    let symbol = this.checker.getSymbolAtLocation(node.typeName)
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol)
    const declaration = symbol?.declarations?.[0]
    return symbol?.name === 'ObjectiveId' && declaration !== undefined && samePath(declaration.getSourceFile().fileName, OBJECTIVES_MODULE)
  }

  createType(): BaseType {
    return new DefinitionType('ObjectiveId', new UnionType(OBJECTIVE_IDS.map((id) => new LiteralType(id))))
  }
}

const samePath = (a: string, b: string) => a.replaceAll('\\', '/') === b.replaceAll('\\', '/')

/** The scorecard's JSON Schema as generated from the current sources (with OBJECTIVE_IDS as this process has it). */
export function generateScorecardSchema(): Record<string, unknown> {
  const config: CompletedConfig = {
    ...DEFAULT_CONFIG,
    path: fileURLToPath(new URL('./scorecard.ts', import.meta.url)),
    tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)),
    type: 'Scorecard',
    topRef: false, // the root is the scorecard itself, not a $ref to it
    expose: 'export', // exported types are named definitions (#/definitions/ScorecardCheck)
    jsDoc: 'extended',
    sortProps: false, // fields in source order
    additionalProperties: false,
    skipTypeCheck: true, // `npm run typecheck` does that
    functions: 'fail',
  }
  const program = createProgram(config)
  const parser = createParser(program, config, (chain) => chain.addNodeParser(new ObjectiveIdParser(program.getTypeChecker())))
  const generator = new SchemaGenerator(program, parser, createFormatter(config), config)
  const { $schema, ...rest } = generator.createSchema('Scorecard') as Record<string, unknown>
  return { $schema, $id: SCHEMA_ID, title: SCHEMA_TITLE, ...rest }
}

/** The file's text: two-space JSON and a final newline. */
export function renderScorecardSchema(schema = generateScorecardSchema()): string {
  return `${JSON.stringify(schema, null, 2)}\n`
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(SCHEMA_FILE, renderScorecardSchema())
  console.log(`schema: wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`)
}
