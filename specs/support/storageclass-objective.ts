// The two StorageClass objectives differ only in the media they look for. A class counts when Trident would
// read it (CSI provisioner, every parameter key known to Trident, backendType ontap-nas if given) and it selects
// that media: `media: ssd` exactly, or pool lists whose every pool is an SSD aggregate (see storage-pools.ts).
// Pool media comes from ONTAP when the run has ONTAP access and the user may read aggregates, else from the
// rubric's ssdAggregates/hddAggregates; ONTAP is asked only when some class picks pools by name.

import type { V1StorageClass } from '@kubernetes/client-node'
import { GraderError } from '../../harness/errors.js'
import { type Catalogue, type MessageOf, type Text, type Translation } from '../../harness/i18n/catalogue.js'
import { LAB_STEPS as S } from '../../harness/i18n/lab-steps.js'
import {
  backendTypeOk,
  describeClass,
  isLegacyTridentClass,
  isTridentClass,
  looseMedia,
  readTridentClass,
  tridentRelease,
  type Media,
  type TridentClassReading,
  type TridentRelease,
} from '../../harness/lab/storage-classes.js'
import { classSelects, type BadPattern, type ClassVerdict, type Pool, type PoolView } from '../../harness/lab/storage-pools.js'
import { ontapReleaseMatters, tridentApiPath, tridentMediaOffer } from '../../harness/lab/trident-media.js'
import type { TridentObject } from '../../harness/kube/kube-lab.js'
import type { OntapAggregate } from '../../harness/ontap/types.js'
import type { Lab } from '../../harness/objective/lab.js'
import { defineObjective, type Access, type Check } from '../../harness/objective/objective.js'
import type { RenderedText } from '../../harness/i18n/catalogue.js'

/** What the two StorageClass objectives need: the classes, Trident's version and backends (for pools). */
export const STORAGE_CLASS_ACCESS: readonly Access[] = [
  { verbs: ['list'], group: 'storage.k8s.io', resource: 'storageclasses', scope: 'cluster' },
  { verbs: ['list'], group: 'trident.netapp.io', resource: 'tridentversions', scope: 'cluster' },
  { verbs: ['list'], group: 'trident.netapp.io', resource: 'tridentbackends', scope: 'cluster' },
]

/** The media a lab StorageClass asks for. */
export type ClassMedia = Extract<Media, 'ssd' | 'hdd'>

const PURPOSE_EN: Record<ClassMedia, string> = { ssd: 'the database (SSD)', hdd: 'web content (HDD)' }
const PURPOSE_JA: Record<ClassMedia, string> = { ssd: 'データベース（SSD）', hdd: 'Web コンテンツ（HDD）' }

/** How a Trident attribute type reads in a sentence (sc.bad-value). */
const VALUE_KIND_EN: Record<string, string> = { bool: 'boolean ("true" or "false")', int: 'whole number', label: 'label selector' }
const VALUE_KIND_JA: Record<string, string> = { bool: '真偽値（"true" または "false"）', int: '整数', label: 'ラベルセレクター' }

export const SC_EN = {
  'sc.none': {
    message: (p: { media: ClassMedia }) => `No StorageClass with provisioner csi.trident.netapp.io asks for media "${p.media}".`,
    hint: (p: { media: ClassMedia }) => `Define a class for ${PURPOSE_EN[p.media]} as in ${S.storageClass.en}; check it with \`kubectl get sc -o yaml\`.`,
  },
  'sc.legacy': {
    message: (p: { name: Text }) => `StorageClass ${p.name} uses the legacy provisioner netapp.io/trident, which Trident 23.07 and later ignores, so no volume is ever made for it.`,
    hint: () => 'The lab sample predates CSI Trident: use the CSI provisioner name (see `kubectl get csidriver`).',
  },
  'sc.wrong-provisioner': {
    message: (p: { name: Text; media: Text; provisioner: Text }) => `StorageClass ${p.name} asks for media "${p.media}" but its provisioner is ${p.provisioner}, not Trident.`,
    hint: () => `Trident only provisions for classes whose provisioner is its CSI driver; see ${S.storageClass.en}.`,
  },
  'sc.wrong-backend-type': {
    message: (p: { name: Text; media: Text; backendType: Text }) => `StorageClass ${p.name} asks for media "${p.media}" but for backendType "${p.backendType}"; the lab's backend is ontap-nas.`,
    hint: () => 'Fix the backendType parameter, or leave it out.',
  },
  'sc.rejected-key': {
    message: (p: { name: Text; key: Text }) =>
      `StorageClass ${p.name} has the parameter "${p.key}", which Trident does not know ("unrecognized storage attribute"), so Trident ignores the whole class.`,
    hint: () => `Use only parameters Trident documents (media, backendType, provisioningType, snapshots, ...); see ${S.storageClass.en}.`,
  },
  'sc.prefix-too-new': {
    message: (p: { name: Text; key: Text }) =>
      `StorageClass ${p.name} has the parameter "${p.key}"; Trident before 22.07 does not accept the trident.netapp.io/ prefix, so this Trident ignores the whole class.`,
    hint: () => 'Check the Trident version (`tridentctl version -n trident`) and the parameter names its documentation gives.',
  },
  'sc.bad-value': {
    message: (p: { name: Text; value: Text; type: Text; key: Text }) =>
      `StorageClass ${p.name}: "${p.value}" is not a valid ${VALUE_KIND_EN[p.type] ?? 'value'} for the parameter "${p.key}", so Trident ignores the whole class.`,
    hint: () => 'StorageClass parameters are strings; booleans are written "true" or "false".',
  },
  'sc.media-spelling': {
    message: (p: { name: Text; value: Text; media: Text }) =>
      `StorageClass ${p.name} asks for media "${p.value}", but Trident compares media exactly and only "${p.media}" matches an aggregate, so this class never gets a volume.`,
    hint: () => 'Media values are lower case in Trident.',
  },
  'sc.other-media': {
    message: (p: { media: Text; classes: Text }) => `No Trident StorageClass selects media "${p.media}"; the Trident classes found ask for other media: ${p.classes}.`,
    hint: () => `${S.storageClass.en} defines one class for SSD and one for HDD.`,
  },
  'sc.pool-other-media': {
    message: (p: { name: Text; pool: Text; backend: Text; poolMedia: Text; media: Text }) =>
      `StorageClass ${p.name} can place volumes on aggregate ${p.pool} (backend ${p.backend}), which is ${p.poolMedia}, not ${p.media}.`,
    hint: () => 'Trident matches the pool part of storagePools/additionalStoragePools as a regular expression anywhere in the aggregate name; check which aggregates your patterns match.',
  },
  'sc.no-pool': {
    message: (p: { name: Text; known: Text; media: Text }) => `StorageClass ${p.name} can match none of the aggregates known here (${p.known}), so it does not select ${p.media}.`,
    hint: () => 'storagePools is written <backend name regex>:<aggregate regex>; compare it with `tridentctl get backend -n trident -o json`.',
  },
  'sc.attribute-unmatched': {
    message: (p: { name: Text; key: Text; value: Text }) => `StorageClass ${p.name} asks for ${p.key} "${p.value}", which no ontap-nas pool offers, so Trident never places a volume for it.`,
    hint: () => "Check the parameter values against the ontap-nas driver's documentation (values are compared exactly).",
  },
  'sc.note-rubric-media': {
    message: (p: { pools: Text; name: Text }) =>
      `Passed. Note: the media of ${p.pools} (picked by StorageClass ${p.name}) comes from the rubric's aggregate lists, because ONTAP does not show it here.`,
  },
  'sc.note-unknown-pool-media': {
    message: (p: { name: Text; pools: Text; media: Text }) =>
      `Passed. Note: StorageClass ${p.name} picks aggregates by name (${p.pools}) whose media neither ONTAP (as this user) nor the rubric tells, so whether they are ${p.media} was not checked.`,
  },
  'sc.note-no-known-pool': {
    message: (p: { name: Text; media: Text }) =>
      `Passed. Note: StorageClass ${p.name} asks for media "${p.media}"; its pool lists match none of the aggregates known here, so its placement was not checked further.`,
  },
  'sc.bad-pattern': {
    message: (p: { name: Text; list: Text; pattern: Text; error: Text; media: Text }) =>
      `StorageClass ${p.name}: the pattern "${p.pattern}" in ${p.list} is not a Go regular expression Trident can compile (${p.error}), so Trident matches no aggregate with it and the class does not select ${p.media}.`,
    hint: () => "Trident compiles pool patterns with Go's regexp (RE2 syntax): no look-ahead, look-behind or backreferences, and every bracket closed.",
  },
  'sc.note-bad-pattern': {
    message: (p: { name: Text; list: Text; pattern: Text; error: Text }) =>
      `Passed. Note: StorageClass ${p.name}: the pattern "${p.pattern}" in ${p.list} is not a Go regular expression Trident can compile (${p.error}); Trident ignores it and matches no aggregate with it.`,
  },
  'sc.note-trident-no-media': {
    message: (p: { name: Text; media: Text; path: Text }) =>
      `Passed. Note: StorageClass ${p.name} asks for media "${p.media}", but this Trident reads aggregate media over ${p.path} and gives no aggregate of the backend that media${p.path === 'ONTAP REST' ? ' (over ONTAP REST only disk type "ssd" gets one)' : ''}, so a PVC of this class stays Pending with "no available backends".`,
  },
} satisfies Catalogue

const SC_JA: Translation<typeof SC_EN> = {
  'sc.none': {
    message: (p) => `provisioner が csi.trident.netapp.io で media "${p.media}" を指定した StorageClass がありません。`,
    hint: (p) => `${S.storageClass.ja}を参考に${PURPOSE_JA[p.media]}用のクラスを定義し、\`kubectl get sc -o yaml\` で確認してください。`,
  },
  'sc.legacy': {
    message: (p) => `StorageClass ${p.name} は古い provisioner netapp.io/trident を使っています。Trident 23.07 以降はこれを無視するため、ボリュームが作成されません。`,
    hint: () => 'ラボのサンプルは CSI Trident 以前のものです。CSI の provisioner 名を使ってください（`kubectl get csidriver` を参照）。',
  },
  'sc.wrong-provisioner': {
    message: (p) => `StorageClass ${p.name} は media "${p.media}" を指定していますが、provisioner が Trident ではなく ${p.provisioner} です。`,
    hint: () => `Trident は自分の CSI ドライバー名を provisioner に持つクラスにだけボリュームを作ります。${S.storageClass.ja}を参照してください。`,
  },
  'sc.wrong-backend-type': {
    message: (p) => `StorageClass ${p.name} は media "${p.media}" ですが backendType が "${p.backendType}" です。ラボのバックエンドは ontap-nas です。`,
    hint: () => 'backendType パラメータを直すか、省略してください。',
  },
  'sc.rejected-key': {
    message: (p) => `StorageClass ${p.name} のパラメータ "${p.key}" は Trident が知らないもの（"unrecognized storage attribute"）のため、Trident はこのクラス全体を無視します。`,
    hint: () => `Trident が定めるパラメータ（media・backendType・provisioningType・snapshots など）だけを使ってください。${S.storageClass.ja}を参照してください。`,
  },
  'sc.prefix-too-new': {
    message: (p) => `StorageClass ${p.name} のパラメータ "${p.key}" について: 22.07 より前の Trident は trident.netapp.io/ 接頭辞を受け付けないため、このクラス全体を無視します。`,
    hint: () => 'Trident のバージョン（`tridentctl version -n trident`）と、そのドキュメントのパラメータ名を確認してください。',
  },
  'sc.bad-value': {
    message: (p) => `StorageClass ${p.name}: パラメータ "${p.key}" の値 "${p.value}" は${VALUE_KIND_JA[p.type] ?? '値'}として正しくないため、Trident はこのクラス全体を無視します。`,
    hint: () => 'StorageClass のパラメータは文字列です。真偽値は "true" または "false" と書きます。',
  },
  'sc.media-spelling': {
    message: (p) =>
      `StorageClass ${p.name} は media "${p.value}" を指定していますが、Trident は media を完全一致で比べ、アグリゲートに合うのは "${p.media}" だけです。このクラスではボリュームが作られません。`,
    hint: () => 'Trident の media の値は小文字です。',
  },
  'sc.other-media': {
    message: (p) => `media "${p.media}" を選ぶ Trident の StorageClass がありません。見つかったクラスは別の media を指定しています: ${p.classes}。`,
    hint: () => `${S.storageClass.ja}では SSD 用と HDD 用のクラスを 1 つずつ定義します。`,
  },
  'sc.pool-other-media': {
    message: (p) => `StorageClass ${p.name} はアグリゲート ${p.pool}（バックエンド ${p.backend}）にもボリュームを置けますが、これは ${p.media} ではなく ${p.poolMedia} です。`,
    hint: () => 'Trident は storagePools/additionalStoragePools のプール部分を正規表現としてアグリゲート名の一部に照合します。パターンがどのアグリゲートに合うか確認してください。',
  },
  'sc.no-pool': {
    message: (p) => `StorageClass ${p.name} は、ここで分かっているアグリゲート（${p.known}）のどれにも合わないため、${p.media} を選ぶクラスになっていません。`,
    hint: () => 'storagePools は <バックエンド名の正規表現>:<アグリゲートの正規表現> と書きます。`tridentctl get backend -n trident -o json` と見比べてください。',
  },
  'sc.attribute-unmatched': {
    message: (p) => `StorageClass ${p.name} は ${p.key} "${p.value}" を指定していますが、これを満たす ontap-nas のプールはないため、ボリュームは作られません。`,
    hint: () => 'パラメータの値を ontap-nas ドライバーのドキュメントと照らし合わせてください（値は完全一致で比べられます）。',
  },
  'sc.note-rubric-media': {
    message: (p) => `合格。注: StorageClass ${p.name} が選ぶ ${p.pools} のメディアは ONTAP から見えないため、ルーブリックのアグリゲート一覧によります。`,
  },
  'sc.note-unknown-pool-media': {
    message: (p) =>
      `合格。注: StorageClass ${p.name} は名前でアグリゲート（${p.pools}）を選んでいますが、そのメディアは ONTAP（このユーザー）からもルーブリックからも分からないため、${p.media} かどうかは確認していません。`,
  },
  'sc.note-no-known-pool': {
    message: (p) => `合格。注: StorageClass ${p.name} は media "${p.media}" を指定していますが、プール指定がここで分かるアグリゲートのどれにも合わないため、配置はこれ以上確認していません。`,
  },
  'sc.bad-pattern': {
    message: (p) =>
      `StorageClass ${p.name}: ${p.list} のパターン "${p.pattern}" は Trident がコンパイルできる Go の正規表現ではありません（${p.error}）。Trident はこのパターンでどのアグリゲートも選ばないため、このクラスは ${p.media} を選ぶクラスになっていません。`,
    hint: () => 'Trident はプールのパターンを Go の regexp（RE2 構文）でコンパイルします。先読み・後読み・後方参照は使えず、括弧はすべて閉じる必要があります。',
  },
  'sc.note-bad-pattern': {
    message: (p) =>
      `合格。注: StorageClass ${p.name}: ${p.list} のパターン "${p.pattern}" は Trident がコンパイルできる Go の正規表現ではありません（${p.error}）。Trident はこれを無視し、どのアグリゲートにも当てはめません。`,
  },
  'sc.note-trident-no-media': {
    message: (p) =>
      `合格。注: StorageClass ${p.name} は media "${p.media}" を指定していますが、この Trident は ${p.path} でアグリゲートのメディアを読み、バックエンドのどのアグリゲートにもそのメディアを与えません${p.path === 'ONTAP REST' ? '（ONTAP REST ではディスクタイプ "ssd" のものだけがメディアを持ちます）' : ''}。このクラスの PVC は "no available backends" で Pending のままになります。`,
  },
}

const STORAGE_CLASS_MESSAGES = { en: SC_EN, ja: SC_JA }

/** One of the lab's StorageClass objectives: a Trident class that selects this media. */
export function storageClassObjective<const Id extends string>(declaration: { id: Id; title: RenderedText; points: number; media: ClassMedia }) {
  const { media, ...rest } = declaration
  return defineObjective({ ...rest, access: STORAGE_CLASS_ACCESS, messages: STORAGE_CLASS_MESSAGES, check: (check) => checkStorageClasses(check, media) })
}

/** Grades the classes for one media: passes when a Trident class selects it, else fails with the nearest miss. */
async function checkStorageClasses({ lab, see, fail, note }: Check<typeof SC_EN>, media: ClassMedia): Promise<void> {
  const classes = await lab.kube.storageClasses()
  see('StorageClasses', classes.map(describeClass))
  const judged = await judgeClasses(lab, classes, media)
  if (judged.view)
    see(
      `Storage pools (${judged.view.source})`,
      judged.view.pools.map((p) => ({ backend: p.backend, pool: p.name, media: p.media ?? 'unknown', mediaFrom: p.mediaFrom })),
    )
  const chosen = judged.classes.find((j) => j.verdict?.selects)
  if (chosen) return noteIfNeeded(see, note, chosen, media)
  // A class that picks aggregates whose media nobody knows is never failed (as ontap-volume): it passes with a
  // note, or is a grader error when the rubric says `unknownAggregateMedia: error`.
  const unknown = unknownMediaClass(judged)
  if (unknown) {
    if (lab.params.unknownAggregateMedia === 'error') throw unknownMediaError(unknown, media)
    return note('sc.note-unknown-pool-media', { name: unknown.name, pools: unknown.pools, media })
  }

  return fail(nearestMiss(judged.classes, media, judged.release))
}

export interface JudgedClass {
  sc: V1StorageClass
  name: string
  reading?: TridentClassReading
  verdict?: ClassVerdict
}

export interface JudgedClasses {
  classes: JudgedClass[]
  release: TridentRelease
  view?: PoolView & { source: string }
}

/** Every class judged for one media, with the pools the judgement used (when pools mattered). */
export async function judgeClasses(lab: Lab, classes: V1StorageClass[], media: Media): Promise<JudgedClasses> {
  const versions = await lab.kube.tridentObjects('tridentversions')
  const release = tridentRelease(versions[0]?.trident_version as string | undefined)
  const readings = classes.map((sc) => ({ sc, name: sc.metadata?.name ?? '', reading: isTridentClass(sc) ? readTridentClass(sc, release) : undefined }))
  // Pools matter for classes that pick aggregates by name; with ONTAP at hand, also for a class that asks for a
  // media, to tell whether Trident offers that media at all.
  const needsPools = readings.some(
    (r) => r.reading && (r.reading.storagePools || r.reading.additionalStoragePools || r.reading.excludeStoragePools || (lab.target.ontap && r.reading.attributes.media !== undefined)),
  )
  const view = needsPools ? await poolViewOnce(lab, release) : undefined
  const judged: JudgedClass[] = []
  for (const { sc, name, reading } of readings) {
    if (!reading || reading.rejected || !backendTypeOk(reading)) {
      judged.push({ sc, name, reading })
      continue
    }
    // A class's pool lists (up to Kubernetes' 256 KiB of parameters) take Go's engine up to a second or so: other
    // students, the budget's timer and Ctrl-C get the event loop between classes.
    await new Promise((resolve) => setImmediate(resolve))
    lab.cancelled.throwIfAborted()
    judged.push({ sc, name, reading, verdict: classSelects(reading, media, view ?? { pools: [], complete: false }) })
  }
  return { classes: judged, release, view }
}

/**
 * Names of the classes that select this media as Trident reads them (pvc-bound uses it for SSD), and of those that
 * pick aggregates whose media the grader cannot know (counted under `unknownAggregateMedia: pass`).
 */
export async function classesSelecting(lab: Lab, media: Media): Promise<{ selecting: string[]; unknownMedia: string[] }> {
  const judged = await judgeClasses(lab, await lab.kube.storageClasses(), media)
  return {
    selecting: judged.classes.filter((j) => j.verdict?.selects).map((j) => j.name),
    unknownMedia: judged.classes.filter((j) => j.verdict?.selects === false && j.verdict.why === 'pool-unknown-media').map((j) => j.name),
  }
}

/** The first Trident class whose pools' media the grader cannot know, with those pools. */
function unknownMediaClass(judged: JudgedClasses): { name: string; pools: string } | undefined {
  for (const j of judged.classes) {
    const v = j.verdict
    if (v && !v.selects && v.why === 'pool-unknown-media') return { name: j.name, pools: [...new Set(v.pools.map((p) => p.name))].join(', ') }
  }
  return undefined
}

export function unknownMediaError(unknown: { name: string; pools: string }, media: Media): GraderError {
  return new GraderError(
    'ONTAP_MEDIA_UNKNOWN',
    `StorageClass ${unknown.name} picks aggregates by name (${unknown.pools}) whose media is neither shown by ONTAP here nor listed in the rubric's ssdAggregates/hddAggregates, so whether it selects ${media} cannot be told; ` +
      'add them to one of those lists, or set parameters.unknownAggregateMedia to pass',
  )
}

// One pool view per run: the SSD and HDD objectives and pvc-bound ask ONTAP once between them.
const VIEWS = new WeakMap<Lab, Promise<PoolView & { source: string }>>()

function poolViewOnce(lab: Lab, release: TridentRelease): Promise<PoolView & { source: string }> {
  let view = VIEWS.get(lab)
  if (!view) {
    view = poolView(lab, release)
    VIEWS.set(lab, view)
  }
  return view
}

/** The pools of the ontap-nas backends: aggregates from ONTAP when it lists them, else the rubric's. */
async function poolView(lab: Lab, release: TridentRelease): Promise<PoolView & { source: string }> {
  const backends = (await lab.kube.tridentObjects('tridentbackends')).filter((b) => ontapConfig(b as BackendLike).storageDriverName === 'ontap-nas')
  const rubricMedia = new Map<string, Media>([...lab.params.hddAggregates.map((a) => [a, 'hdd'] as const), ...lab.params.ssdAggregates.map((a) => [a, 'ssd'] as const)])
  let fromOntap: OntapAggregate[] | undefined
  let ontapRelease: string | undefined
  if (lab.target.ontap) {
    try {
      const ontap = await lab.ontap()
      const listed = await ontap.listAggregates({ svm: lab.target.ontap.svm, signal: lab.cancelled })
      // A refusal or an empty answer (what REST may give an SVM user) says nothing about the SVM's aggregates.
      fromOntap = listed.refused || listed.aggregates.length === 0 ? undefined : listed.aggregates
      // Which API Trident reads media with depends on the release (Trident 24.06+): asked only when it can matter.
      if (fromOntap && ontapReleaseMatters(release)) ontapRelease = await ontap.clusterVersion({ signal: lab.cancelled })
    } catch {
      // ONTAP unreachable or unreadable: ontap-volume reports that; classes fall back to the rubric.
    }
  }
  const aggregates = fromOntap
    ? fromOntap.map((a) => {
        const known: Pool['media'] = a.media ?? (a.ssd === true ? 'ssd' : a.ssd === false ? 'not-ssd' : undefined)
        const fromRubric = rubricMedia.get(a.name)
        // The rubric's word settles what ONTAP leaves open (unknown, or "not SSD" when HDD is asked).
        const media = known === undefined || (known === 'not-ssd' && fromRubric) ? fromRubric : known
        return {
          name: a.name,
          media,
          mediaFrom: media === undefined ? undefined : media === known ? ('ontap' as const) : ('rubric' as const),
          kind: { storageType: a.storageType, diskType: a.diskType },
        }
      })
    : [...rubricMedia].map(([name, media]) => ({ name, media: media as Pool['media'], mediaFrom: 'rubric' as const, kind: undefined }))
  const owners: (TridentObject | undefined)[] = backends.length > 0 ? backends : [undefined]
  const pools: Pool[] = owners.flatMap((b): Pool[] => {
    const config = b ? ontapConfig(b as BackendLike) : {}
    const backend = b ? String(b.backendName ?? b.metadata.name) : undefined
    const offers = { nasType: typeof config.nasType === 'string' && config.nasType ? config.nasType.toLowerCase() : 'nfs', region: str(config.region), zone: str(config.zone) }
    const path = fromOntap ? tridentApiPath(release, ontapRelease, config.useREST) : undefined
    const only = typeof config.aggregate === 'string' && config.aggregate !== '' ? config.aggregate : undefined
    const physical = aggregates
      .filter((a) => !only || a.name === only)
      .map((a): Pool => ({ backend, name: a.name, media: a.media, mediaFrom: a.mediaFrom, tridentMedia: a.kind && tridentMediaOffer(path, a.kind), mediaPath: path, offers }))
    // A backend with virtual pools (`storage: [...]`) reports only those, named <backend>_pool_<index>; a volume in
    // one lands on one of the backend's aggregates that meets the class's attributes.
    if (backend && Array.isArray(config.storage) && config.storage.length > 0) {
      return config.storage.map((_: unknown, index: number) => ({ backend, name: `${backend}_pool_${index}`, offers, physical }))
    }
    return physical
  })
  const source = fromOntap ? 'aggregates listed by ONTAP' : "ONTAP aggregates not readable here: the rubric's ssdAggregates and hddAggregates"
  return { pools, complete: fromOntap !== undefined, source }
}

type BackendLike = { config?: unknown }

function ontapConfig(b: BackendLike): Record<string, any> {
  const config = (b.config ?? {}) as Record<string, any>
  return (config.ontap_config ?? config) as Record<string, any>
}

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined)

function noteIfNeeded(see: Check['see'], note: Check<typeof SC_EN>['note'], chosen: JudgedClass, media: Media): void {
  const verdict = chosen.verdict as Extract<ClassVerdict, { selects: true }>
  see(`StorageClass ${chosen.name} selects ${media}`, { pools: verdict.pools.map((p) => `${p.backend ?? '*'}:${p.name}`) })
  // The check passes with a note the student (and instructor) can read, rather than a bare "Passed.": the one that
  // matters most for the class's volumes.
  const bad = verdict.badPatterns[0]
  if (verdict.tridentOffersNone) note('sc.note-trident-no-media', { name: chosen.name, media, path: verdict.pools[0]?.mediaPath === 'zapi' ? 'ZAPI' : 'ONTAP REST' })
  else if (bad) note('sc.note-bad-pattern', { name: chosen.name, list: bad.list, pattern: bad.pattern, error: bad.error })
  else if (verdict.rubricPools.length > 0) note('sc.note-rubric-media', { name: chosen.name, pools: verdict.rubricPools.join(', ') })
  else if (verdict.unmatchedNote) note('sc.note-no-known-pool', { name: chosen.name, media })
}

/** The class the student most likely meant, and what keeps it from counting. */
function nearestMiss(classes: JudgedClass[], media: ClassMedia, release: TridentRelease): MessageOf<typeof SC_EN> {
  const meant = classes.filter((j) => looseMedia(j.sc) === media || hasPoolList(j.sc))
  const trident = meant.filter((j) => isTridentClass(j.sc))
  const rejected = trident.find((j) => j.reading?.rejected)
  if (rejected) {
    const r = rejected.reading!.rejected!
    const prefixTooNew = release && r.key.startsWith('trident.netapp.io/') && (release[0] < 22 || (release[0] === 22 && release[1] < 7))
    if (r.why === 'bad-value') return { key: 'sc.bad-value', params: { name: rejected.name, key: r.key, value: r.value, type: r.type ?? 'value' } }
    return { key: prefixTooNew ? 'sc.prefix-too-new' : 'sc.rejected-key', params: { name: rejected.name, key: r.key } }
  }
  // A class whose pools are all of the other media was meant for that media: it is explained last.
  const meantOther = (j: JudgedClass) => j.verdict?.selects === false && j.verdict.why === 'pool-other-media' && j.verdict.onlyOther
  for (const why of ['pool-other-media', 'no-pool', 'attribute', 'media-spelling'] as const) {
    const hit = trident.find((j) => j.verdict && !j.verdict.selects && j.verdict.why === why && !meantOther(j))
    if (hit) return verdictMiss(hit, media)
  }
  const legacy = meant.find((j) => isLegacyTridentClass(j.sc))
  if (legacy) return { key: 'sc.legacy', params: { name: legacy.name } }
  const wrongBackend = trident.find((j) => j.reading && !j.reading.rejected && !backendTypeOk(j.reading))
  if (wrongBackend) return { key: 'sc.wrong-backend-type', params: { name: wrongBackend.name, media, backendType: wrongBackend.reading!.attributes.backendType } }
  const other = meant.find((j) => !isTridentClass(j.sc) && !isLegacyTridentClass(j.sc))
  if (other) return { key: 'sc.wrong-provisioner', params: { name: other.name, media, provisioner: other.sc.provisioner } }
  const pickedOther = trident.find(meantOther)
  if (pickedOther) return verdictMiss(pickedOther, media)
  const otherMedia = classes.filter((j) => j.verdict && !j.verdict.selects && j.verdict.why === 'other-media')
  if (otherMedia.length > 0) {
    const list = otherMedia.map((j) => `${j.name} (media "${(j.verdict as { media: string }).media}")`).join(', ')
    return { key: 'sc.other-media', params: { media, classes: list } }
  }
  return { key: 'sc.none', params: { media } }
}

function verdictMiss(j: JudgedClass, media: ClassMedia): MessageOf<typeof SC_EN> {
  const v = j.verdict as Exclude<ClassVerdict, { selects: true }>
  switch (v.why) {
    case 'pool-other-media':
      return { key: 'sc.pool-other-media', params: { name: j.name, media, pool: v.pool.name, poolMedia: v.pool.media ?? 'unknown', backend: v.pool.backend ?? '*' } }
    case 'no-pool': {
      const bad: BadPattern | undefined = v.badPatterns.find((b) => b.list !== 'excludeStoragePools')
      if (bad) return { key: 'sc.bad-pattern', params: { name: j.name, media, list: bad.list, pattern: bad.pattern, error: bad.error } }
      return { key: 'sc.no-pool', params: { name: j.name, media, known: v.poolsKnown.join(', ') || '(none)' } }
    }
    case 'attribute':
      return { key: 'sc.attribute-unmatched', params: { name: j.name, key: v.attribute, value: v.value } }
    case 'media-spelling':
      return { key: 'sc.media-spelling', params: { name: j.name, value: v.media, media } }
    default:
      return { key: 'sc.none', params: { media } }
  }
}

function hasPoolList(sc: V1StorageClass): boolean {
  return Object.keys(sc.parameters ?? {}).some((k) => /(^|\/)(storagePools|additionalStoragePools|requiredStorage|excludeStoragePools)$/.test(k))
}
