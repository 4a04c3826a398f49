// Lab step "StorageClassの定義": a fast class for the database, on SSD.

import { storageClassObjective } from './support/storageclass-objective.js'

export default storageClassObjective({ id: 'storageclass-ssd', title: { en: 'A Trident StorageClass selects SSD media', ja: 'SSD を選ぶ Trident の StorageClass がある' }, points: 10, media: 'ssd' })
