// Lab step "StorageClassの定義": a fast class for the database, on SSD.

import { checkStorageClasses, STORAGE_CLASS_ACCESS, STORAGE_CLASS_MESSAGES } from './support/storageclass-objective.js'
import { defineObjective } from './support/define-objective.js'

export default defineObjective({
  id: 'storageclass-ssd',
  title: { en: 'A Trident StorageClass selects SSD media', ja: 'SSD を選ぶ Trident の StorageClass がある' },
  points: 10,
  access: STORAGE_CLASS_ACCESS,
  messages: STORAGE_CLASS_MESSAGES,
  check: (check) => checkStorageClasses(check, 'ssd'),
})
