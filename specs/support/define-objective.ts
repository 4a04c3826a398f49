// What an objective module declares: one lab objective, everything the rest of the grader derives from it (the
// registry, specs/registry.ts, lists them in lab order). This module holds types and one small function only, so
// that loading the registry (for --help, the rubric, the schema) loads no test runner.

import type { Detected } from '../../harness/check.js'
import type { Catalogue, MessageArgs, MessageOf, Messages, RenderedText } from '../../harness/i18n/catalogue.js'
import type { Lab } from './lab.js'

/** What one check can do. `C` is the objective's message catalogue: keys and parameters are checked by the compiler. */
export interface Check<C extends Catalogue = Catalogue> {
  lab: Lab
  /** Aborted when the run is cancelled (Ctrl-C) or times out: stop waiting and clean up. */
  signal: AbortSignal
  /** Records what was observed (redacted). */
  see(label: string, data: unknown): void
  /** The student's work is wrong: ends the check as `failed` with this message. */
  fail: {
    <K extends keyof C & string>(key: K, ...params: MessageArgs<C, K>): never
    (message: MessageOf<C>): never
  }
  /**
   * A condition the check needs does not hold (data-persists: the volume is not proven the claim's): ends the check
   * as `blocked` with this message, and nothing more is done.
   */
  block: {
    <K extends keyof C & string>(key: K, ...params: MessageArgs<C, K>): never
    (message: MessageOf<C>): never
  }
  /**
   * The student's volume cannot be mounted, for the reason given (call before fail()): objectives that require this
   * one's volume to be mountable are blocked with that reason instead of running.
   */
  unmountable: {
    <K extends keyof C & string>(key: K, ...params: MessageArgs<C, K>): void
    (message: MessageOf<C>): void
  }
  /**
   * The grader could not prove the volume is this claim's (it is the SVM's root, or carries another backend's
   * labels), for the reason given (call before fail()): objectives that require this one's volume to be mountable,
   * and so write into it, are blocked with that reason instead of running.
   */
  notOwned: {
    <K extends keyof C & string>(key: K, ...params: MessageArgs<C, K>): void
    (message: MessageOf<C>): void
  }
  /** The check passes with this message (a note the student should read) instead of a bare "Passed.". */
  note: {
    <K extends keyof C & string>(key: K, ...params: MessageArgs<C, K>): void
    (message: MessageOf<C>): void
  }
  /** Live progress: what the check is doing or waiting for. */
  progress(text: string): Promise<void>
  /** Something the check changed in the student's cluster. */
  act(text: string): void
  detected(facts: Detected): void
}

/** Where an API access applies: cluster-wide, in the student's namespace, or in Trident's namespace. */
export type AccessScope = 'cluster' | 'student' | 'trident'

/** One kind of Kubernetes API access an objective needs; deploy/*.yaml must grant it (checked by tests). */
export interface Access {
  verbs: readonly ('get' | 'list' | 'watch' | 'create' | 'delete' | 'update' | 'patch')[]
  /** API group: '' for the core group. */
  group: string
  /** Plural resource name, with `/subresource` where one is used (pods/exec). */
  resource: string
  scope: AccessScope
  /** Only the object of this name (a Role's resourceNames), where the grader never needs any other. */
  name?: string
}

export interface Prerequisites {
  /** Every one of these must have passed. */
  all: readonly string[]
  /** At least one of these must have passed (empty: no such condition). */
  any: readonly string[]
  /**
   * A safety condition, not a step: these must not have found the student's volume unmountable (ontap-volume:
   * missing, offline, restricted, not mounted) or not proven this claim's, nor erred (then nobody knows). Rubric
   * key `requiresMountable`.
   */
  mountable: readonly string[]
}

export interface ObjectiveDeclaration<Id extends string, C extends Catalogue> {
  /** Stable: names the rubric key, report rows and the objective's module (specs/<id>.spec.ts). */
  id: Id
  /** The sentence the objective stands for, as the student reads it in reports. */
  title: RenderedText
  points: number
  requires?: Partial<Prerequisites>
  /** Whether the check changes the student's cluster (deletes a pod); such checks need the run's consent. */
  disruptive?: boolean
  /** The Kubernetes API access the check needs (the ONTAP side is read-only CLI/REST). */
  access: readonly Access[]
  /** What the check says about the student's work, in English and Japanese. */
  messages: Messages<C>
  /** The check itself: returns to pass, calls fail() when the student's work is wrong, throws when it cannot tell. */
  check(check: Check<C>): Promise<void>
}

export interface Objective<Id extends string = string, C extends Catalogue = Catalogue> extends ObjectiveDeclaration<Id, C> {
  requires: Prerequisites
  disruptive: boolean
}

/** Declares a lab objective; its module's default export, listed once in specs/registry.ts. */
export function defineObjective<const Id extends string, C extends Catalogue>(declaration: ObjectiveDeclaration<Id, C>): Objective<Id, C> {
  const requires = declaration.requires ?? {}
  return {
    ...declaration,
    requires: { all: requires.all ?? [], any: requires.any ?? [], mountable: requires.mountable ?? [] },
    disruptive: declaration.disruptive ?? false,
  }
}
