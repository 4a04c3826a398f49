// Lab step "StorageClassの定義": a class for web content, on HDD.

import { checkStorageClasses, STORAGE_CLASS_ACCESS, STORAGE_CLASS_MESSAGES } from './support/storageclass-objective.js'
import { defineObjective } from './support/define-objective.js'

export default defineObjective({
  id: 'storageclass-hdd',
  title: { en: 'A Trident StorageClass selects HDD media', ja: 'HDD を選ぶ Trident の StorageClass がある' },
  points: 10,
  access: STORAGE_CLASS_ACCESS,
  messages: STORAGE_CLASS_MESSAGES,
  check: (check) => checkStorageClasses(check, 'hdd'),
})
