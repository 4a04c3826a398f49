// Lab sections (the Japanese lab text's headings) that hints point students to, as a catalogue: English names the
// Japanese heading and says what it is about.

import { renderText, type Catalogue, type RenderedText, type Translation } from './catalogue.js'

const EN = {
  tridentInstall: 'the lab step "NetApp Trident のインストール" (installing Trident)',
  storageClass: 'the lab step "StorageClassの定義" (defining StorageClasses)',
  pvc: 'the lab step "Persistent Volume Claimの作成" (creating the PVC)',
  addPvc: 'the lab step "デプロイに使用したyamlファイルに PVC を追加" (adding the PVC to the Deployment)',
  redeploy: 'the lab steps "アプリケーションの停止" and "再デプロイメント" (stopping and redeploying the app)',
} satisfies Catalogue

const JA: Translation<typeof EN> = {
  tridentInstall: '「NetApp Trident のインストール」',
  storageClass: '「StorageClassの定義」',
  pvc: '「Persistent Volume Claimの作成」',
  addPvc: '「デプロイに使用したyamlファイルに PVC を追加」',
  redeploy: '「アプリケーションの停止」「再デプロイメント」',
}

const STEPS = { en: EN, ja: JA }

/** Each lab step in both languages, as the objectives' hints quote it. */
export const LAB_STEPS = Object.fromEntries((Object.keys(EN) as (keyof typeof EN)[]).map((key) => [key, renderText(STEPS, key)])) as Record<keyof typeof EN, RenderedText>
