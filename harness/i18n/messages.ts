// The grader's own messages about a check (passed, skipped, blocked, grader error), in English and Japanese. What
// an objective says about the student's work lives in that objective's module (specs/<id>.spec.ts).

import { nameIn, renderMessage, renderText, trimStop, type Catalogue, type MessageArgs, type Named, type RenderedMessage, type RenderedText, type Text, type Translation } from './catalogue.js'

export type { Lang, RenderedText } from './catalogue.js'

const EN = {
  'check.blocked': {
    message: (p: { ids: Text }) => `Not checked: it needs ${p.ids} to pass first.`,
  },
  'check.blocked-unmountable': {
    message: (p: { id: Text; why: RenderedText }) => `Not checked: the database pod was not deleted, because a new pod could not mount the volume (${p.id}: ${trimStop(p.why.en)}).`,
    hint: (p: { id: Text }) => `Fix the ONTAP volume first (see the ${p.id} result); this check runs once the volume can be mounted.`,
  },
  'check.blocked-not-owned': {
    message: (p: { id: Text; why: RenderedText }) =>
      `Not checked: nothing was written and the database pod was not deleted, because the grader could not prove the volume is this claim's (${p.id}: ${trimStop(p.why.en)}).`,
    hint: (p: { id: Text }) => `Let Trident provision the claim's volume (see the ${p.id} result); this check runs once the volume is proven the claim's.`,
  },
  'check.blocked-unverified': {
    message: (p: { ids: Text }) => `Not checked: ${p.ids} could not check the ONTAP volume (a grader error), so deleting the database pod is not known to be safe.`,
  },
  'check.error': {
    message: (p: { detail: Named }) => `The grader could not check this: ${nameIn(p.detail, 'en')}`,
  },
  'check.skipped': {
    message: (p: { why: RenderedText }) => `Skipped: ${p.why.en}.`,
  },
  'check.passed': {
    message: () => 'Passed.',
  },
} satisfies Catalogue

const JA: Translation<typeof EN> = {
  'check.blocked': {
    message: (p) => `未確認: 先に ${p.ids} に合格する必要があります。`,
  },
  'check.blocked-unmountable': {
    message: (p) => `未確認: 新しい Pod がボリュームをマウントできないため、データベース Pod は削除していません（${p.id}: ${trimStop(p.why.ja)}）。`,
    hint: (p) => `まず ONTAP ボリュームを直してください（${p.id} の結果を参照）。マウントできるようになるとこの確認が行われます。`,
  },
  'check.blocked-not-owned': {
    message: (p) => `未確認: ボリュームがこの PVC のものだと確認できないため、何も書き込まず、データベース Pod も削除していません（${p.id}: ${trimStop(p.why.ja)}）。`,
    hint: (p) => `PVC のボリュームは Trident に作らせてください（${p.id} の結果を参照）。この PVC のものと確認できるとこの確認が行われます。`,
  },
  'check.blocked-unverified': {
    message: (p) => `未確認: ${p.ids} が ONTAP ボリュームを確認できなかった（採点ツールのエラー）ため、データベース Pod を削除してよいか分かりません。`,
  },
  'check.error': {
    message: (p) => `採点ツールがこの項目を確認できませんでした: ${nameIn(p.detail, 'ja')}`,
  },
  'check.skipped': {
    message: (p) => `スキップ: ${p.why.ja}。`,
  },
  'check.passed': {
    message: () => '合格。',
  },
}

const CHECK_MESSAGES = { en: EN, ja: JA }

/** Why an objective was not run, as check.skipped quotes it. */
const SKIP_EN = {
  rubric: 'turned off in the rubric',
  'skip-flag': 'left out with --skip',
  'only-flag': 'not selected with --only',
  'no-ontap': 'no ONTAP host was given (--ontap-host, --svm)',
  'not-confirmed': 'you did not confirm deleting the database pod (run again with --yes)',
} satisfies Catalogue

const SKIP_JA: Translation<typeof SKIP_EN> = {
  rubric: 'ルーブリックで無効',
  'skip-flag': '--skip で除外',
  'only-flag': '--only で選ばれていない',
  'no-ontap': 'ONTAP のホストが指定されていない（--ontap-host, --svm）',
  'not-confirmed': 'データベース Pod の削除が確認されなかった（--yes を付けて再実行）',
}

const SKIP_REASONS = { en: SKIP_EN, ja: SKIP_JA }

export type SkipReason = keyof typeof SKIP_EN

/** A reason for skipping an objective, in both languages. */
export function skipReason(key: SkipReason): RenderedText {
  return renderText(SKIP_REASONS, key)
}

export type CheckMessageKey = keyof typeof EN

/** One of the grader's own messages about a check, in both languages. */
export function render<K extends CheckMessageKey>(key: K, ...params: MessageArgs<typeof EN, K>): RenderedMessage {
  return renderMessage(CHECK_MESSAGES, key, params[0])
}
