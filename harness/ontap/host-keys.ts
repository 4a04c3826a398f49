// SSH host key checks: SHA256 fingerprints as OpenSSH prints them (`SHA256:` + unpadded base64 of the key blob),
// known_hosts files (plain `host`, `[host]:port`, comma lists, hashed `|1|salt|hash` entries), and the decision
// whether to trust the key a server showed.

import { createHash, createHmac } from 'node:crypto'
import { RE2JS } from 're2js'

const FINGERPRINT_PREFIX = 'SHA256:'
const DEFAULT_SSH_PORT = 22
const HASHED_HOST_PREFIX = '|1|'

export interface KnownHostKey {
  keyType: string
  fingerprint: string
}

export type HostKeyDecision =
  | { trusted: true; fingerprint: string; keyType: string; by: 'fingerprint' | 'known_hosts' | 'insecure' }
  | { trusted: false; fingerprint: string; keyType: string; reason: 'unknown' | 'changed'; expected: string[] }

export interface HostKeyPolicy {
  /** Fingerprints the user pinned (`SHA256:...`). */
  fingerprints?: string[]
  /** Keys for this host from a known_hosts file. */
  knownHosts?: KnownHostKey[]
  /** Accept any key (recorded, never silent). */
  insecureAccept?: boolean
}

/** `SHA256:<base64 without padding>` of an SSH public key blob, exactly as `ssh-keygen -lf` prints it. */
export function sshFingerprint(keyBlob: Buffer): string {
  return FINGERPRINT_PREFIX + createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')
}

/** The key type written inside an SSH public key blob (`ssh-ed25519`, `ssh-rsa`, `ecdsa-sha2-nistp256`). */
export function sshKeyType(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return 'unknown'
  const length = keyBlob.readUInt32BE(0)
  return length > 0 && length < 64 && keyBlob.length >= 4 + length ? keyBlob.toString('latin1', 4, 4 + length) : 'unknown'
}

/**
 * A user-supplied fingerprint in canonical form, or undefined when it is not a SHA256 fingerprint. Accepts
 * `SHA256:abc`, `sha256:abc`, the bare base64 and a trailing `=` padding.
 */
export function normaliseFingerprint(text: string): string | undefined {
  const trimmed = text.trim()
  const body = trimmed.toUpperCase().startsWith(FINGERPRINT_PREFIX) ? trimmed.slice(FINGERPRINT_PREFIX.length) : trimmed
  const unpadded = body.replace(/=+$/, '')
  // A SHA256 digest is 32 bytes = 43 base64 characters unpadded.
  if (!/^[A-Za-z0-9+/]{43}$/.test(unpadded)) return undefined
  return FINGERPRINT_PREFIX + unpadded
}

/** The keys a known_hosts file holds for `host` on `port`. Lines it cannot read are skipped, as OpenSSH does. */
export function knownHostKeys(fileText: string, host: string, port = DEFAULT_SSH_PORT): KnownHostKey[] {
  const keys: KnownHostKey[] = []
  for (const rawLine of fileText.split(/\r?\n/)) {
    const line = rawLine.trim()
    if (line === '' || line.startsWith('#')) continue
    const fields = line.split(/\s+/)
    // `@cert-authority` lines describe CAs, `@revoked` lines keys to refuse; neither pins a host key here.
    if (fields[0].startsWith('@')) continue
    const [hosts, keyType, keyBase64] = fields
    if (!hosts || !keyType || !keyBase64) continue
    if (!hostsFieldMatches(hosts, host, port)) continue
    const blob = Buffer.from(keyBase64, 'base64')
    if (blob.length === 0) continue
    keys.push({ keyType, fingerprint: sshFingerprint(blob) })
  }
  return keys
}

/** Decide whether to trust the key blob a server showed. */
export function decideHostKey(keyBlob: Buffer, policy: HostKeyPolicy): HostKeyDecision {
  const fingerprint = sshFingerprint(keyBlob)
  const keyType = sshKeyType(keyBlob)
  const pinned = policy.fingerprints ?? []
  if (pinned.includes(fingerprint)) return { trusted: true, fingerprint, keyType, by: 'fingerprint' }
  const known = policy.knownHosts ?? []
  if (known.some((k) => k.fingerprint === fingerprint)) return { trusted: true, fingerprint, keyType, by: 'known_hosts' }
  if (policy.insecureAccept) return { trusted: true, fingerprint, keyType, by: 'insecure' }
  const expected = [...new Set([...pinned, ...known.map((k) => k.fingerprint)])]
  return { trusted: false, fingerprint, keyType, reason: expected.length > 0 ? 'changed' : 'unknown', expected }
}

function hostsFieldMatches(hostsField: string, host: string, port: number): boolean {
  const wanted = port === DEFAULT_SSH_PORT ? host.toLowerCase() : `[${host.toLowerCase()}]:${port}`
  if (hostsField.startsWith(HASHED_HOST_PREFIX)) return hashedHostMatches(hostsField, wanted)
  let matched = false
  for (const pattern of hostsField.toLowerCase().split(',')) {
    const negated = pattern.startsWith('!')
    const body = negated ? pattern.slice(1) : pattern
    if (!globMatches(body, wanted)) continue
    if (negated) return false
    matched = true
  }
  return matched
}

/** `|1|<base64 salt>|<base64 HMAC-SHA1(salt, host)>` as written by `HashKnownHosts yes`. */
function hashedHostMatches(field: string, wanted: string): boolean {
  const [, , salt, hash] = field.split('|')
  if (!salt || !hash) return false
  const digest = createHmac('sha1', Buffer.from(salt, 'base64')).update(wanted).digest('base64')
  return digest === hash
}

/** OpenSSH host patterns: `*` and `?` wildcards; matched in linear time (`*a*a*a…` would make V8 backtrack). */
function globMatches(pattern: string, text: string): boolean {
  const source = [...pattern].map((c) => (c === '*' ? '(?s:.*)' : c === '?' ? '(?s:.)' : /[.+^${}()|[\]\\]/.test(c) ? `\\${c}` : c)).join('')
  try {
    return RE2JS.compile(`^${source}$`).test(text)
  } catch {
    return false
  }
}
