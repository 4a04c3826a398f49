import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { KubeConfig } from '@kubernetes/client-node'
import { describe, expect, it } from 'vitest'
import { checkRosterKubeconfig, credentialCommands, refuseCredentialCommands } from './credential-commands.js'

function config(user: Record<string, unknown>): KubeConfig {
  const kc = new KubeConfig()
  kc.loadFromString(
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'c', cluster: { server: 'https://10.0.0.1:6443' } }],
      users: [{ name: 'u', user }],
      contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
      'current-context': 'x',
    }),
  )
  return kc
}

describe('credential commands in a kubeconfig', () => {
  it('finds exec plugins (top level or inside an auth-provider) and cmd-paths', () => {
    expect(credentialCommands(config({ exec: { command: 'aws', args: ['eks', 'get-token'] } }))).toEqual([{ user: 'u', kind: 'exec', command: 'aws' }])
    expect(credentialCommands(config({ 'auth-provider': { name: 'x', config: { exec: { command: 'helper' } } } }))).toEqual([{ user: 'u', kind: 'exec', provider: 'x', command: 'helper' }])
    expect(credentialCommands(config({ 'auth-provider': { name: 'azure', config: { 'cmd-path': '/usr/bin/az' } } }))).toEqual([
      { user: 'u', kind: 'cmd-path', provider: 'azure', command: '/usr/bin/az' },
    ])
    expect(credentialCommands(config({ token: 't' }))).toEqual([])
    expect(credentialCommands(config({ 'auth-provider': { name: 'oidc', config: { 'id-token': 'x' } } }))).toEqual([])
  })

  it('refuses a cmd-path always, an exec plugin only where it is not allowed', () => {
    const gcp = config({ 'auth-provider': { name: 'gcp', config: { 'cmd-path': '/bin/sh' } } })
    expect(() => refuseCredentialCommands(gcp, 'The kubeconfig k', true)).toThrow(
      /^The kubeconfig k asks the grader to run "\/bin\/sh" for user "u" \(the "gcp" auth-provider's cmd-path\), which kubectl no longer runs/,
    )
    const exec = config({ exec: { command: 'gke-gcloud-auth-plugin' } })
    expect(() => refuseCredentialCommands(exec, 'The kubeconfig k', true)).not.toThrow()
    expect(() => refuseCredentialCommands(exec, 'The kubeconfig k', false)).toThrow(/runs no command unless the roster says allowExecPlugins: true/)
  })

  it("refuses a roster kubeconfig's token file before client-node reads it, unless allowed", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kubeconfig-'))
    const path = join(dir, 'kubeconfig')
    await writeFile(
      path,
      'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://10.0.0.1:6443"}}]\nusers: [{name: u, user: {token-file: /var/run/secrets/kubernetes.io/serviceaccount/token}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n',
    )
    expect(() => checkRosterKubeconfig(path, undefined, 'The kubeconfig named for alice in the roster', false)).toThrow(
      'The kubeconfig named for alice in the roster has the grader read the token file "/var/run/secrets/kubernetes.io/serviceaccount/token" for user "u" and send it to its server',
    )
    expect(() => checkRosterKubeconfig(path, undefined, 'x', true)).not.toThrow()
  })
})
