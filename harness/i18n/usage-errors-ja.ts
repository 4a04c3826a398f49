// The Japanese of usage-errors-en.ts: the same keys and parameters, so a missing sentence does not compile.

import { nameIn, type Named, type Translation } from './catalogue.js'
import type { KubeAnswer, LeaseHolder, PemKind, UsageErrors } from './usage-errors-en.js'

const PEM: Record<PemKind, string> = {
  certificate: 'PEM 形式の証明書（-----BEGIN CERTIFICATE-----）',
  'private-key': 'PEM または OpenSSH 形式の秘密鍵（-----BEGIN ... PRIVATE KEY-----）',
}

const ja = (name: Named) => nameIn(name, 'ja')

function answer(a: KubeAnswer): string {
  switch (a.kind) {
    case 'not-version':
      return 'バージョン情報ではない JSON'
    case 'not-object':
      return 'オブジェクトではない JSON'
    case 'no-items':
      return '`items` 配列のないリスト'
    case 'item-no-metadata':
      return '`metadata` のないリスト項目'
    case 'bad-event':
      return 'API の形をした JSON ではない watch イベント'
    case 'no-kind':
      return '`kind` と `metadata` のないオブジェクト'
    case 'not-json':
      return 'JSON ではない本文'
    case 'media':
      return a.type
    case 'no-type':
      return 'Content-Type のない応答'
  }
}

function holder(h: LeaseHolder): string {
  switch (h.kind) {
    case 'just-taken':
      return '別の採点（直前にリースを取得）'
    case 'run':
      return `実行 ${h.run}（${h.until} まで）`
    case 'replacing':
      return `Pod を作り直している最中の実行 ${h.run}`
  }
}

export const USAGE_ERRORS_JA: Translation<UsageErrors> = {
  'flag.secret-ontap': (p) => `${p.flag} は使えません: 秘密情報はコマンドラインに書きません。環境変数 ONTAP_PASSWORD（または ONTAP_PASSWORD_FILE）と ONTAP_SSH_KEY で渡してください。`,
  'flag.secret-webhook': (p) => `${p.flag} は使えません: 秘密情報はコマンドラインに書きません。環境変数 GRADER_WEBHOOK_SECRET（または GRADER_WEBHOOK_SECRET_FILE）で渡してください。`,
  'flag.unexpected': (p) => `余分な引数 "${p.value}" があります。指定はすべて --student=<namespace> のようなオプションで行います。`,
  'flag.twice': (p) => `--${p.flag} が 2 回以上指定されています。各オプションは 1 回だけ指定してください。`,
  'flag.unknown': (p) => `${p.flag} というオプションはありません。使えるオプションは --help で確認してください。`,
  'flag.needs-value': (p) => `オプション ${p.flag} の値が正しくありません（値が必要か、値を取らないオプションです）。--help を参照してください。`,
  'flag.invalid': (p) => `オプションを解釈できません: ${p.detail}。--help を参照してください。`,
  'flag.class-only': (p) => `--${p.flag} はクラスの採点用です。--roster <file> と一緒に使ってください。`,
  'post.allow-http-alone': () => '--post-allow-http は --post 用のオプションです。webhook の URL も指定してください。',
  'specs.harness-only': () => 'specs は採点ツールからだけ実行します: npm test -- --student=<namespace>。',

  'student.missing': () => '--student がありません。学生の namespace を指定してください（例: npm test -- --student=alice）。',
  'student.invalid': (p) => `--student "${p.student}" は namespace 名として使えません。英小文字、数字、"-" で 63 文字以内にしてください。`,
  'lang.invalid': (p) => `--lang には ja か en を指定してください（"${p.value}" は使えません）。`,
  'number.not-positive': (p) => `${p.flag} には正の数を指定してください（"${p.value}" は使えません）。`,
  'number.too-big': (p) => `${p.flag} は ${p.max} 以下にしてください（"${p.value}" は大きすぎます）。`,
  'ids.unknown': (p) => `${p.flag} の "${p.id}" は課題の ID ではありません。使える ID: ${p.known.join(', ')}。`,
  'ontap.host-missing': () => '--svm / --ontap-user が --ontap-host なしで指定されています。SVM の管理アドレスも指定してください。',
  'ontap.svm-missing': () => '--ontap-host には --svm が必要です。学生の SVM 名を指定してください（例: svm01）。',
  'ontap.svm-invalid': (p) => `--svm "${p.svm}" は SVM 名として使えません。英字、数字、"_"、"."、"-" を使ってください（例: svm01）。`,
  'ontap.api-invalid': (p) => `--ontap-api には ssh か rest を指定してください（"${p.api}" は使えません）。`,
  'ontap.no-credentials': () => 'ONTAP の認証情報がありません。SVM ユーザーの ONTAP_PASSWORD（または ONTAP_PASSWORD_FILE）か ONTAP_SSH_KEY を設定してください。',
  'ontap.rest-needs-password': () => '--ontap-api rest にはパスワードが必要です。ONTAP_PASSWORD か ONTAP_PASSWORD_FILE を設定してください。',
  'ontap.host-key-invalid': (p) => `--ontap-host-key "${p.value}" は OpenSSH の SHA256 フィンガープリントではありません（SHA256: の後に base64 で 43 文字）。`,
  'ontap.secret-unreadable': (p) => `ONTAP の秘密情報のファイルを読めません（${p.code}）。ONTAP_PASSWORD_FILE と ONTAP_SSH_KEY を確認してください。`,
  'config.missing': (p) => `設定ファイル ${p.path} がありません。`,
  'config.bad-yaml': (p) => `設定ファイル ${p.path} は YAML として正しくありません（${p.detail}）。`,
  'config.not-mapping': (p) => `設定ファイル ${p.path}: 最上位は設定項目のマッピングにしてください。`,
  'config.unknown-key': (p) => `設定ファイル ${p.path}: \`${p.key}\` という項目はありません（使える項目: ${p.allowed.join(', ')}）。`,
  'config.ontap-not-mapping': (p) => `設定ファイル ${p.path}: \`ontap\` はマッピングにしてください。`,
  'config.secret-key': (p) => `設定ファイル ${p.path}: \`${p.key}\` は秘密情報のようです。秘密情報は ONTAP_PASSWORD か、ontap.passwordFile で指定するファイルに置いてください。`,
  'config.not-string': (p) => `設定ファイル ${p.path}: \`${p.key}\` は文字列にしてください。`,
  'config.not-boolean': (p) => `設定ファイル ${p.path}: \`${p.key}\` は true か false にしてください。`,

  'port.invalid': (p) => `${p.flag} には 1 から 65535 のポート番号を指定してください（"${p.value}" は使えません）。`,
  'file.folder': (p) => `${ja(p.what)} に指定された ${p.shown} はフォルダーです。ファイルを指定してください。`,
  'file.not-regular': (p) => `${ja(p.what)} に指定された ${p.shown} は通常のファイルではありません。`,
  'file.missing': (p) => `${ja(p.what)} に指定された ${p.shown} はありません。`,
  'file.unreadable': (p) => `${ja(p.what)} に指定された ${p.shown} を読めません（${p.code}）。`,
  'file.too-big': (p) => `${ja(p.what)} に指定された ${p.shown} は ${p.limit} より大きく、${p.pem ? PEM[p.pem] : '想定されたファイル'}ではありえません。`,
  'file.not-pem': (p) => `${ja(p.what)} に指定された ${p.shown} は${PEM[p.pem]}ではありません。`,
  'out.is-file': (p) => `${p.flag} に指定された ${p.shown} はファイルです。レポート用のフォルダーを指定してください。`,
  'out.under-file': (p) => `${p.flag} に指定された ${p.shown} は作れません: ${p.dir} がフォルダーではなくファイルです。`,
  'out.not-writable': (p) => `${p.flag} に指定された ${p.shown} には書き込めません（${p.dir} が書き込み不可）。書き込めるフォルダーを指定してください。`,
  'kube.server-invalid': (p) => `kubeconfig の server "${p.server}" は API サーバーの https:// URL ではありません。kubeconfig のクラスターの server を直してください。`,
  'kube.cmd-path': (p) =>
    `${ja(p.where)} は、ユーザー ${p.user} のために ${p.command}（${p.provider} auth-provider の cmd-path）を実行させようとしています。kubectl も採点ツールもこれは実行しません。プロバイダーの exec 認証プラグインを使ってください。`,
  'kube.exec-refused': (p) =>
    `${ja(p.where)} は、ユーザー ${p.user} のために認証プラグイン ${p.command} を実行させようとしています。名簿にある kubeconfig は、名簿に allowExecPlugins: true があるか --allow-kubeconfig-exec を付けたときだけコマンドを実行できます。`,
  'kube.token-file': (p) =>
    `${ja(p.where)} は、ユーザー ${p.user} のトークンファイル ${p.path} を読んでサーバーに送らせようとしています。名簿にある kubeconfig は、名簿に allowExecPlugins: true があるか --allow-kubeconfig-exec を付けたときだけトークンファイルを読めます。`,

  'named.kubeconfig': (p) => `kubeconfig ファイル ${p.path}`,
  'kubeconfig.none': () => 'kubeconfig が見つかりません（--kubeconfig も KUBECONFIG も ~/.kube/config もありません）。--kubeconfig <file> を指定してください。',
  'kubeconfig.missing': (p) => `kubeconfig ${p.path} がありません。--kubeconfig か KUBECONFIG を確認してください。`,
  'kubeconfig.unreadable': (p) => `kubeconfig ${p.path} を読めません（${p.detail}）。ファイルを確認してください。`,
  'kubeconfig.no-context': (p) => `コンテキスト "${p.context}" は kubeconfig ${p.path} にありません（あるもの: ${p.known}）。--context を確認してください。`,
  'kubeconfig.no-cluster': (p) => `kubeconfig ${p.path} に、クラスターを持つ現在のコンテキストがありません。--context を指定してください。`,
  'kubeconfig.no-user': (p) =>
    `kubeconfig ${p.path} のコンテキスト "${p.context}" はユーザー "${p.user}" を指定していますが、kubeconfig にそのユーザーがありません（kubectl も受け付けません）。コンテキストを直すか、ユーザーを追加してください。`,
  'kubeconfig.bad-pem': (p) =>
    `kubeconfig ${p.path} の ${p.field} は、base64 でエンコードされた PEM の${p.field === 'client-key-data' ? '鍵' : '証明書'}ではありません（kubectl も受け付けません）。kubeconfig を直してください。`,
  'kube.unreachable': (p) => `Kubernetes API サーバー ${p.server} に接続できません（${p.why}）。クラスターが動いていて、kubeconfig がそれを指しているか確認してください。`,
  'kube.unauthorized': (p) => `Kubernetes API サーバー ${p.server} が採点ツールの認証情報を拒否しました（HTTP 401）。kubeconfig のトークンか証明書を更新してください。`,
  'kube.forbidden': (p) =>
    `採点ツールの Kubernetes の ID には、${p.namespace ? `namespace ${p.namespace} の` : 'クラスター全体の'} ${p.resource} を ${p.verb} する権限がありません（HTTP 403）。README にある採点ツールの RBAC を付与してください。`,
  'run.timeout': (p) => `実行の制限時間 ${p.seconds} 秒を使い切りました。--timeout を増やすか、何を待っていたかを確認してください。`,
  'run.cancelled': () => '採点を中断しました。',
  'run.not-run': () => '課題が実行されませんでした',
  'run.not-started': (p) => `採点ツールが課題を実行できませんでした: ${p.detail}`,
  'kube.not-api': (p) =>
    p.status === undefined
      ? `サーバー ${p.server} は ${p.method} ${p.path} に Kubernetes API ではない応答（${answer(p.what)}）を返しました。kubeconfig がクラスターの API サーバーを指しているか確認してください。`
      : `サーバー ${p.server} は ${p.method} ${p.path} に HTTP ${p.status} と Kubernetes API の JSON ではない応答（${answer(p.what)}）を返しました（プロキシかログインページ？）。kubeconfig がクラスターの API サーバーを指しているか確認してください。`,
  'kube.too-large': (p) =>
    p.watch
      ? `Kubernetes API サーバー ${p.server} が ${p.method} ${p.path} で ${p.limit} を超える watch イベントを送りました。採点ツールは 1 イベントにつき ${p.limit} までしか読みません。`
      : `Kubernetes API サーバー ${p.server} が ${p.method} ${p.path} で ${p.limit} を超える応答を送りました。採点ツールは 1 応答につき ${p.limit} までしか読みません。`,
  'kube.answered': (p) => `Kubernetes API が ${p.namespace ? `namespace ${p.namespace} の` : 'クラスター全体の'} ${p.resource} の ${p.verb} に ${p.status} を返しました: ${p.message}`,
  'kube.credentials': (p) => `kubeconfig の ${p.server} 用の認証情報を使えません（${p.detail}）。kubeconfig を確認してください。`,
  'kube.tls': (p) => `kubeconfig の ${p.server} 用の TLS 設定を使えません（${p.detail}）。kubeconfig を確認してください。`,
  'kube.server-not-url': (p) => `kubeconfig のサーバーアドレス ${p.server} は URL ではありません。kubeconfig を確認してください。`,
  'kube.server-scheme': (p) => `kubeconfig のサーバーアドレスが https: ではなく ${p.scheme} を使っています。kubeconfig を確認してください。`,
  'kube.proxy': (p) => `kubeconfig の proxy-url が、採点ツールの使えないプロキシ ${p.scheme} を使っています（使えるのは http、https、socks5）。kubeconfig を確認してください。`,
  'kube.rate': (p) => `Kubernetes へのリクエスト数は正の数にしてください（${p.value} は使えません）。`,
  'kube.exec-too-much': (p) => `Pod ${p.pod} での exec の出力が ${p.limit} を超えました。採点ツールはそれ以上読みません。`,
  'kube.exec-timeout': (p) => `Pod ${p.pod} での exec が ${p.seconds} 秒以内に終わりませんでした。`,
  'kube.exec-forbidden': (p) =>
    `採点ツールの Kubernetes の ID には namespace ${p.namespace} で pods/exec（get と create）を使う権限がありません（HTTP 403）。README にある採点ツールの RBAC を付与してください。`,
  'kube.exec-unauthorized': () => 'Kubernetes API サーバーが exec 用の採点ツールの認証情報を拒否しました（HTTP 401）。',
  'kube.exec-failed': (p) => `Pod ${p.pod} での exec が失敗しました: ${p.detail}`,
  'kube.bad-namespace': (p) => `${p.namespace} は namespace 名として正しくありません。`,
  'kube.bad-container': (p) => `クラスターが示した Pod ${p.pod} / コンテナー ${p.container} は Kubernetes の名前として正しくないため、採点ツールは使いません。`,
  'kube.bad-pod': (p) => `クラスターが示した Pod ${p.pod} は Kubernetes の名前として正しくないため、採点ツールは削除しません。`,
  'kube.bad-selector': (p) => `クラスターから読んだラベルセレクター ${p.selector} は正しくないため、採点ツールはそれで watch しません。`,
  'lease.held': (p) => `namespace ${p.namespace} は ${holder(p.by)} が採点中です。その実行が終わってから採点し直してください。`,
  'run.no-result': () => '課題が結果を出さずに終わりました',

  'rubric.unreadable': (p) => `採点基準ファイル ${p.file} を読めません。--rubric のパスを確認してください。`,
  'rubric.bad-yaml': (p) => `採点基準ファイル ${p.file} は YAML として正しくありません（${p.detail}）。直すか --rubric を外してください。`,
  'rubric.not-mapping': (p) => `採点基準 ${p.file}: 最上位は \`objectives\` と \`parameters\` を持つマッピングにしてください。`,
  'rubric.unknown-key': (p) => `採点基準 ${p.file}: \`${p.key}\` という項目はありません（使える項目: ${p.allowed.join(', ')}）。`,
  'rubric.version': (p) => `採点基準 ${p.file}: \`version\` は 1 にしてください。`,
  'rubric.objectives-not-mapping': (p) => `採点基準 ${p.file}: \`objectives\` は課題 ID から設定へのマッピングにしてください。`,
  'rubric.unknown-objective': (p) => `採点基準 ${p.file}: \`${p.id}\` は課題の ID ではありません（使える ID: ${p.known.join(', ')}）。`,
  'rubric.settings-not-mapping': (p) => `採点基準 ${p.file}: \`${p.id}\` の設定はマッピングにしてください。`,
  'rubric.renamed-setting': (p) => `採点基準 ${p.file}: \`${p.id}.requiresNotFailed\` は \`requiresMountable\` に変わりました（止めるのはマウントできないボリュームだけです）。`,
  'rubric.unknown-setting': (p) => `採点基準 ${p.file}: \`${p.id}.${p.key}\` という設定はありません（使える設定: ${p.allowed.join(', ')}）。`,
  'rubric.points-negative': (p) => `採点基準 ${p.file}: \`${p.id}.points\` は 0 以上の数にしてください。`,
  'rubric.points-precision': (p) => `採点基準 ${p.file}: \`${p.id}.points\` は 1000 以下、小数点以下 2 桁までにしてください（${p.points} は使えません）。`,
  'rubric.not-boolean': (p) => `採点基準 ${p.file}: \`${p.key}\` は true か false にしてください。`,
  'rubric.hint': (p) => `採点基準 ${p.file}: \`${p.id}.hint\` には \`en\` と \`ja\` の文字列が必要です。`,
  'rubric.order': (p) => `採点基準 ${p.file}: \`${p.id}\` は、後で実行される \`${p.dep}\` を前提にできません。`,
  'rubric.not-objective': (p) => `採点基準 ${p.file}: \`${p.key}\` の \`${p.id}\` は課題の ID ではありません。`,
  'rubric.not-list': (p) => `採点基準 ${p.file}: \`${p.key}\` は文字列のリストにしてください。`,
  'rubric.parameters-not-mapping': (p) => `採点基準 ${p.file}: \`parameters\` はマッピングにしてください。`,
  'rubric.unknown-parameter': (p) => `採点基準 ${p.file}: \`parameters.${p.key}\` というパラメーターはありません（使えるもの: ${p.allowed.join(', ')}）。`,
  'rubric.data-path': (p) => `採点基準 ${p.file}: \`parameters.dataPath\` は /var/lib/mysql のような絶対パスにしてください。`,
  'rubric.selector': (p) => `採点基準 ${p.file}: \`parameters.databaseSelector\` は \`app=wordpress,tier=mysql\` の形にしてください。`,
  'rubric.pvc': (p) => `採点基準 ${p.file}: \`parameters.databasePvc\` には PVC の名前を指定してください。`,
  'rubric.aggregate-both': (p) => `採点基準 ${p.file}: アグリゲート ${p.aggregates.join(', ')} が \`parameters.ssdAggregates\` と \`parameters.hddAggregates\` の両方にあります。`,
  'rubric.unknown-media': (p) => `採点基準 ${p.file}: \`parameters.unknownAggregateMedia\` は \`pass\` か \`error\` にしてください。`,
  'rubric.persist-positive': (p) => `採点基準 ${p.file}: \`parameters.persistTimeoutSeconds\` は 0 より大きい数にしてください。`,
  'rubric.persist-max': (p) => `採点基準 ${p.file}: \`parameters.persistTimeoutSeconds\` は ${p.max} 以下にしてください。`,

  'post.bad-url': () => '--post には https:// の URL を指定してください。',
  'post.bad-scheme': (p) => `--post には https:// の URL を指定してください（${p.scheme} は使えません）。`,
  'post.plain-http': () => '--post の URL が平文の http:// です。https:// を使うか、受信側が信頼できるネットワーク上にあるなら --post-allow-http を付けてください。',
  'post.secret-file-missing': (p) => `${p.env} に指定された ${p.file} はありません。`,
  'post.no-secret': (p) => `--post には署名用の秘密鍵が必要です。環境変数 ${p.env}（または ${p.fileEnv}）を設定してください。`,
  'post.short-secret': (p) => `webhook の秘密鍵が ${p.min} 文字より短いです。長いランダムな値を使ってください（例: openssl rand -hex 32）。`,
}
