// The Japanese of ontap-errors-en.ts: the same keys and parameters, so a missing sentence does not compile. Names,
// commands, flags, environment variables, paths and what ONTAP, ssh2 or TLS said are quoted as they are.

import { trimStop, type Translation } from './catalogue.js'
import { ONTAP_FLAGS as F, tenthsOfSeconds, type ChannelRefusal, type FileFailure, type OntapErrors, type StoppedCall } from './ontap-errors-en.js'

const MIB = 1024 * 1024

const seconds = (ms: number) => `${tenthsOfSeconds(ms)} 秒`
/** A cap as formatBytes(bytes, 'limit') writes it: `16 MiB`, else `65536 バイト`. */
const limit = (bytes: number) => (bytes > 0 && bytes % MIB === 0 ? `${bytes / MIB} MiB` : `${bytes} バイト`)
/** What a failed file read said: its code (`ENOENT`), else Node's message. */
const failed = (f: FileFailure) => f.code ?? trimStop(f.message)

function stopped(call: StoppedCall): string {
  switch (call.kind) {
    case 'command':
      return `ONTAP のコマンド \`${call.command}\``
    case 'login':
      return `${call.where} の ONTAP への SSH ログイン`
    case 'request':
      return `ONTAP への GET ${call.path} のリクエスト`
  }
}

function refusal(r: ChannelRefusal): string {
  return r.kind === 'closed' ? 'チャネルが開く前に接続が閉じられました' : trimStop(r.said)
}

export const ONTAP_ERRORS_JA: Translation<OntapErrors> = {
  'ontap.no-host': (p) => `ONTAP ${p.api}: 接続先のホストが指定されていません。SVM の管理アドレスを指定してください。`,
  'ontap.no-user': (p) => `ONTAP ${p.api}: ユーザーが指定されていません。SVM のユーザー名を指定してください。`,
  'ontap.api-unknown': (p) => `ONTAP の API "${p.api}" は使えません。ssh か rest を指定してください。`,
  'ontap.cancelled': (p) => `採点が中止されたため、${stopped(p.call)}を止めました。`,
  'ontap.svm-name-invalid': (p) => `"${p.svm}" は SVM 名として使えません。英字、数字、"_"、"."、"-" の名前を指定してください（例: svm01）。`,
  'ontap.login-refused': (p) =>
    `${p.where} の ONTAP がユーザー ${p.user} のログインを拒否しました。${p.by === 'password' ? `パスワード（${F.password}）` : `SSH 秘密鍵（${F.privateKey}）`}が誤っているか、SVM が停止している可能性があります（SVM の停止中は、その SVM の管理者はログインできません）。両方を確認してください。`,
  'ontap.unreachable': (p) => `${p.where} の ONTAP に ${p.over} で接続できません（${p.code}）。ホスト、ポート、ネットワークを確認してください。`,

  'ontap.ssh-no-secret': (p) => `ONTAP SSH: ユーザー ${p.user} のパスワードも秘密鍵もありません。${F.password} を設定してください。`,
  'ontap.ssh-separator-invalid': () => 'ONTAP SSH: CLI の区切り文字は、引用符と空白を含まない 1〜8 文字にしてください。',
  'ontap.ssh-fingerprint-invalid': (p) => `"${p.text}" は SSH ホスト鍵のフィンガープリントではありません。ssh-keygen -lf や ssh が表示する SHA256:... の形で指定してください。`,
  'ontap.ssh-known-hosts-unreadable': (p) => `known_hosts ファイル ${p.file} を読めません（${failed(p.failure)}）。${F.knownHosts} に指定したファイルを確認してください。`,
  'ontap.ssh-key-unreadable': (p) =>
    `${p.user} の SSH 秘密鍵を読めません: ${trimStop(p.said)}。` +
    (p.passphrase ? `パスフレーズ（${F.passphrase}）が正しいか確認してください。` : `鍵が暗号化されている場合は、パスフレーズを ${F.passphrase} で渡してください。`),
  'ontap.ssh-start-failed': (p) => `ONTAP SSH: 接続を開始できません: ${trimStop(p.said)}。`,
  'ontap.ssh-host-key-changed': (p) =>
    `${p.where} の ONTAP の SSH ホスト鍵が変わっています（想定: ${p.expected.join(' または ')}、実際: ${p.seen}）。` + `変更が想定どおりなら、${F.hostKey} か known_hosts ファイルを更新してください。`,
  'ontap.ssh-host-key-unknown': (p) =>
    `${p.where} の ONTAP が、採点ツールの知らない SSH ホスト鍵を示しました（${p.seen}）。自分の ONTAP であれば、` +
    `${F.hostKey} ${p.fingerprint} か known_hosts ファイル（${F.knownHosts}）を指定してください。どの鍵でも受け入れるには ${F.insecure} を指定します。`,
  'ontap.ssh-login-timeout': (p) => `${p.where} の ONTAP への SSH ログインが ${seconds(p.timeoutMs)}以内に終わりませんでした。ホストと、SSH で接続できることを確認してください。`,
  'ontap.ssh-failed': (p) => `${p.where} の ONTAP への SSH 接続に失敗しました: ${trimStop(p.said)}。`,
  'ontap.ssh-closed-during-login': (p) => `${p.where} の ONTAP がログイン中に SSH 接続を閉じました。`,
  'ontap.ssh-closed-during-command': (p) => `${p.where} の ONTAP が \`${p.command}\` の実行中に SSH 接続を閉じました。`,
  'ontap.ssh-connection-gone': (p) => `${p.where} の ONTAP への SSH 接続は閉じています。`,
  'ontap.ssh-exec-refused': (p) => `${p.where} の ONTAP が \`${p.command}\` の実行を拒否しました: ${trimStop(p.said)}。`,
  'ontap.ssh-channel-refused': (p) => `${p.where} の ONTAP が、新しい接続でも \`${p.command}\` 用の SSH チャネルを開きませんでした: ${refusal(p.refusal)}。`,
  'ontap.ssh-command-timeout': (p) => `${p.where} の ONTAP で \`${p.command}\` が ${seconds(p.timeoutMs)}以内に終わらなかったため、SSH 接続を閉じました。`,
  'ontap.ssh-answer-too-large': (p) => `\`${p.command}\` への ONTAP の応答が ${limit(p.maxBytes)} を超えたため、採点ツールは読み取りをやめて SSH 接続を閉じました。`,
  'ontap.ssh-command-error': (p) => `${p.where} の ONTAP が \`${p.command}\` にエラーを返しました: ${trimStop(p.said)}。`,
  'ontap.ssh-answer-unreadable': (p) => `\`${p.command}\` への ONTAP の応答を読み取れません: ${trimStop(p.detail)}。`,
  'ontap.ssh-used-after-close': () => 'ONTAP の SSH クライアントが close() の後に使われました。',
  'ontap.ssh-closed-while-connecting': () => 'ONTAP の SSH クライアントが接続中に閉じられました。',

  'ontap.rest-no-password': (p) => `ONTAP REST: ユーザー ${p.user} のパスワードがありません。${F.password} を設定してください。`,
  'ontap.rest-ca-file-unreadable': (p) => `ONTAP の CA ファイル ${p.file} を読めません（${failed(p.failure)}）。${F.caFile} に指定したファイルを確認してください。`,
  'ontap.rest-ca-certificate-unreadable': (p) => `${p.caFile ?? '指定された CA の PEM'} に読み取れない証明書があります。`,
  'ontap.rest-ca-no-certificate': (p) => `${p.caFile ?? '指定された CA の PEM'} に PEM 形式の証明書（-----BEGIN CERTIFICATE-----）がありません。`,
  'ontap.rest-connect-timeout': (p) => `${p.where} の ONTAP が ${seconds(p.timeoutMs)}以内に HTTPS 接続を受け付けませんでした。ホストとポートを確認してください。`,
  'ontap.rest-tls-untrusted': (p) =>
    `${p.where} の ONTAP の HTTPS 証明書を信頼できません（${trimStop(p.reason)}）。` +
    (p.caGiven !== undefined
      ? `指定された CA（${p.caGiven}）はこの証明書に署名していません。`
      : `クラスターの CA か ONTAP 自身の証明書を ${F.caFile} で指定してください。検証を省くには ${F.insecure} を指定します。`),
  'ontap.rest-failed': (p) => `${p.where} の ONTAP への HTTPS リクエストが失敗しました: ${trimStop(p.said)}。`,
  'ontap.rest-timeout': (p) => `${p.where} の ONTAP が GET ${p.path} に ${seconds(p.timeoutMs)}以内に応答しませんでした。`,
  'ontap.rest-answer-too-large': (p) => `GET ${p.path} への ONTAP の応答が ${limit(p.maxBytes)} を超えたため、採点ツールは読み取りをやめました。`,
  'ontap.rest-not-json': (p) => `GET ${p.path} への ONTAP の応答が JSON ではありません。`,
  'ontap.rest-no-api': (p) => `${p.where} の ONTAP には ${p.path} の REST API がありません（HTTP 404。ONTAP 9.6 以降が必要です）。${F.sshApi} を使ってください。`,
  'ontap.rest-status': (p) =>
    p.status === 403
      ? `${p.where} の ONTAP は、ユーザー ${p.user} に GET ${p.path} を許可しませんでした（HTTP 403${p.said ? `: ${trimStop(p.said)}` : ''}）。`
      : `${p.where} の ONTAP が GET ${p.path} に HTTP ${p.status} を返しました${p.said ? `: ${trimStop(p.said)}` : ''}。`,
  'ontap.rest-volume-incomplete': (p) => `GET ${p.path} への ONTAP の応答に、ボリューム ${p.volume} のサイズか状態がありません。`,
}
