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
