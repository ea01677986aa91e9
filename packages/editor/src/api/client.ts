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

/**
 * Calls the Warmflow API with JSON in and out. Throws {@link ApiProblem} on any failure.
 *
 * @example
 * const { items } = await api<{ items: FlowSummary[] }>('GET', '/api/v1/flows')
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken
  let response: Response
  try {
    response = await fetch(path, {
      method,
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
  if (response.status === 204) return undefined as T
  const type = response.headers.get('content-type') ?? ''
  if (!type.includes('json')) return (await response.text()) as T
  return (await response.json()) as T
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
