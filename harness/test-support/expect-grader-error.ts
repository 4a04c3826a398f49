// The GraderError a promise rejects with (anything else fails the test with what it was).

import { inspect } from 'node:util'
import { isGraderError, type GraderError } from '../errors.js'

export async function expectGraderError(promise: Promise<unknown>): Promise<GraderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!isGraderError(error)) throw new Error(`expected a GraderError, got ${inspect(error)}`)
  return error
}
