// CLI records (keyed by whatever ONTAP printed: `-fields` names, default-table headers or instance-view labels)
// → the grader's OntapVolume / OntapAggregate / OntapQtree.

import { CliParseError } from './cli-parse-error.js'
import type { OntapAggregate, OntapMedia, OntapQtree, OntapVolume } from './types.js'
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
  comment: ['comment'],
} as const

const AGGREGATE_FIELDS = {
  name: ['aggregate', 'aggregate name'],
  // `vserver show-aggregates` default table: `Type` (its man page documents no `-fields` names beyond -vserver and
  // -aggregate, so the grader reads the default table); `storage aggregate show -fields storage-type` (cluster admin).
  type: ['type', 'aggregate type', 'storage-type', 'storage type'],
} as const

const QTREE_FIELDS = {
  svm: ['vserver', 'vserver name'],
  volume: ['volume', 'volume name'],
  name: ['qtree', 'qtree name'],
  path: ['qtree-path', 'actual (non-junction) qtree path', 'qtree path'],
} as const

// The aggregate type the CLI prints (the value Trident's ZAPI path turns into a pool's media).
const CLI_AGGREGATE_TYPES: Record<string, { ssd: boolean; media: OntapMedia }> = {
  ssd: { ssd: true, media: 'ssd' },
  hdd: { ssd: false, media: 'hdd' },
  hybrid: { ssd: false, media: 'hybrid' },
}

/** The value of the first alias present, `-` (ONTAP's "no value") as undefined. */
function pickField(record: Record<string, string>, aliases: readonly string[]): string | undefined {
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
    comment: pickField(record, VOLUME_FIELDS.comment),
  }
}

/**
 * An aggregate row. Type `ssd`/`hdd`/`hybrid` is known media; anything else (`vmdisk`, `lun`, `-`, no column)
 * leaves the media unknown: the grader never calls an aggregate "not SSD" on a type it cannot read.
 */
export function aggregateFromCliRecord(record: Record<string, string>): OntapAggregate {
  const name = pickField(record, AGGREGATE_FIELDS.name)
  if (name === undefined) throw new CliParseError('aggregate record has no aggregate name', JSON.stringify(record))
  const type = pickField(record, AGGREGATE_FIELDS.type)?.toLowerCase()
  const known = type === undefined ? undefined : CLI_AGGREGATE_TYPES[type]
  return { name, ssd: known?.ssd, media: known?.media, reported: type === undefined ? undefined : `type=${type}`, storageType: type }
}

export function qtreeFromCliRecord(record: Record<string, string>, fallbackSvm?: string): OntapQtree {
  const raw = JSON.stringify(record)
  const name = pickField(record, QTREE_FIELDS.name)
  const volume = pickField(record, QTREE_FIELDS.volume)
  if (name === undefined) throw new CliParseError('qtree record has no qtree name', raw)
  if (volume === undefined) throw new CliParseError(`qtree ${name}: no volume`, raw)
  const svm = pickField(record, QTREE_FIELDS.svm) ?? fallbackSvm
  if (svm === undefined) throw new CliParseError(`qtree ${name}: no vserver`, raw)
  return { name, volume, svm, path: pickField(record, QTREE_FIELDS.path) }
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
