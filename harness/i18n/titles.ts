// The sentence each objective stands for, as the student reads it in reports.

import type { ObjectiveId } from '../rubric/objectives.js'
import type { RenderedText } from './messages.js'

export const TITLES: Record<ObjectiveId, RenderedText> = {
  'trident-installed': { en: 'Trident is installed and running', ja: 'Trident がインストールされ、稼働している' },
  'backend-online': { en: 'An ontap-nas backend is online', ja: 'ontap-nas バックエンドが online である' },
  'storageclass-ssd': { en: 'A Trident StorageClass selects SSD media', ja: 'SSD を選ぶ Trident の StorageClass がある' },
  'storageclass-hdd': { en: 'A Trident StorageClass selects HDD media', ja: 'HDD を選ぶ Trident の StorageClass がある' },
  'pvc-bound': { en: 'The database PVC is Bound to a Trident volume of the SSD class', ja: 'データベースの PVC が SSD クラスの Trident ボリュームに Bound している' },
  'app-uses-pvc': { en: 'The database mounts the PVC at its data path', ja: 'データベースがデータのパスに PVC をマウントしている' },
  'data-persists': { en: 'Data survives deleting the database pod', ja: 'データベース Pod を削除してもデータが残る' },
  'ontap-volume': { en: 'The ONTAP volume behind the PV is online on SSD', ja: 'PV の裏の ONTAP ボリュームが SSD 上で online である' },
}
