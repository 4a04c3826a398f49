import { describe, expect, it } from 'vitest'
import { releaseOf } from '../ontap/release.js'
import { tridentApiPath, tridentMediaOffer } from './trident-media.js'

describe("Trident's media offers", () => {
  it('picks the API path as InitializeOntapAPI does: the release before 24.06, the ONTAP release and useREST after', () => {
    expect(tridentApiPath([23, 10], '9.15.1', undefined)).toBe('zapi')
    expect(tridentApiPath([23, 10], '9.15.1', true)).toBe('rest')
    expect(tridentApiPath([24, 6], '9.15.1', undefined)).toBe('rest')
    expect(tridentApiPath(undefined, '9.15.1', 'false')).toBe('zapi')
    expect(tridentApiPath([25, 6], '9.14.1', undefined)).toBe('zapi')
    expect(tridentApiPath([25, 6], '9.14.1', true)).toBe('rest')
    expect(tridentApiPath([25, 6], '9.11.1', undefined)).toBe('zapi')
    expect(tridentApiPath([25, 6], '9.11.1', true)).toBeUndefined() // Trident refuses the backend
    expect(tridentApiPath([26, 6], '9.101.0', undefined)).toBe('rest')
    expect(tridentApiPath([26, 6], '9.101.0', false)).toBeUndefined()
    expect(tridentApiPath([26, 6], undefined, undefined)).toBeUndefined()
  })

  it('gives a pool media over ZAPI from the aggregate type, over REST only for disk type ssd', () => {
    expect(tridentMediaOffer('zapi', { storageType: 'hdd' })).toBe('hdd')
    expect(tridentMediaOffer('zapi', { storageType: 'vmdisk' })).toBe('none')
    expect(tridentMediaOffer('rest', { storageType: 'hdd', diskType: 'sas' })).toBe('none')
    expect(tridentMediaOffer('rest', { storageType: 'ssd', diskType: 'ssd' })).toBe('ssd')
    expect(tridentMediaOffer('rest', { diskType: 'nvme_ssd' })).toBe('none')
    // The CLI shows only the type: an HDD aggregate's disks are never ssd; an SSD one's may be nvme_ssd.
    expect(tridentMediaOffer('rest', { storageType: 'hdd' })).toBe('none')
    expect(tridentMediaOffer('rest', { storageType: 'ssd' })).toBeUndefined()
    expect(tridentMediaOffer(undefined, { storageType: 'hdd' })).toBeUndefined()
  })

  it('reads the release from what ONTAP prints', () => {
    expect(releaseOf('NetApp Release 9.15.1: Wed Feb 21 05:56:27 UTC 2024')).toBe('9.15.1')
    expect(releaseOf('NetApp Release 9.14.1P3: Tue Jan 2 2024')).toBe('9.14.1')
    expect(releaseOf('9.16.1')).toBe('9.16.1')
    expect(releaseOf('Error: "version" is not a recognized command')).toBeUndefined()
  })
})
