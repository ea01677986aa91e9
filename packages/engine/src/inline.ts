// Pure operations the interpreter workflow can run itself, without an activity. Imported by the
// workflow bundle: deterministic code only (no I/O, no clock beyond the workflow's own).
//
// Only cheap, synchronous work belongs here. JSONata does not: it makes a promise per evaluation
// step, and the workflow sandbox records a stack trace for every promise (for Temporal's
// stack-trace query), so a scoring expression over 20 candidates measured ~130 ms inside the
// workflow against <1 ms in a local activity. Transforms therefore stay local activities.

/**
 * A pure operation a node type may declare as exactly what its `execute` does, so the
 * interpreter can run it inside the workflow (no activity, no extra history events):
 * - `passInput`: the input as it is (a trigger without fields to check);
 * - `mergeConfigInput`: `config.input` with the input on top (a schedule's fixed start data).
 */
export type InlineOperation = 'passInput' | 'mergeConfigInput'

type Data = Record<string, unknown>

/** A plain JSON object (not an array, not null). */
function isPlainObject(value: unknown): value is Data {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** True when a large output travels somewhere in `value` as a `{ $ref }` (only an activity resolves those). */
function holdsReference(value: unknown, depth = 0): boolean {
  if (value === null || typeof value !== 'object' || depth > 64) return false
  if (Array.isArray(value)) return value.some((item) => holdsReference(item, depth + 1))
  const keys = Object.keys(value)
  if (keys.length === 1 && keys[0] === '$ref' && typeof (value as Data).$ref === 'string') return true
  return keys.some((key) => holdsReference((value as Data)[key], depth + 1))
}

/**
 * Whether the workflow can run the operation on this input itself. Inputs that are not a plain
 * object, or that hold a reference to a large output, go to the node's activity, which checks
 * and resolves them as always.
 */
export function canRunInline(input: unknown): boolean {
  return isPlainObject(input) && !holdsReference(input)
}

/**
 * Largest output (JSON characters) the workflow keeps from an inline operation. A larger one is
 * made again by the node's activity, which moves outputs over the worker's large-output
 * threshold out of Temporal's history (see `storeLargeOutput`).
 */
export const inlineOutputMaxChars = 64 * 1024

/** Whether an inline operation's output is small enough to stay in the workflow. */
export function fitsInline(output: unknown): boolean {
  return JSON.stringify(output).length <= inlineOutputMaxChars
}

/**
 * Runs an inline operation; gives the same result as the node's activity would.
 *
 * @example
 * runInline('mergeConfigInput', { input: { soort: 'uren' } }, { extra: 1 }) // { soort: 'uren', extra: 1 }
 */
export function runInline(operation: InlineOperation, config: Data, input: Data): Data {
  switch (operation) {
    case 'passInput':
      return input
    case 'mergeConfigInput':
      return { ...(isPlainObject(config.input) ? config.input : {}), ...input }
  }
}
