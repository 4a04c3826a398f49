// CLI records (keyed by whatever ONTAP printed: `-fields` names, default-table headers or instance-view labels)
// → the grader's OntapVolume / OntapAggregate.

import { CliParseError } from './cli-parse-error.js'
import type { OntapAggregate, OntapVolume } from './types.js'
import { parseOntapSize } from './units.js'

// Every spelling of a field we read, in the three output forms (normalised: lower case, single spaces).
const VOLUME_FIELDS = {
  svm: ['vserver', 'vserver name'],
  name: ['volume', 'volume name'],
  aggregate: ['aggregate', 'aggregate name', 'aggr-list', 'list of aggregates for flexgroup constituents'],
  state: ['state', 'volume state'],
  size: ['size', 'volume size'],
  junctionPath: ['junction-path', 'junction path'],
  type: ['type', 'volume type'],
} as const

const AGGREGATE_FIELDS = {
  name: ['aggregate', 'aggregate name'],
  // `vserver show-aggregates`: `type` / `Type`; `storage aggregate show`: `storage-type` / `Storage Type`.
  media: ['type', 'aggregate type', 'storage-type', 'storage type'],
} as const

/** The value of the first alias present, `-` (ONTAP's "no value") as undefined. */
export function pickField(record: Record<string, string>, aliases: readonly string[]): string | undefined {
  const normalised = new Map(Object.entries(record).map(([key, value]) => [normaliseKey(key), value]))
  for (const alias of aliases) {
    const value = normalised.get(alias)
    if (value !== undefined) return value === '-' || value === '' ? undefined : value
  }
  return undefined
}

export function volumeFromCliRecord(record: Record<string, string>, fallbackSvm?: string): OntapVolume {
  const name = pickField(record, VOLUME_FIELDS.name)
  const sizeText = pickField(record, VOLUME_FIELDS.size)
  const sizeBytes = parseOntapSize(sizeText)
  const state = pickField(record, VOLUME_FIELDS.state)
  const raw = JSON.stringify(record)
  if (name === undefined) throw new CliParseError('volume record has no volume name', raw)
  if (state === undefined) throw new CliParseError(`volume ${name}: no state`, raw)
  // ONTAP shows `-` for the size of a volume that is not online; only then is an unknown size an answer.
  const sizeUnknown = sizeText === undefined && state.toLowerCase() !== 'online'
  if (sizeBytes === undefined && !sizeUnknown) throw new CliParseError(`volume ${name}: size "${sizeText ?? ''}" is not a size`, raw)
  const svm = pickField(record, VOLUME_FIELDS.svm) ?? fallbackSvm
  if (svm === undefined) throw new CliParseError(`volume ${name}: no vserver`, raw)
  const type = pickField(record, VOLUME_FIELDS.type)
  return {
    name,
    svm,
    state: state.toLowerCase(),
    sizeBytes: sizeBytes ?? Number.NaN,
    aggregates: splitList(pickField(record, VOLUME_FIELDS.aggregate)),
    junctionPath: pickField(record, VOLUME_FIELDS.junctionPath),
    type: type?.toLowerCase(),
  }
}

export function aggregateFromCliRecord(record: Record<string, string>): OntapAggregate {
  const name = pickField(record, AGGREGATE_FIELDS.name)
  if (name === undefined) throw new CliParseError('aggregate record has no aggregate name', JSON.stringify(record))
  return { name, media: (pickField(record, AGGREGATE_FIELDS.media) ?? 'unknown').toLowerCase() }
}

/** `aggr1`, `aggr1,aggr2`, `"aggr1","aggr2"` → names. */
function splitList(value: string | undefined): string[] {
  if (value === undefined) return []
  return value
    .split(',')
    .map((item) => item.trim().replace(/^"(.*)"$/, '$1'))
    .filter((item) => item !== '' && item !== '-')
}

function normaliseKey(key: string): string {
  return key.trim().toLowerCase().replace(/\s+/g, ' ')
}
