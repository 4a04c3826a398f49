// The contract between the engine and a lab's content: what an objective module declares (one lab objective) and
// what its check can do. The engine knows objectives only through this contract; a lab lists its objectives in
// its registry (this package's lab: specs/registry.ts). Types and one small function only: loading a registry
// loads no test runner.

import type { Detected } from '../check.js'
import type { Catalogue, MessageArgs, MessageOf, Messages, RenderedText } from '../i18n/catalogue.js'
import type { Prerequisites } from './ids.js'
import type { Lab } from './lab.js'

export type { ObjectiveId, Prerequisites } from './ids.js'

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
  /** Live progress: what the check is doing or waiting for, as a message of its catalogue (shown in the run's language). */
  progress: {
    <K extends keyof C & string>(key: K, ...params: MessageArgs<C, K>): Promise<void>
    (message: MessageOf<C>): Promise<void>
  }
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

export interface ObjectiveDeclaration<Id extends string, C extends Catalogue> {
  /** Stable: names the rubric key, report rows and the objective's module (specs/<id>.spec.ts). */
  id: Id
  /** The sentence the objective stands for, as the student reads it in reports. */
  title: RenderedText
  points: number
  requires?: Partial<Prerequisites>
  /** Whether the check changes the student's cluster (deletes a pod); such checks need the run's consent. */
  disruptive?: boolean
  /** Whether the check asks the student's SVM: a run without an ONTAP host leaves it out (said on the card). */
  ontap?: boolean
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
  ontap: boolean
}

/** Declares a lab objective; its module's default export, listed once in the lab's registry. */
export function defineObjective<const Id extends string, C extends Catalogue>(declaration: ObjectiveDeclaration<Id, C>): Objective<Id, C> {
  const requires = declaration.requires ?? {}
  return {
    ...declaration,
    requires: { all: requires.all ?? [], any: requires.any ?? [], mountable: requires.mountable ?? [] },
    disruptive: declaration.disruptive ?? false,
    ontap: declaration.ontap ?? false,
  }
}
