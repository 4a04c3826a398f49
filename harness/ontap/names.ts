// Names that go into ONTAP CLI commands. They come from PVs and config, so they are checked before they are
// quoted into a command line: ONTAP names are letters, digits, `_`, `-` and `.`, nothing a shell or the ONTAP CLI
// would read as syntax (`;`, quotes, spaces, `|`, `{`).

// ONTAP: volume names up to 203 characters, SVM names up to 47 (a DNS name for SVMs is allowed up to 253).
const VOLUME_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,202}$/
const SVM_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,252}$/

export function isValidVolumeName(name: string): boolean {
  return VOLUME_NAME.test(name)
}

export function isValidSvmName(name: string): boolean {
  return SVM_NAME.test(name)
}
