// `--help` in Japanese: the same flags, defaults and exit codes as usage.ts (a test holds the two to the same flags).

import { wrap } from './usage.js'

/** The help text; `objectiveIds`: the lab's objectives, in lab order. */
export const usageJa = (objectiveIds: readonly string[]): string => `使い方: npm test -- --student=<namespace> [オプション]
        npm test -- --roster <class.yaml|class.csv> [--shard <i>/<n>] [オプション]
        npm test -- --roster <class.yaml|class.csv> --merge-class <dir> [<dir>...] [--out <dir>]

Level 2 の演習（Trident、StorageClass、PVC、データの永続化、ONTAP ボリューム）を学生の namespace ごとに採点し、
reports/<student>/ に scorecard.json、junit.xml、scorecard.md、scorecard.html、results.json（Gradescope）、
lti-score.json（LTI 1.3 AGS のスコア）を書きます。

採点対象
  --student <ns>                 学生の namespace（必須。DNS-1123 ラベル）
  --kubeconfig <file>            使う kubeconfig（既定: KUBECONFIG、なければ ~/.kube/config）
  --context <name>               kubeconfig のコンテキスト（既定: 現在のもの）
  --ontap-host <host>            学生の SVM の管理 LIF（なければ ontap-volume は採点エラー）
  --ontap-port <n>               SSH または HTTPS のポート（既定 22 / 443）
  --ontap-user <user>            ONTAP のユーザー（既定 vsadmin）
  --svm <name>                   学生の SVM（例: svm01）
  --ontap-api ssh|rest           ONTAP への問い合わせ方法（既定 ssh。演習と同じ）
  --ontap-host-key <SHA256:...>  SVM の SSH ホスト鍵のフィンガープリントを固定する
  --ontap-known-hosts <file>     または known_hosts ファイルで確認する
  --ontap-ca <file>              REST API の CA 証明書
  --ontap-insecure-accept-host-key  未知の SSH ホスト鍵や検証できない TLS を受け入れる（採点結果に記録）
  --ontap-timeout <s>            ONTAP への接続と各コマンドの制限時間（既定 20、最大 600）

実行
  --rubric <file>                採点基準の YAML（点数、前提、ヒント、パラメーター）
  --config <file>                設定ファイル（既定: ./grader.config.yaml があればそれ）
  --out <dir>                    レポートのフォルダー（既定 reports/<student>）
  --only <ids> / --skip <ids>    課題 ID をカンマ区切りで（--only の課題の前提も採点します）
  --lang ja|en                   メッセージの言語（既定: LANG から）
  --timeout <s>                  実行全体の制限時間（既定 600、最大 86400）
  --persist-timeout <s>          data-persists で Pod が作り直されるまでの制限時間（既定 180、最大 3600）
  --self-check                   学生モード: ヒントを表示し、Pod を削除する前に y/N で確認します
  -y, --yes                      その確認に yes と答える
  -h, --help / -v, --version

LMS
  --lms-user-id <id>             LTI スコアの userId（既定: 学生）
  --post <url>                   採点結果の JSON を署名付きで POST します（X-Grader-Signature: sha256=
                                 "<X-Grader-Timestamp>.<body>" の HMAC）。5xx とネットワークエラーは間隔を
                                 空けて再送します。セルフチェックでは送りません。秘密鍵: GRADER_WEBHOOK_SECRET
                                 または GRADER_WEBHOOK_SECRET_FILE。--post-allow-http がなければ https:// のみ。
                                 リダイレクトは送信失敗とします（追いません）
  --post-allow-http              平文の http:// の --post URL を許す（採点結果が暗号化されずに送られます）

クラス（--roster <file>: 学生ごとに id、namespace、kubeconfig/context、svm、ontapHost[:port]、passwordEnv
または passwordFile、lmsUserId。reports/<id>/ と reports/class/summary.json、.csv、.md、index.html を書きます）
  --parallel <n>                 同時に採点する学生の数（既定 4）
  --ontap-sessions-per-host <n>  ONTAP ホストごとに同時に採点する学生の数。1 人 1 SSH セッション（既定 2）
  --kube-qps <n>                 クラス全体での Kubernetes API への毎秒のリクエスト数（既定 100）
  --timeout <s>                  学生 1 人あたりの制限時間。過ぎた学生の採点は止めます
  --out <dir>                    レポートのルート（既定 reports）
  --allow-kubeconfig-exec        名簿の kubeconfig に exec 認証プラグインの実行とトークンファイルの読み込みを
                                 許す（既定では拒否: 名簿の kubeconfig は学生が用意したものかもしれません）

シャード（1 つのクラスを複数のマシンで採点する。例: Indexed Job）
  --shard <i>/<n>                n 個のうち i 番目のシャードを採点（JOB_COMPLETION_INDEX と同じく 0 から数える。
                                 既定: JOB_COMPLETION_INDEX と JOB_COMPLETIONS が両方あればそこから）。ID を並べて
                                 順に配るので、どの学生もちょうど 1 つのシャードに入ります。レポートは
                                 reports/shard-<i>-of-<n>/（または --out）に書き、クラスの集計はそのシャードの
                                 ものと記録します
  --merge-class <dir> [<dir>...] 各シャードのフォルダーからクラスの集計を作り、<out>/class/ に書きます（既定
                                 reports）。1 回の実行のシャードがすべて揃って終わっていて、どの学生もちょうど
                                 1 回ずつ含まれているときだけ（--roster があればその名簿の学生）

秘密情報は環境変数かファイルからだけ読みます: ONTAP_PASSWORD または ONTAP_PASSWORD_FILE、ONTAP_SSH_KEY（鍵
ファイル）、ONTAP_SSH_KEY_PASSPHRASE。

各オプションは 1 回だけ指定します。レポートでは、学生のクラスターが返した制御文字を見える形で示します。

終了コード: 0 すべて合格、1 不合格または未実施がある、2 採点ツールのエラー（クラスでは、いずれかの学生の採点
または --post の送信に失敗）、9 使い方の誤り。
課題（演習の順）: ${wrap(objectiveIds.join(', ') + '。', 110)}`
