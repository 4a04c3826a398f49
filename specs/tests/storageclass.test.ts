import { describe, expect, it } from 'vitest'
import { find, loadCase, without } from '../../fixtures/recorded-cluster/recorded-cases.js'
import { gradeRecorded } from './grade-recorded.js'

const only = ['--only=storageclass-ssd,storageclass-hdd']

describe('storageclass-ssd and storageclass-hdd', () => {
  it('pass whatever the classes are called, with the optional trident.netapp.io/ prefix', async () => {
    const objects = loadCase('reference')
    const gold = find(objects, 'StorageClass', 'ontap-gold')
    gold.metadata.name = 'fast-db'
    gold.parameters = { 'trident.netapp.io/media': 'ssd' }
    const run = await gradeRecorded(objects, { args: only })
    expect(run.statuses()).toMatchObject({ 'storageclass-ssd': 'passed', 'storageclass-hdd': 'passed' })
  })

  it('explain the lab sample\'s legacy provisioner netapp.io/trident', async () => {
    const objects = loadCase('reference')
    find(objects, 'StorageClass', 'ontap-gold').provisioner = 'netapp.io/trident'
    const run = await gradeRecorded(objects, { args: only })
    const ssd = run.check('storageclass-ssd')
    expect(ssd.status).toBe('failed')
    expect(ssd.message).toContain('legacy provisioner netapp.io/trident, which Trident 23.07 and later ignores')
    expect(ssd.hint).toContain('CSI provisioner name')
    expect(run.check('storageclass-hdd').status).toBe('passed')
  })

  it('fail a class with another provisioner, naming it', async () => {
    const objects = loadCase('reference')
    find(objects, 'StorageClass', 'ontap-gold').provisioner = 'kubernetes.io/no-provisioner'
    const ssd = (await gradeRecorded(objects, { args: only })).check('storageclass-ssd')
    expect(ssd.message).toBe('StorageClass ontap-gold asks for media "ssd" but its provisioner is kubernetes.io/no-provisioner, not Trident.')
  })

  it('fail a class for another backend type', async () => {
    const objects = loadCase('reference')
    ;(find(objects, 'StorageClass', 'ontap-gold').parameters as Record<string, string>).backendType = 'ontap-san'
    const ssd = (await gradeRecorded(objects, { args: only })).check('storageclass-ssd')
    expect(ssd.message).toContain('backendType "ontap-san"')
  })

  it('fail the HDD objective alone when only the SSD class exists', async () => {
    const run = await gradeRecorded(without(loadCase('reference'), 'StorageClass', 'ontap-silver'), { args: only })
    expect(run.statuses()).toMatchObject({ 'storageclass-ssd': 'passed', 'storageclass-hdd': 'failed' })
    expect(run.check('storageclass-hdd').message).toBe('No StorageClass with provisioner csi.trident.netapp.io asks for media "hdd".')
    expect(run.check('storageclass-hdd').hint).toContain('web content (HDD)')
    expect(run.exitCode).toBe(1)
  })
})
