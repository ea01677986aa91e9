import jsonata from 'jsonata'
import { limitError } from './error.js'
import type { RegexMeter } from './regex.js'

/** The limits the guard of one compiled expression enforces (see `ExpressionLimits`). */
export interface GuardLimits {
  /** Milliseconds the evaluation itself may run; turns given to the event loop do not count. */
  timeoutMs: number
  maxSteps: number
  maxDepth: number
  maxLength: number
  maxStringLength: number
  maxItems: number
  maxBuiltCharacters: number
  maxBuiltItems: number
  maxRegexText: number
}

/** Longest text, and widest picture, that `$toMillis`, `$parseInteger` and `$fromMillis` read. */
const maxPictureText = 256

/** Outside a workflow the evaluation gives the event loop a turn after this many milliseconds. */
const yieldAfterMs = 10

/**
 * `setImmediate` exists in Node; not in Temporal's workflow sandbox, where an evaluation must run
 * to its end within the activation, nor in the browser, where it is only a preview.
 */
const canYield = typeof setImmediate === 'function'

/** A JSONata function value: what `$pad` evaluates to. */
interface JsonataFunction {
  _jsonata_function: true
  implementation: (...args: unknown[]) => unknown
  signature?: unknown
}

/**
 * JSONata's built-in functions. Each compiled expression gets bounded copies of them, bound over
 * the originals (`$now` and `$millis` are left alone: JSONata binds them per expression and they
 * build nothing).
 */
const builtinNames = [
  'sum',
  'count',
  'max',
  'min',
  'average',
  'string',
  'substring',
  'substringBefore',
  'substringAfter',
  'lowercase',
  'uppercase',
  'length',
  'trim',
  'pad',
  'match',
  'contains',
  'replace',
  'split',
  'join',
  'formatNumber',
  'formatBase',
  'formatInteger',
  'parseInteger',
  'number',
  'floor',
  'ceil',
  'round',
  'abs',
  'sqrt',
  'power',
  'random',
  'boolean',
  'not',
  'map',
  'zip',
  'filter',
  'single',
  'reduce',
  'sift',
  'keys',
  'lookup',
  'append',
  'exists',
  'spread',
  'merge',
  'reverse',
  'each',
  'error',
  'assert',
  'type',
  'sort',
  'shuffle',
  'distinct',
  'base64encode',
  'base64decode',
  'encodeUrlComponent',
  'encodeUrl',
  'decodeUrlComponent',
  'decodeUrl',
  'eval',
  'toMillis',
  'fromMillis',
  'clone',
] as const

let builtins: Promise<Map<string, JsonataFunction>> | undefined

/** JSONata's own built-in functions, looked up once. */
export function builtinFunctions(): Promise<Map<string, JsonataFunction>> {
  builtins ??= (async () => {
    const found = new Map<string, JsonataFunction>()
    for (const name of builtinNames) {
      found.set(name, (await jsonata(`$${name}`).evaluate(undefined)) as JsonataFunction)
    }
    return found
  })()
  return builtins
}

function isFunctionValue(value: object): boolean {
  const marked = value as { _jsonata_function?: unknown; _jsonata_lambda?: unknown }
  return marked._jsonata_function === true || marked._jsonata_lambda === true
}

/**
 * Whether `JSON.stringify(value)` (with `pretty`, indented) would be longer than `max`, found
 * without building it: a walk that stops as soon as the count passes `max`, so a list that holds
 * the same long text many times is measured in a bounded number of steps.
 */
export function jsonLongerThan(value: unknown, max: number, pretty = false): boolean {
  let size = 0
  const stack: Array<[unknown, number]> = [[value, 0]]
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!
    if (pretty) size += depth * 2 + 1
    if (typeof item === 'string') size += item.length + 2
    else if (typeof item === 'number' || typeof item === 'bigint') size += 24
    else if (typeof item === 'boolean' || item === null || item === undefined) size += 5
    else if (typeof item === 'function') size += 2
    else if (typeof item === 'object') {
      if (isFunctionValue(item)) size += 2
      else if (Array.isArray(item)) {
        size += 2
        for (const element of item) {
          stack.push([element, depth + 1])
          size += 1
          if (size > max) return true
        }
      } else {
        size += 2
        for (const key of Object.keys(item)) {
          stack.push([(item as Record<string, unknown>)[key], depth + 1])
          size += key.length + 4
          if (size > max) return true
        }
      }
    }
    if (size > max) return true
  }
  return false
}

/** How often `part` occurs in `text`, counting no further than `most`. */
function occurrences(text: string, part: string, most: number): number {
  if (part === '') return Math.min(text.length - 1, most)
  let count = 0
  for (let at = text.indexOf(part); at !== -1 && count < most; at = text.indexOf(part, at + part.length))
    count++
  return count
}

function numberSum(text: string): number {
  let sum = 0
  for (const digits of text.match(/\d+/g) ?? []) sum += Number(digits)
  return sum
}

interface AstNode {
  type?: string
  value?: unknown
  lhs?: AstNode
  rhs?: AstNode
}

/**
 * Keeps one compiled expression within its limits: counts steps, measures every text and list the
 * expression builds, refuses a range before it is allocated, meters regular expressions, and gives
 * the event loop a turn now and then outside a workflow. A compiled expression runs one evaluation
 * at a time, so one guard per compiled expression holds that evaluation's counts.
 */
export class ExpressionGuard implements RegexMeter {
  #steps = 0
  #builtCharacters = 0
  #builtItems = 0
  /** When the evaluation last (re)started running, and how long it ran before that. */
  #sliceStart = 0
  #activeMs = 0
  /** The left ends of the ranges being evaluated, per range node (a range can nest in itself). */
  readonly #rangeStarts = new Map<AstNode, unknown[]>()
  /** Range nodes (`a..b`) by their left and by their right operand. */
  readonly #rangeByLhs = new Map<AstNode, AstNode>()
  readonly #rangeByRhs = new Map<AstNode, AstNode>()

  constructor(readonly limits: GuardLimits) {}

  /**
   * Notes the range nodes of a parsed expression, so their size is checked before they are built.
   * Returns whether the expression needs {@link ExpressionGuard.exit} at all: only a concatenation
   * (`&`), a range (`..`) or a list constructor (`[…]`) builds something JSONata itself does not
   * bound or a bounded built-in function does not measure (a path's results are bounded by its
   * sequence limit and by the step budget).
   */
  watch(ast: unknown): boolean {
    let needsExit = false
    const seen = new Set<object>()
    const stack: unknown[] = [ast]
    while (stack.length > 0) {
      const node = stack.pop()
      if (node === null || typeof node !== 'object' || seen.has(node) || node instanceof RegExp) continue
      seen.add(node)
      const astNode = node as AstNode
      if (astNode.type === 'binary' && astNode.value === '..' && astNode.lhs && astNode.rhs) {
        this.#rangeByLhs.set(astNode.lhs, astNode)
        this.#rangeByRhs.set(astNode.rhs, astNode)
        needsExit = true
      }
      if (
        (astNode.type === 'binary' && astNode.value === '&') ||
        (astNode.type === 'unary' && astNode.value === '[')
      ) {
        needsExit = true
      }
      for (const value of Object.values(node)) if (typeof value === 'object') stack.push(value)
    }
    return needsExit
  }

  /** Starts the counts of a new evaluation. */
  reset(): void {
    this.#steps = 0
    this.#builtCharacters = 0
    this.#builtItems = 0
    this.#sliceStart = Date.now()
    this.#activeMs = 0
    this.#rangeStarts.clear()
  }

  /** Counts `count` evaluation steps; throws past the step budget. */
  step(count = 1): void {
    this.#steps += count
    if (this.#steps > this.limits.maxSteps) throw limitError('steps', this.limits.maxSteps)
  }

  /**
   * Checks the time limit, and gives the event loop a turn when the evaluation has run
   * `yieldAfterMs` since the last one, so a long evaluation never holds up the process's other
   * work (checked at every step: one step can be a built-in function over a long text). Time
   * spent on other work during a turn does not count against the evaluation. Inside a workflow
   * the clock stands still: there the step budget is the limit.
   */
  #turn(): Promise<void> | undefined {
    const now = Date.now()
    const slice = now - this.#sliceStart
    if (this.#activeMs + slice > this.limits.timeoutMs) throw limitError('time', this.limits.timeoutMs)
    if (!canYield || slice < yieldAfterMs) return undefined
    this.#activeMs += slice
    return new Promise((resolve) =>
      setImmediate(() => {
        this.#sliceStart = Date.now()
        resolve()
      }),
    )
  }

  /** JSONata calls this before every evaluation step. */
  readonly entry = (): Promise<void> | undefined => {
    this.step()
    return this.#turn()
  }

  /** JSONata calls this after every evaluation step, with its result. */
  readonly exit = (expr: AstNode, _input: unknown, _environment: unknown, result: unknown): void => {
    if (expr.type === 'binary' && expr.value === '&' && typeof result === 'string') {
      this.#text(result)
    } else if (expr.type === 'unary' && expr.value === '[' && Array.isArray(result)) {
      this.#list(result)
    }
    const rangeOfLhs = this.#rangeByLhs.get(expr)
    if (rangeOfLhs !== undefined) {
      const starts = this.#rangeStarts.get(rangeOfLhs) ?? []
      starts.push(result)
      this.#rangeStarts.set(rangeOfLhs, starts)
      return
    }
    const rangeOfRhs = this.#rangeByRhs.get(expr)
    if (rangeOfRhs !== undefined) {
      const start = single(this.#rangeStarts.get(rangeOfRhs)?.pop())
      const end = single(result)
      if (typeof start === 'number' && typeof end === 'number' && end >= start) {
        const size = end - start + 1
        if (size > this.limits.maxItems) throw limitError('items', this.limits.maxItems)
        this.#chargeItems(size)
      }
    }
  }

  #text(text: string): void {
    if (text.length > this.limits.maxStringLength) throw limitError('text', this.limits.maxStringLength)
    this.#builtCharacters += text.length
    if (this.#builtCharacters > this.limits.maxBuiltCharacters) {
      throw limitError('built_text', this.limits.maxBuiltCharacters)
    }
  }

  #list(list: unknown[]): void {
    if (list.length > this.limits.maxItems) throw limitError('items', this.limits.maxItems)
    this.#chargeItems(list.length)
  }

  #chargeItems(count: number): void {
    this.#builtItems += count
    if (this.#builtItems > this.limits.maxBuiltItems)
      throw limitError('built_items', this.limits.maxBuiltItems)
  }

  /** Measures what a built-in function returned. */
  #built = (value: unknown): unknown => {
    if (typeof value === 'string') this.#text(value)
    else if (Array.isArray(value)) this.#list(value)
    return value
  }

  beforeSearch(textLength: number): void {
    if (textLength > this.limits.maxRegexText) throw limitError('regex_text', this.limits.maxRegexText)
  }

  searched(characters: number): void {
    // One step per search, and one per 32 characters gone through: a regular expression run
    // costs the budget about what it costs the processor.
    this.step(1 + Math.floor(characters / 32))
  }

  /** Checks the arguments of a built-in function before it runs, where its result size follows from them. */
  #before(name: string, args: unknown[]): void {
    const { maxStringLength, maxItems, maxLength } = this.limits
    switch (name) {
      case 'pad': {
        const width = Math.abs(Math.trunc(Number(args[1])))
        if (width > maxStringLength) throw limitError('text', maxStringLength)
        break
      }
      case 'join': {
        const [texts, separator] = args as [unknown, unknown]
        if (!Array.isArray(texts)) break
        let size = typeof separator === 'string' ? separator.length * Math.max(texts.length - 1, 0) : 0
        for (const text of texts) size += typeof text === 'string' ? text.length : 0
        if (size > maxStringLength) throw limitError('text', maxStringLength)
        break
      }
      case 'string':
        if (jsonLongerThan(args[0], maxStringLength, args[1] === true))
          throw limitError('text', maxStringLength)
        break
      case 'clone':
        if (jsonLongerThan(args[0], maxStringLength)) throw limitError('text', maxStringLength)
        break
      case 'split': {
        // A text separator: the parts can be counted before the list is made.
        const [text, separator, limit] = args as [unknown, unknown, unknown]
        if (typeof text !== 'string' || typeof separator !== 'string') break
        const most = typeof limit === 'number' ? Math.min(limit, maxItems + 1) : maxItems + 1
        if (occurrences(text, separator, most) + 1 > maxItems && most > maxItems) {
          throw limitError('items', maxItems)
        }
        break
      }
      case 'replace': {
        // Text for text: the length of the result follows from the number of matches.
        const [text, pattern, replacement, limit] = args as [unknown, unknown, unknown, unknown]
        if (typeof text !== 'string' || typeof pattern !== 'string' || typeof replacement !== 'string') break
        if (pattern === '' || replacement.length <= pattern.length) break
        const most = typeof limit === 'number' ? limit : Number.POSITIVE_INFINITY
        const grows = replacement.length - pattern.length
        const count = occurrences(
          text,
          pattern,
          Math.min(most, Math.ceil((maxStringLength - text.length) / grows) + 1),
        )
        if (text.length + count * grows > maxStringLength) throw limitError('text', maxStringLength)
        break
      }
      case 'append': {
        const size = (value: unknown) => (Array.isArray(value) ? value.length : value === undefined ? 0 : 1)
        if (size(args[0]) + size(args[1]) > maxItems) throw limitError('items', maxItems)
        break
      }
      case 'eval':
        if (typeof args[0] === 'string' && args[0].length > maxLength)
          throw limitError('eval_length', maxLength)
        break
      case 'toMillis':
      case 'parseInteger':
        // With a picture JSONata reads the text with a JavaScript regular expression built from it.
        if (
          typeof args[1] === 'string' &&
          (args[1].length > maxPictureText || String(args[0]).length > maxPictureText)
        ) {
          throw limitError('picture', maxPictureText)
        }
        break
      case 'fromMillis':
        // A picture such as `[Y,400000000]` asks for a width, not a length.
        if (typeof args[1] === 'string' && numberSum(args[1]) > maxStringLength) {
          throw limitError('text', maxStringLength)
        }
        break
    }
  }

  /** Bounded copies of JSONata's built-in functions, to bind over the originals. */
  boundFunctions(originals: Map<string, JsonataFunction>): Array<[string, JsonataFunction]> {
    const bound: Array<[string, JsonataFunction]> = []
    for (const [name, original] of originals) {
      const implementation = original.implementation
      const guard = this
      const wrapped = function (this: unknown, ...args: unknown[]): unknown {
        // A call of a built-in is a step too: `$map` over a long list calls its function per item.
        guard.step()
        guard.#before(name, args)
        const call = (): unknown => {
          const result = implementation.apply(this, args)
          return isThenable(result) ? result.then(guard.#built) : guard.#built(result)
        }
        // JSONata awaits a function that returns a promise: the place for the event loop's turn.
        const turn = guard.#turn()
        return turn === undefined ? call() : turn.then(call)
      }
      // JSONata reads a function's parameter names from its source for partial application.
      wrapped.toString = () => implementation.toString()
      bound.push([name, { ...original, implementation: wrapped }])
    }
    return bound
  }
}

function single(value: unknown): unknown {
  return Array.isArray(value) && value.length === 1 ? value[0] : value
}

function isThenable(value: unknown): value is Promise<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
  )
}
