// Lab step "NetApp Trident のインストール" (backend): an ontap-nas backend that Trident reports online.
//
// The TridentBackend's `state` is the truth. Since 23.07 Trident polls ONTAP and turns a backend `offline` (with a
// `stateReason`) while its TridentBackendConfig keeps the `Bound`/`Success` it got when the backend was added:
// the config's status is written only on add, update and delete. A failed add leaves no TridentBackend and the
// config at phase "" with lastOperationStatus Failed and Trident's message. A config that says Bound but whose
// backend (status.backendInfo) has no TridentBackend proves nothing: real Trident does not show that state for
// long (the config turns Lost or is re-bound), so the grader does not count it as online.

import type { TridentObject } from '../harness/kube/kube-lab.js'
import { defineObjective } from '../harness/objective/objective.js'
import { trimStop, type Catalogue, type Text, type Translation } from '../harness/i18n/catalogue.js'
import { LAB_STEPS as S } from '../harness/i18n/lab-steps.js'

const EN = {
  'backend.none': {
    message: () => 'No ontap-nas backend is registered with Trident.',
    hint: () => `Create the backend as in ${S.tridentInstall.en} and check \`tridentctl get backend -n trident\`.`,
  },
  'backend.other-driver': {
    message: (p: { drivers: Text }) => `Trident has backends, but none uses the ontap-nas driver (found: ${p.drivers}).`,
    hint: () => 'The lab uses storageDriverName "ontap-nas" in the backend definition.',
  },
  'backend.not-online': {
    message: (p: { name: Text; state: Text; reason?: Text }) =>
      `The ontap-nas backend ${p.name} is ${p.state === 'unknown' ? 'in an unknown state' : p.state}, not online${p.reason ? `: ${trimStop(p.reason)}` : ''}.`,
    hint: () => 'Check managementLIF, dataLIF, svm, username and password in the backend definition, then update the backend.',
  },
  'backend.wrong-svm': {
    message: (p: { name: Text; svm: Text; expected: Text }) => `The online ontap-nas backend ${p.name} uses SVM ${p.svm}, but your SVM is ${p.expected}.`,
    hint: () => 'Set "svm" in the backend definition to your own SVM.',
  },
  'backend.deleting': {
    message: (p: { name: Text }) => `The ontap-nas backend ${p.name} is being deleted (state deleting): Trident keeps it only until its volumes are gone and makes no new volumes on it.`,
    hint: () => 'Create (or keep) a backend that is not being deleted; check `kubectl get tbc,tbe -n trident`.',
  },
  'backend.suspended': {
    message: (p: { name: Text }) => `The ontap-nas backend ${p.name} is online but suspended (userState suspended), so Trident makes no new volumes on it.`,
    hint: () => 'Look at the USER-STATE column of `tridentctl get backend -n trident`.',
  },
  'backend.add-failed': {
    message: (p: { name: Text; phase: Text; status: Text; reason?: Text }) =>
      `Trident could not create a backend from TridentBackendConfig ${p.name} (phase ${p.phase}, last operation ${p.status})${p.reason ? `: ${trimStop(p.reason)}` : ''}.`,
    hint: () => 'Read the message with `kubectl describe tbc -n trident`; check managementLIF, dataLIF, svm and the credentials Secret.',
  },
  'backend.config-without-backend': {
    message: (p: { name: Text; phase: Text; status: Text; backend: Text }) =>
      `TridentBackendConfig ${p.name} says ${p.phase}/${p.status}, but Trident has no backend ${p.backend} (no TridentBackend), so that status proves nothing is online.`,
    hint: () => 'Compare `kubectl get tbc -n trident` with `kubectl get tbe -n trident`; recreate the backend config if its backend is gone.',
  },
} satisfies Catalogue

const JA: Translation<typeof EN> = {
  'backend.none': {
    message: () => 'Trident に ontap-nas バックエンドが登録されていません。',
    hint: () => `${S.tridentInstall.ja}のとおりバックエンドを作成し、\`tridentctl get backend -n trident\` で確認してください。`,
  },
  'backend.other-driver': {
    message: (p) => `Trident のバックエンドはありますが ontap-nas ドライバーのものがありません（${p.drivers}）。`,
    hint: () => 'ラボのバックエンド定義では storageDriverName に "ontap-nas" を使います。',
  },
  'backend.not-online': {
    message: (p) => `ontap-nas バックエンド ${p.name} の状態は ${p.state} で、online ではありません${p.reason ? `（${trimStop(p.reason)}）` : ''}。`,
    hint: () => 'バックエンド定義の managementLIF・dataLIF・svm・username・password を確認し、バックエンドを更新してください。',
  },
  'backend.wrong-svm': {
    message: (p) => `online の ontap-nas バックエンド ${p.name} の SVM は ${p.svm} ですが、あなたの SVM は ${p.expected} です。`,
    hint: () => 'バックエンド定義の "svm" をあなたの SVM にしてください。',
  },
  'backend.deleting': {
    message: (p) => `ontap-nas バックエンド ${p.name} は削除中（state deleting）です。Trident はボリュームがなくなるまで残すだけで、新しいボリュームは作りません。`,
    hint: () => '削除中ではないバックエンドを用意してください。`kubectl get tbc,tbe -n trident` で確認できます。',
  },
  'backend.suspended': {
    message: (p) => `ontap-nas バックエンド ${p.name} は online ですが一時停止中（userState suspended）のため、Trident は新しいボリュームを作りません。`,
    hint: () => '`tridentctl get backend -n trident` の USER-STATE 列を確認してください。',
  },
  'backend.add-failed': {
    message: (p) => `TridentBackendConfig ${p.name} からバックエンドを作成できませんでした（phase ${p.phase}、最後の操作 ${p.status}）${p.reason ? `: ${trimStop(p.reason)}` : ''}。`,
    hint: () => '`kubectl describe tbc -n trident` のメッセージを読み、managementLIF・dataLIF・svm・認証情報の Secret を確認してください。',
  },
  'backend.config-without-backend': {
    message: (p) =>
      `TridentBackendConfig ${p.name} は ${p.phase}/${p.status} ですが、Trident にバックエンド ${p.backend}（TridentBackend）がありません。この状態ではオンラインのバックエンドがあるとは言えません。`,
    hint: () => '`kubectl get tbc -n trident` と `kubectl get tbe -n trident` を見比べ、バックエンドが消えていれば設定を作り直してください。',
  },
}

export default defineObjective({
  id: 'backend-online',
  title: { en: 'An ontap-nas backend is online', ja: 'ontap-nas バックエンドが online である' },
  points: 10,
  requires: { all: ['trident-installed'] },
  access: [
    { verbs: ['list'], group: 'trident.netapp.io', resource: 'tridentbackends', scope: 'cluster' },
    { verbs: ['list'], group: 'trident.netapp.io', resource: 'tridentbackendconfigs', scope: 'cluster' },
  ],
  messages: { en: EN, ja: JA },
  async check({ lab, see, fail }) {
    const [backends, configs] = await Promise.all([lab.kube.tridentObjects('tridentbackends'), lab.kube.tridentObjects('tridentbackendconfigs')])
    see('TridentBackends', backends.map(summarizeBackend))
    see(
      'TridentBackendConfigs',
      configs.map((c) => ({
        name: c.metadata.name,
        driver: c.spec?.storageDriverName,
        svm: c.spec?.svm,
        phase: c.status?.phase,
        lastOperationStatus: c.status?.lastOperationStatus,
        message: c.status?.message,
        backendInfo: c.status?.backendInfo,
      })),
    )

    const nas = backends.filter((b) => driverOf(b) === 'ontap-nas')
    const nasConfigs = configs.filter((c) => c.spec?.storageDriverName === 'ontap-nas')
    if (nas.length === 0 && nasConfigs.length === 0) {
      const drivers = [...new Set(backends.map(driverOf).filter(Boolean))]
      if (drivers.length > 0) return fail('backend.other-driver', { drivers: drivers.join(', ') })
      return fail('backend.none')
    }

    const expected = lab.target.ontap?.svm
    const online = nas.filter((b) => stateOf(b) === 'online')
    const usable = online.filter((b) => b.userState !== 'suspended')
    if (usable.some((b) => !expected || svmOf(b) === expected)) return
    if (usable.length > 0) return fail('backend.wrong-svm', { name: nameOf(usable[0]) ?? '(unnamed)', svm: svmOf(usable[0]) ?? 'unknown', expected: expected ?? '?' })
    if (online.length > 0) return fail('backend.suspended', { name: nameOf(online[0]) })

    // Nothing online: explain the backend closest to the student's SVM, else the config Trident left.
    const backend = nas.find((b) => expected && svmOf(b) === expected) ?? nas[0]
    if (backend) {
      const state = stateOf(backend)
      if (state === 'deleting') return fail('backend.deleting', { name: nameOf(backend) })
      return fail('backend.not-online', { name: nameOf(backend), state: state || 'unknown', reason: str(backend.stateReason) })
    }
    const config = nasConfigs.find((c) => c.status?.lastOperationStatus === 'Failed') ?? nasConfigs[0]
    const phase = str(config.status?.phase) ?? '(none)'
    const status = str(config.status?.lastOperationStatus) ?? '(none)'
    if (phase === 'Bound' && status === 'Success') {
      const info = config.status?.backendInfo ?? {}
      return fail('backend.config-without-backend', { name: config.metadata.name, phase, status, backend: str(info.backendName) ?? str(info.backendUUID) ?? '(unnamed)' })
    }
    return fail('backend.add-failed', { name: config.metadata.name, phase, status, reason: str(config.status?.message) })
  },
})

// TridentBackend keeps its fields at the top level (not under spec/status) in every Trident release
// (persistent_store/crd/apis/netapp/v1/types.go): backendName, backendUUID, config.ontap_config, online, state,
// stateReason, userState (23.10+), configRef.
type Backend = TridentObject & { backendName?: unknown; state?: unknown; online?: unknown; stateReason?: unknown; userState?: unknown; config?: any }
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined)
const nameOf = (b: Backend) => str(b.backendName) ?? b.metadata.name
const configOf = (b: Backend): Record<string, any> => b.config?.ontap_config ?? b.config ?? {}
const driverOf = (b: Backend) => str(configOf(b).storageDriverName)
const svmOf = (b: Backend) => str(configOf(b).svm)
/** `state` when Trident wrote one; releases before it had only the `online` flag. */
function stateOf(b: Backend): string {
  const state = str(b.state)
  if (state) return state
  return b.online === true ? 'online' : b.online === false ? 'offline' : ''
}
const summarizeBackend = (b: Backend) => ({
  name: nameOf(b),
  driver: driverOf(b),
  svm: svmOf(b),
  state: b.state,
  online: b.online,
  userState: b.userState,
  stateReason: b.stateReason,
  backendUUID: b.backendUUID,
  configRef: b.configRef,
})
