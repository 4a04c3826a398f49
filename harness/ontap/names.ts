// Names that go into ONTAP CLI commands and queries. They come from PVs and config, so they are checked before
// they are put into a command line: nothing a shell or the ONTAP CLI would read as syntax (`;`, quotes, spaces) or
// as a query operator (`*`, `|`, `!`, `<`, `>`, and `..` for ranges).

// FlexVol names: a letter or `_` first, then letters, digits and `_`, up to 203 characters (this is why Trident
// turns `-` and `.` into `_`). SVM names may be DNS-like (`.`, `-`), up to 253.
const VOLUME_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,202}$/
const SVM_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,252}$/

export function isValidVolumeName(name: string): boolean {
  return VOLUME_NAME.test(name)
}

// Qtree names as Trident makes them (`trident_pvc_...`, a name template's letters, digits and `_`), plus `-` and `.`
// after the first character; at most 64 characters (ONTAP's limit).
const QTREE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/

export function isValidQtreeName(name: string): boolean {
  return QTREE_NAME.test(name) && !name.includes('..')
}

export function isValidSvmName(name: string): boolean {
  return SVM_NAME.test(name) && !name.includes('..')
}

/** The record for exactly `name` (ONTAP may match case-insensitively); never some other volume. */
export function findByName<T extends { name?: string }>(records: T[], name: string): T | undefined {
  return records.find((r) => r.name === name) ?? records.find((r) => r.name?.toLowerCase() === name.toLowerCase())
}
