// Lab step "NetApp Trident のインストール": Trident runs as a CSI driver with its controller and node pods.

import { findTrident } from '../harness/lab/trident.js'
import { defineObjective } from '../harness/objective/objective.js'
import { type Catalogue, type Text, type Translation } from '../harness/i18n/catalogue.js'
import { LAB_STEPS as S } from '../harness/i18n/lab-steps.js'

const EN = {
  'trident.no-csidriver': {
    message: () => 'No CSIDriver named csi.trident.netapp.io exists in the cluster, so CSI Trident is not installed.',
    hint: () => `Follow ${S.tridentInstall.en}, then check with \`kubectl get csidriver\` and \`kubectl get pods -n trident\`.`,
  },
  'trident.legacy-only': {
    message: (p: { what: Text }) => `Only pre-CSI (legacy) Trident was found (${p.what}); current Trident is a CSI driver named csi.trident.netapp.io.`,
    hint: () => `Reinstall a current Trident (23.01 or later) as in ${S.tridentInstall.en}.`,
  },
  'trident.no-controller': {
    message: () => 'No Trident controller Deployment was found (label app=controller.csi.trident.netapp.io).',
    hint: () => `The install in ${S.tridentInstall.en} creates it; look at \`kubectl get deploy -n trident\`.`,
  },
  'trident.controller-unavailable': {
    message: (p: { name: Text; ready: Text; desired: Text }) => `The Trident controller Deployment ${p.name} has ${p.ready} of ${p.desired} replicas available.`,
    hint: () => 'Look at the controller pod with `kubectl describe pod` and `kubectl logs` in the trident namespace.',
  },
  'trident.no-node': {
    message: () => 'No Trident node DaemonSet was found (label app=node.csi.trident.netapp.io).',
    hint: () => `The install in ${S.tridentInstall.en} creates it; look at \`kubectl get ds -n trident\`.`,
  },
  'trident.node-not-ready': {
    message: (p: { name: Text; ready: Text; desired: Text }) => `The Trident node DaemonSet ${p.name} has ${p.ready} of ${p.desired} pods ready.`,
    hint: () => 'Look at the node pods with `kubectl describe pod` in the trident namespace.',
  },
  'trident.no-version': {
    message: () => 'No TridentVersion object was found, so the install did not finish.',
    hint: () => 'Check `tridentctl version -n trident`; the install writes the version when it completes.',
  },
} satisfies Catalogue

const JA: Translation<typeof EN> = {
  'trident.no-csidriver': {
    message: () => 'クラスタに CSIDriver csi.trident.netapp.io がありません。CSI Trident がインストールされていません。',
    hint: () => `${S.tridentInstall.ja}の手順を行い、\`kubectl get csidriver\` と \`kubectl get pods -n trident\` で確認してください。`,
  },
  'trident.legacy-only': {
    message: (p) => `CSI 以前の古い Trident しか見つかりません（${p.what}）。現在の Trident は CSI ドライバー csi.trident.netapp.io です。`,
    hint: () => `${S.tridentInstall.ja}を参考に、新しい Trident（23.01 以降）を入れ直してください。`,
  },
  'trident.no-controller': {
    message: () => 'Trident のコントローラー Deployment（ラベル app=controller.csi.trident.netapp.io）が見つかりません。',
    hint: () => `${S.tridentInstall.ja}で作成されます。\`kubectl get deploy -n trident\` を確認してください。`,
  },
  'trident.controller-unavailable': {
    message: (p) => `Trident コントローラー Deployment ${p.name} の利用可能なレプリカは ${p.desired} 中 ${p.ready} です。`,
    hint: () => 'trident 名前空間のコントローラー Pod を `kubectl describe pod` と `kubectl logs` で確認してください。',
  },
  'trident.no-node': {
    message: () => 'Trident のノード DaemonSet（ラベル app=node.csi.trident.netapp.io）が見つかりません。',
    hint: () => `${S.tridentInstall.ja}で作成されます。\`kubectl get ds -n trident\` を確認してください。`,
  },
  'trident.node-not-ready': {
    message: (p) => `Trident ノード DaemonSet ${p.name} の Ready な Pod は ${p.desired} 中 ${p.ready} です。`,
    hint: () => 'trident 名前空間のノード Pod を `kubectl describe pod` で確認してください。',
  },
  'trident.no-version': {
    message: () => 'TridentVersion オブジェクトが見つかりません。インストールが完了していません。',
    hint: () => '`tridentctl version -n trident` を確認してください。インストール完了時にバージョンが登録されます。',
  },
}

export default defineObjective({
  id: 'trident-installed',
  title: { en: 'Trident is installed and running', ja: 'Trident がインストールされ、稼働している' },
  points: 15,
  access: [
    { verbs: ['get'], group: 'storage.k8s.io', resource: 'csidrivers', scope: 'cluster' },
    { verbs: ['list'], group: 'apps', resource: 'deployments', scope: 'trident' },
    { verbs: ['list'], group: 'apps', resource: 'daemonsets', scope: 'trident' },
    { verbs: ['list'], group: 'trident.netapp.io', resource: 'tridentversions', scope: 'cluster' },
  ],
  messages: { en: EN, ja: JA },
  async check({ lab, see, fail, detected }) {
    const trident = await findTrident(lab.kube)
    detected({ kubernetesVersion: await lab.kube.serverVersion(), tridentVersion: trident.version })
    see(`Trident in namespace ${trident.namespace}`, {
      csiDriver: trident.csiDriver,
      controllers: trident.controllers.map((d) => ({ name: d.metadata?.name, replicas: d.spec?.replicas, available: d.status?.availableReplicas ?? 0 })),
      nodes: trident.nodes.map((d) => ({ name: d.metadata?.name, desired: d.status?.desiredNumberScheduled, ready: d.status?.numberReady })),
      version: trident.version,
    })

    if (!trident.csiDriver) {
      if (trident.legacyDeployments.length > 0) return fail('trident.legacy-only', { what: `Deployment ${trident.legacyDeployments[0].metadata?.name}` })
      return fail('trident.no-csidriver')
    }

    const controller = trident.controllers[0]
    if (!controller) return fail('trident.no-controller')
    const wanted = controller.spec?.replicas ?? 1
    const available = controller.status?.availableReplicas ?? 0
    if (wanted < 1 || available < wanted) {
      return fail('trident.controller-unavailable', { name: `${trident.namespace}/${controller.metadata?.name}`, ready: available, desired: wanted })
    }

    // findTrident lists Linux DaemonSets first: since 22.10 a Windows node DaemonSet carries the same label with 0 pods desired.
    const node = trident.nodes[0]
    if (!node) return fail('trident.no-node')
    const desired = node.status?.desiredNumberScheduled ?? 0
    const ready = node.status?.numberReady ?? 0
    if (desired < 1 || ready < desired) return fail('trident.node-not-ready', { name: `${trident.namespace}/${node.metadata?.name}`, ready, desired })

    if (trident.versions.length === 0) return fail('trident.no-version')
  },
})
