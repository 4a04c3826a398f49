import { describe, expect, it } from 'vitest'
import { redactSecretFields } from './redact.js'

describe('redaction: by key, never by value', () => {
  const secret = 'Netapp123!x'

  it('never compares values with a secret: a right guess looks exactly like a wrong one', () => {
    const right = redactSecretFields({ name: `guess-${secret}`, annotations: { a: secret } })
    const wrong = redactSecretFields({ name: 'guess-Netapp124!x', annotations: { a: 'Netapp124!x' } })
    expect(JSON.stringify(right).replaceAll(secret, 'G')).toBe(JSON.stringify(wrong).replaceAll('Netapp124!x', 'G'))
    expect(JSON.stringify(right)).not.toContain('<redacted>')
  })

  it('redacts secret-named fields and the data of a Secret, whatever their value; Secret references stay', () => {
    const out = redactSecretFields({
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
})
