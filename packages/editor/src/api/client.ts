import type { paths } from './schema.gen'

/** A text in Dutch and English, as the API sends it. */
export interface LocalizedText {
  nl: string
  en: string
}

/** One field-level problem inside an API error (a flow problem, a form field). */
export interface ProblemItem {
  code: string
  nodeId?: string
  edgeId?: string
  path?: (string | number)[]
  message: LocalizedText
}

/**
 * An API call that did not succeed: an `application/problem+json` answer, or no answer at all
 * (`code: 'network'`). `retryable` says whether trying again later may help.
 */
export class ApiProblem extends Error {
  readonly code: string
  readonly status: number
  readonly retryable: boolean
  readonly text: LocalizedText
  readonly errors: ProblemItem[]

  constructor(
    status: number,
    code: string,
    text: LocalizedText,
    options: { errors?: ProblemItem[]; cause?: unknown } = {},
  ) {
    super(text.en, { cause: options.cause })
    this.name = 'ApiProblem'
    this.status = status
    this.code = code
    this.text = text
    this.errors = options.errors ?? []
    this.retryable = status === 0 || status === 408 || status === 429 || status >= 500
  }
}

let csrfToken: string | undefined

/** Remembers the CSRF token from login or `/auth/me`; it goes with every state-changing request. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token
}

/** Called when the API says the session is gone (401), so the app can show the login page. */
let onUnauthorized: (() => void) | undefined
export function setUnauthorizedHandler(handler: (() => void) | undefined): void {
  onUnauthorized = handler
}

function isLocalized(value: unknown): value is LocalizedText {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as LocalizedText).nl === 'string' &&
    typeof (value as LocalizedText).en === 'string'
  )
}

async function toProblem(response: Response): Promise<ApiProblem> {
  let body: unknown
  try {
    body = await response.json()
  } catch {
    body = undefined
  }
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  const code = typeof record.code === 'string' ? record.code : `http.${response.status}`
  const text = isLocalized(record.message)
    ? record.message
    : {
        nl: `Warmflow gaf een foutmelding (${response.status}).`,
        en: `Warmflow answered with an error (${response.status}).`,
      }
  const errors = Array.isArray(record.errors)
    ? (record.errors as unknown[]).filter(
        (item): item is ProblemItem =>
          typeof item === 'object' && item !== null && isLocalized((item as ProblemItem).message),
      )
    : []
  return new ApiProblem(response.status, code, text, { errors })
}

/** The HTTP methods the API uses. */
export type HttpMethod = 'get' | 'post' | 'put' | 'delete' | 'patch'

/** The OpenAPI operation at a path and method; `never` when the API has none. */
type Operation<Path extends keyof paths, Method extends HttpMethod> = Exclude<paths[Path][Method], undefined>

/** The API paths that answer to `Method`, e.g. `ApiPath<'post'>` includes `/api/v1/flows`. */
export type ApiPath<Method extends HttpMethod> = {
  [Path in keyof paths]: [Operation<Path, Method>] extends [never] ? never : Path
}[keyof paths]

type OperationParameters<Op> = Op extends { parameters: infer P } ? P : never
type PathPart<Op> = OperationParameters<Op> extends { path?: infer Values } ? NonNullable<Values> : never
type QueryPart<Op> = OperationParameters<Op> extends { query?: infer Values } ? Values : never
type BodyPart<Op> = Op extends { requestBody?: infer Body }
  ? NonNullable<Body> extends { content: { 'application/json': infer Json } }
    ? undefined extends Body
      ? { body?: Json }
      : { body: Json }
    : { body?: never }
  : { body?: never }

/** What a call sends besides its path: path values, query and JSON body, as the operation declares them. */
export type ApiOptions<Op> = ([PathPart<Op>] extends [never] ? { path?: never } : { path: PathPart<Op> }) &
  ([NonNullable<QueryPart<Op>>] extends [never]
    ? { query?: never }
    : OperationParameters<Op> extends { query: object }
      ? { query: NonNullable<QueryPart<Op>> }
      : { query?: NonNullable<QueryPart<Op>> }) &
  BodyPart<Op>

type SuccessStatus = 200 | 201 | 202 | 204

/** The JSON the operation answers on success (`undefined` for an answer without JSON). */
export type ApiResult<Op> = Op extends { responses: infer Responses }
  ? {
      [Status in keyof Responses & SuccessStatus]: Responses[Status] extends {
        content: { 'application/json': infer Json }
      }
        ? Json
        : undefined
    }[keyof Responses & SuccessStatus]
  : never

/** Options are optional when nothing in them is required. */
type OptionsArgument<Op> =
  Record<never, never> extends ApiOptions<Op> ? [options?: ApiOptions<Op>] : [options: ApiOptions<Op>]

type Call<Method extends HttpMethod> = <Path extends ApiPath<Method>>(
  path: Path,
  ...options: OptionsArgument<Operation<Path, Method>>
) => Promise<ApiResult<Operation<Path, Method>>>

/** Fills `{name}` in a path template with URL-encoded values and appends the query. */
export function apiUrl(
  template: string,
  path: Record<string, string | number> | undefined,
  query: Record<string, unknown> | undefined,
): string {
  const url = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = path?.[name]
    if (value === undefined) throw new TypeError(`Path value ${name} is missing for ${template}`)
    return encodeURIComponent(String(value))
  })
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue
    for (const item of Array.isArray(value) ? value : [value]) search.append(name, String(item))
  }
  const text = search.toString()
  return text ? `${url}?${text}` : url
}

async function request(method: HttpMethod, path: string, body?: unknown): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (method !== 'get' && csrfToken) headers['x-csrf-token'] = csrfToken
  let response: Response
  try {
    response = await fetch(path, {
      method: method.toUpperCase(),
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  } catch (cause) {
    throw new ApiProblem(
      0,
      'network',
      {
        nl: 'Warmflow is niet bereikbaar.',
        en: 'Warmflow cannot be reached.',
      },
      { cause },
    )
  }
  if (!response.ok) {
    const problem = await toProblem(response)
    if (response.status === 401 && !path.startsWith('/api/v1/auth/')) onUnauthorized?.()
    throw problem
  }
  if (response.status === 204) return undefined
  const type = response.headers.get('content-type') ?? ''
  if (!type.includes('json')) return await response.text()
  return await response.json()
}

function caller<Method extends HttpMethod>(method: Method): Call<Method> {
  return ((
    path: string,
    options?: { path?: Record<string, string | number>; query?: object; body?: unknown },
  ) =>
    request(
      method,
      apiUrl(path, options?.path, options?.query as Record<string, unknown> | undefined),
      options?.body,
    )) as Call<Method>
}

/**
 * Calls the Warmflow API with JSON in and out, typed by its OpenAPI document (`schema.gen.ts`):
 * a path the API does not have, a missing path value or a wrong body does not compile, and the
 * answer has the documented type. Throws {@link ApiProblem} on any failure.
 *
 * @example
 * const flow = await api.get('/api/v1/flows/{id}', { path: { id } })
 * await api.post('/api/v1/flows/{id}/publish', { path: { id }, body: { note } })
 */
export const api = {
  get: caller('get'),
  post: caller('post'),
  put: caller('put'),
  delete: caller('delete'),
  patch: caller('patch'),
}

/** Turns anything thrown into an {@link ApiProblem}, so the UI has one kind of error to show. */
export function asProblem(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error
  return new ApiProblem(
    -1,
    'client.unexpected',
    {
      nl: 'Er ging iets mis in de editor.',
      en: 'Something went wrong in the editor.',
    },
    { cause: error },
  )
}
