import { resolveOutputReferences } from '@warmflow/engine'
import type { AppDeps } from '../deps.js'

/**
 * A run's output as it really is: every `{ "$ref": "output:<id>" }` a large node output left
 * in it (at any depth) replaced by the data from the output store, as `runNode` does for a
 * node's input. Without a store in `deps` the value is returned as it is.
 *
 * @example
 * const output = await resolveRunOutput(deps, result.output)
 */
export async function resolveRunOutput(deps: Pick<AppDeps, 'stores'>, value: unknown): Promise<unknown> {
  const outputs = deps.stores?.outputs
  return outputs ? resolveOutputReferences(value, outputs) : value
}
