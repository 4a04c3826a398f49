// A throw-away PKI for TLS tests, made with openssl: an EC P-256 CA and leaf certificates it signs, valid two days.

import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { execa } from 'execa'

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']

export interface TestCa {
  dir: string
  /** The CA certificate's PEM file. */
  caFile: string
  caPem: string
  /** A leaf certificate signed by the CA: `<name>.pem` and `<name>.key` in `dir`, with these X.509 v3 extensions. */
  leaf(name: string, commonName: string, extensions: string): Promise<{ pem: string; key: string; file: string }>
  /** A self-signed certificate the CA did not sign. */
  selfSigned(name: string, commonName: string): Promise<{ pem: string; key: string; file: string }>
}

export async function testCa(dir: string, commonName: string): Promise<TestCa> {
  const file = (name: string) => join(dir, name)
  const read = (name: string) => readFileSync(file(name), 'utf8')
  const subject = ['-days', '2', '-subj']
  await execa('openssl', [
    'req',
    '-x509',
    ...EC,
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    ...subject,
    `/CN=${commonName}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ])
  return {
    dir,
    caFile: file('ca.pem'),
    caPem: read('ca.pem'),
    async leaf(name, cn, extensions) {
      await execa('openssl', ['req', ...EC, '-keyout', file(`${name}.key`), '-out', file(`${name}.csr`), '-subj', `/CN=${cn}`])
      writeFileSync(file(`${name}.ext`), `basicConstraints=CA:FALSE\n${extensions}`)
      await execa('openssl', [
        'x509',
        '-req',
        '-in',
        file(`${name}.csr`),
        '-CA',
        file('ca.pem'),
        '-CAkey',
        file('ca.key'),
        '-CAcreateserial',
        '-out',
        file(`${name}.pem`),
        '-days',
        '2',
        '-extfile',
        file(`${name}.ext`),
      ])
      return { pem: read(`${name}.pem`), key: read(`${name}.key`), file: file(`${name}.pem`) }
    },
    async selfSigned(name, cn) {
      await execa('openssl', ['req', '-x509', ...EC, '-keyout', file(`${name}.key`), '-out', file(`${name}.pem`), ...subject, `/CN=${cn}`])
      return { pem: read(`${name}.pem`), key: read(`${name}.key`), file: file(`${name}.pem`) }
    },
  }
}
