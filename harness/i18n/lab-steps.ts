// Lab sections (the Japanese lab text's headings) that hints point students to.

export const LAB_STEPS = {
  tridentInstall: { ja: '「NetApp Trident のインストール」', en: 'the lab step "NetApp Trident のインストール" (installing Trident)' },
  storageClass: { ja: '「StorageClassの定義」', en: 'the lab step "StorageClassの定義" (defining StorageClasses)' },
  pvc: { ja: '「Persistent Volume Claimの作成」', en: 'the lab step "Persistent Volume Claimの作成" (creating the PVC)' },
  addPvc: { ja: '「デプロイに使用したyamlファイルに PVC を追加」', en: 'the lab step "デプロイに使用したyamlファイルに PVC を追加" (adding the PVC to the Deployment)' },
  redeploy: { ja: '「アプリケーションの停止」「再デプロイメント」', en: 'the lab steps "アプリケーションの停止" and "再デプロイメント" (stopping and redeploying the app)' },
} as const
