// The Japanese words (see words-en.ts): the same entries, typed against the English catalogue, so a missing
// entry, an extra one or a parameter of another type does not compile.

import type { Translation } from './catalogue.js'
import type { CardProblem, NotChecked, Words } from './words-en.js'

function cardProblem(p: CardProblem): string {
  switch (p.kind) {
    case 'missing':
      return `シャードの集計では ${p.id} は${p.result === 'passed' ? '合格' : p.result === 'failed' ? '不合格' : '採点エラー'}ですが、${p.file} がありません。`
    case 'too-big':
      return `${p.file} は ${p.mib} MiB より大きく、この採点ツールの採点結果ではありません。`
    case 'not-json':
      return `${p.file} は JSON として正しくありません。`
    case 'invalid':
      return `${p.file} は正しい採点結果ではありません（${p.detail}）。`
    case 'other-namespace':
      return `${p.file} は namespace ${p.graded} の採点結果で、シャードの集計にある ${p.expected} のものではありません。`
    case 'older':
      return `${p.file} はシャードの実行より前のものです（開始 ${p.started}、シャードは ${p.shardStarted}）。以前の実行の採点結果です。`
  }
}

const notChecked = (n: NotChecked) => `未確認: ${n.ids.join('、')}（${n.points} 点）`

export const WORDS_JA: Translation<Words> = {
  status: { passed: '合格', failed: '不合格', error: '採点エラー', blocked: '未実施', skipped: '対象外' },
  result: { passed: '合格', failed: '不合格', error: '採点エラー' },

  console: {
    grading: (p) => `${p.student} を採点します${p.selfCheck ? '（セルフチェック）' : ''}`,
    alsoGrading: (p) => `--only の課題に必要な前提の課題も採点します: ${p.ids.join('、')}。`,
    postIgnored: '注意: セルフチェックでは --post を使いません。セルフチェックの点数は LMS に送られません。',
    stopping: '中断します: テストファイルとリースを片付けています（すぐ終了するにはもう一度 Ctrl-C）…',
    posted: (p) => `採点結果を ${p.url} に送信しました（${p.attempts} 回目）`,
    error: (p) => `エラー: ${p.detail}`,
    unexpected: (p) => `採点ツールが予期せず失敗しました: ${p.detail}`,
    partialScorecard: (p) => `途中までの採点結果: ${p.file}`,
    total: (p) =>
      `${p.student}: ${p.total.awarded}/${p.total.labPoints} 点（${p.total.notChecked ? `${notChecked(p.total.notChecked)}。` : ''}` +
      `合格 ${p.counts.passed}、不合格 ${p.counts.failed}、未実施 ${p.counts.blocked}、採点エラー ${p.counts.error}、対象外 ${p.counts.skipped}）`,
    detected: (p) => `検出したバージョン: ${p.versions.join(', ')}`,
    scorecard: (p) => `採点結果: ${p.dir}/${p.json}（ほかに ${p.others.join('、')}）`,
    confirmDelete: 'データ永続化の確認のため、データベースの Pod を 1 つ削除します（Deployment が作り直します）。続けますか？ [y/N] ',
  },

  roster: {
    noStudents: (p) => `${p.roster} の ${p.shard} には学生がいません（クラスは ${p.classSize} 人）。空の集計を書きます。`,
    grading: (p) =>
      `${p.shard ? `${p.roster} の ${p.shard.name}（クラス ${p.shard.classSize} 人のうち ${p.shard.students} 人）` : `${p.roster} の ${p.students} 人`}を採点します: 同時に ${p.parallel} 人、` +
      `ONTAP ホストごとに最大 ${p.sessionsPerHost} 人、Kubernetes へのリクエストは全体で毎秒 ${p.kubeQps} 件まで、1 人 ${p.seconds} 秒まで` +
      (p.posting ? '、採点結果をそれぞれ送信' : ''),
    stopping: '中断します: 採点中の学生の片付けを待ち、ほかの学生は採点しません（すぐ終了するにはもう一度 Ctrl-C）…',
    shardStopped: (p) => `${p.shard} は最後まで終わらずに止まりました。その集計はシャードの結果として記録されないため、--merge-class では使えません。このシャードを採点し直してください。`,
    studentDone: (p) => `[${p.done}/${p.total}] ${p.name}: ${p.awarded}/${p.possible} ${p.result} · ${p.seconds} 秒${p.extra ? ` · ${p.extra}` : ''}`,
    classLine: (p) =>
      `${p.what.shard ? `クラス（${p.what.shard}）` : p.what.merged !== undefined ? `クラス（${p.what.merged} 個のシャードをまとめたもの）` : 'クラス'}: ` +
      `${p.students} 人: 合格 ${p.passed}、不合格 ${p.failed}、採点エラー ${p.error}${p.notDelivered ? `、未送信 ${p.notDelivered}` : ''}`,
    merged: (p) => `${p.shards} 個のシャードを ${p.dir} にまとめました`,
    warning: (p) => `警告: ${p.detail}`,
    cardProblem,
    summaryFiles: (p) => `集計: ${p.json}（ほかに ${p.others.join('、')}）`,
  },

  markdown: {
    title: 'Level 2 採点結果',
    score: (p) => `得点: ${p.total.awarded} / ${p.total.labPoints}`,
    notChecked: (p) => `確認していない課題（加点も減点もなし）: ${p.notChecked.ids.map((id) => `\`${id}\``).join('、')}（${p.notChecked.points} 点）。`,
    objective: '課題',
    status: '状態',
    points: '点数',
    result: '結果',
    hint: 'ヒント',
    partial: 'この採点は最後まで終わっていません（途中結果）。',
    versions: '検出したバージョン',
    truncated: (p) =>
      `\`${p.id}\` の根拠は一部省略しました: ${[p.shrunk ? `${p.shrunk} 件を ${p.itemCap} に切り詰め` : '', p.omitted ? `残り ${p.omitted} 件は省略（1 課題あたり ${p.objectiveCap} まで）` : ''].filter(Boolean).join('、')}。`,
    run: '実行',
  },

  html: {
    scorecard: 'Level 2 採点結果',
    classTitle: 'Level 2: クラス一覧',
    selfCheck: 'セルフチェック',
    points: '点',
    notChecked: (p) => `確認していない課題（加点も減点もなし）: ${p.notChecked.ids.join('、')}（${p.notChecked.points} 点）。`,
    partial: 'この採点は最後まで終わっていません（途中結果）。点数は確定ではありません。',
    notFinal: '採点ツールが確認できなかった項目があります（採点エラーでは減点しません）。点数は確定ではありません。',
    runErrors: '採点の実行で起きた問題',
    objectives: '課題',
    hint: 'ヒント',
    blockedBy: '前提の課題',
    evidence: '根拠（講師向け）',
    evidenceCut: (p) => `（${p.size} を ${p.cap} に切り詰め）`,
    moreInJson: (p) => `…（残り ${p.characters} 文字は scorecard.json にあります）`,
    actions: '採点が行った操作',
    about: 'この採点について',
    detected: '検出したバージョン',
    kubernetes: 'Kubernetes',
    trident: 'Trident',
    ontap: 'ONTAP',
    context: 'kube コンテキスト',
    server: 'API サーバー',
    svm: 'SVM',
    runId: '実行 ID',
    started: '開始',
    duration: '所要時間',
    seconds: (p) => `${p.seconds} 秒`,
    minutes: (p) => `${p.minutes} 分 ${p.seconds} 秒`,
    grader: '採点ツール',
    notDetected: '未検出',
    student: '学生',
    namespace: 'Namespace',
    result: '結果',
    score: '得点',
    time: '時間',
    notes: '備考',
    students: '人',
    passRate: '合格',
    average: '平均',
    notDelivered: '未送信',
    secondsUnit: '秒',
  },

  lms: {
    score: (p) => `Level 2: ${p.total.awarded} / ${p.total.labPoints} 点${p.total.notChecked ? `（${notChecked(p.total.notChecked)}）` : ''}。`,
    counts: (p) => `合格 ${p.passed}、不合格 ${p.failed}、未実施（前提未達）${p.blocked}、採点エラー ${p.error}、対象外 ${p.skipped}。`,
    notFinal: '採点を最後まで行えなかったため、この点数は確定ではありません（採点側のエラーで減点はしません）。',
    toFix: (p) => `要修正: ${p.titles.join('、')}。`,
    graderError: '採点エラー（減点なし）:',
    sentenceGap: '',
  },

  classMarkdown: {
    title: 'Level 2: クラスの採点結果',
    student: '学生',
    result: '結果',
    score: '得点',
    time: '時間',
    notes: '備考',
    counts: (p) => `${p.students} 人: 合格 ${p.passed}、不合格 ${p.failed}、採点エラー ${p.error}`,
    shard: (p) =>
      `シャード ${p.index}/${p.count}（番号は 0 から）: クラス ${p.classSize} 人のうち ${p.students} 人。クラス全体は \`npm test -- --merge-class <各シャードのフォルダー>\` でまとめます。`,
    merged: (p) => `${p.shards} 個のシャードの結果をまとめたものです。どの学生もちょうど 1 つのシャードで採点されました。`,
    parallel: (p) => `同時採点 ${p.parallel}`,
  },
}
