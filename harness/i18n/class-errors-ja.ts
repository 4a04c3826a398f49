// The Japanese of class-errors-en.ts: the same keys and parameters, so a missing sentence does not compile.

import { CSV_UNCLOSED_QUOTE, type ClassErrors, type RosterRow, type ShardPlace, type SummaryDefect, type SummaryRowField } from './class-errors-en.js'
import { nameIn, type Translation } from './catalogue.js'

const row = (r: RosterRow) => `${r.path} の ${r.kind === 'student' ? `${r.n} 人目の学生` : `${r.n} 行目`}${r.id !== undefined ? `（${r.id}）` : ''}`
const shard = (s: Pick<ShardPlace, 'index' | 'count'>) => `シャード ${s.index}/${s.count}`
const folder = (s: ShardPlace) => `${shard(s)}（${s.shown}）`

const ROW_FIELD: Record<SummaryRowField, string> = {
  object: 'がオブジェクトではありません',
  id: 'に有効な "id" がありません',
  namespace: 'に有効な "namespace" がありません',
  result: 'に有効な "result" がありません',
  complete: 'に "complete" がありません',
  durationMs: 'に有効な "durationMs" がありません',
  runErrors: 'に有効な "runErrors" がありません',
  delivery: 'の "delivery" の形が正しくありません',
}

const DEFECT: Record<Exclude<SummaryDefect['kind'], 'schema' | 'student'>, string> = {
  pending: '"totals.pending" が件数ではありません',
  shard: '"shard" の印の形が正しくありません',
  roster: '"roster" がファイル名ではありません',
  lang: '"lang" が en でも ja でもありません',
  times: '"startedAt"/"finishedAt" が日時ではありません',
  settings: '"settings" の形が正しくありません',
  students: '"students" がリストではありません',
}

function defect(d: SummaryDefect): string {
  if (d.kind === 'schema') return `"schema": "${d.schema}", "schemaVersion": ${d.version} がありません`
  if (d.kind === 'student') return `${d.n} 人目の学生${d.id !== undefined ? `（${d.id}）` : ''}${ROW_FIELD[d.field]}`
  return DEFECT[d.kind]
}

/** parseCsv's refusal in Japanese; another text is quoted as it is. */
const csvDetail = (detail: string) => (detail === CSV_UNCLOSED_QUOTE ? '閉じていない引用符があります' : detail)

function shardList(missing: string[]): string {
  return missing.length > 5 ? `${missing.slice(0, 5).join('、')} ほか ${missing.length - 5} 個` : missing.join('、')
}

const MERGE_ONE_RUN = '1 回の実行のシャードをまとめてください。'
const GRADE_AGAIN = 'このシャードを採点し直してください。'

export const CLASS_ERRORS_JA: Translation<ClassErrors> = {
  'roster.flag-student': () => '--roster と --student は一緒に使えません。各学生の Namespace は名簿に書きます。',
  'roster.flag-ontap-host': () => '名簿での採点では --ontap-host は学生ごとに決まります。名簿の ontapHost に書いてください。',
  'roster.flag-ontap-port': () => '名簿での採点では --ontap-port は学生ごとに決まります。名簿の ontapPort（または ontapHost の host:port）に書いてください。',
  'roster.flag-svm': () => '名簿での採点では --svm は学生ごとに決まります。名簿の svm に書いてください。',
  'roster.flag-ontap-host-key': () => '名簿での採点では --ontap-host-key は学生ごとに決まります。名簿の ontapHostKey に書くか、--ontap-known-hosts を使ってください。',
  'roster.flag-lms-user-id': () => '名簿での採点では --lms-user-id は学生ごとに決まります。名簿の lmsUserId に書いてください。',
  'roster.flag-self-check': () => '--self-check は学生が自分の課題を確かめるためのもので、名簿での採点には使えません。',
  'roster.flag-yes': () => '--yes はセルフチェックの確認に答えるものです。名簿での採点ではこの確認はありません。',
  'roster.whole-number': (p) => `${p.flag} には 1 から 256 までの整数を指定してください（"${p.value}" は使えません）。`,

  'roster.unreadable': (p) =>
    `名簿 ${p.path} を読めません（${p.why === 'missing' ? 'ファイルがありません' : p.why === 'folder' ? 'フォルダーです' : `読み取りエラー${p.code !== undefined ? ` ${p.code}` : ''}`}）。`,
  'roster.no-students': (p) => `名簿 ${p.path} に学生が 1 人もいません。`,
  'roster.id-is-class-folder': (p) => `名簿 ${p.path} の ID "${p.id}" はクラスの集計フォルダーと同じ名前です。この学生の ID を変えてください。`,
  'roster.id-twice': (p) => `名簿 ${p.path} に ID "${p.id}" が 2 回あります。ID はレポートのフォルダー名になるため、重複できません。`,
  'roster.ids-differ-in-case': (p) =>
    `名簿 ${p.path} の ID "${p.earlier}" と "${p.id}" は大文字と小文字しか違いません。ID はレポートのフォルダー名になるため、大文字と小文字を区別しなくても重複しないようにしてください。`,
  'roster.bad-yaml': (p) => `名簿 ${p.path} は YAML として正しくありません（${p.detail}）。`,
  'roster.no-students-list': (p) => `名簿 ${p.path} には \`students:\` のリストが必要です。`,
  'roster.unknown-top-key': (p) => `名簿 ${p.path} に不明な最上位のキー \`${p.key}\` があります（使えるキー: ${p.allowed.join('、')}）。`,
  'roster.allow-exec-not-boolean': (p) => `名簿 ${p.path}: \`allowExecPlugins\` は true か false にしてください。`,
  'roster.defaults-not-mapping': (p) => `名簿 ${p.path}: \`defaults\` はマッピングにしてください。`,
  'roster.student-not-mapping': (p) => `${row(p.row)}: 学生はそれぞれ {id: alice, namespace: alice} のようなマッピングで書いてください。`,
  'roster.bad-csv': (p) => `名簿 ${p.path} は CSV として正しくありません（${csvDetail(p.detail)}）。`,
  'roster.column-twice': (p) => `名簿 ${p.path} のヘッダーに列 \`${p.column}\` が 2 回以上あります。1 つにしてください。`,
  'roster.secret-field': (p) => `${row(p.row)}: \`${p.key}\` はパスワードなどの秘密の値のようです。名簿にはパスワードそのものではなく、その置き場所（passwordEnv か passwordFile）を書きます。`,
  'roster.unknown-field': (p) => `${row(p.row)}: 不明な項目 \`${p.key}\` があります（使える項目: ${p.allowed.join('、')}）。`,
  'roster.not-string': (p) => `${row(p.row)}: \`${p.key}\` は文字列にしてください。`,
  'roster.id-missing': (p) => `${row(p.row)}: \`id\` がありません。`,
  'roster.id-invalid': (p) => `${row(p.row)}: ID "${p.id}" に使えるのは英字、数字、"."、"_"、"-" だけです（64 文字まで、先頭は英字か数字）。`,
  'roster.namespace-invalid': (p) => `${row(p.row)}: namespace "${p.namespace}" は Namespace 名として正しくありません（英小文字、数字、"-" が使えます）。`,
  'roster.port-invalid': (p) => `${row(p.row)}: ontapPort "${p.value}" はポート番号ではありません。`,
  'roster.ports-differ': (p) => `${row(p.row)}: ontapHost のポート ${p.hostPort} と ontapPort の ${p.port} が一致しません。`,
  'roster.svm-missing': (p) => `${row(p.row)}: ontapHost には svm（学生の SVM、例: svm01）も必要です。`,
  'roster.ontap-host-missing': (p) => `${row(p.row)}: svm / passwordEnv / passwordFile が ontapHost（SVM の管理アドレス）なしで指定されています。`,
  'roster.password-both': (p) => `${row(p.row)}: passwordEnv と passwordFile はどちらか一方だけを指定してください。`,
  'roster.password-env-invalid': (p) => `${row(p.row)}: passwordEnv にはパスワードではなく、環境変数の名前（英字、数字、"_"）を書いてください。`,
  'roster.host-key-invalid': (p) => `${row(p.row)}: ontapHostKey が OpenSSH の SHA256 フィンガープリント（SHA256: の後に base64 で 43 文字）ではありません。`,
  'roster.host-invalid': (p) => `${row(p.row)}: ontapHost "${p.value}" はホスト名でもアドレスでもありません（:port を付けることはできます）。`,
  'roster.host-port-invalid': (p) => `${row(p.row)}: ontapHost "${p.value}" のポート ${p.port} はポート番号として正しくありません。`,

  'shard.malformed': (p) => `${p.where} は <index>/<count> の形の整数で指定してください（例: 3 つのシャードの最初は 0/3）。"${p.value}" は使えません。`,
  'shard.count-range': (p) => `${p.where} "${p.value}": シャードの数は 1 から ${p.max} までです。`,
  'shard.index-range': (p) => `${p.where} "${p.value}": シャードの番号は 0 から ${p.last} までです（JOB_COMPLETION_INDEX と同じく 0 から数えます）。`,
  'shard.disagrees': (p) =>
    `--shard ${p.flag} がこの Indexed Job の Pod の JOB_COMPLETION_INDEX=${p.index}、JOB_COMPLETIONS=${p.count} と一致しません。--shard を外す（Job の番号を使います）か、両方を一致させてください。`,
  'shard.completions-missing': () =>
    'JOB_COMPLETION_INDEX が設定されている（Indexed Job）のに JOB_COMPLETIONS がありません。JOB_COMPLETIONS に Job の completions を設定してください（または --shard <index>/<count> を指定）。このままではどの Pod もクラス全員を採点します。',
  'shard.index-missing': () =>
    'JOB_COMPLETIONS が設定されているのに JOB_COMPLETION_INDEX がありません。Pod ごとの番号は Indexed Job（completionMode: Indexed）だけが与えます。それ以外では --shard <index>/<count> を指定してください。',
  'shard.index-not-whole': (p) => `JOB_COMPLETION_INDEX は整数にしてください（"${p.value}" は使えません）。`,
  'shard.completions-not-whole': (p) => `JOB_COMPLETIONS は整数にしてください（"${p.value}" は使えません）。`,

  'merge.flag-not-applicable': (p) => `--${p.flag} は --merge-class では使えません。--merge-class はシャードのフォルダーを読んでクラスの集計を書くだけです。`,
  'merge.no-folders': () => '--merge-class には各シャードのフォルダーを指定してください（例: --merge-class reports/shard-0-of-3 reports/shard-1-of-3 reports/shard-2-of-3）。',
  'merge.folder-twice': (p) =>
    `--merge-class にフォルダー ${p.shown} が 2 回指定されています${p.also !== undefined ? `（${p.also} としても指定）` : ''}。各シャードのフォルダーは 1 回だけ指定してください。`,
  'merge.out-is-shard': (p) =>
    `--out にシャードのフォルダー ${p.shown} が指定されています。まとめた集計がそのシャードのクラス集計を上書きしてしまいます。シャードのフォルダーを含むフォルダーを指定してください（例: --out reports）。`,

  'merge.different-splits': (p) => `分け方の違うシャードが混ざっています: ${folder(p.first)}と${folder(p.other)}。${MERGE_ONE_RUN}`,
  'merge.other-roster': (p) => `${folder(p.folder)}は${folder(p.first)}とは別の名簿（別の学生）で採点されています。${MERGE_ONE_RUN}`,
  'merge.shard-twice': (p) => `${shard(p.shard)} が 2 回指定されています: ${p.earlier} と ${p.shown}。各シャードのフォルダーは 1 回だけ指定してください。`,
  'merge.shards-missing': (p) => `次のシャードがありません: ${shardList(p.missing)}。指定したフォルダーのどれにも含まれていません（${p.count} 個すべてのシャードのフォルダーを指定してください）。`,
  'merge.shard-pending': (p) => `${folder(p.folder)}は途中で終わっています: ${p.students} 人のうち ${p.pending} 人が採点されていません。${GRADE_AGAIN}`,
  'merge.student-twice': (p) =>
    `学生 ${p.id} が${p.how.kind === 'one-shard' ? `${folder(p.how.folder)}に 2 回` : `${folder(p.how.folders[0])}と${folder(p.how.folders[1])}の両方に`}含まれています。どの学生もちょうど 1 回だけ採点されている必要があります（1 回の実行のシャードをまとめてください）。`,
  'merge.shard-short': (p) => `${folder(p.folder)}は不完全です: 集計の学生は ${p.listed} 人ですが、このシャードの学生は ${p.students} 人のはずです。${GRADE_AGAIN}`,
  'merge.student-count': (p) => `シャードの学生は合わせて ${p.held} 人ですが、名簿には ${p.roster} 人います。${MERGE_ONE_RUN}`,
  'merge.misdealt': (p) =>
    `学生 ${p.id} は${folder(p.folder)}にいますが、このクラスではシャード ${p.index}/${p.count} に割り当てられるはずです。これらのフォルダーは 1 回の実行のシャードではありません。`,
  'merge.marks-mismatch': () => `シャードの集計にいる学生が、シャードの印が作られたときの学生と一致しません。${MERGE_ONE_RUN}`,
  'merge.not-from-roster': (p) =>
    `シャードは名簿 ${p.roster} で採点されたものではありません: ${
      p.why.kind === 'absent'
        ? `${p.why.id} は名簿にいますが、どのシャードにもいません`
        : p.why.kind === 'extra'
          ? `${p.why.id} は${folder(p.why.folder)}にいますが、名簿にいません`
          : 'Namespace の違う学生がいます'
    }。`,

  'merge.folder-is-file': (p) => `--merge-class に指定された ${p.shown} はファイルです。各シャードの --out のフォルダーを指定してください。`,
  'merge.folder-missing': (p) => `--merge-class に指定された ${p.shown} はありません。各シャードの --out のフォルダーを指定してください。`,
  'merge.summary-too-big': (p) => `${p.where} は ${p.mib} MiB より大きいため、この採点ツールのクラス集計ではありません。`,
  'merge.no-summary': (p) => `${p.shown} にクラスの集計（${p.file}）がありません。シャードが終わってから、各シャードの --out のフォルダーを指定してください。`,
  'merge.summary-not-json': (p) => `${p.where} は JSON として正しくありません（シャードが書き込み中か、ファイルが壊れています）。`,
  'merge.summary-malformed': (p) => `${p.where} はこの採点ツールのシャードの集計ではありません: ${defect(p.defect)}。`,
  'merge.summary-unsharded': (p) =>
    `${p.where} にシャードの印がありません。--shard なしの名簿での採点か、最後まで終わらずに止まったシャードの集計です${p.pending > 0 ? `（未採点の学生 ${p.pending} 人）` : ''}。${GRADE_AGAIN}`,

  'roster.password-env-unset': (p) => `名簿は ${p.id} の SVM パスワードに ${p.env} を指定していますが、その環境変数が設定されていません。`,
  'roster.password-file-missing': (p) => `名簿が ${p.id} の SVM 用に指定したパスワードファイルがありません。`,
  'roster.settings-unusable': (p) => `${p.id} の設定を使えません: ${nameIn(p.detail, 'ja')}`,
  'roster.could-not-start': (p) => `${p.id} の採点を始められませんでした: ${nameIn(p.detail, 'ja')}`,
  'roster.failed-unexpectedly': (p) => `${p.id} の採点が予期せず失敗しました: ${nameIn(p.detail, 'ja')}`,
  'roster.cancelled-before': (p) => `${p.id} を採点する前に名簿の採点が中断されました。`,
  'merge.not-graded': (p) => `${p.id} は採点されていません。`,

  'named.roster-kubeconfig': (p) => `名簿で ${p.id} に指定された kubeconfig`,
  'named.roster-password-file': (p) => `名簿の ${p.id} の passwordFile`,
}
