// Both grader clients against the team's ONTAP simulator (fixtures/ontap-sim): the same answers over SSH and REST,
// and the failure modes the simulator can inject. svm01 / vsadmin / netapp123 are the simulator's defaults.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type StartedOntapSim, startOntapSim } from '@trident-lab/ontap-sim'
import { parseCliOutput } from './cli-output.js'
import { volumeFromCliRecord } from './cli-records.js'
import { createOntapClient, type OntapClientConfig } from './index.js'
import { createSshOntapClient, type SshOntapClient } from './ssh-client.js'
import { newEd25519Key } from '../test-support/ssh-test-server.js'
import type { OntapClient } from './types.js'
import { expectGraderError } from '../test-support/expect-grader-error.js'

const SVM = 'svm01'
const USER = 'vsadmin'
const PASSWORD = 'netapp123'
const VOLUME = 'trident_pvc_9b2f4c1e_07aa_4d3b_8e5f_1c2d3e4f5a6b'
const OFFLINE = 'trident_pvc_0f1e2d3c_4b5a_4968_8776_655443322110'
const GiB = 1024 ** 3
const clientKey = newEd25519Key()

let sim: StartedOntapSim
let dir: string
const clients: OntapClient[] = []

beforeAll(async () => {
  sim = await startOntapSim({ authorizedKeys: [clientKey.public] })
  sim.state.createVolume({ svm: SVM, name: VOLUME, size: 20 * GiB, aggregate: 'aggr1_01', junctionPath: `/${VOLUME}` })
  sim.state.createVolume({ svm: SVM, name: OFFLINE, size: '5GB', aggregate: 'aggr2_01' })
  sim.faults.takeVolumeOffline(SVM, OFFLINE)
  dir = mkdtempSync(join(tmpdir(), 'ontap-sim-client-'))
})

afterEach(async () => {
  sim.faults.clear()
  await Promise.all(clients.splice(0).map((c) => c.close()))
})

afterAll(async () => {
  await sim?.stop()
  rmSync(dir, { recursive: true, force: true })
})

function client(api: 'ssh' | 'rest', overrides: Partial<OntapClientConfig> = {}): OntapClient {
  const created = createOntapClient({
    api,
    host: sim.host,
    port: api === 'ssh' ? sim.sshPort : sim.httpsPort,
    user: USER,
    password: PASSWORD,
    hostKey: sim.hostKeyFingerprint,
    caPem: sim.caCertPem,
    connectTimeoutMs: 5_000,
    commandTimeoutMs: 5_000,
    ...overrides,
  })
  clients.push(created)
  return created
}

const failure = expectGraderError

describe.each(['ssh', 'rest'] as const)('over %s', (api) => {
  it('reads the volume Trident made', async () => {
    await expect(client(api).getVolume(SVM, VOLUME)).resolves.toEqual({
      name: VOLUME,
      svm: SVM,
      state: 'online',
      sizeBytes: 20 * GiB,
      aggregates: ['aggr1_01'],
      junctionPath: `/${VOLUME}`,
      type: 'rw',
      comment: undefined,
      isSvmRoot: api === 'rest' ? false : undefined,
    })
  })

  it('reads an offline volume as offline, not as a grader error', async () => {
    await expect(client(api).getVolume(SVM, OFFLINE)).resolves.toMatchObject({ state: 'offline', aggregates: ['aggr2_01'] })
  })

  it('returns undefined for a volume that is not there, or on another SVM', async () => {
    await expect(client(api).getVolume(SVM, 'trident_pvc_nosuch')).resolves.toBeUndefined()
    await expect(client(api).getVolume('svm02', VOLUME)).resolves.toBeUndefined()
  })

  it('lists the SVM aggregates with SSD and HDD media', async () => {
    const { aggregates, refused } = await client(api).listAggregates({ svm: SVM })
    expect(refused).toBe(false)
    expect(aggregates.map((a) => [a.name, a.ssd])).toEqual(
      expect.arrayContaining([
        ['aggr1_01', true],
        ['aggr2_01', false],
      ]),
    )
  })

  it('reports refused logins as ONTAP_AUTH', async () => {
    sim.faults.refuseLogins(true, api)
    const error = await failure(client(api).getVolume(SVM, VOLUME))
    expect(error.code).toBe('ONTAP_AUTH')
    expect(error.message).toContain(`ONTAP refused the login for user ${USER}`)
    expect(JSON.stringify(error) + error.message).not.toContain(PASSWORD)
  })

  it('times out a command or request that hangs', async () => {
    sim.faults.delayCommand(/volume/, 3_000, { times: 1 })
    const error = await failure(client(api, { commandTimeoutMs: 400 }).getVolume(SVM, VOLUME))
    expect(error.code).toBe('ONTAP_TIMEOUT')
  })
})

describe('SSH specifics', () => {
  it('logs in with a private key', async () => {
    const ontap = client('ssh', { password: undefined, privateKey: clientKey.private })
    await expect(ontap.getVolume(SVM, VOLUME)).resolves.toMatchObject({ name: VOLUME })
  })

  it('trusts the simulator through a known_hosts line', async () => {
    const file = join(dir, 'known_hosts')
    writeFileSync(file, `[${sim.host}]:${sim.sshPort} ${sim.hostPublicKey}\n`)
    const ontap = client('ssh', { hostKey: undefined, knownHostsFile: file })
    await ontap.getVolume(SVM, VOLUME)
    expect(ontap.info.hostKey).toEqual({ fingerprint: sim.hostKeyFingerprint, keyType: 'ssh-ed25519', trustedBy: 'known_hosts' })
  })

  it('refuses the simulator when no key is pinned, naming its fingerprint', async () => {
    const error = await failure(client('ssh', { hostKey: undefined }).getVolume(SVM, VOLUME))
    expect(error.code).toBe('ONTAP_HOST_KEY')
    expect(error.message).toContain(sim.hostKeyFingerprint)
  })

  it('reconnects after a hanging command and goes on', async () => {
    sim.faults.delayCommand(/volume/, 3_000, { times: 1 })
    const ontap = client('ssh', { commandTimeoutMs: 400 })
    expect((await failure(ontap.getVolume(SVM, VOLUME))).code).toBe('ONTAP_TIMEOUT')
    await expect(ontap.getVolume(SVM, VOLUME)).resolves.toMatchObject({ state: 'online' })
  })

  it('reports a connection cut in the middle of a command as a grader error', async () => {
    sim.faults.dropConnection(/volume show/, { afterBytes: 40 })
    const error = await failure(client('ssh').getVolume(SVM, VOLUME))
    expect(error.code).toBe('ONTAP_UNREACHABLE')
    expect(error.message).toContain('closed the SSH connection while running `volume show')
  })

  it('reads the same volume in separator mode, in the instance view and in the default table', async () => {
    const plain = client('ssh') as SshOntapClient
    const separated = createSshOntapClient({
      host: sim.host,
      port: sim.sshPort,
      user: USER,
      password: PASSWORD,
      hostKey: sim.hostKeyFingerprint,
      cliSeparator: '|',
    })
    clients.push(separated)
    const expected = await plain.getVolume(SVM, VOLUME)
    await expect(separated.getVolume(SVM, VOLUME)).resolves.toEqual(expected)

    const instance = parseCliOutput(await plain.runCommand(`volume show -vserver ${SVM} -volume ${VOLUME}`))
    expect(instance).toMatchObject({ kind: 'records', format: 'instance' })
    if (instance.kind !== 'records') return
    expect(volumeFromCliRecord(instance.records[0])).toMatchObject({ ...expected, type: 'rw' })

    const table = parseCliOutput(await plain.runCommand('vol show'))
    if (table.kind !== 'records') throw new Error(table.message)
    const row = table.records.map((r) => volumeFromCliRecord(r)).find((v) => v.name === VOLUME)
    expect(row).toMatchObject({ svm: SVM, state: 'online', sizeBytes: 20 * GiB, aggregates: ['aggr1_01'] })
  })
})
