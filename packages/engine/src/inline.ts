// Pure operations the interpreter workflow can run itself, without an activity. Imported by the
// workflow bundle: deterministic code only (no I/O, no clock beyond the workflow's own).
import { evaluateExpression } from './expressions.js'

/**
 * A pure operation a node type may declare as exactly what its `execute` does, so the
 * interpreter can run it inside the workflow (no activity, no extra history events):
 * - `transform`: `config.fields` (name → JSONata over the input), next to the input when
 *   `config.keepInput` is not false;
 * - `passInput`: the input as it is (a trigger without fields to check);
 * - `mergeConfigInput`: `config.input` with the input on top (a schedule's fixed start data).
 */
export type InlineOperation = 'transform' | 'passInput' | 'mergeConfigInput'

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
 * Runs an inline operation. Gives the same result as the node's activity would: the
 * expressions see only the node's input, as they do there.
 *
 * @example
 * await runInline('transform', { fields: { naam: '$uppercase(voornaam)' } }, { voornaam: 'Fatima' })
 * // { voornaam: 'Fatima', naam: 'FATIMA' }
 */
export async function runInline(operation: InlineOperation, config: Data, input: Data): Promise<Data> {
  switch (operation) {
    case 'passInput':
      return input
    case 'mergeConfigInput':
      return { ...(isPlainObject(config.input) ? config.input : {}), ...input }
    case 'transform': {
      const fields = isPlainObject(config.fields) ? config.fields : {}
      const result: Data = config.keepInput === false ? {} : { ...input }
      for (const [field, expression] of Object.entries(fields)) {
        result[field] = await evaluateExpression(String(expression), input)
      }
      return result
    }
  }
}
