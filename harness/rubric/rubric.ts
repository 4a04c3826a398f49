// A rubric is data: which objectives count, their points and prerequisites, hint overrides, and the
// parameters the specs use (data path, database selector, aggregates). The default follows the lab text.

import { readFile } from 'node:fs/promises'
import { parse as parseYaml } from 'yaml'
import { UsageError } from '../errors.js'
import { DEFAULT_OBJECTIVES, isObjectiveId, type ObjectiveDefinition, type ObjectiveId } from './objectives.js'

export interface LocalizedText {
  en: string
  ja: string
}

export interface RubricParameters {
  /** Where the database keeps its data inside the container (lab: MySQL). */
  dataPath: string
  /** Optional label selector (`app=wordpress,tier=mysql`) that names the database workload. */
  databaseSelector?: string
  /** Optional name of the database's PVC; by default it is found through the workload that mounts it. */
  databasePvc?: string
  /** Aggregates that count as SSD / HDD when the ONTAP user may not read aggregate media. */
  ssdAggregates: string[]
  hddAggregates: string[]
  /**
   * What ontap-volume does when neither ONTAP nor the lists above tell the media of the volume's aggregate:
   * `pass` (default) passes the placement part with a note in the card; `error` makes the check a grader error
   * (no points lost, the instructor looks). Never `failed`.
   */
  unknownAggregateMedia: 'pass' | 'error'
  /** Budget for the pod replacement in data-persists, in seconds. */
  persistTimeoutSeconds: number
}

export interface RubricObjective extends ObjectiveDefinition {
  enabled: boolean
  hint?: LocalizedText
}

export interface Rubric {
  name: string
  objectives: RubricObjective[]
  parameters: RubricParameters
}

export const DEFAULT_PARAMETERS: RubricParameters = {
  dataPath: '/var/lib/mysql',
  ssdAggregates: ['aggr1_01'],
  hddAggregates: ['aggr2_01'],
  unknownAggregateMedia: 'pass',
  persistTimeoutSeconds: 180,
}

export function defaultRubric(): Rubric {
  return {
    name: 'level2-default',
    objectives: DEFAULT_OBJECTIVES.map((o) => ({ ...o, requires: { all: [...o.requires.all], any: [...o.requires.any], mountable: [...o.requires.mountable] }, enabled: true })),
    parameters: { ...DEFAULT_PARAMETERS, ssdAggregates: [...DEFAULT_PARAMETERS.ssdAggregates], hddAggregates: [...DEFAULT_PARAMETERS.hddAggregates] },
  }
}

export async function loadRubric(file: string | undefined): Promise<Rubric> {
  if (!file) return defaultRubric()
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    throw new UsageError(`Cannot read the rubric file ${file}; check the path given to --rubric.`)
  }
  let data: unknown
  try {
    data = parseYaml(text)
  } catch (error) {
    throw new UsageError(`The rubric file ${file} is not valid YAML (${firstLine(error)}); fix it or drop --rubric.`)
  }
  return applyRubric(defaultRubric(), data, file)
}

/** Overlays a parsed rubric document on the default; every mistake is reported as one sentence. */
export function applyRubric(base: Rubric, data: unknown, file: string): Rubric {
  const bad = (what: string) => new UsageError(`Rubric ${file}: ${what}.`)
  if (data === null || data === undefined) return base
  if (!isRecord(data)) throw bad('the top level must be a mapping with `objectives` and `parameters`')
  for (const key of Object.keys(data)) {
    if (!['version', 'name', 'objectives', 'parameters'].includes(key)) throw bad(`unknown key \`${key}\` (allowed: version, name, objectives, parameters)`)
  }
  if (data.version !== undefined && data.version !== 1) throw bad('`version` must be 1')
  const rubric: Rubric = { ...base, name: typeof data.name === 'string' ? data.name : base.name }

  if (data.objectives !== undefined) {
    if (!isRecord(data.objectives)) throw bad('`objectives` must be a mapping from objective id to settings')
    for (const [id, raw] of Object.entries(data.objectives)) {
      if (!isObjectiveId(id)) throw bad(`\`${id}\` is not an objective id (known: ${base.objectives.map((o) => o.id).join(', ')})`)
      const objective = rubric.objectives.find((o) => o.id === id)!
      if (!isRecord(raw)) throw bad(`settings of \`${id}\` must be a mapping`)
      for (const key of Object.keys(raw)) {
        if (key === 'requiresNotFailed') throw bad(`\`${id}.requiresNotFailed\` is now \`requiresMountable\` (only a volume that cannot be mounted blocks)`)
        if (!['points', 'enabled', 'requires', 'requiresAny', 'requiresMountable', 'hint'].includes(key))
          throw bad(`\`${id}.${key}\` is not a setting (allowed: points, enabled, requires, requiresAny, requiresMountable, hint)`)
      }
      if (raw.points !== undefined) {
        if (typeof raw.points !== 'number' || !Number.isFinite(raw.points) || raw.points < 0) throw bad(`\`${id}.points\` must be a number >= 0`)
        // Totals must add up and print exactly: no overflow, no 10.299999999999999.
        if (raw.points > 1000 || Math.round(raw.points * 100) / 100 !== raw.points) throw bad(`\`${id}.points\` must be at most 1000 with at most two decimals, not ${raw.points}`)
        objective.points = raw.points
      }
      if (raw.enabled !== undefined) {
        if (typeof raw.enabled !== 'boolean') throw bad(`\`${id}.enabled\` must be true or false`)
        objective.enabled = raw.enabled
      }
      if (raw.requires !== undefined) objective.requires.all = idList(raw.requires, `${id}.requires`, bad)
      if (raw.requiresAny !== undefined) objective.requires.any = idList(raw.requiresAny, `${id}.requiresAny`, bad)
      if (raw.requiresMountable !== undefined) objective.requires.mountable = idList(raw.requiresMountable, `${id}.requiresMountable`, bad)
      if (raw.hint !== undefined) {
        if (!isRecord(raw.hint) || typeof raw.hint.en !== 'string' || typeof raw.hint.ja !== 'string') throw bad(`\`${id}.hint\` must have \`en\` and \`ja\` strings`)
        objective.hint = { en: raw.hint.en, ja: raw.hint.ja }
      }
    }
    checkPrerequisiteOrder(rubric, bad)
  }

  if (data.parameters !== undefined) {
    if (!isRecord(data.parameters)) throw bad('`parameters` must be a mapping')
    const p = data.parameters
    const params = { ...rubric.parameters }
    for (const key of Object.keys(p)) {
      if (!['dataPath', 'databaseSelector', 'databasePvc', 'ssdAggregates', 'hddAggregates', 'unknownAggregateMedia', 'persistTimeoutSeconds'].includes(key)) {
        throw bad(`\`parameters.${key}\` is not a parameter (allowed: dataPath, databaseSelector, databasePvc, ssdAggregates, hddAggregates, unknownAggregateMedia, persistTimeoutSeconds)`)
      }
    }
    if (p.dataPath !== undefined) {
      if (typeof p.dataPath !== 'string' || !p.dataPath.startsWith('/')) throw bad('`parameters.dataPath` must be an absolute path such as /var/lib/mysql')
      params.dataPath = p.dataPath
    }
    if (p.databaseSelector !== undefined) {
      if (typeof p.databaseSelector !== 'string' || !/^[\w./-]+=[\w.-]*(,[\w./-]+=[\w.-]*)*$/.test(p.databaseSelector)) {
        throw bad('`parameters.databaseSelector` must look like `app=wordpress,tier=mysql`')
      }
      params.databaseSelector = p.databaseSelector
    }
    if (p.databasePvc !== undefined) {
      if (typeof p.databasePvc !== 'string' || p.databasePvc === '') throw bad('`parameters.databasePvc` must be a PVC name')
      params.databasePvc = p.databasePvc
    }
    if (p.ssdAggregates !== undefined) params.ssdAggregates = stringList(p.ssdAggregates, 'parameters.ssdAggregates', bad)
    if (p.hddAggregates !== undefined) params.hddAggregates = stringList(p.hddAggregates, 'parameters.hddAggregates', bad)
    const both = params.ssdAggregates.filter((a) => params.hddAggregates.includes(a))
    if (both.length > 0) throw bad(`aggregate ${both.join(', ')} is in both \`parameters.ssdAggregates\` and \`parameters.hddAggregates\``)
    if (p.unknownAggregateMedia !== undefined) {
      if (p.unknownAggregateMedia !== 'pass' && p.unknownAggregateMedia !== 'error') throw bad('`parameters.unknownAggregateMedia` must be `pass` or `error`')
      params.unknownAggregateMedia = p.unknownAggregateMedia
    }
    if (p.persistTimeoutSeconds !== undefined) {
      if (typeof p.persistTimeoutSeconds !== 'number' || !(p.persistTimeoutSeconds > 0)) throw bad('`parameters.persistTimeoutSeconds` must be a number > 0')
      // A Node timer holds at most 2^31-1 ms; a longer wait would end at once, after the pod was deleted.
      if (p.persistTimeoutSeconds > 3600) throw bad('`parameters.persistTimeoutSeconds` must be at most 3600')
      params.persistTimeoutSeconds = p.persistTimeoutSeconds
    }
    rubric.parameters = params
  }
  return rubric
}

function checkPrerequisiteOrder(rubric: Rubric, bad: (what: string) => Error): void {
  // Objectives run in lab order; a prerequisite must come earlier, which also rules out cycles.
  rubric.objectives.forEach((objective, index) => {
    for (const dep of [...objective.requires.all, ...objective.requires.any, ...objective.requires.mountable]) {
      const at = rubric.objectives.findIndex((o) => o.id === dep)
      if (at >= index) throw bad(`\`${objective.id}\` cannot require \`${dep}\`, which runs after it`)
    }
  })
}

function idList(value: unknown, where: string, bad: (what: string) => Error): ObjectiveId[] {
  const list = stringList(value, where, bad)
  for (const id of list) if (!isObjectiveId(id)) throw bad(`\`${where}\` names \`${id}\`, which is not an objective id`)
  return list as ObjectiveId[]
}

function stringList(value: unknown, where: string, bad: (what: string) => Error): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw bad(`\`${where}\` must be a list of strings`)
  return value as string[]
}

function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0]
}
