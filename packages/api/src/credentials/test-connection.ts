import type { LocalizedText, NodeHttp } from '@warmflow/engine'
import { WarmflowError } from '@warmflow/engine'
import nodemailer from 'nodemailer'

/** The longest a connection test may take, in ms. */
export const connectionTestTimeoutMs = 10_000

/** What a connection test found: whether it worked, and what to tell the person. */
export interface ConnectionTestResult {
  ok: boolean
  /** A stable code, e.g. `smtp.auth_failed`. */
  code: string
  message: LocalizedText
  durationMs: number
}

/** What a connection test needs from outside. */
export interface ConnectionTestDeps {
  /** The SSRF-guarded HTTP client for `ai` and `http` credentials. */
  http: NodeHttp
  /** Time limit in ms; default {@link connectionTestTimeoutMs}. */
  timeoutMs?: number
}

const t = (nl: string, en: string): LocalizedText => ({ nl, en })

/** One bounded GET through the guarded HTTP client; every header given counts as a credential. */
function probe(
  deps: Required<ConnectionTestDeps>,
  url: string,
  headers: Record<string, string>,
): Promise<Response> {
  return deps.http.fetch(url, {
    method: 'GET',
    headers,
    credentialHeaders: Object.keys(headers),
    timeoutMs: deps.timeoutMs,
    maxResponseBytes: 1_000_000,
  })
}

interface Outcome {
  ok: boolean
  code: string
  message: LocalizedText
}

async function testSmtp(value: Record<string, unknown>, timeoutMs: number): Promise<Outcome> {
  const host = String(value.host)
  const user = typeof value.user === 'string' ? value.user : undefined
  const transport = nodemailer.createTransport({
    host,
    port: Number(value.port),
    secure: value.secure === true,
    ...(user ? { auth: { user, pass: typeof value.pass === 'string' ? value.pass : '' } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  })
  const timer = setTimeout(() => transport.close(), timeoutMs)
  try {
    // Connects, says EHLO, starts TLS when offered and logs in: everything but sending.
    await transport.verify()
    return {
      ok: true,
      code: 'smtp.ok',
      message: user
        ? t(
            `De mailserver ${host} is bereikbaar en de inlog klopt.`,
            `The mail server ${host} answers and the login works.`,
          )
        : t(`De mailserver ${host} is bereikbaar.`, `The mail server ${host} answers.`),
    }
  } catch (error) {
    const failure = error as { code?: string; responseCode?: number }
    if (failure.code === 'EAUTH') {
      return {
        ok: false,
        code: 'smtp.auth_failed',
        message: t(
          'De mailserver weigert de inlog. Controleer gebruikersnaam en wachtwoord.',
          'The mail server refuses the login. Check the user name and password.',
        ),
      }
    }
    if (failure.code === 'ETLS' || failure.code === 'ESOCKET') {
      return {
        ok: false,
        code: 'smtp.connection_failed',
        message: t(
          `Geen goede verbinding met ${host}. Klopt de poort, en de keuze voor "beveiligd vanaf het begin"?`,
          `No proper connection to ${host}. Are the port and the "secure from the start" choice right?`,
        ),
      }
    }
    return {
      ok: false,
      code: failure.code === 'ETIMEDOUT' ? 'smtp.timeout' : 'smtp.unreachable',
      message: t(
        `De mailserver ${host} is niet bereikbaar. Klopt de servernaam en de poort?`,
        `The mail server ${host} cannot be reached. Are the server name and the port right?`,
      ),
    }
  } finally {
    clearTimeout(timer)
    transport.close()
  }
}

function httpFailure(error: unknown, what: LocalizedText): Outcome {
  if (error instanceof WarmflowError && error.code === 'http.blocked_address') {
    return { ok: false, code: error.code, message: error.text ?? t(error.message, error.message) }
  }
  const code = error instanceof WarmflowError ? error.code : 'http.connection_failed'
  return {
    ok: false,
    code,
    message: t(
      `${what.nl} is niet bereikbaar. Klopt het adres?`,
      `${what.en} cannot be reached. Is the address right?`,
    ),
  }
}

async function testAi(value: Record<string, unknown>, deps: Required<ConnectionTestDeps>): Promise<Outcome> {
  const base = String(value.baseUrl).replace(/\/+$/, '')
  const headers: Record<string, string> = { ...((value.headers as Record<string, string> | undefined) ?? {}) }
  const apiKey = typeof value.apiKey === 'string' ? value.apiKey : ''
  if (apiKey) headers.authorization = `Bearer ${apiKey}`
  let response: Response
  try {
    response = await probe(deps, `${base}/models`, headers)
  } catch (error) {
    return httpFailure(error, t('De AI-dienst', 'The AI service'))
  }
  if (response.status === 401 || response.status === 403) {
    return {
      ok: false,
      code: 'ai.auth_failed',
      message: t('De AI-dienst weigert de sleutel.', 'The AI service refuses the key.'),
    }
  }
  if (!response.ok) {
    return {
      ok: false,
      code: 'ai.unexpected_status',
      message: t(
        `De AI-dienst antwoordt met status ${response.status}. Klopt het adres (meestal eindigend op /v1)?`,
        `The AI service answers with status ${response.status}. Is the address right (usually ending in /v1)?`,
      ),
    }
  }
  const model = String(value.model)
  let models: string[] = []
  try {
    const body = (await response.json()) as { data?: { id?: unknown }[] }
    models = (body.data ?? []).map((entry) => String(entry.id))
  } catch {
    models = []
  }
  if (models.length > 0 && !models.includes(model)) {
    return {
      ok: false,
      code: 'ai.unknown_model',
      message: t(
        `De AI-dienst werkt, maar kent het model "${model}" niet.`,
        `The AI service works, but does not know the model "${model}".`,
      ),
    }
  }
  return {
    ok: true,
    code: 'ai.ok',
    message: t(
      'De AI-dienst is bereikbaar en accepteert de sleutel.',
      'The AI service answers and accepts the key.',
    ),
  }
}

async function testHttp(
  value: Record<string, unknown>,
  deps: Required<ConnectionTestDeps>,
): Promise<Outcome> {
  const hosts = (value.hosts as string[] | undefined) ?? []
  const host = hosts[0] ?? ''
  const headers: Record<string, string> = {}
  const bearer = typeof value.bearer === 'string' ? value.bearer : undefined
  const basic = value.basic as { user: string; pass: string } | undefined
  if (bearer) headers.authorization = `Bearer ${bearer}`
  if (basic) headers.authorization = `Basic ${Buffer.from(`${basic.user}:${basic.pass}`).toString('base64')}`
  for (const [name, text] of Object.entries((value.headers as Record<string, string> | undefined) ?? {})) {
    headers[name] = text
  }
  let response: Response
  try {
    response = await probe(deps, `https://${host}/`, headers)
  } catch (error) {
    return httpFailure(error, t(`De server ${host}`, `The server ${host}`))
  }
  if (response.status === 401 || response.status === 403) {
    return {
      ok: false,
      code: 'http.auth_failed',
      message: t(`${host} weigert de inloggegevens.`, `${host} refuses the credentials.`),
    }
  }
  return {
    ok: true,
    code: 'http.ok',
    message: t(
      `${host} is bereikbaar (status ${response.status}).`,
      `${host} answers (status ${response.status}).`,
    ),
  }
}

/**
 * Tries a credential without using it in a flow: `smtp` connects, says EHLO and logs in;
 * `ai` asks `GET {baseUrl}/models`; `http` asks the first host's root. `ai` and `http` go through
 * the SSRF-guarded client. Bounded by `timeoutMs`; never throws, never echoes the secret.
 *
 * @example
 * const result = await testConnection('smtp', { host: 'mail.example.org', port: 587, from: 'a@b.nl' }, { http })
 * if (!result.ok) console.log(result.message.nl)
 */
export async function testConnection(
  slot: string,
  value: unknown,
  deps: ConnectionTestDeps,
): Promise<ConnectionTestResult> {
  const started = Date.now()
  const full = { http: deps.http, timeoutMs: deps.timeoutMs ?? connectionTestTimeoutMs }
  const fields = (value ?? {}) as Record<string, unknown>
  const deadline = new Promise<Outcome>((resolve) => {
    const timer = setTimeout(
      () =>
        resolve({
          ok: false,
          code: `${slot}.timeout`,
          message: t('Er kwam binnen 10 seconden geen antwoord.', 'No answer came within 10 seconds.'),
        }),
      full.timeoutMs + 1000,
    )
    timer.unref()
  })
  const attempt =
    slot === 'smtp'
      ? testSmtp(fields, full.timeoutMs)
      : slot === 'ai'
        ? testAi(fields, full)
        : slot === 'http'
          ? testHttp(fields, full)
          : Promise.resolve<Outcome>({
              ok: false,
              code: 'credential.not_testable',
              message: t(
                'Dit soort inloggegevens kan Warmflow niet testen.',
                'Warmflow cannot test this kind of credential.',
              ),
            })
  const outcome = await Promise.race([attempt, deadline])
  return { ...outcome, durationMs: Date.now() - started }
}
