// A rubric is data: which of a lab's objectives count, their points and prerequisites, hint overrides, and the
// parameters the specs use (data path, database selector, aggregates). The default is the lab's own (its objective
// modules' points and prerequisites) and follows the lab text. The engine learns a lab's objectives from here.

import { readFile } from 'node:fs/promises'
import { usageError } from '../i18n/usage-errors.js'
import type { ObjectiveId, Prerequisites } from '../objective/ids.js'

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

/** One objective of the lab under this rubric. */
export interface RubricObjective {
  id: ObjectiveId
  /** The sentence the objective stands for (from its module). */
  title: LocalizedText
  points: number
  requires: Prerequisites
  /** Whether the check changes the student's cluster (deletes a pod): it needs the run's consent. */
  disruptive: boolean
  /** Whether the check asks the student's SVM. */
  ontap: boolean
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

/** Whether a rubric's lab has an objective of this id. */
export function hasObjective(rubric: Rubric, id: string): boolean {
  return rubric.objectives.some((o) => o.id === id)
}

/**
 * What a check of this objective is worth and says it stands for, for its row on the card: its points, or 0 when the
 * rubric turns it off (it is not part of this lab, so it is neither in the lab's total nor among what a run did not
 * check).
 */
export function checkOf(rubric: Rubric, id: ObjectiveId): { points: number; title: LocalizedText } {
  const objective = rubric.objectives.find((o) => o.id === id)
  return { points: objective?.enabled ? objective.points : 0, title: objective?.title ?? { en: id, ja: id } }
}

/** A rubric file (YAML) over `base` (a lab's default rubric: objective/lab-definition.ts's labRubric()); no file: the base. */
export async function loadRubric(file: string | undefined, base: Rubric): Promise<Rubric> {
  if (!file) return base
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    throw usageError('rubric.unreadable', { file })
  }
  let data: unknown
  try {
    // The YAML parser is loaded only when a rubric file is read (--help and a run without one never need it).
    const { parse: parseYaml } = await import('yaml')
    data = parseYaml(text)
  } catch (error) {
    throw usageError('rubric.bad-yaml', { file, detail: firstLine(error) })
  }
  return applyRubric(base, data, file)
}

/** The settings an objective takes in a rubric, and the parameters a rubric may set. */
const OBJECTIVE_SETTINGS = ['points', 'enabled', 'requires', 'requiresAny', 'requiresMountable', 'hint']
const PARAMETERS = ['dataPath', 'databaseSelector', 'databasePvc', 'ssdAggregates', 'hddAggregates', 'unknownAggregateMedia', 'persistTimeoutSeconds']
/** A Node timer holds at most 2^31-1 ms; a longer wait would end at once, after the pod was deleted. */
const MAX_PERSIST_SECONDS = 3600

/** Overlays a parsed rubric document on the default; every mistake is reported as one sentence. */
export function applyRubric(base: Rubric, data: unknown, file: string): Rubric {
  if (data === null || data === undefined) return base
  if (!isRecord(data)) throw usageError('rubric.not-mapping', { file })
  const TOP_KEYS = ['version', 'name', 'objectives', 'parameters']
  for (const key of Object.keys(data)) if (!TOP_KEYS.includes(key)) throw usageError('rubric.unknown-key', { file, key, allowed: TOP_KEYS })
  if (data.version !== undefined && data.version !== 1) throw usageError('rubric.version', { file })
  const rubric: Rubric = { ...base, name: typeof data.name === 'string' ? data.name : base.name }

  if (data.objectives !== undefined) {
    if (!isRecord(data.objectives)) throw usageError('rubric.objectives-not-mapping', { file })
    for (const [id, raw] of Object.entries(data.objectives)) {
      if (!hasObjective(base, id)) throw usageError('rubric.unknown-objective', { file, id, known: base.objectives.map((o) => o.id) })
      const objective = rubric.objectives.find((o) => o.id === id)!
      if (!isRecord(raw)) throw usageError('rubric.settings-not-mapping', { file, id })
      for (const key of Object.keys(raw)) {
        if (key === 'requiresNotFailed') throw usageError('rubric.renamed-setting', { file, id })
        if (!OBJECTIVE_SETTINGS.includes(key)) throw usageError('rubric.unknown-setting', { file, id, key, allowed: OBJECTIVE_SETTINGS })
      }
      if (raw.points !== undefined) {
        if (typeof raw.points !== 'number' || !Number.isFinite(raw.points) || raw.points < 0) throw usageError('rubric.points-negative', { file, id })
        // Totals must add up and print exactly: no overflow, no 10.299999999999999.
        if (raw.points > 1000 || Math.round(raw.points * 100) / 100 !== raw.points) throw usageError('rubric.points-precision', { file, id, points: raw.points })
        objective.points = raw.points
      }
      if (raw.enabled !== undefined) {
        if (typeof raw.enabled !== 'boolean') throw usageError('rubric.not-boolean', { file, key: `${id}.enabled` })
        objective.enabled = raw.enabled
      }
      if (raw.requires !== undefined) objective.requires.all = idList(base, raw.requires, `${id}.requires`, file)
      if (raw.requiresAny !== undefined) objective.requires.any = idList(base, raw.requiresAny, `${id}.requiresAny`, file)
      if (raw.requiresMountable !== undefined) objective.requires.mountable = idList(base, raw.requiresMountable, `${id}.requiresMountable`, file)
      if (raw.hint !== undefined) {
        if (!isRecord(raw.hint) || typeof raw.hint.en !== 'string' || typeof raw.hint.ja !== 'string') throw usageError('rubric.hint', { file, id })
        objective.hint = { en: raw.hint.en, ja: raw.hint.ja }
      }
    }
    checkPrerequisiteOrder(rubric, file)
  }

  if (data.parameters !== undefined) {
    if (!isRecord(data.parameters)) throw usageError('rubric.parameters-not-mapping', { file })
    const p = data.parameters
    const params = { ...rubric.parameters }
    for (const key of Object.keys(p)) {
      if (!PARAMETERS.includes(key)) throw usageError('rubric.unknown-parameter', { file, key, allowed: PARAMETERS })
    }
    if (p.dataPath !== undefined) {
      if (typeof p.dataPath !== 'string' || !p.dataPath.startsWith('/')) throw usageError('rubric.data-path', { file })
      params.dataPath = p.dataPath
    }
    if (p.databaseSelector !== undefined) {
      if (typeof p.databaseSelector !== 'string' || !/^[\w./-]+=[\w.-]*(,[\w./-]+=[\w.-]*)*$/.test(p.databaseSelector)) {
        throw usageError('rubric.selector', { file })
      }
      params.databaseSelector = p.databaseSelector
    }
    if (p.databasePvc !== undefined) {
      if (typeof p.databasePvc !== 'string' || p.databasePvc === '') throw usageError('rubric.pvc', { file })
      params.databasePvc = p.databasePvc
    }
    if (p.ssdAggregates !== undefined) params.ssdAggregates = stringList(p.ssdAggregates, 'parameters.ssdAggregates', file)
    if (p.hddAggregates !== undefined) params.hddAggregates = stringList(p.hddAggregates, 'parameters.hddAggregates', file)
    const both = params.ssdAggregates.filter((a) => params.hddAggregates.includes(a))
    if (both.length > 0) throw usageError('rubric.aggregate-both', { file, aggregates: both })
    if (p.unknownAggregateMedia !== undefined) {
      if (p.unknownAggregateMedia !== 'pass' && p.unknownAggregateMedia !== 'error') throw usageError('rubric.unknown-media', { file })
      params.unknownAggregateMedia = p.unknownAggregateMedia
    }
    if (p.persistTimeoutSeconds !== undefined) {
      if (typeof p.persistTimeoutSeconds !== 'number' || !(p.persistTimeoutSeconds > 0)) throw usageError('rubric.persist-positive', { file })
      if (p.persistTimeoutSeconds > MAX_PERSIST_SECONDS) throw usageError('rubric.persist-max', { file, max: MAX_PERSIST_SECONDS })
      params.persistTimeoutSeconds = p.persistTimeoutSeconds
    }
    rubric.parameters = params
  }
  return rubric
}

function checkPrerequisiteOrder(rubric: Rubric, file: string): void {
  // Objectives run in lab order; a prerequisite must come earlier, which also rules out cycles.
  rubric.objectives.forEach((objective, index) => {
    for (const dep of [...objective.requires.all, ...objective.requires.any, ...objective.requires.mountable]) {
      const at = rubric.objectives.findIndex((o) => o.id === dep)
      if (at >= index) throw usageError('rubric.order', { file, id: objective.id, dep })
    }
  })
}

function idList(rubric: Rubric, value: unknown, key: string, file: string): ObjectiveId[] {
  const list = stringList(value, key, file)
  for (const id of list) if (!hasObjective(rubric, id)) throw usageError('rubric.not-objective', { file, key, id })
  return list
}

function stringList(value: unknown, key: string, file: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw usageError('rubric.not-list', { file, key })
  return value as string[]
}

function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0]
}
