// What the grader needs to know about the ONTAP side, independent of the protocol (SSH CLI or REST).

export type OntapVolumeState = 'online' | 'offline' | 'restricted' | 'mixed' | 'error' | string

export interface OntapVolume {
  name: string
  svm: string
  state: OntapVolumeState
  /**
   * Total size in bytes. NaN when ONTAP shows no size, which it does only for a volume that is not online
   * (`-` in `vol show`); JSON evidence then shows `null`. Check `state` first.
   */
  sizeBytes: number
  /** Aggregate names the volume sits on (one for a FlexVol). */
  aggregates: string[]
  junctionPath?: string
  /** rw | dp | ls, lower case. */
  type?: string
}

/** Media as Trident sees it: `ssd`, `hdd`, `hybrid`, or something else Trident does not map (vmdisk, lun, ...). */
export type OntapMedia = 'ssd' | 'hdd' | 'hybrid' | string

export interface OntapAggregate {
  name: string
  media: OntapMedia
}

export interface OntapConnectionInfo {
  /** How the grader talked to ONTAP, for evidence: e.g. `ssh vsadmin@10.0.0.5:22` or `https://10.0.0.5/api`. */
  target: string
  api: 'ssh' | 'rest'
  /** SSH only, set once connected: the host key ONTAP showed and why the grader trusted it. */
  hostKey?: { fingerprint: string; keyType: string; trustedBy: 'fingerprint' | 'known_hosts' | 'insecure' }
  /** True when the user switched host key or TLS verification off; evidence should say so. */
  insecure?: boolean
}

/** What a client used, for the benchmark: a class of 40 should mean 40 sessions. */
export interface OntapUsage {
  /** SSH connections, or TLS connections for REST. */
  sessions: number
  /** CLI commands (exec channels), or HTTP requests. */
  commands: number
}

export interface OntapClient {
  readonly info: OntapConnectionInfo
  readonly usage: OntapUsage
  /** The volume, or undefined when the SVM has no volume of that name. */
  getVolume(svm: string, name: string): Promise<OntapVolume | undefined>
  /**
   * Aggregates with their media, or undefined when this user may not read aggregates
   * (an SVM-scoped vsadmin usually may not); callers then fall back to the rubric's aggregate list.
   */
  listAggregates(): Promise<OntapAggregate[] | undefined>
  close(): Promise<void>
}
