import { createSubjectHasher, type SubjectHasher } from '@warmflow/store'
import type { AppDeps } from '../deps.js'

const hashers = new WeakMap<Buffer, SubjectHasher>()

/**
 * The keyed hash for `run_subjects`, derived from the installation's credential key (every API
 * process shares it); `undefined` without one: then runs are linked to nobody.
 */
export function subjectHasherOf(deps: Pick<AppDeps, 'credentialKey'>): SubjectHasher | undefined {
  const key = deps.credentialKey
  if (!key) return undefined
  let hasher = hashers.get(key)
  if (!hasher) {
    hasher = createSubjectHasher(key)
    hashers.set(key, hasher)
  }
  return hasher
}
