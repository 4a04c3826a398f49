/** ONTAP printed something the parsers could not read; `output` is the raw text, for evidence. */
export class CliParseError extends Error {
  override name = 'CliParseError'
  readonly output: string

  constructor(message: string, output: string) {
    super(message)
    this.output = output
  }
}
