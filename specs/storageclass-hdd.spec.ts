// Lab step "StorageClassの定義": a class for web content, on HDD.

import { storageClassObjective } from './support/storageclass-objective.js'

export default storageClassObjective({ id: 'storageclass-hdd', title: { en: 'A Trident StorageClass selects HDD media', ja: 'HDD を選ぶ Trident の StorageClass がある' }, points: 10, media: 'hdd' })
