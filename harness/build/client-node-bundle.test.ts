// The build's bundle of @kubernetes/client-node (client-node-bundle.mjs): only KubeConfig and Exec with what they
// use, nothing it imports outside Node itself, and a KubeConfig that reads a kubeconfig as the package's own does.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { isBuiltin } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import * as clientNode from '@kubernetes/client-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundleClientNode } from './client-node-bundle.mjs'

const ENTRY = new URL('../kube/client-node.ts', import.meta.url)
const KUBECONFIG = `
apiVersion: v1
kind: Config
current-context: lab
clusters:
- name: lab
  cluster: { server: 'https://127.0.0.1:6443', certificate-authority-data: ${Buffer.from('not a real CA').toString('base64')}, tls-server-name: api.lab }
users:
- name: grader
  user: { token: secret-token }
contexts:
- name: lab
  context: { cluster: lab, user: grader, namespace: alice }
`

describe('the bundled @kubernetes/client-node', () => {
  let dir: string
  let file: string
  let modules: string[]
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'client-node-bundle-'))
    file = path.join(dir, 'client-node.js')
    modules = await bundleClientNode(ENTRY.pathname, file)
  }, 60_000)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('holds KubeConfig and Exec with their code, not the generated API', () => {
    const own = modules.map((m) => m.replaceAll('\\', '/')).filter((m) => m.includes('@kubernetes/client-node/dist/'))
    expect(own.some((m) => m.endsWith('/dist/config.js'))).toBe(true)
    expect(own.some((m) => m.endsWith('/dist/exec.js'))).toBe(true)
    expect(own.filter((m) => /\/dist\/gen\/(models|apis|types)\//.test(m))).toEqual([])
    expect(own.length).toBeLessThan(40)
  })

  it('imports only Node built-ins: the packages it needs are inside it, wherever npm installed them', () => {
    const code = readFileSync(file, 'utf8')
    const imported = [...code.matchAll(/^import\s[^'"]*?from\s*["']([^"']+)["']/gm)].map((m) => m[1])
    expect(imported.length).toBeGreaterThan(0)
    expect(imported.filter((id) => !isBuiltin(id))).toEqual([])
    // What is still required at run time: built-ins, and the optional modules ws, debug and node-fetch try inside a try.
    const required = new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]))
    expect([...required].filter((id) => !isBuiltin(id)).sort()).toEqual(['bufferutil', 'encoding', 'supports-color', 'utf-8-validate'])
    expect(required.has('punycode')).toBe(false)
  })

  it('reads a kubeconfig as the package does: cluster, user, namespace and TLS options', async () => {
    const bundled = (await import(pathToFileURL(file).href)) as typeof clientNode
    const read = (KubeConfig: typeof clientNode.KubeConfig) => {
      const kc = new KubeConfig()
      kc.loadFromString(KUBECONFIG)
      return kc
    }
    const ours = read(bundled.KubeConfig)
    const theirs = read(clientNode.KubeConfig)
    expect(ours.getCurrentCluster()).toEqual(theirs.getCurrentCluster())
    expect(ours.getCurrentUser()).toEqual(theirs.getCurrentUser())
    expect(ours.getContextObject('lab')).toEqual(theirs.getContextObject('lab'))
    const options = async (kc: clientNode.KubeConfig) => {
      const o: Record<string, unknown> = {}
      await kc.applyToHTTPSOptions(o)
      // Each copy makes its own https.Agent (with listeners of its own): compared by the options it was made with.
      return { ...o, agent: (o.agent as { options?: unknown } | undefined)?.options }
    }
    expect(await options(ours)).toEqual(await options(theirs))
    expect(typeof new bundled.Exec(ours).exec).toBe('function')
  })
})
