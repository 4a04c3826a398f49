// What the engine knows of an objective before any of its code is loaded: its id, and what must hold before it
// runs. A leaf module: the rubric, the scorecard and the targets use these types without the objective contract.

/** An objective's id: stable, lower-case and dash-separated; it names the rubric key, report rows and the spec module. */
export type ObjectiveId = string

/** What must hold before an objective runs (the rubric may change it: keys requires, requiresAny, requiresMountable). */
export interface Prerequisites {
  /** Every one of these must have passed. */
  all: readonly ObjectiveId[]
  /** At least one of these must have passed (empty: no such condition). */
  any: readonly ObjectiveId[]
  /**
   * A safety condition, not a step: these must not have found the student's volume unmountable (missing, offline,
   * restricted, not mounted) or not proven the claim's, nor erred (then nobody knows). Failing for another reason,
   * being skipped or not graded is fine. Rubric key `requiresMountable`.
   */
  mountable: readonly ObjectiveId[]
}
