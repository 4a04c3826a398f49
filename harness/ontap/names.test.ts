import { describe, expect, it } from 'vitest'
import { findByName, isValidSvmName, isValidVolumeName } from './names.js'

describe('names put into ONTAP commands', () => {
  it.each(['trident_pvc_e12460a6_bd34_4c43_8e67_f0ba4d5a6324', 'trident_trident_basic_f4048', '_x', 'svm01_root'])('volume %s is accepted', (name) => expect(isValidVolumeName(name)).toBe(true))

  it.each(['', '1vol', 'pvc-1', 'a.b', 'x; volume delete *', 'trident*', 'a|b', '!a', 'a b', '"a"', 'a'.repeat(204)])('volume %s is refused', (name) => expect(isValidVolumeName(name)).toBe(false))

  it('accepts DNS-like SVM names but no range queries or syntax', () => {
    expect(['svm01', 'svmXX', 'vs1.example.com', 'svm-1'].every(isValidSvmName)).toBe(true)
    expect(['svm..z', 'svm;x', 'svm*', '', '-svm x'].some(isValidSvmName)).toBe(false)
  })

  it('finds exactly the named record, never another one', () => {
    const records = [{ name: 'vol_a' }, { name: 'VOL_B' }]
    expect(findByName(records, 'vol_a')).toBe(records[0])
    expect(findByName(records, 'vol_b')).toBe(records[1])
    expect(findByName([{ name: 'other' }], 'vol_a')).toBeUndefined()
  })
})
