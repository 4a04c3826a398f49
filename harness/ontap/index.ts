// The grader's way into ONTAP: one client per run, over the ONTAP CLI (SSH) or the ONTAP REST API.

import { ontapError } from './ontap-error.js'
import { createRestOntapClient } from './rest-client.js'
import { createSshOntapClient } from './ssh-client.js'
import type { OntapConnectionOptions } from './connection.js'
import type { OntapClient } from './types.js'

/** Which API, and the connection both clients share (harness/ontap/connection.ts). */
export interface OntapClientConfig extends OntapConnectionOptions {
  api: 'ssh' | 'rest'
}

export function createOntapClient(config: OntapClientConfig): OntapClient {
  const { api, ...connection } = config
  switch (api) {
    case 'ssh':
      return createSshOntapClient(connection)
    case 'rest':
      return createRestOntapClient(connection)
    default:
      throw ontapError('CONFIG', 'ontap.api-unknown', { api: String((config as { api?: unknown }).api) })
  }
}

export { createSshOntapClient, type SshOntapClient, type SshOntapClientOptions } from './ssh-client.js'
export { createRestOntapClient, type RestOntapClientOptions } from './rest-client.js'
export { parseCliOutput, type CliOutput } from './cli-output.js'
export { parseOntapSize } from './units.js'
export type { OntapConnectionOptions } from './connection.js'
export { sshFingerprint } from './host-keys.js'
export { DEFAULT_MAX_ANSWER_BYTES } from './limits.js'
export type { OntapAggregate, OntapAggregateList, OntapAggregateQuery, OntapCallOptions, OntapClient, OntapConnectionInfo, OntapMedia, OntapQtree, OntapVolume } from './types.js'
