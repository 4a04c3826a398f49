// Captured ONTAP clustershell output (testdata/): what the grader's CLI parsers and SSH client are tested against.
import { readFileSync } from 'node:fs'

/** The text of testdata/<name>, as ONTAP printed it. */
export function ontapOutput(name: string): string {
  return readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8')
}
