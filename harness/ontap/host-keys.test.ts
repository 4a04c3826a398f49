import { createHmac, randomBytes } from 'node:crypto'
import { execa } from 'execa'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ssh2 from 'ssh2'
import { describe, expect, it } from 'vitest'
import { decideHostKey, knownHostKeys, normaliseFingerprint, sshFingerprint, sshKeyType } from './host-keys.js'
import { newEd25519Key } from '../test-support/ssh-test-server.js'

function publicBlob(): Buffer {
  const parsed = ssh2.utils.parseKey(newEd25519Key().public)
  if (parsed instanceof Error) throw parsed
  return parsed.getPublicSSH()
}

describe('fingerprints', () => {
  it('match what ssh-keygen -lf prints', async () => {
    const key = newEd25519Key()
    const dir = mkdtempSync(join(tmpdir(), 'ontap-fp-'))
    try {
      writeFileSync(join(dir, 'key.pub'), key.public)
      const { stdout } = await execa('ssh-keygen', ['-lf', join(dir, 'key.pub')], { reject: false })
      const parsed = ssh2.utils.parseKey(key.public)
      if (parsed instanceof Error) throw parsed
      const ours = sshFingerprint(parsed.getPublicSSH())
      expect(ours).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/)
      // ssh-keygen is on developer machines and CI; where it is missing, the format check above still holds.
      if (stdout) expect(stdout.split(/\s+/)[1]).toBe(ours)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('normalises what users paste', () => {
    const body = 'A'.repeat(43)
    expect(normaliseFingerprint(`SHA256:${body}`)).toBe(`SHA256:${body}`)
    expect(normaliseFingerprint(`sha256:${body}=`)).toBe(`SHA256:${body}`)
    expect(normaliseFingerprint(` ${body} `)).toBe(`SHA256:${body}`)
    expect(normaliseFingerprint('MD5:12:34:56')).toBeUndefined()
    expect(normaliseFingerprint('SHA256:short')).toBeUndefined()
  })

  it('reads the key type from the blob', () => {
    expect(sshKeyType(publicBlob())).toBe('ssh-ed25519')
    expect(sshKeyType(Buffer.alloc(2))).toBe('unknown')
  })
})

describe('known_hosts', () => {
  const blob = publicBlob()
  const line = (hosts: string) => `${hosts} ssh-ed25519 ${blob.toString('base64')}`
  const fingerprint = sshFingerprint(blob)

  it.each([
    ['plain host on port 22', line('10.0.0.5'), '10.0.0.5', 22, 1],
    ['plain host does not match another port', line('10.0.0.5'), '10.0.0.5', 2222, 0],
    ['[host]:port', line('[10.0.0.5]:2222'), '10.0.0.5', 2222, 1],
    ['comma list', line('ontap1,10.0.0.5'), '10.0.0.5', 22, 1],
    ['wildcard', line('10.0.0.*'), '10.0.0.5', 22, 1],
    ['negated', line('10.0.0.*,!10.0.0.5'), '10.0.0.5', 22, 0],
    ['case-insensitive names', line('ONTAP1.Example'), 'ontap1.example', 22, 1],
    ['@revoked is not trust', `@revoked ${line('10.0.0.5')}`, '10.0.0.5', 22, 0],
    ['comment and blank', `# ${line('10.0.0.5')}\n\n`, '10.0.0.5', 22, 0],
  ])('%s', (_name, text, host, port, count) => {
    const keys = knownHostKeys(text, host, port)
    expect(keys).toHaveLength(count)
    if (count) expect(keys[0]).toEqual({ keyType: 'ssh-ed25519', fingerprint })
  })

  it('matches hashed entries for port 22 and other ports', () => {
    const hashed = (host: string) => {
      const salt = randomBytes(20)
      return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(host).digest('base64')}`
    }
    expect(knownHostKeys(line(hashed('10.0.0.5')), '10.0.0.5', 22)).toHaveLength(1)
    expect(knownHostKeys(line(hashed('[10.0.0.5]:2222')), '10.0.0.5', 2222)).toHaveLength(1)
    expect(knownHostKeys(line(hashed('10.0.0.6')), '10.0.0.5', 22)).toHaveLength(0)
  })
})

describe('decideHostKey', () => {
  const blob = publicBlob()
  const fingerprint = sshFingerprint(blob)
  const other = `SHA256:${'B'.repeat(43)}`

  it('trusts a pinned fingerprint, then known_hosts, then insecure', () => {
    expect(decideHostKey(blob, { fingerprints: [other, fingerprint] })).toMatchObject({ trusted: true, by: 'fingerprint' })
    expect(decideHostKey(blob, { knownHosts: [{ keyType: 'ssh-ed25519', fingerprint }] })).toMatchObject({ trusted: true, by: 'known_hosts' })
    expect(decideHostKey(blob, { fingerprints: [other], insecureAccept: true })).toMatchObject({ trusted: true, by: 'insecure' })
  })

  it('calls a key unknown when nothing was pinned, changed when something else was', () => {
    expect(decideHostKey(blob, {})).toEqual({ trusted: false, fingerprint, keyType: 'ssh-ed25519', reason: 'unknown', expected: [] })
    expect(decideHostKey(blob, { fingerprints: [other] })).toMatchObject({ trusted: false, reason: 'changed', expected: [other] })
  })
})
