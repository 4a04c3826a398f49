import { describe, expect, it } from 'vitest'
import { isDnsLabel, isDnsSubdomain, isEqualitySelector, isPlainApiPath, shownName } from './kube-names.js'

describe('names from the cluster', () => {
  it('accepts what Kubernetes accepts and nothing that could leave a path segment', () => {
    for (const ok of ['pvc-e12460a6-bd34-4c43-8e67-f0ba4d5a6324', 'csi.trident.netapp.io', 'a', 'x'.repeat(253 - 64) + '.' + 'y'.repeat(63)]) expect(isDnsSubdomain(ok), ok).toBe(true)
    for (const bad of ['', '../namespaces/kube-system/secrets/admin-token?x=1#', 'a/b', 'A', '-a', 'a-', 'a..b', '.', '..', 'a b', 'a%2fb', 'x'.repeat(254), 'a\u202eb', undefined, 7]) {
      expect(isDnsSubdomain(bad), String(bad)).toBe(false)
    }
    expect(isDnsLabel('trident')).toBe(true)
    expect(isDnsLabel('x'.repeat(64))).toBe(false)
    expect(isDnsLabel('a.b')).toBe(false)
  })

  it('takes equality selectors whose keys and values are labels, so a value cannot add terms', () => {
    for (const ok of ['app=mysql', 'app=wordpress,tier=mysql', 'app.kubernetes.io/name=mysql', 'app==mysql', 'empty=']) expect(isEqualitySelector(ok), ok).toBe(true)
    for (const bad of ['', 'app', 'app!=x', 'app=mysql,', 'app=a b', 'app=x,y', 'app in (a,b)', 'a/b/c=x', 'app=' + 'x'.repeat(64), '=x']) expect(isEqualitySelector(bad), bad).toBe(false)
  })

  it('lets only plain API paths through to the HTTP client', () => {
    for (const ok of ['/version', '/api/v1/persistentvolumes/pvc-1', '/api/v1/namespaces/alice/pods?labelSelector=app%3Dmysql', '/apis/trident.netapp.io/v1/tridentversions'])
      expect(isPlainApiPath(ok), ok).toBe(true)
    for (const bad of [
      '/api/v1/persistentvolumes/../namespaces/kube-system/secrets/x',
      '/api/v1/x/%2e%2e/y',
      '/api/v1/x/a%2fb',
      '/api/v1/x#frag',
      '/api/v1/x?a=1?b',
      '/api//v1',
      'api/v1',
      '/api/v1/x y',
      '/api/v1/x\n',
    ]) {
      expect(isPlainApiPath(bad), bad).toBe(false)
    }
  })

  it('shows a name quoted, escaped and short', () => {
    expect(shownName('a\u001b[2Jb\u202e')).toBe('"a\\u001b[2Jb\\u202e"')
    expect(shownName('x'.repeat(500)).length).toBeLessThanOrEqual(82)
  })
})
