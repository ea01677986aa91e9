import type { LocalizedText } from '@warmflow/engine'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../context.js'
import { ApiError, type ProblemError } from '../problems.js'

/** Deepest nesting of arrays and objects a JSON body may have. */
export const maxJsonDepth = 64

/** Why a text or JSON document is refused at the edge. */
export type JsonInputRejection = 'nul_character' | 'unpaired_surrogate' | 'too_deep'

const texts: Record<JsonInputRejection, LocalizedText> = {
  nul_character: {
    nl: 'Het verzoek bevat een leeg teken (\\u0000). Haal het weg en probeer het opnieuw.',
    en: 'The request contains a null character (\\u0000). Remove it and try again.',
  },
  unpaired_surrogate: {
    nl: 'Het verzoek bevat een ongeldig teken (een losse UTF-16-helft). Haal het weg en probeer het opnieuw.',
    en: 'The request contains an invalid character (an unpaired UTF-16 surrogate). Remove it and try again.',
  },
  too_deep: {
    nl: `De gegevens zijn te diep genest (meer dan ${maxJsonDepth} lagen).`,
    en: `The data is nested too deeply (more than ${maxJsonDepth} levels).`,
  },
}

/** A refused request body or query: 400 with a stable code `request.<reason>`. */
export class JsonInputError extends ApiError {
  readonly reason: JsonInputRejection

  constructor(reason: JsonInputRejection, path?: (string | number)[]) {
    const errors: ProblemError[] =
      path === undefined ? [] : [{ code: `request.${reason}`, path, message: texts[reason] }]
    super(400, `request.${reason}`, texts[reason], errors)
    this.reason = reason
  }
}

// String.prototype.isWellFormed (Node 20+) is in the ES2024 library, newer than the one we compile against.
type WellFormedCheck = string & { isWellFormed(): boolean }

/** Why this text may not enter, or `undefined` when it may. */
export function textRejection(text: string): JsonInputRejection | undefined {
  if (text.includes('\u0000')) return 'nul_character'
  if (!(text as WellFormedCheck).isWellFormed()) return 'unpaired_surrogate'
  return undefined
}

/**
 * The deepest nesting of arrays and objects in a JSON text, read in one pass without recursion
 * (strings are skipped, escapes honoured). Stops counting past `limit + 1`.
 */
export function jsonDepth(text: string, limit = maxJsonDepth): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (inString) {
      if (code === 0x5c)
        i++ // backslash: skip the escaped character
      else if (code === 0x22) inString = false
      continue
    }
    if (code === 0x22) inString = true
    else if (code === 0x5b || code === 0x7b) {
      depth++
      if (depth > deepest) {
        deepest = depth
        if (deepest > limit) return deepest
      }
    } else if (code === 0x5d || code === 0x7d) depth--
  }
  return deepest
}

interface Visit {
  value: unknown
  depth: number
  key: string | number | undefined
  parent: Visit | undefined
}

/** The path shown for a refused value: field names only, cut short (never the value). */
function shownPath(visit: Visit | undefined): (string | number)[] {
  const path: (string | number)[] = []
  for (let at = visit; at?.key !== undefined; at = at.parent) path.push(at.key)
  return path
    .reverse()
    .slice(0, 16)
    .map((part) => (typeof part === 'string' ? part.slice(0, 64) : part))
}

/**
 * Checks a parsed JSON value without recursion: every key and string is free of `\u0000` and
 * unpaired surrogates, and nesting is at most `limit` deep. Throws a {@link JsonInputError}.
 */
export function assertCleanJson(value: unknown, limit = maxJsonDepth): void {
  const stack: Visit[] = [{ value, depth: 0, key: undefined, parent: undefined }]
  while (stack.length > 0) {
    const visit = stack.pop() as Visit
    const current = visit.value
    if (typeof current === 'string') {
      const reason = textRejection(current)
      if (reason) throw new JsonInputError(reason, shownPath(visit))
      continue
    }
    if (current === null || typeof current !== 'object') continue
    if (visit.depth >= limit) throw new JsonInputError('too_deep')
    const depth = visit.depth + 1
    if (Array.isArray(current)) {
      for (let index = 0; index < current.length; index++) {
        const child: unknown = current[index]
        // Plain values need no visit of their own.
        if (child !== null && (typeof child === 'object' || typeof child === 'string'))
          stack.push({ value: child, depth, key: index, parent: visit })
      }
      continue
    }
    for (const key in current) {
      const reason = textRejection(key)
      if (reason) throw new JsonInputError(reason, shownPath(visit))
      const child: unknown = (current as Record<string, unknown>)[key]
      if (child !== null && (typeof child === 'object' || typeof child === 'string'))
        stack.push({ value: child, depth, key, parent: visit })
    }
  }
}

/**
 * Checks a JSON request text before anyone parses it: the nesting depth first (a scan of the
 * text, so a 10 000-deep body never reaches a recursive parser or validator), then every key and
 * string. Text that is not JSON is left to the route's own validation (400 `request.invalid_json`).
 */
export function assertCleanJsonText(text: string, limit = maxJsonDepth): void {
  if (jsonDepth(text, limit) > limit) throw new JsonInputError('too_deep')
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return
  }
  assertCleanJson(parsed, limit)
}

const withBody = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * The edge check for every API request: the query's names and values, and a JSON body, are
 * refused with 400 when they hold `\u0000`, an unpaired surrogate, or (bodies) nesting deeper
 * than {@link maxJsonDepth}. The body is read once; the route reads it again from Hono's cache
 * (signed webhooks verify those same bytes). Register after the body-size limit.
 *
 * @example
 * app.use('/api/*', jsonInputMiddleware())
 */
export function jsonInputMiddleware(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const url = c.req.url
    const queryStart = url.indexOf('?')
    if (queryStart >= 0) {
      for (const [name, value] of new URLSearchParams(url.slice(queryStart + 1))) {
        const reason = textRejection(name) ?? textRejection(value)
        if (reason) throw new JsonInputError(reason)
      }
    }
    const type = c.req.header('content-type') ?? ''
    if (withBody.has(c.req.method) && /^application\/([\w.-]+\+)?json\b/i.test(type)) {
      assertCleanJsonText(await c.req.text())
    }
    await next()
  }
}
