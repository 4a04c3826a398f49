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

  it('masks each base64 line of a private key (text or Buffer), so a partly echoed key is masked too', () => {
    const line = 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW'
    const pem = `-----BEGIN OPENSSH PRIVATE KEY-----\n${line}\n-----END OPENSSH PRIVATE KEY-----\n`
    for (const key of [pem, Buffer.from(pem)]) {
      expect(new Redactor([key]).text(`echoed: ${line}`)).toBe('echoed: <redacted>')
    }
    // The armour lines are no secret.
    expect(new Redactor([pem]).text('-----BEGIN OPENSSH PRIVATE KEY-----')).toBe('-----BEGIN OPENSSH PRIVATE KEY-----')
  })

  it("masks grader-produced details by value, deep, as a plain copy (an error's details)", () => {
    const details = { target: 'ssh vsadmin@10.0.0.5:22', output: [`Error: invalid value "${secret}"`, { note: `${secret} was echoed` }], status: 500, raw: Buffer.from('x') }
    expect(r.details(details)).toEqual({ target: 'ssh vsadmin@10.0.0.5:22', output: ['Error: invalid value "<redacted>"', { note: '<redacted> was echoed' }], status: 500, raw: details.raw })
    expect(r.details(`volume trident_${secret}_x`)).toBe(`volume trident_${secret}_x`)
  })
})
