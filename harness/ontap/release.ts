// The ONTAP release in what `version` (CLI) or `GET /api/cluster` `version.full` (REST) says.

/** `NetApp Release 9.15.1: Wed Feb 21 ...`, `NetApp Release 9.14.1P3: ...` or `9.15.1` -> `9.15.1`; undefined otherwise. */
export function releaseOf(text: string): string | undefined {
  return /(?:^|\s)(\d+\.\d+(?:\.\d+)?)(?:P\d+)?(?::|\s|$)/.exec(text)?.[1]
}
