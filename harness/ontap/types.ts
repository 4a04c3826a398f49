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
  /** Where the volume is mounted in the SVM's namespace; undefined when it is not mounted (or not online). */
  junctionPath?: string
  /** rw | dp | ls, lower case. */
  type?: string
  /** The volume's comment (Trident keeps its `{"provisioning": {...labels}}` there when the backend has labels). */
  comment?: string
  /** True for the SVM's root volume; undefined when the API does not say (the CLI client does not ask). */
  isSvmRoot?: boolean
}

/** A qtree inside a FlexVol (ontap-nas-economy volumes are qtrees). */
export interface OntapQtree {
  name: string
  /** The FlexVol that holds it. */
  volume: string
  svm: string
  /** `/flexvol/qtree` when ONTAP says; undefined otherwise. */
  path?: string
}

/** Media as Trident gives it to a pool: what a class's `media` attribute is matched against. */
export type OntapMedia = 'ssd' | 'hdd' | 'hybrid'

/**
 * One aggregate as this ONTAP user can see it.
 *
 * - `ssd`: whether the aggregate is SSD-backed, for "does the volume sit on SSD". `true` for an SSD aggregate,
 *   `false` for HDD or Flash Pool (hybrid) ones, `undefined` when this user cannot tell (no type shown, a REST
 *   record without `block_storage`, or a type that does not say: `lun`, `vmdisk`/`vm_disk`).
 * - `media`: the media Trident itself derives for a pool on this aggregate. CLI (Trident's ZAPI path): the
 *   aggregate type `ssd`/`hdd`/`hybrid`. REST (Trident's REST path): `block_storage.primary.disk_type`, where only
 *   `ssd` maps (to `ssd`): `nvme_ssd`, `sas`, ... give no media, and a pool without media never matches a class
 *   that asks for one. `undefined`: no Trident media, or not visible.
 * - `reported`: what ONTAP printed, for evidence (`type=ssd`, `disk_type=sas,storage_type=hdd`, ...).
 * - `storageType`: the aggregate's type (CLI Type, REST `block_storage.storage_type`, the value Trident's ZAPI path
 *   reads); `diskType`: REST `block_storage.primary.disk_type` (what Trident's REST path reads). Lower case, as shown.
 */
export interface OntapAggregate {
  name: string
  ssd?: boolean
  media?: OntapMedia
  reported?: string
  storageType?: string
  diskType?: string
}

/** The aggregates one user could list, and how. */
export interface OntapAggregateList {
  /**
   * What this user was shown: for an SVM's vsadmin only the SVM's assigned aggregates (CLI), or whatever ONTAP REST
   * shows an SVM user (all, the SVM's, none, or records without `block_storage`). A volume may sit on an aggregate
   * that is not listed: its media is then unknown.
   */
  aggregates: OntapAggregate[]
  /** True when this user may not list aggregates at all (refused commands, HTTP 403): the list is empty. */
  refused: boolean
  /** Where it came from, for evidence: the commands or the request. */
  source: string
}

/** Options of listAggregates. */
export interface OntapAggregateQuery extends OntapCallOptions {
  /** Narrow the CLI's `vserver show-aggregates` to this SVM. */
  svm?: string
  /**
   * Aggregates the caller needs (the volume's): when the SVM's list lacks one, the CLI client also tries the
   * cluster-wide `storage aggregate show` (refused for vsadmin, answered for a cluster admin).
   */
  include?: string[]
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

/** Per call: stop waiting when this aborts (the run's Ctrl-C or time budget); the call rejects with its reason. */
export interface OntapCallOptions {
  signal?: AbortSignal
}

/**
 * The grader's view of one ONTAP SVM. Every call rejects with a GraderError (never a student failure) when ONTAP
 * cannot be asked, answers something unreadable, answers more than the size cap (4 MiB by default), or when the
 * client's or the call's signal aborts.
 */
export interface OntapClient {
  readonly info: OntapConnectionInfo
  readonly usage: OntapUsage
  /** The volume, or undefined when the SVM has no volume of that name. */
  getVolume(svm: string, name: string, options?: OntapCallOptions): Promise<OntapVolume | undefined>
  /** The qtree `qtree` of FlexVol `volume`, or undefined when there is none. */
  getQtree(svm: string, volume: string, qtree: string, options?: OntapCallOptions): Promise<OntapQtree | undefined>
  /**
   * The aggregates this user can see, with what it can tell about their media (see OntapAggregate and
   * OntapAggregateList). A refusal (vsadmin: `storage aggregate show` is not a recognised command, REST 403) is not
   * an error: it gives scope `none`. An aggregate missing from the list, or listed with `ssd`/`media` undefined,
   * has unknown media: callers must treat that as unknown (rubric lists, a note), never as "not SSD".
   */
  listAggregates(query?: OntapAggregateQuery): Promise<OntapAggregateList>
  /**
   * The cluster's ONTAP release (`9.15.1`), as `version` (CLI) or `GET /api/cluster` (REST) tells it; undefined when
   * this user may not read it or the answer names no release.
   */
  clusterVersion(options?: OntapCallOptions): Promise<string | undefined>
  /**
   * Starts logging in now, so that the first call does not wait for it (SSH). Nothing is reported here: a login
   * that fails fails that first call, as it would have without this.
   */
  warmUp?(): void
  close(): Promise<void>
}
