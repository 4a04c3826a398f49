import { expect, it } from 'vitest'
import { SecretRedactor } from './secrets.js'

it('masks a secret ONTAP echoes only as a whole token, so a student-chosen name is no oracle', () => {
  const redactor = new SecretRedactor(['Lab-Secret-42', 'trident'])
  expect(redactor.redact('Error: invalid value "Lab-Secret-42" for "-volume"')).toBe('Error: invalid value "<redacted>" for "-volume"')
  // A volume named after a guess that merely contains the password, or a short password inside a word: unchanged.
  expect(redactor.redact('volume trident_Lab-Secret-42x not found')).toBe('volume trident_Lab-Secret-42x not found')
  expect(redactor.redact('driver csi.trident.netapp.io')).toBe('driver csi.trident.netapp.io')
})

it('masks each base64 line of a private key', () => {
  const line = 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW'
  const redactor = new SecretRedactor([`-----BEGIN OPENSSH PRIVATE KEY-----\n${line}\n-----END OPENSSH PRIVATE KEY-----\n`])
  expect(redactor.redactValue({ output: `echoed: ${line}` })).toEqual({ output: 'echoed: <redacted>' })
})
