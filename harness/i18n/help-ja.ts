// The Japanese of help-en.ts: the same keys and parameters, so a missing entry does not compile. Flags,
// environment variables, file names and values are quoted as they are.

import type { Translation } from './catalogue.js'
import type { FlagDefaults, FlagMeanings, HelpWords } from './help-en.js'

export const FLAG_MEANINGS_JA: Translation<FlagMeanings> = {
  student: '学生の namespace（必須。DNS-1123 ラベル）',
  kubeconfig: '使う kubeconfig',
  context: 'kubeconfig のコンテキスト',
  'ontap-host': '学生の SVM の管理 LIF。なければ ontap-volume は理由を示して対象外になります',
  'ontap-port': 'ONTAP の SSH または HTTPS のポート（1〜65535）',
  'ontap-user': 'ONTAP のユーザー',
  svm: '学生の SVM（英字、数字、_、.、-。例: svm01）。--ontap-host と一緒に指定します。バックエンドの SVM とも照合します',
  'ontap-api': 'ONTAP への問い合わせ方法',
  'ontap-host-key': 'SVM の SSH ホスト鍵のフィンガープリントを固定する',
  'ontap-known-hosts': 'または SSH ホスト鍵を known_hosts ファイルで確認する',
  'ontap-ca': 'ONTAP の REST API の証明書を検証する CA（PEM ファイル）',
  'ontap-insecure-accept-host-key': '未知の SSH ホスト鍵や検証できない TLS 証明書を受け入れる（採点結果に記録）',
  'ontap-timeout': 'ONTAP への接続と各コマンドの制限時間（最大 600）',
  rubric: '採点基準の YAML（点数、前提、ヒント、パラメーター）',
  config: 'これらの設定を書いた設定ファイル（優先順位: フラグ、環境変数、設定ファイル、既定値）',
  out: 'レポートのフォルダー（書き込めるフォルダー。ファイルは不可）。クラスではレポートのルート',
  only: 'この課題だけを採点する（課題 ID をカンマ区切りで）。その前提の課題も採点します',
  skip: 'この課題を除外する（課題 ID をカンマ区切りで）',
  lang: '画面のすべての行（使い方の誤りと --help も）、メッセージ、ヒント、レポートの言語',
  timeout: '実行全体の制限時間（最大 86400）。クラスでは学生 1 人あたりで、過ぎた学生の採点は止めます',
  'persist-timeout': 'data-persists で Pod が作り直されるまでの制限時間（最大 3600）',
  'self-check': '学生モード: ヒントを表示し、Pod を削除する前に y/N で確認します',
  yes: 'その確認に yes と答える',
  help: 'ヘルプを表示する',
  version: '採点ツールの名前とバージョンを表示する',
  'lms-user-id': 'LTI スコアの userId',
  post:
    '採点結果の JSON を、この https:// の URL に署名付きで POST します（X-Grader-Signature: "<X-Grader-Timestamp>.<body>" の sha256=HMAC。' +
    '秘密鍵は GRADER_WEBHOOK_SECRET または GRADER_WEBHOOK_SECRET_FILE）。5xx とネットワークエラーは間隔を空けて再送します。' +
    'リダイレクトは送信失敗とします（追いません）。セルフチェックでは送りません',
  'post-allow-http': '平文の http:// の --post URL を許す（採点結果が暗号化されずに送られます。信頼できるネットワークでだけ）',
  roster:
    'YAML か CSV の名簿の学生全員を採点します（学生ごとに id、namespace、kubeconfig/context、svm、ontapHost[:port]、passwordEnv または passwordFile、lmsUserId）。' +
    'reports/<id>/ と reports/class/（summary.json、.csv、.md、index.html）を書きます。--student とは一緒に使えません',
  parallel: '同時に採点する学生の数（このプロセスの中で並べて採点し、それぞれ自分のパスワードと制限時間だけを使います）',
  'ontap-sessions-per-host': 'ONTAP ホストごとに同時に採点する学生の数（1 人 1 SSH セッション）',
  'kube-qps': 'クラス全体での Kubernetes API への毎秒のリクエスト数',
  'allow-kubeconfig-exec':
    '名簿の kubeconfig に exec 認証プラグインの実行とトークンファイルの読み込みを許す（既定では拒否して終了コード 9: 名簿の kubeconfig は学生が用意したものかもしれません。' +
    'YAML の名簿なら allowExecPlugins: true でも許せます）',
  shard:
    'n 個のうち i 番目のシャードを採点します（JOB_COMPLETION_INDEX と同じく 0 から数える）。ID を並べて順に配るので、どの学生もちょうど 1 つのシャードに入ります。' +
    'レポートは reports/shard-<i>-of-<n>/（または --out）に書き、クラスの集計はそのシャードのものと記録します',
  'merge-class':
    '各シャードのフォルダーからクラスの集計を作り、<out>/class/ に書きます。1 回の実行のシャードがすべて揃って終わっていて、' +
    'どの学生もちょうど 1 回ずつ含まれているときだけ（--roster があればその名簿の学生）。そうでなければ終了コード 9',
}

export const FLAG_DEFAULTS_JA: Translation<FlagDefaults> = {
  kubeconfig: 'KUBECONFIG、なければ ~/.kube/config、またはクラスター内の設定',
  context: '現在のもの',
  'ontap-port': '22（ssh）/ 443（rest）',
  'ontap-user': 'vsadmin',
  'ontap-api': 'ssh（演習と同じ）',
  'ontap-timeout': '20',
  rubric: '組み込み',
  config: './grader.config.yaml があればそれ',
  out: 'reports/<student>。クラスでは reports',
  only: 'すべて',
  lang: 'LANG から',
  timeout: '600',
  'persist-timeout': '180',
  'lms-user-id': '学生',
  parallel: '4',
  'ontap-sessions-per-host': '2',
  'kube-qps': '100',
  shard: 'JOB_COMPLETION_INDEX と JOB_COMPLETIONS が両方あればそこから',
}

export const HELP_JA: Translation<HelpWords> = {
  usage: '使い方:',
  options: '[オプション]',
  intro:
    'Level 2 の演習（Trident、StorageClass、PVC、データの永続化、ONTAP ボリューム）を学生の namespace ごとに採点し、' +
    'reports/<student>/ に scorecard.json、junit.xml、scorecard.md、scorecard.html、results.json（Gradescope）、lti-score.json（LTI 1.3 AGS のスコア）を書きます。',
  'group.target': '採点対象',
  'group.run': '実行',
  'group.lms': 'LMS',
  'group.class': 'クラス（名簿の学生を 1 つのプロセスで採点する）',
  'group.shards': 'シャード（1 つのクラスを複数のマシンで採点する。例: Indexed Job）',
  withDefault: (p) => `${p.meaning} [既定: ${p.value}]`,
  secrets: '秘密情報は環境変数かファイルからだけ読みます: ONTAP_PASSWORD または ONTAP_PASSWORD_FILE、ONTAP_SSH_KEY（鍵ファイル）、ONTAP_SSH_KEY_PASSPHRASE。',
  once: '各オプションは 1 回だけ指定します。レポートでは、学生のクラスターが返した制御文字を見える形で示します。',
  exitCodes: '終了コード: 0 すべて合格、1 不合格または未実施がある、2 採点ツールのエラー（クラスでは、いずれかの学生の採点または --post の送信に失敗）、9 使い方の誤り。',
  objectives: (p) => `課題（演習の順）: ${p.ids.join(', ')}。`,
  examples: '例',
  'example.self-check': '学生が提出の前に自分の課題を日本語で確かめる',
  'example.instructor': '講師が 1 人の学生とその SVM を採点する（SVM ユーザーのパスワードは ONTAP_PASSWORD で渡す）',
  'example.class': '講師がクラスを 8 人ずつ同時に採点する',
  'table.flag': 'フラグ',
  'table.env': '環境変数',
  'table.config': '設定ファイル',
  'table.default': '既定値',
  'table.meaning': '意味',
}
