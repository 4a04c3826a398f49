import { describe, expect, it } from 'vitest'
import { parseCliOutput } from './cli-output.js'
import { parseCliTable } from './cli-table.js'
import { parseInstanceView } from './cli-instance.js'
import { parseSeparatedOutput } from './cli-separated.js'
import { findOntapError } from './cli-messages.js'
import { aggregateFromCliRecord, qtreeFromCliRecord, volumeFromCliRecord } from './cli-records.js'
import { CliParseError } from './cli-parse-error.js'
import { ontapOutput as golden } from '../test-support/testdata.js'

const GiB = 1024 ** 3
const MiB = 1024 ** 2

function records(name: string, separator?: string) {
  const output = parseCliOutput(golden(name), { separator })
  if (output.kind !== 'records') throw new Error(`expected records, got ${output.message}`)
  return output
}

describe('default vol show table', () => {
  it('joins rows that wrap after a long volume name', () => {
    const output = records('vol-show-wrapped.txt')
    expect(output.format).toBe('table')
    expect(output.columns).toEqual(['Vserver', 'Volume', 'Aggregate', 'State', 'Type', 'Size', 'Available', 'Used%'])
    expect(output.records).toHaveLength(3)
    expect(output.records[1]).toEqual({
      Vserver: 'SVM1',
      Volume: 'trident_pvc_137803cc_8050_49c9_bd22_562f4e5b62be',
      Aggregate: 'aggr1',
      State: 'online',
      Type: 'RW',
      Size: '30GB',
      Available: '29.98GB',
      'Used%': '0%',
    })
    const volume = volumeFromCliRecord(output.records[1])
    expect(volume).toMatchObject({ svm: 'SVM1', state: 'online', sizeBytes: 30 * GiB, aggregates: ['aggr1'], type: 'rw' })
  })

  it('reads a vserver name too long for its column, alone on its line', () => {
    const rows = records('vol-show-long-vserver.txt').records
    expect(rows.map((r) => [r.Vserver, r.Volume, r.Aggregate, r.Size])).toEqual([
      ['manila-vserver', 'share_a', 'aggr1_01', '1GB'],
      ['manila-vserver', 'trident_pvc_e12460a6_bd34_4c43_8e67_f0ba4d5a6324', 'aggr2_01', '1.50TB'],
      ['svm01', 'svm01_root', 'aggr1_01', '20MB'],
    ])
    expect(volumeFromCliRecord(rows[1])).toMatchObject({ state: 'offline', type: 'dp', sizeBytes: 1.5 * 1024 * GiB })
    expect(volumeFromCliRecord(rows[2]).sizeBytes).toBe(20 * MiB)
  })

  it('reads one row without a footer', () => {
    const rows = records('vol-show-single-row.txt').records
    expect(rows).toHaveLength(1)
    expect(volumeFromCliRecord(rows[0])).toEqual({
      name: 'trident_pvc_0a1b2c3d_4e5f_4a6b_8c7d_9e0f1a2b3c4d',
      svm: 'svm01',
      state: 'online',
      sizeBytes: 20 * GiB,
      aggregates: ['aggr1_01'],
      junctionPath: undefined,
      type: 'rw',
    })
  })

  it('treats "There are no entries matching your query." as no records', () => {
    expect(parseCliOutput(golden('vol-show-no-entries.txt'))).toEqual({
      kind: 'records',
      format: 'none',
      columns: [],
      records: [],
    })
  })

  it('ignores a login banner above the table', () => {
    const text = `\nLast login time: 10/3/2023 05:30:11\n\n${golden('vol-show-wrapped.txt')}`
    expect(records('vol-show-wrapped.txt').records).toEqual(parseCliTable(text)!.rows)
  })

  it('refuses a table whose footer count disagrees with the rows read', () => {
    const broken = golden('vol-show-wrapped.txt').replace('3 entries', '4 entries')
    expect(() => parseCliTable(broken)).toThrow(CliParseError)
  })
})

describe('-fields tables', () => {
  it('reads the requested fields by header', () => {
    const [record] = records('vol-show-fields.txt').records
    expect(volumeFromCliRecord(record)).toEqual({
      name: 'trident_pvc_e12460a6_bd34_4c43_8e67_f0ba4d5a6324',
      svm: 'svmXX',
      state: 'online',
      sizeBytes: 20 * GiB,
      aggregates: ['aggr1_01'],
      junctionPath: '/trident_pvc_e12460a6_bd34_4c43_8e67_f0ba4d5a6324',
      type: undefined,
    })
  })

  it('copes with fields in an unexpected order, `-` values and MB/TB sizes', () => {
    const output = records('vol-show-fields-reordered.txt')
    expect(output.columns).toEqual(['vserver', 'volume', 'type', 'junction-path', 'state', 'aggregate', 'size'])
    const volumes = output.records.map((r) => volumeFromCliRecord(r))
    expect(volumes.map((v) => [v.name, v.sizeBytes, v.state, v.junctionPath])).toEqual([
      ['trident_pvc_5f0c2a8e_1b3d_4c6f_9a7e_2d4b6f8a0c1e', 512 * MiB, 'online', '/trident_pvc_5f0c2a8e_1b3d_4c6f_9a7e_2d4b6f8a0c1e'],
      ['trident_pvc_77aa01bc_9d2e_4f30_8b1c_5e6f7a8b9c0d', Math.round(1.5 * 1024 * GiB), 'restricted', undefined],
      ['svm01_root', GiB, 'online', '/'],
    ])
  })

  it('reads a real transcript with decimals (16.67GB)', () => {
    const [record] = records('vol-show-fields-yvos.txt').records
    expect(record).toEqual({
      vserver: 'nfs_svm',
      volume: 'sr_pvc_24592dc4_1955_4e9e_82eb_843acbf3c69b',
      size: '16.67GB',
      available: '10.00GB',
      'percent-snapshot-space': '40%',
    })
    expect(volumeFromCliRecord({ ...record, state: 'online' }).sizeBytes).toBe(Math.round(16.67 * GiB))
  })

  it('tolerates a value one character wider than its dashes', () => {
    const [record] = records('vol-show-fields-misaligned.txt').records
    expect(record).toMatchObject({ size: '20GB', state: 'online', aggregate: 'aggr1_01' })
  })

  it('reads aggregate media from vserver show-aggregates, with its two-line header', () => {
    const output = records('vserver-show-aggregates.txt')
    expect(output.columns).toEqual(['Vserver', 'Aggregate', 'State', 'Available Size', 'Type', 'SnapLock Type'])
    expect(output.records.map((r) => aggregateFromCliRecord(r))).toEqual([
      { name: 'aggr1_01', ssd: true, media: 'ssd', reported: 'type=ssd', storageType: 'ssd' },
      { name: 'aggr2_01', ssd: false, media: 'hdd', reported: 'type=hdd', storageType: 'hdd' },
    ])
  })

  it('reads the default table of vserver show-aggregates as its man page shows it; vmdisk is unknown media', () => {
    const output = records('vserver-show-aggregates-manpage.txt')
    expect(output.columns).toEqual(['Vserver', 'Aggregate', 'State', 'Available Size', 'Type', 'SnapLock-Type'])
    expect(output.records.map((r) => aggregateFromCliRecord(r))).toEqual([
      { name: 'aggr1_01', ssd: true, media: 'ssd', reported: 'type=ssd', storageType: 'ssd' },
      { name: 'aggr2_01', ssd: false, media: 'hdd', reported: 'type=hdd', storageType: 'hdd' },
      { name: 'aggr3_fp', ssd: false, media: 'hybrid', reported: 'type=hybrid', storageType: 'hybrid' },
      // ONTAP Select and the ONTAP simulator: virtual disks say nothing about SSD; Trident gives such a pool no media.
      { name: 'aggr4_vm', ssd: undefined, media: undefined, reported: 'type=vmdisk', storageType: 'vmdisk' },
    ])
  })

  it('reads storage aggregate show -fields storage-type (cluster admin)', () => {
    expect(records('storage-aggregate-show-fields.txt').records.map((r) => [aggregateFromCliRecord(r).name, aggregateFromCliRecord(r).ssd])).toEqual([
      ['aggr0_node1', false],
      ['aggr1_01', true],
      ['aggr2_01', false],
      ['aggr3_fp', false],
    ])
  })

  it('reads a qtree from the instance view and from the wrapped default table', () => {
    const qtree = 'trident_pvc_e12460a6_bd34_4c43_8e67_f0ba4d5a6324'
    const flexvol = 'trident_qtree_pool_trident_ABCDEFGHIJ'
    const [instance] = records('volume-qtree-show-instance.txt').records.map((r) => qtreeFromCliRecord(r))
    expect(instance).toEqual({ svm: 'svm01', volume: flexvol, name: qtree, path: `/vol/${flexvol}/${qtree}` })
    const table = records('volume-qtree-show.txt').records.map((r) => qtreeFromCliRecord(r))
    expect(table).toEqual([
      { svm: 'svm01', volume: flexvol, name: '""', path: undefined },
      { svm: 'svm01', volume: flexvol, name: qtree, path: undefined },
    ])
  })
})

describe('instance view', () => {
  it('reads Label: value lines, including a wrapped value', () => {
    const output = records('vol-show-instance.txt')
    expect(output.format).toBe('instance')
    expect(output.records).toHaveLength(1)
    const [record] = output.records
    expect(record['Creation Time']).toBe('Tue Oct 03 05:30:11 2023')
    expect(record['Comment']).toBe('created by trident: a long comment that ONTAP wraps onto the next line under the value')
    expect(volumeFromCliRecord(record)).toEqual({
      name: 'trident_pvc_a81edc1f_3c77_4714_9de7_9841ed1bc5c7',
      svm: 'vs',
      state: 'online',
      sizeBytes: 60 * MiB,
      aggregates: ['aggr1'],
      junctionPath: '/trident_pvc_a81edc1f_3c77_4714_9de7_9841ed1bc5c7',
      type: 'rw',
      comment: 'created by trident: a long comment that ONTAP wraps onto the next line under the value',
    })
  })

  it('starts a new record when a label repeats', () => {
    const text = golden('vol-show-instance.txt')
    const twice = `${text}\n${text.replace(/Volume Name: \S+/, 'Volume Name: other').replace('60MB', '1TB')}`
    const parsed = parseInstanceView(twice)
    expect(parsed.map((r) => [r['Volume Name'], r['Volume Size']])).toEqual([
      ['trident_pvc_a81edc1f_3c77_4714_9de7_9841ed1bc5c7', '60MB'],
      ['other', '1TB'],
    ])
  })
})

describe('separator mode', () => {
  it('skips the description row and the trailing separator', () => {
    const output = records('vol-show-separator.txt', '|')
    expect(output.format).toBe('separator')
    expect(output.records).toHaveLength(2)
    expect(volumeFromCliRecord(output.records[0])).toMatchObject({
      svm: 'svmXX',
      sizeBytes: 20 * GiB,
      aggregates: ['aggr1_01'],
      type: 'rw',
    })
    const table = parseSeparatedOutput(golden('vol-show-separator.txt'), '|')!
    expect(table.descriptions.size).toBe('Volume Size')
  })

  it('works with a multi-character separator', () => {
    const text = golden('vol-show-separator.txt').replaceAll('|', '|||')
    expect(records('vol-show-separator.txt', '|').records).toEqual(parseSeparatedOutput(text, '|||')!.rows)
  })
})

describe('ONTAP errors and junk', () => {
  it('returns ONTAP error text, including continuation lines', () => {
    expect(parseCliOutput(golden('error-not-recognized.txt'))).toEqual({
      kind: 'error',
      message: '"aggr" is not a recognized command',
    })
    expect(findOntapError(golden('error-insufficient-privileges.txt'))).toBe("show failed: Insufficient privileges: user 'vsadmin' does not have read access to this resource")
  })

  it('never reads empty or unknown output as "no volume"', () => {
    expect(() => parseCliOutput('')).toThrow(CliParseError)
    expect(() => parseCliOutput('Goodbye\n')).toThrow(CliParseError)
  })

  it('reads an offline volume whose size ONTAP shows as -', () => {
    const volume = volumeFromCliRecord({ vserver: 's', volume: 'v', state: 'offline', size: '-', aggregate: 'aggr1_01' })
    expect(volume.state).toBe('offline')
    expect(volume.sizeBytes).toBeNaN()
    expect(JSON.parse(JSON.stringify(volume)).sizeBytes).toBeNull()
    expect(() => volumeFromCliRecord({ vserver: 's', volume: 'v', state: 'online', size: '-' })).toThrow(CliParseError)
  })

  it('refuses a volume record without a readable size', () => {
    expect(() => volumeFromCliRecord({ vserver: 's', volume: 'v', state: 'online', size: 'huge' })).toThrow(/size "huge"/)
  })
})
