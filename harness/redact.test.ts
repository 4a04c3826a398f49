import { describe, expect, it } from 'vitest'
import { Redactor } from './redact.js'

describe('Redactor: no oracle', () => {
  const secret = 'Netapp123!x'
  const r = new Redactor([secret])

  it('never compares student-derived values with the secret: a right guess looks exactly like a wrong one', () => {
    const right = r.value({ name: `guess-${secret}`, annotations: { a: secret } })
    const wrong = r.value({ name: 'guess-Netapp124!x', annotations: { a: 'Netapp124!x' } })
    expect(JSON.stringify(right).replaceAll(secret, 'G')).toBe(JSON.stringify(wrong).replaceAll('Netapp124!x', 'G'))
  })

  it('redacts by key: secret-named fields and the data of a Secret, whatever their value; Secret references stay', () => {
    const out = r.value({
      spec: { password: 'a', clientPrivateKey: 'b', chapInitiatorSecret: 'c', token: 'd', credentials: { name: 'backend-secret' }, passed: true, compass: 'n' },
      object: { kind: 'Secret', metadata: { name: 's' }, data: { username: 'dg==' }, stringData: { x: 'y' } },
      headers: { Authorization: 'Bearer z' },
    })
    expect(out).toEqual({
      spec: { password: '<redacted>', clientPrivateKey: '<redacted>', chapInitiatorSecret: '<redacted>', token: '<redacted>', credentials: { name: 'backend-secret' }, passed: true, compass: 'n' },
      object: { kind: 'Secret', metadata: { name: 's' }, data: '<redacted>', stringData: '<redacted>' },
      headers: { Authorization: '<redacted>' },
    })
  })

  it('masks a secret in grader-produced text only as a whole token, never inside a longer word', () => {
    expect(r.text(`ssh: login with '${secret}' failed`)).toBe("ssh: login with '<redacted>' failed")
    expect(r.text(`volume trident_${secret}_x`)).toBe(`volume trident_${secret}_x`)
    const short = new Redactor(['trident'])
    expect(short.text('provisioner csi.trident.netapp.io failed: trident')).toBe('provisioner csi.trident.netapp.io failed: trident')
    const long = new Redactor(['tridentpw'])
    expect(long.text('pw tridentpw; csi.tridentpw.netapp.io')).toBe('pw <redacted>; csi.tridentpw.netapp.io')
  })
})
