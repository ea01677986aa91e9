import type { FlowProblem, LocalizedText } from '@warmflow/engine'
import { WarmflowError } from '@warmflow/engine'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** One field-level error inside a problem answer. */
export interface ProblemError {
  code: string
  path?: (string | number)[]
  nodeId?: string
  edgeId?: string
  message: LocalizedText
}

/** An error the API answers with `application/problem+json`. */
export class ApiError extends WarmflowError {
  readonly status: ContentfulStatusCode
  readonly errors: ProblemError[]

  constructor(status: ContentfulStatusCode, code: string, text: LocalizedText, errors: ProblemError[] = []) {
    super(code, text.en, { text })
    this.status = status
    this.errors = errors
  }
}

/** 404 for a thing that does not exist (or that the caller may not know exists). */
export function notFound(what: LocalizedText): ApiError {
  return new ApiError(404, 'not_found', {
    nl: `${what.nl} bestaat niet of je hebt er geen toegang toe.`,
    en: `${what.en} does not exist or you have no access to it.`,
  })
}

/** 400 listing every problem with a flow. */
export function invalidFlow(problems: FlowProblem[]): ApiError {
  return new ApiError(
    400,
    'flow.invalid',
    {
      nl: `De flow heeft ${problems.length} ${problems.length === 1 ? 'probleem' : 'problemen'}. Los ze op en probeer het opnieuw.`,
      en: `The flow has ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}. Fix them and try again.`,
    },
    problems,
  )
}

function problem(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  text: LocalizedText,
  errors: ProblemError[] = [],
) {
  return c.body(
    JSON.stringify({
      type: 'about:blank',
      status,
      code,
      title: text.en,
      detail: text.en,
      message: text,
      ...(errors.length > 0 ? { errors } : {}),
    }),
    status,
    { 'content-type': 'application/problem+json; charset=utf-8' },
  )
}

/**
 * The one place where errors become HTTP answers. Unknown errors become a 500 without any
 * detail (the detail goes to the server log, which never holds personal data).
 */
export function handleError(error: Error, c: Context) {
  if (error instanceof ApiError) return problem(c, error.status, error.code, error.text, error.errors)
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode
    if (status === 400 && /json/i.test(error.message)) {
      return problem(c, 400, 'request.invalid_json', {
        nl: 'De gegevens zijn geen geldige JSON.',
        en: 'The request body is not valid JSON.',
      })
    }
    if (status === 413) {
      return problem(c, 413, 'request.too_large', {
        nl: 'Het verzoek is te groot.',
        en: 'The request body is too large.',
      })
    }
    return problem(c, status, 'request.rejected', { nl: error.message, en: error.message })
  }
  process.stderr.write(
    `${JSON.stringify({ level: 'error', msg: 'unhandled', error: error.name, message: error.message, stack: error.stack })}\n`,
  )
  return problem(c, 500, 'internal', {
    nl: 'Er ging iets mis aan onze kant. Probeer het later opnieuw.',
    en: 'Something went wrong on our side. Please try again later.',
  })
}

/** The JSON 404 for unknown routes. */
export function handleNotFound(c: Context) {
  return problem(c, 404, 'route.not_found', {
    nl: 'Deze pagina of dit adres bestaat niet.',
    en: 'This route does not exist.',
  })
}
