// Lab steps "アプリケーションの停止" and "再デプロイメント": write something through the running database pod,
// delete that pod, and read it back from the pod its Deployment starts instead.

import { randomBytes } from 'node:crypto'
import type { V1PersistentVolumeClaim, V1Pod } from '@kubernetes/client-node'
import { GraderError } from '../harness/errors.js'
import { findDatabaseClaim, samePath, type ClaimMount } from '../harness/lab/database.js'
import { readClaimVolume } from '../harness/lab/claim-ownership.js'
import { acquireLease, LEASE_NAME } from '../harness/kube/lease.js'
import type { KubeLab } from '../harness/kube/kube-lab.js'
import { defineObjective, type Check } from '../harness/objective/objective.js'
import { type Catalogue, type Text, type Translation } from '../harness/i18n/catalogue.js'
import { LAB_STEPS as S } from '../harness/i18n/lab-steps.js'
import { CLAIM_EN, CLAIM_JA, DATABASE_CLAIM_ACCESS } from './support/claim-messages.js'

const EN = {
  ...CLAIM_EN,
  'persist.no-pod': {
    message: (p: { workload: Text }) => `No running, ready pod of ${p.workload} was found to write the test file into.`,
    hint: () => 'Check the database pod with `kubectl get pods` and `kubectl describe pod`.',
  },
  'persist.no-shell': {
    message: (p: { container: Text; pod: Text; path: Text }) => `Container ${p.container} in pod ${p.pod} has no /bin/sh, so the grader cannot write a test file into ${p.path}.`,
    hint: () => "Use an image with a shell for the database (the lab's MySQL image has one), or ask your instructor.",
  },
  'persist.write-failed': {
    message: (p: { path: Text; pod: Text; detail: Text }) => `Writing a test file into ${p.path} in pod ${p.pod} failed: ${p.detail}`,
    hint: () => 'The volume must be writable by the container; check the mount and `kubectl describe pod`.',
  },
  'persist.no-replacement': {
    message: (p: { pod: Text; seconds: Text }) => `After pod ${p.pod} was deleted, no replacement pod became ready within ${p.seconds} s.`,
    hint: () => `Watch \`kubectl get pods -w\` while doing ${S.redeploy.en} yourself, and read the new pod's events.`,
  },
  'persist.not-owned': {
    message: (p: { pvc: Text; pv: Text }) =>
      `Not checked: nothing was written and no pod was deleted, because PV ${p.pv} is not proven to be the volume Trident made for PVC ${p.pvc} (see pvc-bound).`,
    hint: () => "Let Trident provision the PV from the PVC; the grader writes only into a volume it has proven to be the claim's.",
  },
  'persist.marker-lost': {
    message: (p: { pod: Text }) => `The test file written before the pod was deleted is missing in the replacement pod ${p.pod}: the data did not survive.`,
    hint: () => "The data path must be on the PVC, not on the container's own filesystem or an emptyDir.",
  },
  // Progress lines, shown on the console while the check works.
  'persist.writing': { message: (p: { pod: Text }) => `writing a test file in ${p.pod}` },
  'persist.waiting': { message: (p: { workload: Text; pod: Text; seconds: Text }) => `waiting for ${p.workload} to replace ${p.pod} (budget ${p.seconds} s)` },
  'persist.reading': { message: (p: { pod: Text }) => `reading the test file back in ${p.pod}` },
} satisfies Catalogue

const JA: Translation<typeof EN> = {
  ...CLAIM_JA,
  'persist.no-pod': {
    message: (p) => `${p.workload} に、テストファイルを書き込める Running かつ Ready の Pod がありません。`,
    hint: () => '`kubectl get pods` と `kubectl describe pod` でデータベース Pod を確認してください。',
  },
  'persist.no-shell': {
    message: (p) => `Pod ${p.pod} のコンテナ ${p.container} に /bin/sh がないため、${p.path} にテストファイルを書き込めません。`,
    hint: () => 'シェルを含むイメージを使ってください（ラボの MySQL イメージには含まれています）。または講師に相談してください。',
  },
  'persist.write-failed': {
    message: (p) => `Pod ${p.pod} の ${p.path} へのテストファイル書き込みに失敗しました: ${p.detail}`,
    hint: () => 'ボリュームがコンテナから書き込み可能である必要があります。マウントと `kubectl describe pod` を確認してください。',
  },
  'persist.no-replacement': {
    message: (p) => `Pod ${p.pod} を削除した後、${p.seconds} 秒以内に代わりの Pod が Ready になりませんでした。`,
    hint: () => `${S.redeploy.ja}を自分で行いながら \`kubectl get pods -w\` を見て、新しい Pod のイベントを確認してください。`,
  },
  'persist.not-owned': {
    message: (p) => `未確認: PV ${p.pv} が PVC ${p.pvc} のために Trident が作ったボリュームだと確認できないため、何も書き込まず、Pod も削除していません（pvc-bound を参照）。`,
    hint: () => 'PV は PVC から Trident に作らせてください。採点ツールは PVC のものと確認できたボリュームにだけ書き込みます。',
  },
  'persist.marker-lost': {
    message: (p) => `Pod 削除前に書いたテストファイルが、代わりの Pod ${p.pod} にありません。データが残っていません。`,
    hint: () => 'データのパスはコンテナ自身のファイルシステムや emptyDir ではなく、PVC 上にある必要があります。',
  },
  'persist.writing': { message: (p) => `${p.pod} にテストファイルを書き込んでいます` },
  'persist.waiting': { message: (p) => `${p.workload} が ${p.pod} の代わりの Pod を起動するのを待っています（上限 ${p.seconds} 秒）` },
  'persist.reading': { message: (p) => `${p.pod} でテストファイルを読み戻しています` },
}

const MARKER_PREFIX = '.trident-lab-grader-'
const CLEANUP_WAIT_MS = 60_000

export default defineObjective({
  id: 'data-persists',
  title: { en: 'Data survives deleting the database pod', ja: 'データベース Pod を削除してもデータが残る' },
  points: 20,
  // pvc-bound: the PV is proven this claim's before anything is written into its volume.
  requires: { all: ['pvc-bound', 'app-uses-pvc'], mountable: ['ontap-volume'] },
  disruptive: true,
  access: [
    ...DATABASE_CLAIM_ACCESS,
    { verbs: ['list', 'watch', 'delete'], group: '', resource: 'pods', scope: 'student' },
    { verbs: ['create', 'get'], group: '', resource: 'pods/exec', scope: 'student' },
    { verbs: ['create'], group: 'coordination.k8s.io', resource: 'leases', scope: 'student' },
    { verbs: ['get', 'update', 'delete'], group: 'coordination.k8s.io', resource: 'leases', scope: 'student', name: LEASE_NAME },
    { verbs: ['list'], group: 'apps', resource: 'replicasets', scope: 'student' },
  ],
  messages: { en: EN, ja: JA },
  async check(check) {
    const { lab, fail } = check
    // Whatever the rubric's prerequisites say, nothing is done (not even the Lease) for a volume not proven the claim's.
    const first = await findDatabaseClaim(lab.kube, lab.params)
    if ('found' in first) await requireOwnedVolume(check, first.found.pvc)
    // The lease comes before anything that depends on pods: another run's pod replacement must never look like
    // the student's problem. Only then is the workload read (afresh) and its running pod chosen.
    const lease = await acquireLease(lab.kube.http, lab.target.student, lab.target.runId, lab.params.persistTimeoutSeconds + 120, lab.kube.uncancellable().http)
    try {
      lab.kube.forgetStudentNamespace()
      const claim = await findDatabaseClaim(lab.kube, lab.params)
      if ('missing' in claim) return fail('pvc.none', { namespace: lab.target.student })
      // The claim read afresh may be another one: proven again (from the run's cached reads of PVs and backends).
      await requireOwnedVolume(check, claim.found.pvc)
      const atPath = claim.found.mounts.filter((m) => samePath(m.mountPath, lab.params.dataPath))
      const mount = atPath.find((m) => m.workload.available >= 1)
      if (!mount) {
        if (atPath.length === 0) return fail('app.not-mounted', { namespace: lab.target.student, pvc: claim.found.pvc.metadata!.name! })
        return fail('persist.no-pod', { workload: `${atPath[0].workload.kind} ${atPath[0].workload.name}` })
      }
      await survivesPodReplacement(check, mount)
    } finally {
      await lease.release().catch(() => undefined)
      lab.kube.forgetStudentNamespace()
    }
  },
})

/** Blocks the check unless the claim's PV is the one Trident provisioned for it (harness/lab/claim-ownership.ts). */
async function requireOwnedVolume({ lab, block }: Check<typeof EN>, pvc: V1PersistentVolumeClaim): Promise<void> {
  const volume = await readClaimVolume(lab.kube, pvc)
  if (!volume || !volume.ownership.owned) block('persist.not-owned', { pvc: `${pvc.metadata?.namespace}/${pvc.metadata?.name}`, pv: pvc.spec?.volumeName ?? '(none)' })
}

/** Marker in, pod out, replacement in, marker back; the marker is removed on every path. */
async function survivesPodReplacement({ lab, see, fail, progress, act, signal }: Check<typeof EN>, mount: ClaimMount): Promise<void> {
  const workload = `${mount.workload.kind} ${mount.workload.name}`
  const budgetSeconds = lab.params.persistTimeoutSeconds
  const owners = await ownerUids(lab.kube, mount)
  const { items } = await lab.kube.pods(mount.workload.selector)
  const before = items.find((p) => owns(owners, p) && isReady(p))
  if (!before) return fail('persist.no-pod', { workload })
  const pod = before.metadata!.name!
  const marker = `${mount.mountPath.replace(/\/+$/, '')}/${MARKER_PREFIX}${lab.target.runId}`
  const content = `${lab.target.runId}-${randomBytes(8).toString('hex')}`
  see('Test file', { pod, container: mount.container, path: marker })

  let written = false
  let removed = false
  let readFrom: V1Pod | undefined
  try {
    await progress('persist.writing', { pod })
    const write = await lab.kube.exec(pod, mount.container, ['sh', '-c', 'printf %s "$1" > "$2" && sync', 'sh', content, marker])
    if (write.exitCode === -1 && /not found|no such file|executable/i.test(write.startError ?? '')) {
      return fail('persist.no-shell', { container: mount.container, pod, path: mount.mountPath })
    }
    if (write.exitCode !== 0) return fail('persist.write-failed', { path: mount.mountPath, pod, detail: (write.stderr || write.startError || `exit ${write.exitCode}`).trim() })
    written = true

    // Watch from the list's resourceVersion so the replacement cannot slip past unseen.
    const { resourceVersion } = await lab.kube.pods(mount.workload.selector)
    await lab.kube.deletePod(pod, before.metadata!.uid!)
    act(`deleted pod ${lab.target.student}/${pod} (uid ${before.metadata!.uid})`)
    await progress('persist.waiting', { workload, pod, seconds: budgetSeconds })
    const budget = AbortSignal.timeout(budgetSeconds * 1000)
    const waitStarted = performance.now()
    try {
      readFrom = await lab.kube.waitForPod(
        { labelSelector: mount.workload.selector, resourceVersion, signal: AbortSignal.any([signal, budget]) },
        (p) => p.metadata?.uid !== before.metadata?.uid && owns(owners, p) && isReady(p),
      )
    } catch (error) {
      if (budget.aborted && !signal.aborted) return fail('persist.no-replacement', { pod, seconds: budgetSeconds })
      throw signal.reason instanceof GraderError ? signal.reason : new GraderError('CANCELLED', 'The grading run was stopped while waiting for the replacement pod.', { cause: error })
    }
    lab.measured.podReplacementWaitMs = Math.round(performance.now() - waitStarted)
    const replacement = readFrom.metadata!.name!
    see('Replacement pod', { name: replacement, uid: readFrom.metadata?.uid, node: readFrom.spec?.nodeName })

    await progress('persist.reading', { pod: replacement })
    // Read and removed in one exec (exit 0: both done); any other outcome leaves the removal to removeMarker.
    const read = await lab.kube.exec(replacement, mount.container, ['sh', '-c', 'cat "$1" || exit 3; rm -f "$1" || exit 4', 'sh', marker])
    if (read.exitCode === 0 || read.exitCode === 4) {
      removed = read.exitCode === 0
      if (removed) act(`removed the test file ${marker} through pod ${replacement}`)
    }
    if ((read.exitCode !== 0 && read.exitCode !== 4) || read.stdout !== content) return fail('persist.marker-lost', { pod: replacement })
  } finally {
    // Cleanup runs even when the run was stopped: it uses access that the cancellation does not abort.
    if (written && !removed) await removeMarker(lab.kube.uncancellable(), mount, owners, readFrom, marker, act)
  }
}

/** UIDs that own the workload's pods: the Deployment's ReplicaSets, or the StatefulSet itself. */
async function ownerUids(kube: KubeLab, mount: ClaimMount): Promise<Set<string>> {
  if (mount.workload.kind === 'StatefulSet') return new Set([mount.workload.uid!])
  const sets = await kube.replicaSets()
  return new Set(sets.filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.uid === mount.workload.uid)).map((rs) => rs.metadata!.uid!))
}

function owns(owners: Set<string>, pod: V1Pod): boolean {
  return pod.metadata?.ownerReferences?.some((o) => o.controller && owners.has(o.uid)) ?? false
}

function isReady(pod: V1Pod): boolean {
  return !pod.metadata?.deletionTimestamp && pod.status?.phase === 'Running' && (pod.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True')
}

/** A pod whose container runs (exec works there) even if it is not Ready yet. */
function isRunning(pod: V1Pod, container: string): boolean {
  return !pod.metadata?.deletionTimestamp && pod.status?.phase === 'Running' && (pod.status.containerStatuses ?? []).some((c) => c.name === container && c.state?.running)
}

/**
 * Removes the test file on every path: through the replacement, any running pod of the workload, or, when
 * none runs yet (the replacement is slow), the first one that starts within CLEANUP_WAIT_MS. Says truthfully
 * whether the file was found: where pods do not share the data (the failing case), it may be visible nowhere.
 */
async function removeMarker(kube: KubeLab, mount: ClaimMount, owners: Set<string>, replacement: V1Pod | undefined, marker: string, act: (t: string) => void): Promise<void> {
  const script = 'if [ -e "$1" ]; then rm -f "$1" && echo removed; else echo absent; fi'
  const tryRemove = async (pod: string) => (await kube.exec(pod, mount.container, ['sh', '-c', script, 'sh', marker]).catch(() => undefined))?.stdout.trim()
  const candidates: string[] = replacement ? [replacement.metadata!.name!] : []
  const { items, resourceVersion } = await kube.pods(mount.workload.selector).catch(() => ({ items: [] as V1Pod[], resourceVersion: undefined }))
  for (const p of items) if (owns(owners, p) && isRunning(p, mount.container) && !candidates.includes(p.metadata!.name!)) candidates.push(p.metadata!.name!)
  if (candidates.length === 0) {
    const started = await kube
      .waitForPod({ labelSelector: mount.workload.selector, resourceVersion, signal: AbortSignal.timeout(CLEANUP_WAIT_MS) }, (p) => owns(owners, p) && isRunning(p, mount.container))
      .catch(() => undefined)
    if (started) candidates.push(started.metadata!.name!)
  }
  let answered = 0
  for (const pod of candidates) {
    const outcome = await tryRemove(pod)
    if (outcome === 'removed') return act(`removed the test file ${marker} through pod ${pod}`)
    if (outcome === 'absent') answered++
  }
  if (answered > 0) return act(`the test file ${marker} is not visible in any running pod of the workload; it stays where the deleted pod wrote it`)
  act(`could not remove the test file ${marker}: no pod of the workload ran within ${CLEANUP_WAIT_MS / 1000} s; remove it by hand`)
}
