export const ExitCode = {
  AllPassed: 0,
  ObjectivesFailed: 1,
  GraderError: 2,
  UsageError: 9,
} as const

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]
