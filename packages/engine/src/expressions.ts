import jsonata from 'jsonata'
import { WarmflowError } from './errors.js'

/** Limits that keep an expression from running away with time or memory. */
export interface ExpressionLimits {
  /** Milliseconds an evaluation may take. */
  timeoutMs: number
  /** Maximum nesting depth of the evaluation. */
  maxDepth: number
  /** Maximum number of items in any sequence the expression builds. */
  maxSequence: number
  /** Maximum length of the expression text. */
  maxLength: number
  /**
   * Maximum number of evaluation steps. Unlike the time limit this also holds inside a Temporal
   * workflow, where the clock stands still while code runs, and it gives the same answer on replay.
   */
  maxSteps?: number
}

/** Limits used when none are given: generous for mappings, tight enough for a shared worker. */
export const defaultExpressionLimits: ExpressionLimits = {
  timeoutMs: 250,
  maxDepth: 200,
  maxSequence: 100_000,
  maxLength: 4_000,
  maxSteps: 100_000,
}

const evaluateEntry = Symbol.for('jsonata.__evaluate_entry')

/** Thrown when an expression does not parse or fails while it is evaluated. */
export class ExpressionError extends WarmflowError {}

function describe(cause: unknown): string {
  if (cause instanceof Error) return cause.message
  if (typeof cause === 'object' && cause !== null && 'message' in cause) return String(cause.message)
  return String(cause)
}

function compile(source: string, limits: ExpressionLimits): jsonata.Expression {
  if (source.length > limits.maxLength) {
    throw new ExpressionError(
      'expression.too_long',
      `Expression is longer than ${limits.maxLength} characters`,
      {
        text: {
          nl: `De expressie is te lang (meer dan ${limits.maxLength} tekens).`,
          en: `The expression is longer than ${limits.maxLength} characters.`,
        },
      },
    )
  }
  try {
    return jsonata(source, {
      timeout: limits.timeoutMs,
      stack: limits.maxDepth,
      sequence: limits.maxSequence,
    })
  } catch (cause) {
    const message = describe(cause)
    throw new ExpressionError('expression.syntax', `Expression does not parse: ${message}`, {
      cause,
      text: {
        nl: `De expressie klopt niet: ${message}`,
        en: `The expression does not parse: ${message}`,
      },
    })
  }
}

/**
 * Checks that an expression parses, without evaluating it.
 *
 * @example
 * parseExpression('$uppercase(name)') // ok
 */
export function parseExpression(source: string, limits: ExpressionLimits = defaultExpressionLimits): void {
  compile(source, limits)
}

/**
 * Compiled expressions not in use, by limits and text. Parsing is most of the cost of a short
 * expression, and the same few expressions run over and over. An expression object is used by
 * one evaluation at a time (it carries that evaluation's step counter), so each evaluation takes
 * one from here or compiles one, and gives it back when it ended without an error.
 */
const idleExpressions = new Map<string, jsonata.Expression[]>()
/** Different expressions kept; the one used longest ago goes first. */
const maxPooledSources = 500
/** Idle copies kept of one expression (as many as evaluations of it that ran at once). */
const maxIdlePerSource = 8

function takeExpression(key: string, source: string, limits: ExpressionLimits): jsonata.Expression {
  const idle = idleExpressions.get(key)
  const expression = idle?.pop()
  if (!expression) return compile(source, limits)
  // Used again: move it to the end, so the least recently used expression is evicted first.
  idleExpressions.delete(key)
  idleExpressions.set(key, idle!)
  return expression
}

function giveBackExpression(key: string, expression: jsonata.Expression): void {
  const idle = idleExpressions.get(key) ?? []
  if (idle.length >= maxIdlePerSource) return
  idle.push(expression)
  idleExpressions.set(key, idle)
  if (idleExpressions.size > maxPooledSources) {
    idleExpressions.delete(idleExpressions.keys().next().value as string)
  }
}

/**
 * Evaluates a JSONata expression against data, with time, step, depth and size limits. JSONata is an
 * interpreter for a query language: nothing the user typed is ever run as JavaScript.
 *
 * @example
 * await evaluateExpression('firstName & " " & lastName', { firstName: 'Fatima', lastName: 'El Amrani' })
 */
export async function evaluateExpression(
  source: string,
  data: unknown,
  bindings: Record<string, unknown> = {},
  limits: ExpressionLimits = defaultExpressionLimits,
): Promise<unknown> {
  const key = `${limits.timeoutMs}:${limits.maxDepth}:${limits.maxSequence}:${limits.maxLength}:${source}`
  const expression = takeExpression(key, source, limits)
  const maxSteps = limits.maxSteps ?? defaultExpressionLimits.maxSteps ?? Number.POSITIVE_INFINITY
  let steps = 0
  // JSONata calls this before every evaluation step; counting steps bounds the work deterministically.
  expression.assign(evaluateEntry as unknown as string, () => {
    steps += 1
    if (steps > maxSteps) throw { code: 'W0001', message: `Expression took more than ${maxSteps} steps` }
  })
  try {
    const result = await expression.evaluate(data, bindings)
    giveBackExpression(key, expression)
    return result
  } catch (cause) {
    const message = describe(cause)
    throw new ExpressionError('expression.evaluation', `Expression failed: ${message}`, {
      cause,
      text: {
        nl: `De expressie gaf een fout: ${message}`,
        en: `The expression failed: ${message}`,
      },
    })
  }
}
