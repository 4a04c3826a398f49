// A grader error inside a check says its cause in the card's language: the check's Japanese message quotes the
// Japanese sentence of the error, the English one the English sentence.

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadCase, startRecordedApiServer } from '@trident-lab/recorded-cluster'
import { afterAll, describe, expect, it } from 'vitest'
import { grade } from '../index.js'

const dir = mkdtempSync(join(tmpdir(), 'grader-errors-ja-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('grader errors in a check, in both languages', { timeout: 60_000 }, () => {
  it('a request the grader may not make (HTTP 403)', async () => {
    const server = await startRecordedApiServer(loadCase('reference'))
    try {
      const kubeconfigPath = join(dir, 'forbidden.kubeconfig')
      await server.writeKubeconfig(kubeconfigPath)
      server.failWith(403, 'persistentvolumeclaims')
      const card = await grade({ student: 'alice', kube: { kubeconfigPath }, lang: 'ja', skip: ['data-persists'] })
      const check = card.checks.find((c) => c.id === 'pvc-bound')!
      expect(check).toMatchObject({ status: 'error', errorCode: 'KUBE_FORBIDDEN' })
      expect(check.i18n.en.message).toBe(
        "The grader could not check this: The grader's Kubernetes identity may not list persistentvolumeclaims in namespace alice (HTTP 403); grant the grader's RBAC from the README.",
      )
      expect(check.i18n.ja.message).toBe(
        '採点ツールがこの項目を確認できませんでした: 採点ツールの Kubernetes の ID には、namespace alice の persistentvolumeclaims を list する権限がありません（HTTP 403）。README にある採点ツールの RBAC を付与してください。',
      )
      expect(check.message).toBe(check.i18n.ja.message)
    } finally {
      await server.close()
    }
  })
})
