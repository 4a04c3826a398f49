// The yardstick on the lab cluster: bench/yardstick.sh with the real kubectl and ssh, against the reference setup
// and the broken student setups that share its cluster state. Where the grader passes an objective the script
// says PASS, where the grader fails it the script says FAIL (the grader's `blocked` is no verdict the script
// has). Left out: volume-shrunk (the script does not compare sizes, see its header).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { execa } from 'execa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { K8S_VERSION, labAvailability } from '@trident-lab/cluster'
import {
  applyClusterState,
  applyNamespaceState,
  awaitExclusiveCluster,
  clusterStateKey,
  labTarget,
  type LabTarget,
  loadVariant,
  REFERENCE,
  teardownNamespaceState,
  type Variant,
  variantNames,
} from '@trident-lab/students'

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'yardstick.sh')
const NOT_COMPARED = new Set(['volume-shrunk'])
const lab = await labAvailability()
const suffix = Date.now().toString(36)
const nsOf = (variant: string) => `bench-ys-${variant}-${suffix}`
const keys = mkdtempSync(path.join(tmpdir(), 'yardstick-lab-'))
let t: LabTarget

const reference = loadVariant(REFERENCE)
const variants: Variant[] = variantNames()
  .map((name) => loadVariant(name))
  .filter((v) => clusterStateKey(v) === clusterStateKey(reference) && !NOT_COMPARED.has(v.name))

async function yardstick(namespace: string) {
  const knownHosts = path.join(keys, 'known_hosts')
  writeFileSync(knownHosts, `[${t.ontap.host}]:${t.ontap.sshPort} ${t.ontap.hostPublicKey.split(' ').slice(0, 2).join(' ')}\n`)
  const r = await execa('bash', [SCRIPT, namespace], {
    reject: false,
    extendEnv: false,
    timeout: 180_000,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      KUBECONFIG: t.kubeconfigPath,
      KUBECTL: path.join(t.paths.cacheDir, 'labkube', K8S_VERSION, 'bin', 'kubectl'),
      ONTAP_HOST: t.ontap.host,
      ONTAP_PORT: String(t.ontap.sshPort),
      ONTAP_SVM: t.ontap.defaultSvm,
      ONTAP_PASSWORD: t.ontap.password,
      ONTAP_KNOWN_HOSTS: knownHosts,
      // A replacement pod that cannot mount an offline or deleted volume never comes: do not wait 180 s for it.
      PERSIST_TIMEOUT: '30',
    },
  })
  const verdicts = Object.fromEntries(
    r.stdout
      .split('\n')
      .filter((l) => /^(PASS|FAIL) /.test(l))
      .map((l) => [l.slice(5).split(':')[0], l.slice(0, 4)]),
  )
  return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, verdicts }
}

describe.skipIf(!lab.cluster && !lab.mustFail)('bench/yardstick.sh on the lab cluster', () => {
  beforeAll(async () => {
    if (!lab.cluster) throw new Error(`lab tests: ${lab.reason} (CI is set, so a missing cluster fails instead of skipping).`)
    t = await labTarget({ kubeconfigPath: lab.cluster.kubeconfigPath, log: (line) => process.stderr.write(`[yardstick] ${line}\n`) })
    await applyClusterState(t, reference)
    await Promise.all(variants.map((v) => applyNamespaceState(t, v, nsOf(v.name))))
  }, 600_000)

  afterAll(async () => {
    if (t) await Promise.all(variants.map((v) => teardownNamespaceState(t, nsOf(v.name), { wait: false }).catch(() => undefined)))
    rmSync(keys, { recursive: true, force: true })
  }, 300_000)

  it('compares the reference and the broken setups of the reference cluster state', () => {
    expect(variants.map((v) => v.name)).toContain(REFERENCE)
    expect(variants.length).toBeGreaterThanOrEqual(8)
  })

  for (const variant of variants) {
    it(`${variant.name}: PASS where the grader passes, FAIL where it fails (${variant.expected.description})`, async () => {
      await awaitExclusiveCluster(t)
      const r = await yardstick(nsOf(variant.name))
      const expected = variant.expected.objectives
      for (const [id, status] of Object.entries(expected)) {
        if (status === 'passed') expect(r.verdicts[id], `${id}\n${r.stdout}${r.stderr}`).toBe('PASS')
        if (status === 'failed') expect(r.verdicts[id], `${id}\n${r.stdout}${r.stderr}`).toBe('FAIL')
      }
      expect(Object.keys(r.verdicts)).toHaveLength(8)
      expect(r.exitCode).toBe(variant.expected.exitCode === 0 ? 0 : 1)
    }, 240_000)
  }
})
