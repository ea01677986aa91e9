import jsonata from 'jsonata'
import { ExpressionError, limitError } from './expressions/error.js'
import { builtinFunctions, ExpressionGuard, type GuardLimits } from './expressions/guard.js'
import { jsonataFacts, kindOf } from './expressions/messages.js'
import { linearRegex, linearRegexEngine } from './expressions/regex.js'

export { ExpressionError } from './expressions/error.js'

/** Limits that keep an expression from running away with time or memory. */
export interface ExpressionLimits {
  /** Milliseconds an evaluation may take (outside a workflow; there the clock stands still). */
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
   * A call of a built-in function is a step, and a regular expression costs a step per 32
   * characters it goes through.
   */
  maxSteps?: number
  /** Longest text the expression may build (with `&`, `$pad`, `$join`, `$string`, …). */
  maxStringLength?: number
  /** Most items in a list the expression builds (a range, `$append`, `$split`, …). */
  maxItems?: number
  /** Characters of text the expression may build in all, over every text of one evaluation. */
  maxBuiltCharacters?: number
  /** List items the expression may build in all, over every list of one evaluation. */
  maxBuiltItems?: number
  /** Longest text a regular expression may search. */
  maxRegexText?: number
}

/** Limits used when none are given: generous for mappings, tight enough for a shared worker. */
export const defaultExpressionLimits: ExpressionLimits = {
  timeoutMs: 250,
  maxDepth: 200,
  maxSequence: 100_000,
  maxLength: 4_000,
  maxSteps: 100_000,
  maxStringLength: 1_000_000,
  maxItems: 100_000,
  maxBuiltCharacters: 8_000_000,
  maxBuiltItems: 1_000_000,
  maxRegexText: 100_000,
}

const evaluateEntry = Symbol.for('jsonata.__evaluate_entry')
const evaluateExit = Symbol.for('jsonata.__evaluate_exit')

function guardLimits(limits: ExpressionLimits): GuardLimits {
  const pick = (value: number | undefined, fallback: number | undefined) =>
    value ?? fallback ?? Number.POSITIVE_INFINITY
  return {
    timeoutMs: limits.timeoutMs > 0 ? limits.timeoutMs : Number.POSITIVE_INFINITY,
    maxSteps: pick(limits.maxSteps, defaultExpressionLimits.maxSteps),
    maxDepth: limits.maxDepth,
    maxLength: limits.maxLength,
    maxStringLength: pick(limits.maxStringLength, defaultExpressionLimits.maxStringLength),
    maxItems: pick(limits.maxItems, defaultExpressionLimits.maxItems),
    maxBuiltCharacters: pick(limits.maxBuiltCharacters, defaultExpressionLimits.maxBuiltCharacters),
    maxBuiltItems: pick(limits.maxBuiltItems, defaultExpressionLimits.maxBuiltItems),
    maxRegexText: pick(limits.maxRegexText, defaultExpressionLimits.maxRegexText),
  }
}

/** The regular expressions written in a parsed expression. */
function regexesOf(ast: unknown): RegExp[] {
  const found: RegExp[] = []
  const seen = new Set<object>()
  const stack: unknown[] = [ast]
  while (stack.length > 0) {
    const node = stack.pop()
    if (node === null || typeof node !== 'object' || seen.has(node)) continue
    seen.add(node)
    if (node instanceof RegExp) {
      found.push(node)
      continue
    }
    for (const value of Object.values(node)) if (typeof value === 'object') stack.push(value)
  }
  return found
}

interface Compiled {
  expression: jsonata.Expression
  guard: ExpressionGuard
  /** Whether the bounded built-in functions are bound (done before the first evaluation). */
  bounded: boolean
}

function syntaxError(message: string, cause?: unknown): ExpressionError {
  return new ExpressionError('expression.syntax', `Expression does not parse: ${message}`, {
    ...(cause === undefined ? {} : { cause }),
    text: { nl: `De expressie klopt niet: ${message}`, en: `The expression does not parse: ${message}` },
  })
}

function compile(source: string, limits: ExpressionLimits): Compiled {
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
  const guard = new ExpressionGuard(guardLimits(limits))
  let expression: jsonata.Expression
  try {
    expression = jsonata(source, {
      // The guard keeps the time (JSONata's own clock would count the event loop's turns too).
      stack: limits.maxDepth,
      sequence: limits.maxSequence,
      RegexEngine: linearRegexEngine(guard),
    })
  } catch (cause) {
    // A parse error names the expression's own text (a token), never data.
    const message =
      cause instanceof Error || (typeof cause === 'object' && cause && 'message' in cause)
        ? String((cause as { message: unknown }).message)
        : String(cause)
    throw syntaxError(message, cause)
  }
  // Refused here already, so a flow with such a pattern is not saved; `$eval` is checked when it runs.
  for (const regex of regexesOf(expression.ast())) linearRegex(regex)
  expression.assign(evaluateEntry as unknown as string, guard.entry)
  if (guard.watch(expression.ast())) expression.assign(evaluateExit as unknown as string, guard.exit)
  return { expression, guard, bounded: false }
}

/**
 * Checks that an expression parses, without evaluating it. A regular expression that needs
 * backtracking (`\1`, `(?=…)`) is refused here too (`expression.regex`).
 *
 * @example
 * parseExpression('$uppercase(name)') // ok
 */
export function parseExpression(source: string, limits: ExpressionLimits = defaultExpressionLimits): void {
  compile(source, limits)
}

/**
 * Compiled expressions not in use, by limits and text. Parsing is most of the cost of a short
 * expression, and the same few expressions run over and over. A compiled expression is used by
 * one evaluation at a time (its guard carries that evaluation's counts), so each evaluation takes
 * one from here or compiles one, and gives it back when it ended without an error.
 */
const idleExpressions = new Map<string, Compiled[]>()
/** Different expressions kept; the one used longest ago goes first. */
const maxPooledSources = 500
/** Idle copies kept of one expression (as many as evaluations of it that ran at once). */
const maxIdlePerSource = 8

/**
 * Keys by limits object: callers pass the same few objects (most often the defaults) again and
 * again. A limits object is read once: change limits by passing a new object, not by editing one.
 */
const limitsKeys = new WeakMap<ExpressionLimits, string>()

function limitsKey(limits: ExpressionLimits): string {
  let key = limitsKeys.get(limits)
  if (key === undefined) {
    key = makeLimitsKey(limits)
    limitsKeys.set(limits, key)
  }
  return key
}

function makeLimitsKey(limits: ExpressionLimits): string {
  const l = guardLimits(limits)
  return [
    limits.timeoutMs,
    limits.maxSequence,
    l.maxDepth,
    l.maxLength,
    l.maxSteps,
    l.maxStringLength,
    l.maxItems,
    l.maxBuiltCharacters,
    l.maxBuiltItems,
    l.maxRegexText,
  ].join(':')
}

function takeExpression(key: string, source: string, limits: ExpressionLimits): Compiled {
  const idle = idleExpressions.get(key)
  const compiled = idle?.pop()
  if (!compiled) return compile(source, limits)
  // Used again: move it to the end, so the least recently used expression is evicted first.
  idleExpressions.delete(key)
  idleExpressions.set(key, idle!)
  return compiled
}

function giveBackExpression(key: string, compiled: Compiled): void {
  const idle = idleExpressions.get(key) ?? []
  if (idle.length >= maxIdlePerSource) return
  idle.push(compiled)
  idleExpressions.set(key, idle)
  if (idleExpressions.size > maxPooledSources) {
    idleExpressions.delete(idleExpressions.keys().next().value as string)
  }
}

/**
 * The error of a failed evaluation, with only the kind of failure, the JSONata code and the
 * position: JSONata's own message embeds the value that failed, which may be personal data, so it
 * is not kept (not in the message, the text, the details or the cause).
 */
function evaluationError(cause: unknown, limits: ExpressionLimits): ExpressionError {
  const { code, position } = jsonataFacts(cause)
  if (code === 'D1011') return limitError('depth', limits.maxDepth)
  if (code === 'D1012') return limitError('time', limits.timeoutMs)
  if (code === 'D2014' || code === 'D2015') return limitError('items', limits.maxSequence)
  if (cause instanceof RangeError) {
    // JavaScript's own limits (a text past its maximum length, a stack overflow): a limit too.
    return limitError('text', guardLimits(limits).maxStringLength)
  }
  const kind = kindOf(code)
  const where = {
    nl:
      code === undefined ? '' : ` (JSONata ${code}${position === undefined ? '' : `, positie ${position}`})`,
    en:
      code === undefined
        ? ''
        : ` (JSONata ${code}${position === undefined ? '' : ` at position ${position}`})`,
  }
  return new ExpressionError('expression.evaluation', `Expression failed: ${kind.en}${where.en}`, {
    text: {
      nl: `De expressie gaf een fout: ${kind.nl}${where.nl}.`,
      en: `The expression failed: ${kind.en}${where.en}.`,
    },
    details: {
      ...(code === undefined ? {} : { jsonataCode: code }),
      ...(position === undefined ? {} : { position }),
    },
  })
}

/**
 * Evaluates a JSONata expression against data, with time, step, depth and size limits. JSONata is an
 * interpreter for a query language: nothing the user typed is ever run as JavaScript. Texts and
 * lists the expression builds are measured (the built-in functions that build them are bounded
 * copies), regular expressions run in linear time (RE2), and outside a workflow a long evaluation
 * gives the event loop a turn every few milliseconds. A failure is an {@link ExpressionError}:
 * `expression.limit`, `expression.regex` or `expression.evaluation`, never with a value of the data
 * in its message.
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
  const key = `${limitsKey(limits)}:${source}`
  const compiled = takeExpression(key, source, limits)
  if (!compiled.bounded) {
    for (const [name, bounded] of compiled.guard.boundFunctions(await builtinFunctions())) {
      compiled.expression.assign(name, bounded)
    }
    compiled.bounded = true
  }
  compiled.guard.reset()
  try {
    const result = await compiled.expression.evaluate(data, bindings)
    giveBackExpression(key, compiled)
    return result
  } catch (cause) {
    throw limitBehind(cause) ?? evaluationError(cause, limits)
  }
}

/** The guard's own error, also when `$eval` wrapped it in one of its own. */
function limitBehind(cause: unknown): ExpressionError | undefined {
  let error = cause
  for (let depth = 0; depth < 100 && error !== null && typeof error === 'object'; depth++) {
    if (error instanceof ExpressionError) return error
    error = (error as { error?: unknown }).error
  }
  return undefined
}
