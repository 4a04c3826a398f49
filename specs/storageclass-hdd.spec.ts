// Lab step "StorageClassの定義": a class for web content, on HDD.

import { storageClassObjective } from './support/storageclass-objective.js'

storageClassObjective('storageclass-hdd', 'hdd', { en: 'web content (HDD)', ja: 'Web コンテンツ（HDD）' })
