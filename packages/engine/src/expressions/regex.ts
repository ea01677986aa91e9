import { RE2JS } from 're2js'
import { regexError } from './error.js'

/**
 * Regular expressions of JSONata (`/^(a+)+$/`, used by `$match`, `$contains`, `$replace` and
 * `$split`) run on RE2JS, a pure JavaScript port of RE2: matching takes time linear in the text,
 * whatever the pattern, in Node, in Temporal's workflow sandbox and in the browser alike. A
 * pattern that needs backtracking (a back-reference such as `\1`, a look-ahead or look-behind) is
 * refused instead.
 */

/** Compiled patterns, by the `RegExp` object JSONata made while it parsed the expression. */
const compiled = new WeakMap<RegExp, RE2JS>()

/**
 * Compiles a JSONata regular expression for RE2JS, once per pattern object. Throws an
 * `ExpressionError` (`expression.regex`) for a pattern RE2 cannot run.
 */
export function linearRegex(regex: RegExp): RE2JS {
  let re = compiled.get(regex)
  if (re === undefined) {
    try {
      re = RE2JS.compile(RE2JS.translateRegExp(regex))
    } catch {
      throw regexError()
    }
    compiled.set(regex, re)
  }
  return re
}

/** What a regular expression run costs the expression's budget. */
export interface RegexMeter {
  /** Called before a search with the length of the text; throws when the text is too long. */
  beforeSearch(textLength: number): void
  /** Called after a search with the number of characters it went through. */
  searched(characters: number): void
}

/** The part of `RegExp` that JSONata's evaluator uses: `lastIndex` and `exec` of a global pattern. */
interface ExecLike {
  lastIndex: number
  exec(text: string): RegExpExecArray | null
}

class LinearRegExp implements ExecLike {
  lastIndex = 0
  readonly #re: RE2JS
  readonly #meter: RegexMeter

  constructor(regex: RegExp, meter: RegexMeter) {
    this.#re = linearRegex(regex)
    this.#meter = meter
  }

  exec(text: string): RegExpExecArray | null {
    const from = this.lastIndex
    this.#meter.beforeSearch(text.length)
    const matcher = this.#re.matcher(text)
    if (!matcher.find(from)) {
      this.#meter.searched(text.length - from)
      this.lastIndex = 0
      return null
    }
    const end = matcher.end()
    this.#meter.searched(end - from)
    const groups = matcher.groupCount()
    const match: string[] = [matcher.group() ?? '']
    for (let i = 1; i <= groups; i++) match.push(matcher.group(i) ?? (undefined as unknown as string))
    const result = match as RegExpExecArray
    result.index = matcher.start()
    result.input = text
    this.lastIndex = end
    return result
  }
}

/**
 * The `RegexEngine` option of JSONata: a constructor that JSONata calls with the `RegExp` it parsed,
 * here returning a linear-time matcher that reports its work to `meter`.
 */
export function linearRegexEngine(meter: RegexMeter): RegExpConstructor {
  function Engine(regex: RegExp): ExecLike {
    return new LinearRegExp(regex, meter)
  }
  return Engine as unknown as RegExpConstructor
}
