import type { Hook } from '@hono/zod-openapi'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from './context.js'
import { ApiError } from './problems.js'

// biome-ignore lint/suspicious/noExplicitAny: the hook is shared by routes of every shape
const validationHook: Hook<any, AppEnv, any, any> = (result) => {
  if (result.success) return
  throw new ApiError(
    400,
    'request.invalid',
    { nl: 'Het verzoek bevat ongeldige gegevens.', en: 'The request contains invalid data.' },
    result.error.issues.map((issue) => ({
      code: `request.${issue.code}`,
      path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: { nl: issue.message, en: issue.message },
    })),
  )
}

/**
 * A Hono sub-app whose zod validation failures become bilingual problem+json answers.
 *
 * @example
 * const flows = createRouter()
 */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
}

type Responses = Record<string, unknown>
interface OperationObject {
  parameters?: { in?: string; name?: string }[]
  responses?: Responses
}

const problemContent = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } }
const retryAfterHeader = {
  'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } },
}

/** The shared answers, kept once in `components.responses` and referenced by each operation. */
const sharedResponses = {
  InvalidRequest: 'The request is not valid: parameters, body, or characters such as \\u0000',
  NotSignedIn: 'Not signed in',
  NotAllowed: 'Not allowed',
  NotAllowedOrNoCsrf: 'Not allowed, or the X-CSRF-Token header is missing or wrong',
  NotFound: 'Not found, or not visible to you',
  TooLarge: 'The body is too large',
  NotJson: 'The body is not JSON (Content-Type: application/json)',
  ServiceUnavailable: 'PostgreSQL or Temporal is unavailable; try again after Retry-After',
} as const
type SharedResponse = keyof typeof sharedResponses

/**
 * The answers every route can give besides its own, by what the shared middleware does: 400
 * (validation, and the edge check of queries and bodies), 401/403 (session and CSRF on every
 * route that is not public), 404 (unknown ids), 413/415 (body size and type), 503 (PostgreSQL or
 * Temporal unavailable, with `Retry-After`). A route's own description of a status is kept.
 *
 * @example
 * const doc = withSharedResponses(app.getOpenAPI31Document(config), isPublicPath)
 */
export function withSharedResponses<T extends { paths?: unknown; components?: unknown }>(
  document: T,
  isPublic: (method: string, path: string) => boolean,
): T {
  const components = (document.components ?? {}) as { responses?: Responses }
  components.responses = { ...components.responses }
  for (const [name, description] of Object.entries(sharedResponses)) {
    components.responses[name] = {
      description,
      content: problemContent,
      ...(name === 'ServiceUnavailable' ? { headers: retryAfterHeader } : {}),
    }
  }
  ;(document as { components?: unknown }).components = components
  const ref = (name: SharedResponse) => ({ $ref: `#/components/responses/${name}` })

  const paths = (document.paths ?? {}) as Record<string, Record<string, OperationObject>>
  for (const [path, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue
      const upper = method.toUpperCase()
      const shared: Responses = { 400: ref('InvalidRequest') }
      if (!isPublic(upper, path)) {
        shared[401] = ref('NotSignedIn')
        shared[403] = ref(upper === 'GET' ? 'NotAllowed' : 'NotAllowedOrNoCsrf')
      }
      // An id in the path, or a team, flow or other id in the query, that does not exist.
      const namesAnId = operation.parameters?.some((p) => p.in === 'query' && /Id$/.test(p.name ?? ''))
      if (path.includes('{') || namesAnId) shared[404] = ref('NotFound')
      if (upper === 'POST' || upper === 'PUT' || upper === 'PATCH') {
        shared[413] = ref('TooLarge')
        shared[415] = ref('NotJson')
      }
      shared[503] = ref('ServiceUnavailable')
      operation.responses = { ...operation.responses }
      for (const [status, response] of Object.entries(shared)) {
        if (!(status in operation.responses)) operation.responses[status] = response
      }
    }
  }
  return document
}
