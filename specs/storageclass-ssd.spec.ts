// Lab step "StorageClassの定義": a fast class for the database, on SSD.

import { storageClassObjective } from './support/storageclass-objective.js'

storageClassObjective('storageclass-ssd', 'ssd', { en: 'the database (SSD)', ja: 'データベース（SSD）' })
