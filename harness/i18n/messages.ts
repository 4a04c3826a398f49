// Every student-facing sentence, in English and Japanese: what is wrong (message) and where to look (hint).
// Hints point to the lab step and the object to inspect; they never hand out the finished manifest.

import { LAB_STEPS } from './lab-steps.js'

export type Lang = 'en' | 'ja'
export type Params = Record<string, string | number | undefined>
type Template = (p: Params) => string

interface Entry {
  en: Template
  ja: Template
  hint?: { en: Template; ja: Template }
}

const S = LAB_STEPS

export const MESSAGES = {
  // ---- trident-installed
  'trident.no-csidriver': {
    en: () => 'No CSIDriver named csi.trident.netapp.io exists in the cluster, so CSI Trident is not installed.',
    ja: () => 'クラスタに CSIDriver csi.trident.netapp.io がありません。CSI Trident がインストールされていません。',
    hint: {
      en: () => `Follow ${S.tridentInstall.en}, then check with \`kubectl get csidriver\` and \`kubectl get pods -n trident\`.`,
      ja: () => `${S.tridentInstall.ja}の手順を行い、\`kubectl get csidriver\` と \`kubectl get pods -n trident\` で確認してください。`,
    },
  },
  'trident.legacy-only': {
    en: (p) => `Only pre-CSI (legacy) Trident was found (${p.what}); current Trident is a CSI driver named csi.trident.netapp.io.`,
    ja: (p) => `CSI 以前の古い Trident しか見つかりません（${p.what}）。現在の Trident は CSI ドライバー csi.trident.netapp.io です。`,
    hint: {
      en: () => `Reinstall a current Trident (23.01 or later) as in ${S.tridentInstall.en}.`,
      ja: () => `${S.tridentInstall.ja}を参考に、新しい Trident（23.01 以降）を入れ直してください。`,
    },
  },
  'trident.no-controller': {
    en: () => 'No Trident controller Deployment was found (label app=controller.csi.trident.netapp.io).',
    ja: () => 'Trident のコントローラー Deployment（ラベル app=controller.csi.trident.netapp.io）が見つかりません。',
    hint: {
      en: () => `The install in ${S.tridentInstall.en} creates it; look at \`kubectl get deploy -n trident\`.`,
      ja: () => `${S.tridentInstall.ja}で作成されます。\`kubectl get deploy -n trident\` を確認してください。`,
    },
  },
  'trident.controller-unavailable': {
    en: (p) => `The Trident controller Deployment ${p.name} has ${p.ready} of ${p.desired} replicas available.`,
    ja: (p) => `Trident コントローラー Deployment ${p.name} の利用可能なレプリカは ${p.desired} 中 ${p.ready} です。`,
    hint: {
      en: () => 'Look at the controller pod with `kubectl describe pod` and `kubectl logs` in the trident namespace.',
      ja: () => 'trident 名前空間のコントローラー Pod を `kubectl describe pod` と `kubectl logs` で確認してください。',
    },
  },
  'trident.no-node': {
    en: () => 'No Trident node DaemonSet was found (label app=node.csi.trident.netapp.io).',
    ja: () => 'Trident のノード DaemonSet（ラベル app=node.csi.trident.netapp.io）が見つかりません。',
    hint: {
      en: () => `The install in ${S.tridentInstall.en} creates it; look at \`kubectl get ds -n trident\`.`,
      ja: () => `${S.tridentInstall.ja}で作成されます。\`kubectl get ds -n trident\` を確認してください。`,
    },
  },
  'trident.node-not-ready': {
    en: (p) => `The Trident node DaemonSet ${p.name} has ${p.ready} of ${p.desired} pods ready.`,
    ja: (p) => `Trident ノード DaemonSet ${p.name} の Ready な Pod は ${p.desired} 中 ${p.ready} です。`,
    hint: {
      en: () => 'Look at the node pods with `kubectl describe pod` in the trident namespace.',
      ja: () => 'trident 名前空間のノード Pod を `kubectl describe pod` で確認してください。',
    },
  },
  'trident.no-version': {
    en: () => 'No TridentVersion object was found, so the install did not finish.',
    ja: () => 'TridentVersion オブジェクトが見つかりません。インストールが完了していません。',
    hint: {
      en: () => 'Check `tridentctl version -n trident`; the install writes the version when it completes.',
      ja: () => '`tridentctl version -n trident` を確認してください。インストール完了時にバージョンが登録されます。',
    },
  },
  // ---- backend-online
  'backend.none': {
    en: () => 'No ontap-nas backend is registered with Trident.',
    ja: () => 'Trident に ontap-nas バックエンドが登録されていません。',
    hint: {
      en: () => `Create the backend as in ${S.tridentInstall.en} and check \`tridentctl get backend -n trident\`.`,
      ja: () => `${S.tridentInstall.ja}のとおりバックエンドを作成し、\`tridentctl get backend -n trident\` で確認してください。`,
    },
  },
  'backend.other-driver': {
    en: (p) => `Trident has backends, but none uses the ontap-nas driver (found: ${p.drivers}).`,
    ja: (p) => `Trident のバックエンドはありますが ontap-nas ドライバーのものがありません（${p.drivers}）。`,
    hint: {
      en: () => 'The lab uses storageDriverName "ontap-nas" in the backend definition.',
      ja: () => 'ラボのバックエンド定義では storageDriverName に "ontap-nas" を使います。',
    },
  },
  'backend.not-online': {
    en: (p) => `The ontap-nas backend ${p.name} is ${p.state === 'unknown' ? 'in an unknown state' : p.state}, not online${p.reason ? `: ${trimStop(p.reason)}` : ''}.`,
    ja: (p) => `ontap-nas バックエンド ${p.name} の状態は ${p.state} で、online ではありません${p.reason ? `（${trimStop(p.reason)}）` : ''}。`,
    hint: {
      en: () => 'Check managementLIF, dataLIF, svm, username and password in the backend definition, then update the backend.',
      ja: () => 'バックエンド定義の managementLIF・dataLIF・svm・username・password を確認し、バックエンドを更新してください。',
    },
  },
  'backend.wrong-svm': {
    en: (p) => `The online ontap-nas backend ${p.name} uses SVM ${p.svm}, but your SVM is ${p.expected}.`,
    ja: (p) => `online の ontap-nas バックエンド ${p.name} の SVM は ${p.svm} ですが、あなたの SVM は ${p.expected} です。`,
    hint: {
      en: () => 'Set "svm" in the backend definition to your own SVM.',
      ja: () => 'バックエンド定義の "svm" をあなたの SVM にしてください。',
    },
  },
  'backend.deleting': {
    en: (p) => `The ontap-nas backend ${p.name} is being deleted (state deleting): Trident keeps it only until its volumes are gone and makes no new volumes on it.`,
    ja: (p) => `ontap-nas バックエンド ${p.name} は削除中（state deleting）です。Trident はボリュームがなくなるまで残すだけで、新しいボリュームは作りません。`,
    hint: {
      en: () => 'Create (or keep) a backend that is not being deleted; check `kubectl get tbc,tbe -n trident`.',
      ja: () => '削除中ではないバックエンドを用意してください。`kubectl get tbc,tbe -n trident` で確認できます。',
    },
  },
  'backend.suspended': {
    en: (p) => `The ontap-nas backend ${p.name} is online but suspended (userState suspended), so Trident makes no new volumes on it.`,
    ja: (p) => `ontap-nas バックエンド ${p.name} は online ですが一時停止中（userState suspended）のため、Trident は新しいボリュームを作りません。`,
    hint: {
      en: () => 'Look at the USER-STATE column of `tridentctl get backend -n trident`.',
      ja: () => '`tridentctl get backend -n trident` の USER-STATE 列を確認してください。',
    },
  },
  'backend.add-failed': {
    en: (p) => `Trident could not create a backend from TridentBackendConfig ${p.name} (phase ${p.phase}, last operation ${p.status})${p.reason ? `: ${trimStop(p.reason)}` : ''}.`,
    ja: (p) => `TridentBackendConfig ${p.name} からバックエンドを作成できませんでした（phase ${p.phase}、最後の操作 ${p.status}）${p.reason ? `: ${trimStop(p.reason)}` : ''}。`,
    hint: {
      en: () => 'Read the message with `kubectl describe tbc -n trident`; check managementLIF, dataLIF, svm and the credentials Secret.',
      ja: () => '`kubectl describe tbc -n trident` のメッセージを読み、managementLIF・dataLIF・svm・認証情報の Secret を確認してください。',
    },
  },
  'backend.config-without-backend': {
    en: (p) => `TridentBackendConfig ${p.name} says ${p.phase}/${p.status}, but Trident has no backend ${p.backend} (no TridentBackend), so that status proves nothing is online.`,
    ja: (p) => `TridentBackendConfig ${p.name} は ${p.phase}/${p.status} ですが、Trident にバックエンド ${p.backend}（TridentBackend）がありません。この状態ではオンラインのバックエンドがあるとは言えません。`,
    hint: {
      en: () => 'Compare `kubectl get tbc -n trident` with `kubectl get tbe -n trident`; recreate the backend config if its backend is gone.',
      ja: () => '`kubectl get tbc -n trident` と `kubectl get tbe -n trident` を見比べ、バックエンドが消えていれば設定を作り直してください。',
    },
  },
  // ---- storageclass-ssd / storageclass-hdd
  'sc.none': {
    en: (p) => `No StorageClass with provisioner csi.trident.netapp.io asks for media "${p.media}".`,
    ja: (p) => `provisioner が csi.trident.netapp.io で media "${p.media}" を指定した StorageClass がありません。`,
    hint: {
      en: (p) => `Define a class for ${p.purpose} as in ${S.storageClass.en}; check it with \`kubectl get sc -o yaml\`.`,
      ja: (p) => `${S.storageClass.ja}を参考に${p.purposeJa}用のクラスを定義し、\`kubectl get sc -o yaml\` で確認してください。`,
    },
  },
  'sc.legacy': {
    en: (p) => `StorageClass ${p.name} uses the legacy provisioner netapp.io/trident, which Trident 23.07 and later ignores, so no volume is ever made for it.`,
    ja: (p) => `StorageClass ${p.name} は古い provisioner netapp.io/trident を使っています。Trident 23.07 以降はこれを無視するため、ボリュームが作成されません。`,
    hint: {
      en: () => 'The lab sample predates CSI Trident: use the CSI provisioner name (see `kubectl get csidriver`).',
      ja: () => 'ラボのサンプルは CSI Trident 以前のものです。CSI の provisioner 名を使ってください（`kubectl get csidriver` を参照）。',
    },
  },
  'sc.wrong-provisioner': {
    en: (p) => `StorageClass ${p.name} asks for media "${p.media}" but its provisioner is ${p.provisioner}, not Trident.`,
    ja: (p) => `StorageClass ${p.name} は media "${p.media}" を指定していますが、provisioner が Trident ではなく ${p.provisioner} です。`,
    hint: {
      en: () => `Trident only provisions for classes whose provisioner is its CSI driver; see ${S.storageClass.en}.`,
      ja: () => `Trident は自分の CSI ドライバー名を provisioner に持つクラスにだけボリュームを作ります。${S.storageClass.ja}を参照してください。`,
    },
  },
  'sc.wrong-backend-type': {
    en: (p) => `StorageClass ${p.name} asks for media "${p.media}" but for backendType "${p.backendType}"; the lab's backend is ontap-nas.`,
    ja: (p) => `StorageClass ${p.name} は media "${p.media}" ですが backendType が "${p.backendType}" です。ラボのバックエンドは ontap-nas です。`,
    hint: {
      en: () => 'Fix the backendType parameter, or leave it out.',
      ja: () => 'backendType パラメータを直すか、省略してください。',
    },
  },
  'sc.rejected-key': {
    en: (p) => `StorageClass ${p.name} has the parameter "${p.key}", which Trident does not know ("unrecognized storage attribute"), so Trident ignores the whole class.`,
    ja: (p) => `StorageClass ${p.name} のパラメータ "${p.key}" は Trident が知らないもの（"unrecognized storage attribute"）のため、Trident はこのクラス全体を無視します。`,
    hint: {
      en: () => `Use only parameters Trident documents (media, backendType, provisioningType, snapshots, ...); see ${S.storageClass.en}.`,
      ja: () => `Trident が定めるパラメータ（media・backendType・provisioningType・snapshots など）だけを使ってください。${S.storageClass.ja}を参照してください。`,
    },
  },
  'sc.prefix-too-new': {
    en: (p) => `StorageClass ${p.name} has the parameter "${p.key}"; Trident before 22.07 does not accept the trident.netapp.io/ prefix, so this Trident ignores the whole class.`,
    ja: (p) => `StorageClass ${p.name} のパラメータ "${p.key}" について: 22.07 より前の Trident は trident.netapp.io/ 接頭辞を受け付けないため、このクラス全体を無視します。`,
    hint: {
      en: () => 'Check the Trident version (`tridentctl version -n trident`) and the parameter names its documentation gives.',
      ja: () => 'Trident のバージョン（`tridentctl version -n trident`）と、そのドキュメントのパラメータ名を確認してください。',
    },
  },
  'sc.bad-value': {
    en: (p) => `StorageClass ${p.name}: "${p.value}" is not a valid ${valueKind(p.type).en} for the parameter "${p.key}", so Trident ignores the whole class.`,
    ja: (p) => `StorageClass ${p.name}: パラメータ "${p.key}" の値 "${p.value}" は${valueKind(p.type).ja}として正しくないため、Trident はこのクラス全体を無視します。`,
    hint: {
      en: () => 'StorageClass parameters are strings; booleans are written "true" or "false".',
      ja: () => 'StorageClass のパラメータは文字列です。真偽値は "true" または "false" と書きます。',
    },
  },
  'sc.media-spelling': {
    en: (p) => `StorageClass ${p.name} asks for media "${p.value}", but Trident compares media exactly and only "${p.media}" matches an aggregate, so this class never gets a volume.`,
    ja: (p) => `StorageClass ${p.name} は media "${p.value}" を指定していますが、Trident は media を完全一致で比べ、アグリゲートに合うのは "${p.media}" だけです。このクラスではボリュームが作られません。`,
    hint: {
      en: () => 'Media values are lower case in Trident.',
      ja: () => 'Trident の media の値は小文字です。',
    },
  },
  'sc.other-media': {
    en: (p) => `No Trident StorageClass selects media "${p.media}"; the Trident classes found ask for other media: ${p.classes}.`,
    ja: (p) => `media "${p.media}" を選ぶ Trident の StorageClass がありません。見つかったクラスは別の media を指定しています: ${p.classes}。`,
    hint: {
      en: () => `${S.storageClass.en} defines one class for SSD and one for HDD.`,
      ja: () => `${S.storageClass.ja}では SSD 用と HDD 用のクラスを 1 つずつ定義します。`,
    },
  },
  'sc.pool-other-media': {
    en: (p) => `StorageClass ${p.name} can place volumes on aggregate ${p.pool} (backend ${p.backend}), which is ${p.poolMedia}, not ${p.media}.`,
    ja: (p) => `StorageClass ${p.name} はアグリゲート ${p.pool}（バックエンド ${p.backend}）にもボリュームを置けますが、これは ${p.media} ではなく ${p.poolMedia} です。`,
    hint: {
      en: () => 'Trident matches the pool part of storagePools/additionalStoragePools as a regular expression anywhere in the aggregate name; check which aggregates your patterns match.',
      ja: () => 'Trident は storagePools/additionalStoragePools のプール部分を正規表現としてアグリゲート名の一部に照合します。パターンがどのアグリゲートに合うか確認してください。',
    },
  },
  'sc.no-pool': {
    en: (p) => `StorageClass ${p.name} can match none of the aggregates known here (${p.known}), so it does not select ${p.media}.`,
    ja: (p) => `StorageClass ${p.name} は、ここで分かっているアグリゲート（${p.known}）のどれにも合わないため、${p.media} を選ぶクラスになっていません。`,
    hint: {
      en: () => 'storagePools is written <backend name regex>:<aggregate regex>; compare it with `tridentctl get backend -n trident -o json`.',
      ja: () => 'storagePools は <バックエンド名の正規表現>:<アグリゲートの正規表現> と書きます。`tridentctl get backend -n trident -o json` と見比べてください。',
    },
  },
  'sc.attribute-unmatched': {
    en: (p) => `StorageClass ${p.name} asks for ${p.key} "${p.value}", which no ontap-nas pool offers, so Trident never places a volume for it.`,
    ja: (p) => `StorageClass ${p.name} は ${p.key} "${p.value}" を指定していますが、これを満たす ontap-nas のプールはないため、ボリュームは作られません。`,
    hint: {
      en: () => 'Check the parameter values against the ontap-nas driver\'s documentation (values are compared exactly).',
      ja: () => 'パラメータの値を ontap-nas ドライバーのドキュメントと照らし合わせてください（値は完全一致で比べられます）。',
    },
  },
  'sc.note-rubric-media': {
    en: (p) => `Passed. Note: the media of ${p.pools} (picked by StorageClass ${p.name}) comes from the rubric's aggregate lists, because ONTAP does not show it here.`,
    ja: (p) => `合格。注: StorageClass ${p.name} が選ぶ ${p.pools} のメディアは ONTAP から見えないため、ルーブリックのアグリゲート一覧によります。`,
  },
  'sc.note-unknown-pool-media': {
    en: (p) => `Passed. Note: StorageClass ${p.name} picks aggregates by name (${p.pools}) whose media neither ONTAP (as this user) nor the rubric tells, so whether they are ${p.media} was not checked.`,
    ja: (p) => `合格。注: StorageClass ${p.name} は名前でアグリゲート（${p.pools}）を選んでいますが、そのメディアは ONTAP（このユーザー）からもルーブリックからも分からないため、${p.media} かどうかは確認していません。`,
  },
  'sc.note-no-known-pool': {
    en: (p) => `Passed. Note: StorageClass ${p.name} asks for media "${p.media}"; its pool lists match none of the aggregates known here, so its placement was not checked further.`,
    ja: (p) => `合格。注: StorageClass ${p.name} は media "${p.media}" を指定していますが、プール指定がここで分かるアグリゲートのどれにも合わないため、配置はこれ以上確認していません。`,
  },
  // ---- pvc-bound
  'ns.missing': {
    en: (p) => `Namespace ${p.namespace} does not exist in this cluster.`,
    ja: (p) => `このクラスタに名前空間 ${p.namespace} がありません。`,
    hint: {
      en: () => 'Check the namespace name you were given, and `kubectl get ns`.',
      ja: () => '指定された名前空間名と `kubectl get ns` を確認してください。',
    },
  },
  'pvc.none': {
    en: (p) => `No PersistentVolumeClaim was found in namespace ${p.namespace}.`,
    ja: (p) => `名前空間 ${p.namespace} に PersistentVolumeClaim がありません。`,
    hint: {
      en: () => `Create the database's PVC as in ${S.pvc.en} and ${S.addPvc.en}.`,
      ja: () => `${S.pvc.ja}と${S.addPvc.ja}を参考に、データベース用の PVC を作成してください。`,
    },
  },
  'pvc.named-missing': {
    en: (p) => `The PersistentVolumeClaim ${p.namespace}/${p.name} named by the rubric does not exist.`,
    ja: (p) => `ルーブリックで指定された PersistentVolumeClaim ${p.namespace}/${p.name} がありません。`,
    hint: {
      en: () => `Create it as in ${S.pvc.en}.`,
      ja: () => `${S.pvc.ja}を参考に作成してください。`,
    },
  },
  'pvc.class-missing': {
    en: (p) => `PVC ${p.name} asks for StorageClass "${p.storageClass}", which does not exist.`,
    ja: (p) => `PVC ${p.name} が指定している StorageClass "${p.storageClass}" は存在しません。`,
    hint: {
      en: () => 'Compare storageClassName in the PVC with `kubectl get sc`.',
      ja: () => 'PVC の storageClassName と `kubectl get sc` の一覧を見比べてください。',
    },
  },
  'pvc.not-ssd-class': {
    en: (p) => `PVC ${p.name} uses StorageClass "${p.storageClass}", which is not a Trident SSD class${p.media ? ` (it asks for media "${p.media}")` : ''}; the database belongs on the SSD class.`,
    ja: (p) => `PVC ${p.name} の StorageClass "${p.storageClass}" は Trident の SSD クラスではありません${p.media ? `（media "${p.media}" を指定しています）` : ''}。データベースは SSD クラスに置きます。`,
    hint: {
      en: () => `${S.storageClass.en} defines a fast SSD class for the database; use that one in the PVC.`,
      ja: () => `${S.storageClass.ja}でデータベース用の高速（SSD）クラスを定義しています。PVC ではそちらを使ってください。`,
    },
  },
  'pvc.pending': {
    en: (p) => `PVC ${p.name} is ${p.phase}, not Bound${p.event ? ` (${trimStop(p.event)})` : ''}.`,
    ja: (p) => `PVC ${p.name} は ${p.phase} で、Bound になっていません${p.event ? `（${trimStop(p.event)}）` : ''}。`,
    hint: {
      en: () => 'Read the events with `kubectl describe pvc`; they say why no volume was made.',
      ja: () => '`kubectl describe pvc` のイベントに、ボリュームが作られない理由が出ています。',
    },
  },
  'pvc.static-pv': {
    en: (p) => `PVC ${p.name} is bound to PV ${p.pv}, which was not provisioned dynamically by Trident.`,
    ja: (p) => `PVC ${p.name} がバインドしている PV ${p.pv} は、Trident が動的に作成したものではありません。`,
    hint: {
      en: () => 'Let Trident create the PV: remove the hand-made PV and the PVC\'s volumeName, and ask for the SSD class.',
      ja: () => 'PV は Trident に作らせます。手作りの PV と PVC の volumeName を外し、SSD クラスを指定してください。',
    },
  },
  'pvc.pv-missing': {
    en: (p) => `PVC ${p.name} is Bound to volume "${p.volume}", but no PersistentVolume of that name exists.`,
    ja: (p) => `PVC ${p.name} はボリューム "${p.volume}" に Bound となっていますが、その名前の PersistentVolume がありません。`,
    hint: {
      en: () => 'Compare `kubectl get pvc` with `kubectl get pv`; let Trident provision the volume for this PVC.',
      ja: () => '`kubectl get pvc` と `kubectl get pv` を見比べてください。PV は Trident に作らせます。',
    },
  },
  'pvc.volume-name-invalid': {
    en: (p) => `PVC ${p.name} names volume "${p.volume}", which is not a valid PersistentVolume name; the grader did not look it up.`,
    ja: (p) => `PVC ${p.name} のボリューム名 "${p.volume}" は PersistentVolume の名前として正しくないため、採点ツールは参照していません。`,
    hint: {
      en: () => 'spec.volumeName of a claim is set by Kubernetes when it binds; do not edit it by hand. Recreate the PVC and let Trident provision its volume.',
      ja: () => 'PVC の spec.volumeName はバインド時に Kubernetes が設定します。手で編集せず、PVC を作り直して Trident にボリュームを作らせてください。',
    },
  },
  'pvc.note-unknown-class-media': {
    en: (p) => `Passed. Note: PVC ${p.name} uses StorageClass "${p.storageClass}", which picks aggregates whose media the grader cannot know; it was not checked to be an SSD class.`,
    ja: (p) => `合格。注: PVC ${p.name} の StorageClass "${p.storageClass}" はメディアの分からないアグリゲートを選んでいるため、SSD クラスかどうかは確認していません。`,
  },
  'pvc.claimref-mismatch': {
    en: (p) => `PVC ${p.name} points at PV ${p.pv}, but that PV belongs to another claim (${p.claimRef}), not to ${p.namespace}/${p.name} (uid ${p.uid}).`,
    ja: (p) => `PVC ${p.name} は PV ${p.pv} を指していますが、その PV は別のクレーム（${p.claimRef}）のもので、${p.namespace}/${p.name}（uid ${p.uid}）のものではありません。`,
    hint: {
      en: () => 'A PV belongs to exactly one claim; let Trident provision a new volume for this PVC instead of naming an existing PV.',
      ja: () => 'PV は 1 つのクレームだけのものです。既存の PV を指定せず、この PVC 用のボリュームを Trident に作らせてください。',
    },
  },
  // ---- app-uses-pvc
  'app.not-mounted': {
    en: (p) => `No Deployment or StatefulSet in namespace ${p.namespace} mounts PVC ${p.pvc}.`,
    ja: (p) => `名前空間 ${p.namespace} に PVC ${p.pvc} をマウントする Deployment / StatefulSet がありません。`,
    hint: {
      en: () => `Add the PVC to the database Deployment's volumes and volumeMounts, as in ${S.addPvc.en}.`,
      ja: () => `${S.addPvc.ja}のとおり、データベースの Deployment の volumes と volumeMounts に PVC を追加してください。`,
    },
  },
  'app.wrong-path': {
    en: (p) => `${p.workload} mounts PVC ${p.pvc} at ${p.path}, but the database keeps its data in ${p.dataPath}.`,
    ja: (p) => `${p.workload} は PVC ${p.pvc} を ${p.path} にマウントしていますが、データベースのデータは ${p.dataPath} にあります。`,
    hint: {
      en: () => 'Check mountPath in the container\'s volumeMounts.',
      ja: () => 'コンテナの volumeMounts の mountPath を確認してください。',
    },
  },
  'app.no-replicas': {
    en: (p) => `${p.workload} mounts PVC ${p.pvc} but has ${p.available} available replicas (wanted ${p.desired}).`,
    ja: (p) => `${p.workload} は PVC ${p.pvc} をマウントしていますが、利用可能なレプリカが ${p.available} です（希望数 ${p.desired}）。`,
    hint: {
      en: () => 'Check replicas and `kubectl describe pod` for the database pod.',
      ja: () => 'replicas の値と、データベース Pod の `kubectl describe pod` を確認してください。',
    },
  },
  // ---- data-persists
  'persist.no-pod': {
    en: (p) => `No running, ready pod of ${p.workload} was found to write the test file into.`,
    ja: (p) => `${p.workload} に、テストファイルを書き込める Running かつ Ready の Pod がありません。`,
    hint: {
      en: () => 'Check the database pod with `kubectl get pods` and `kubectl describe pod`.',
      ja: () => '`kubectl get pods` と `kubectl describe pod` でデータベース Pod を確認してください。',
    },
  },
  'persist.no-shell': {
    en: (p) => `Container ${p.container} in pod ${p.pod} has no /bin/sh, so the grader cannot write a test file into ${p.path}.`,
    ja: (p) => `Pod ${p.pod} のコンテナ ${p.container} に /bin/sh がないため、${p.path} にテストファイルを書き込めません。`,
    hint: {
      en: () => 'Use an image with a shell for the database (the lab\'s MySQL image has one), or ask your instructor.',
      ja: () => 'シェルを含むイメージを使ってください（ラボの MySQL イメージには含まれています）。または講師に相談してください。',
    },
  },
  'persist.write-failed': {
    en: (p) => `Writing a test file into ${p.path} in pod ${p.pod} failed: ${p.detail}`,
    ja: (p) => `Pod ${p.pod} の ${p.path} へのテストファイル書き込みに失敗しました: ${p.detail}`,
    hint: {
      en: () => 'The volume must be writable by the container; check the mount and `kubectl describe pod`.',
      ja: () => 'ボリュームがコンテナから書き込み可能である必要があります。マウントと `kubectl describe pod` を確認してください。',
    },
  },
  'persist.no-replacement': {
    en: (p) => `After pod ${p.pod} was deleted, no replacement pod became ready within ${p.seconds} s.`,
    ja: (p) => `Pod ${p.pod} を削除した後、${p.seconds} 秒以内に代わりの Pod が Ready になりませんでした。`,
    hint: {
      en: () => `Watch \`kubectl get pods -w\` while doing ${S.redeploy.en} yourself, and read the new pod's events.`,
      ja: () => `${S.redeploy.ja}を自分で行いながら \`kubectl get pods -w\` を見て、新しい Pod のイベントを確認してください。`,
    },
  },
  'persist.marker-lost': {
    en: (p) => `The test file written before the pod was deleted is missing in the replacement pod ${p.pod}: the data did not survive.`,
    ja: (p) => `Pod 削除前に書いたテストファイルが、代わりの Pod ${p.pod} にありません。データが残っていません。`,
    hint: {
      en: () => 'The data path must be on the PVC, not on the container\'s own filesystem or an emptyDir.',
      ja: () => 'データのパスはコンテナ自身のファイルシステムや emptyDir ではなく、PVC 上にある必要があります。',
    },
  },
  // ---- ontap-volume
  'ontap.no-internal-name': {
    en: (p) => `PV ${p.pv} does not say which ONTAP volume backs it (no volumeAttributes.internalName).`,
    ja: (p) => `PV ${p.pv} に、対応する ONTAP ボリューム名（volumeAttributes.internalName）がありません。`,
    hint: {
      en: () => 'Only PVs that Trident provisioned carry the ONTAP volume name.',
      ja: () => 'ONTAP のボリューム名を持つのは Trident が作成した PV だけです。',
    },
  },
  'ontap.volume-missing': {
    en: (p) => `Volume ${p.volume} does not exist on SVM ${p.svm}.`,
    ja: (p) => `SVM ${p.svm} にボリューム ${p.volume} がありません。`,
    hint: {
      en: () => 'Compare `vol show` on your SVM with the PV\'s internalName; was the volume deleted on ONTAP?',
      ja: () => 'SVM 上の `vol show` と PV の internalName を見比べてください。ONTAP 側でボリュームを削除していませんか。',
    },
  },
  'ontap.volume-not-online': {
    en: (p) => `Volume ${p.volume} on SVM ${p.svm} is ${p.state}, not online.`,
    ja: (p) => `SVM ${p.svm} のボリューム ${p.volume} の状態は ${p.state} で、online ではありません。`,
    hint: {
      en: () => 'Check the State column of `vol show` on your SVM.',
      ja: () => 'SVM 上の `vol show` の State 列を確認してください。',
    },
  },
  'ontap.volume-too-small': {
    en: (p) => `Volume ${p.volume} is ${p.size}, smaller than the ${p.request} the PVC asked for.`,
    ja: (p) => `ボリューム ${p.volume} のサイズ ${p.size} は、PVC が要求した ${p.request} より小さいです。`,
    hint: {
      en: () => 'Check the Size column of `vol show` against the PVC\'s request.',
      ja: () => '`vol show` の Size 列と PVC の要求サイズを見比べてください。',
    },
  },
  'ontap.not-ssd': {
    en: (p) => `Volume ${p.volume} sits on aggregate ${p.aggregate}, which is not an SSD aggregate.`,
    ja: (p) => `ボリューム ${p.volume} はアグリゲート ${p.aggregate} 上にあり、SSD のアグリゲートではありません。`,
    hint: {
      en: () => 'The database class should select SSD media; the SSD aggregate is aggr1_01 in the lab.',
      ja: () => 'データベース用クラスでは SSD メディアを選びます。ラボの SSD アグリゲートは aggr1_01 です。',
    },
  },
  'ontap.volume-moved': {
    en: (p) => `Volume ${p.volume} sits on aggregate ${p.aggregate}, which is not an SSD aggregate; Trident created it on ${p.pool}, so it was moved after provisioning.`,
    ja: (p) => `ボリューム ${p.volume} は SSD ではないアグリゲート ${p.aggregate} 上にあります。Trident は ${p.pool} 上に作成したので、作成後に移動されています。`,
    hint: {
      en: () => 'Compare the Aggregate column of `vol show` with where Trident placed the volume; a `volume move` changes it.',
      ja: () => '`vol show` の Aggregate 列と Trident が配置した場所を見比べてください。`volume move` で変わります。',
    },
  },
  'ontap.class-asks-hdd': {
    en: (p) => `Volume ${p.volume} sits on aggregate ${p.aggregate}, which is not an SSD aggregate: its StorageClass ${p.class} asks for media "${p.media}".`,
    ja: (p) => `ボリューム ${p.volume} は SSD ではないアグリゲート ${p.aggregate} 上にあります。StorageClass ${p.class} が media "${p.media}" を指定しているためです。`,
    hint: {
      en: () => `The database's PVC should use the SSD class of ${S.storageClass.en}.`,
      ja: () => `データベースの PVC には${S.storageClass.ja}で作った SSD のクラスを使います。`,
    },
  },
  'ontap.volume-shrunk': {
    en: (p) => `Volume ${p.volume} is ${p.size} on ONTAP, smaller than the ${p.capacity} of its PV: it was resized on ONTAP after Trident provisioned it.`,
    ja: (p) => `ボリューム ${p.volume} の ONTAP 上のサイズ ${p.size} は、PV の容量 ${p.capacity} より小さくなっています。Trident の作成後に ONTAP 側でサイズが変更されています。`,
    hint: {
      en: () => 'Compare the Size column of `vol show` with the PV\'s capacity; `volume modify -size` changes it.',
      ja: () => '`vol show` の Size 列と PV の容量を見比べてください。`volume modify -size` で変わります。',
    },
  },
  'ontap.volume-other-svm': {
    en: (p) => `Volume ${p.volume} is not on your SVM ${p.svm}: the PV's backend ${p.backend} uses SVM ${p.backendSvm}.`,
    ja: (p) => `ボリューム ${p.volume} はあなたの SVM ${p.svm} にありません。PV のバックエンド ${p.backend} は SVM ${p.backendSvm} を使っています。`,
    hint: {
      en: () => `The backend of ${S.tridentInstall.en} must point at your own SVM.`,
      ja: () => `${S.tridentInstall.ja}のバックエンドは自分の SVM を指す必要があります。`,
    },
  },
  'ontap.volume-not-mounted': {
    en: (p) => `Volume ${p.volume} on SVM ${p.svm} is online but has no junction path, so no pod can mount it over NFS.`,
    ja: (p) => `SVM ${p.svm} のボリューム ${p.volume} は online ですがジャンクションパスがないため、Pod から NFS でマウントできません。`,
    hint: {
      en: () => 'Check the Junction Path of the volume with `vol show -fields junction-path` on your SVM.',
      ja: () => 'SVM 上で `vol show -fields junction-path` を実行し、ジャンクションパスを確認してください。',
    },
  },
  'ontap.qtree-missing': {
    en: (p) => `The PV's ontap-nas-economy volume is qtree ${p.qtree} in FlexVol ${p.flexvol}, and that qtree does not exist on SVM ${p.svm}.`,
    ja: (p) => `PV の ontap-nas-economy ボリュームは FlexVol ${p.flexvol} 内の qtree ${p.qtree} ですが、SVM ${p.svm} にその qtree がありません。`,
    hint: {
      en: () => 'Compare `volume qtree show` on your SVM with the PV\'s internalID; was the qtree deleted on ONTAP?',
      ja: () => 'SVM 上の `volume qtree show` と PV の internalID を見比べてください。ONTAP 側で qtree を削除していませんか。',
    },
  },
  'ontap.flexvol-missing': {
    en: (p) => `The PV's ontap-nas-economy volume is qtree ${p.qtree} in FlexVol ${p.flexvol}, and that FlexVol does not exist on SVM ${p.svm}.`,
    ja: (p) => `PV の ontap-nas-economy ボリュームは FlexVol ${p.flexvol} 内の qtree ${p.qtree} ですが、SVM ${p.svm} にその FlexVol がありません。`,
    hint: {
      en: () => 'Compare `vol show` on your SVM with the FlexVol named in the PV\'s internalID.',
      ja: () => 'SVM 上の `vol show` と PV の internalID にある FlexVol 名を見比べてください。',
    },
  },
  'ontap.not-tridents-volume': {
    en: (p) => `PV ${p.pv} names ONTAP volume ${p.volume}, but Trident would name this PV's volume ${p.expected}: the PV does not point at the volume Trident made for it.`,
    ja: (p) => `PV ${p.pv} は ONTAP ボリューム ${p.volume} を指していますが、Trident がこの PV に付ける名前は ${p.expected} です。PV は Trident が作ったボリュームを指していません。`,
    hint: {
      en: () => 'Let Trident provision the PV from the PVC; do not write or edit PVs by hand.',
      ja: () => 'PV は PVC から Trident に作らせてください。PV を手で作成・編集しないでください。',
    },
  },
  'ontap.pv-not-for-claim': {
    en: (p) => `PV ${p.pv} was not provisioned for PVC ${p.pvc}: a provisioned PV is named pvc-<the claim's uid> (${p.expected}).`,
    ja: (p) => `PV ${p.pv} は PVC ${p.pvc} のために作られたものではありません。プロビジョニングされた PV の名前は pvc-<PVC の uid>（${p.expected}）です。`,
    hint: {
      en: () => 'Let Trident provision the PV from the PVC; do not write or edit PVs by hand.',
      ja: () => 'PV は PVC から Trident に作らせてください。PV を手で作成・編集しないでください。',
    },
  },
  'ontap.root-volume': {
    en: (p) => `Volume ${p.volume} is the root volume of SVM ${p.svm} (${p.why}), not a volume Trident made for the PV.`,
    ja: (p) => `ボリューム ${p.volume} は SVM ${p.svm} のルートボリューム（${p.why}）で、Trident が PV 用に作ったボリュームではありません。`,
    hint: {
      en: () => 'Let Trident provision the PV from the PVC; do not write or edit PVs by hand.',
      ja: () => 'PV は PVC から Trident に作らせてください。PV を手で作成・編集しないでください。',
    },
  },
  'ontap.labels-differ': {
    en: (p) => `Volume ${p.volume} carries Trident label ${p.label}=${p.found}, but this PV's backend would set ${p.expected}: it is not the volume Trident made for this PV.`,
    ja: (p) => `ボリューム ${p.volume} の Trident ラベル ${p.label} は ${p.found} ですが、この PV のバックエンドなら ${p.expected} になります。Trident がこの PV 用に作ったボリュームではありません。`,
    hint: {
      en: () => 'Let Trident provision the PV from the PVC; do not write or edit PVs by hand.',
      ja: () => 'PV は PVC から Trident に作らせてください。PV を手で作成・編集しないでください。',
    },
  },
  'ontap.media-unknown-ssd-class': {
    en: (p) => `Passed. Note: the media of aggregate ${p.aggregate} is not visible to ONTAP user ${p.user}; Trident placed the volume for class ${p.class}, which asks for SSD.`,
    ja: (p) => `合格。注: アグリゲート ${p.aggregate} のメディアは ONTAP ユーザー ${p.user} からは見えません。SSD を指定したクラス ${p.class} のために Trident が配置したボリュームです。`,
  },
  'ontap.media-unknown': {
    en: (p) => `Passed. Note: the media of aggregate ${p.aggregate} is not visible to ONTAP user ${p.user}, so whether the volume sits on SSD was not checked.`,
    ja: (p) => `合格。注: アグリゲート ${p.aggregate} のメディアは ONTAP ユーザー ${p.user} からは見えないため、ボリュームが SSD 上にあるかは確認していません。`,
  },
  // ---- framework
  'check.blocked': {
    en: (p) => `Not checked: it needs ${p.ids} to pass first.`,
    ja: (p) => `未確認: 先に ${p.ids} に合格する必要があります。`,
  },
  'check.blocked-unmountable': {
    en: (p) => `Not checked: the database pod was not deleted, because a new pod could not mount the volume (${p.id}: ${trimStop(p.why ?? '')}).`,
    ja: (p) => `未確認: 新しい Pod がボリュームをマウントできないため、データベース Pod は削除していません（${p.id}: ${trimStop(p.whyJa ?? p.why ?? '')}）。`,
    hint: {
      en: (p) => `Fix the ONTAP volume first (see the ${p.id} result); this check runs once the volume can be mounted.`,
      ja: (p) => `まず ONTAP ボリュームを直してください（${p.id} の結果を参照）。マウントできるようになるとこの確認が行われます。`,
    },
  },
  'check.blocked-unverified': {
    en: (p) => `Not checked: ${p.ids} could not check the ONTAP volume (a grader error), so deleting the database pod is not known to be safe.`,
    ja: (p) => `未確認: ${p.ids} が ONTAP ボリュームを確認できなかった（採点ツールのエラー）ため、データベース Pod を削除してよいか分かりません。`,
  },
  'check.error': {
    en: (p) => `The grader could not check this: ${p.detail}`,
    ja: (p) => `採点ツールがこの項目を確認できませんでした: ${p.detail}`,
  },
  'check.skipped': {
    en: (p) => `Skipped: ${p.why}.`,
    ja: (p) => `スキップ: ${p.whyJa ?? p.why}。`,
  },
  'check.passed': {
    en: () => 'Passed.',
    ja: () => '合格。',
  },
} satisfies Record<string, Entry>

export type MessageKey = keyof typeof MESSAGES

export interface RenderedText {
  en: string
  ja: string
}

/** How a Trident attribute type reads in a sentence (sc.bad-value). */
function valueKind(type: string | number | undefined): RenderedText {
  if (type === 'bool') return { en: 'boolean ("true" or "false")', ja: '真偽値（"true" または "false"）' }
  if (type === 'int') return { en: 'whole number', ja: '整数' }
  if (type === 'label') return { en: 'label selector', ja: 'ラベルセレクター' }
  return { en: 'value', ja: '値' }
}

/** Quoted texts (Trident reasons, events) end sentences of ours: drop their own final period. */
function trimStop(text: string | number): string {
  return String(text).trim().replace(/[.。]$/, '')
}

export function render(key: MessageKey, params: Params = {}): { message: RenderedText; hint?: RenderedText } {
  const entry: Entry = MESSAGES[key]
  return {
    message: { en: entry.en(params), ja: entry.ja(params) },
    hint: entry.hint ? { en: entry.hint.en(params), ja: entry.hint.ja(params) } : undefined,
  }
}
