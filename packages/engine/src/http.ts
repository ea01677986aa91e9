import { lookup as dnsLookup } from 'node:dns/promises'
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { BlockList, isIP, type LookupFunction } from 'node:net'
import { WarmflowError, type WarmflowErrorOptions } from './errors.js'

/** Environment variable with hosts `ctx.http` may reach although they are private or local. */
export const httpAllowVariable = 'WARMFLOW_HTTP_ALLOW'

/**
 * Why `ctx.http` refused or failed a request. `code` is one of `http.blocked_address`,
 * `http.unsupported_url`, `http.too_many_redirects`, `http.response_too_large`, `http.timeout`,
 * `http.aborted`, `http.dns_failed`, `http.connection_failed`.
 */
export class HttpError extends WarmflowError {
  constructor(code: string, message: string, options: WarmflowErrorOptions = {}) {
    super(code, message, options)
  }
}

/** One resolved address of a host. */
export interface ResolvedAddress {
  address: string
  family: 4 | 6
}

/** Resolves a host name to all its addresses; `dns.lookup` with `all: true` by default. */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>

/** Options for {@link createHttpClient}. */
export interface HttpClientOptions {
  /**
   * Destinations allowed even though they are private, local or otherwise blocked: `host`,
   * `host:port`, an IP address or a CIDR range (`10.20.0.0/16`), optionally with `:port`
   * (IPv6 in brackets: `[fd00::1]:8080`). A host name matches the URL's host; an IP or range
   * matches the resolved address.
   */
  allow?: readonly string[]
  /** Most redirects followed per request; each target is checked again. Default 5. */
  maxRedirects?: number
  /** Largest response body in bytes. Default 10 MB. */
  maxResponseBytes?: number
  /** Time limit for the whole request including redirects, in ms. Default 30 s. */
  timeoutMs?: number
  /** Replaces DNS resolution, e.g. in tests. */
  resolve?: HostResolver
}

/** A request made through `ctx.http`. */
export interface HttpRequestInit {
  method?: string
  headers?: Record<string, string>
  body?: string | Uint8Array
  /** Aborts the request; `ctx.http` also aborts when the node's own signal fires. */
  signal?: AbortSignal
  /** Overrides the client's time limit for this request. */
  timeoutMs?: number
  /** Overrides the client's response size limit for this request. */
  maxResponseBytes?: number
  /**
   * Names of headers that carry a credential (an API key, a session, a custom auth header).
   * They go to the first address's origin only: a redirect to another scheme, host or port
   * drops them, as it always drops `Authorization`, `Proxy-Authorization` and `Cookie`.
   */
  credentialHeaders?: readonly string[]
}

/** Headers dropped on every redirect to another origin, whatever the request says. */
const alwaysCredentialHeaders = ['authorization', 'proxy-authorization', 'cookie'] as const

/**
 * `fetch` for nodes, guarded against server-side request forgery: it only reaches public
 * addresses (unless configuration allows more), pins the connection to the address it checked,
 * and checks every redirect again. The answer is a standard `Response` whose body is fully read.
 */
export interface NodeHttp {
  fetch(url: string | URL, init?: HttpRequestInit): Promise<Response>
}

// Addresses a workflow node must not reach by default: this machine, private networks, cloud
// metadata (169.254.169.254), carrier-grade NAT, multicast, documentation and reserved ranges,
// and IPv6 forms that embed an IPv4 address.
// Two lists: Node's BlockList also matches IPv4 addresses against IPv6 rules such as ::/96.
const blockedV4 = new BlockList()
const blockedV6 = new BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blockedV4.addSubnet(network, prefix, 'ipv4')
}
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback and IPv4-compatible
  ['::ffff:0:0', 96], // IPv4-mapped
  ['64:ff9b::', 96], // NAT64
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 32], // Teredo
  ['2001:db8::', 32],
  ['2002::', 16], // 6to4
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  blockedV6.addSubnet(network, prefix, 'ipv6')
}

/**
 * True when an IP address is loopback, private, link-local, CGNAT, multicast, reserved or an
 * IPv6 form embedding an IPv4 address: places `ctx.http` does not go unless allowed.
 *
 * @example
 * isBlockedAddress('169.254.169.254') // true
 * isBlockedAddress('93.184.216.34') // false
 */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address)
  if (family === 0) return true
  return family === 4 ? blockedV4.check(address, 'ipv4') : blockedV6.check(address, 'ipv6')
}

interface AllowRule {
  host?: string
  range?: BlockList
  port?: number
}

function parseAllowRule(entry: string, variable: string, fail: GuardErrorClass): AllowRule {
  let hostPart = entry.trim().toLowerCase()
  let port: number | undefined
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(hostPart)
  if (bracketed) {
    hostPart = bracketed[1]!
    if (bracketed[2]) port = Number(bracketed[2])
  } else if (isIP(hostPart.split('/')[0]!) !== 6) {
    const colon = hostPart.lastIndexOf(':')
    if (colon >= 0) {
      port = Number(hostPart.slice(colon + 1))
      hostPart = hostPart.slice(0, colon)
    }
  }
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65_536)) {
    throw new fail(`${codePrefixOf(variable)}.invalid_allow`, `${variable}: "${entry}" has an invalid port`)
  }
  const [network, prefixText] = hostPart.split('/')
  const family = isIP(network!)
  if (family !== 0) {
    const range = new BlockList()
    const type = family === 4 ? 'ipv4' : 'ipv6'
    const prefix = prefixText === undefined ? (family === 4 ? 32 : 128) : Number(prefixText)
    range.addSubnet(network!, prefix, type)
    return { range, ...(port === undefined ? {} : { port }) }
  }
  if (!/^[a-z0-9.-]+$/.test(hostPart)) {
    throw new fail(
      `${codePrefixOf(variable)}.invalid_allow`,
      `${variable}: "${entry}" is not a host, IP or range`,
    )
  }
  return { host: hostPart, ...(port === undefined ? {} : { port }) }
}

/**
 * Reads the allow-list from `WARMFLOW_HTTP_ALLOW` (comma-separated).
 *
 * @example
 * const client = createHttpClient({ allow: httpAllowFromEnv(process.env) })
 */
export function httpAllowFromEnv(env: Record<string, string | undefined>): string[] {
  return allowFromEnv(env, httpAllowVariable)
}

/**
 * Reads a comma-separated allow-list (the syntax of {@link HttpClientOptions.allow}) from an
 * environment variable, e.g. `WARMFLOW_POSTGRES_ALLOW`.
 *
 * @example
 * const allow = allowFromEnv(process.env, 'WARMFLOW_POSTGRES_ALLOW')
 */
export function allowFromEnv(env: Record<string, string | undefined>, variable: string): string[] {
  return (env[variable] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

const defaultResolve: HostResolver = async (hostname) => {
  const found = await dnsLookup(hostname, { all: true, verbatim: true })
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }))
}

const redirectStatuses = new Set([301, 302, 303, 307, 308])

function text(nl: string, en: string) {
  return { text: { nl, en } }
}

type GuardErrorClass = new (code: string, message: string, options?: WarmflowErrorOptions) => WarmflowError

// `WARMFLOW_HTTP_ALLOW` → `http`, `WARMFLOW_POSTGRES_ALLOW` → `postgres`: the prefix of the codes.
function codePrefixOf(variable: string): string {
  return /^WARMFLOW_([A-Z0-9]+)_ALLOW$/.exec(variable)?.[1]?.toLowerCase() ?? 'address'
}

/** Options for {@link createAddressGuard}. */
export interface AddressGuardOptions {
  /** Destinations allowed although they are private or local; see {@link HttpClientOptions.allow}. */
  allow?: readonly string[]
  /** The environment variable the allow-list comes from, named in messages. Default `WARMFLOW_HTTP_ALLOW`. */
  allowVariable?: string
  /** Replaces DNS resolution, e.g. in tests. */
  resolve?: HostResolver
  /** The error class thrown. Default {@link HttpError}. */
  errorClass?: GuardErrorClass
}

/** Checks where a connection may go; see {@link createAddressGuard}. */
export interface AddressGuard {
  /**
   * Resolves `host` and returns the address to connect to, or throws `<prefix>.blocked_address`
   * (or `<prefix>.dns_failed`), the prefix taken from the allow variable (`http`, `postgres`).
   * Connect to the returned address, never to a second DNS answer.
   */
  check(host: string, port: number): Promise<ResolvedAddress>
}

/**
 * The server-side request forgery guard behind `ctx.http`, for any outgoing connection: a
 * host must resolve only to public addresses, unless the allow-list names it (by host, IP or
 * range, optionally with a port). Used by `postgres.query` with its own allow-list.
 *
 * @example
 * const guard = createAddressGuard({ allow: allowFromEnv(process.env, 'WARMFLOW_POSTGRES_ALLOW'),
 *   allowVariable: 'WARMFLOW_POSTGRES_ALLOW' })
 * const { address } = await guard.check('db.example.nl', 5432)
 */
export function createAddressGuard(options: AddressGuardOptions = {}): AddressGuard {
  const variable = options.allowVariable ?? httpAllowVariable
  const prefix = codePrefixOf(variable)
  const fail = options.errorClass ?? HttpError
  const rules = (options.allow ?? []).map((entry) => parseAllowRule(entry, variable, fail))
  const resolve = options.resolve ?? defaultResolve

  const allowed = (hostname: string, port: number, address: string) =>
    rules.some((rule) => {
      if (rule.port !== undefined && rule.port !== port) return false
      if (rule.host !== undefined) return rule.host === hostname
      const family = isIP(address)
      return rule.range?.check(address, family === 6 ? 'ipv6' : 'ipv4') ?? false
    })

  return {
    async check(host, port) {
      const hostname = host.replace(/^\[|\]$/g, '').toLowerCase()
      let addresses: ResolvedAddress[]
      if (isIP(hostname)) {
        addresses = [{ address: hostname, family: isIP(hostname) === 6 ? 6 : 4 }]
      } else {
        try {
          addresses = await resolve(hostname)
        } catch (cause) {
          throw new fail(`${prefix}.dns_failed`, `Could not resolve ${hostname}`, {
            cause,
            retryable: true,
            ...text(`Het adres ${hostname} is niet gevonden.`, `The address ${hostname} could not be found.`),
          })
        }
      }
      if (addresses.length === 0) {
        throw new fail(`${prefix}.dns_failed`, `${hostname} has no addresses`, {
          retryable: true,
          ...text(`Het adres ${hostname} is niet gevonden.`, `The address ${hostname} could not be found.`),
        })
      }
      // Every address must pass: otherwise a host with one public and one private address could
      // be used to reach the private one.
      for (const { address } of addresses) {
        if (isBlockedAddress(address) && !allowed(hostname, port, address)) {
          throw new fail(
            `${prefix}.blocked_address`,
            `${hostname} resolves to a local or private address, which nodes may not reach`,
            {
              details: { host: hostname },
              ...text(
                `${hostname} is een intern of lokaal adres. Blokken mogen daar niet naartoe, tenzij een beheerder het toestaat (${variable}).`,
                `${hostname} is an internal or local address. Nodes may not reach it unless an administrator allows it (${variable}).`,
              ),
            },
          )
        }
      }
      return addresses[0]!
    },
  }
}

/**
 * Creates the guarded `fetch` behind `ctx.http`.
 *
 * @example
 * const http = createHttpClient({ allow: ['127.0.0.1:8080'] })
 * const response = await http.fetch('https://api.example.org/v1/status')
 * const body = await response.json()
 */
export function createHttpClient(options: HttpClientOptions = {}): NodeHttp {
  const guard = createAddressGuard({
    ...(options.allow ? { allow: options.allow } : {}),
    ...(options.resolve ? { resolve: options.resolve } : {}),
  })
  const maxRedirects = options.maxRedirects ?? 5

  async function check(url: URL): Promise<ResolvedAddress> {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new HttpError(
        'http.unsupported_url',
        `Only http and https addresses can be fetched, not ${url.protocol}`,
        text(
          'Alleen http- en https-adressen kunnen worden opgehaald.',
          'Only http and https addresses can be fetched.',
        ),
      )
    }
    if (url.username || url.password) {
      throw new HttpError(
        'http.unsupported_url',
        'Addresses with a user name or password are not fetched; send credentials in a header',
        text(
          'Adressen met een gebruikersnaam of wachtwoord erin worden niet opgehaald.',
          'Addresses with a user name or password in them are not fetched.',
        ),
      )
    }
    const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80
    return guard.check(url.hostname, port)
  }

  function send(
    url: URL,
    pinned: ResolvedAddress,
    init: { method: string; headers: Record<string, string>; body: Uint8Array | undefined },
    signal: AbortSignal,
    maxBytes: number,
  ): Promise<{ response: IncomingMessage; body: Buffer<ArrayBuffer> }> {
    // The connection goes to the address we checked, never to a second DNS answer.
    const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
      if ((lookupOptions as { all?: boolean }).all) {
        ;(callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, [pinned])
      } else {
        callback(null, pinned.address, pinned.family)
      }
    }
    const requestFn = url.protocol === 'https:' ? httpsRequest : httpRequest
    return new Promise((resolvePromise, reject) => {
      const req = requestFn(
        url,
        { method: init.method, headers: init.headers, lookup, signal, agent: false },
        (response) => {
          const declared = Number(response.headers['content-length'] ?? 0)
          const tooLarge = () =>
            new HttpError('http.response_too_large', `The response is larger than ${maxBytes} bytes`, {
              details: { limit: maxBytes },
              ...text(
                'Het antwoord van de andere server is te groot.',
                'The response from the other server is too large.',
              ),
            })
          if (declared > maxBytes) {
            response.destroy()
            reject(tooLarge())
            return
          }
          const chunks: Buffer[] = []
          let size = 0
          response.on('data', (chunk: Buffer) => {
            size += chunk.length
            if (size > maxBytes) {
              response.destroy()
              req.destroy()
              reject(tooLarge())
              return
            }
            chunks.push(chunk)
          })
          response.on('end', () => resolvePromise({ response, body: Buffer.concat(chunks) }))
          response.on('error', reject)
        },
      )
      req.on('error', reject)
      req.end(init.body)
    })
  }

  return {
    async fetch(input, init = {}) {
      const timeoutMs = init.timeoutMs ?? options.timeoutMs ?? 30_000
      const maxBytes = init.maxResponseBytes ?? options.maxResponseBytes ?? 10 * 1024 * 1024
      const timeout = AbortSignal.timeout(timeoutMs)
      const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout
      let url = new URL(String(input))
      let method = (init.method ?? 'GET').toUpperCase()
      let body = typeof init.body === 'string' ? new TextEncoder().encode(init.body) : init.body
      let headers: Record<string, string> = { 'accept-encoding': 'identity' }
      for (const [name, value] of Object.entries(init.headers ?? {})) headers[name.toLowerCase()] = value
      const credentialHeaders = new Set<string>(alwaysCredentialHeaders)
      for (const name of init.credentialHeaders ?? []) credentialHeaders.add(name.toLowerCase())
      for (let redirects = 0; ; redirects++) {
        try {
          if (signal.aborted) throw signal.reason
          const pinned = await check(url)
          const { response, body: responseBody } = await send(
            url,
            pinned,
            { method, headers, body },
            signal,
            maxBytes,
          )
          const status = response.statusCode ?? 0
          const location = response.headers.location
          if (redirectStatuses.has(status) && location) {
            if (redirects >= maxRedirects) {
              throw new HttpError('http.too_many_redirects', `More than ${maxRedirects} redirects`, {
                ...text(
                  'De andere server stuurt te vaak door naar een ander adres.',
                  'The other server redirects too many times.',
                ),
              })
            }
            const next = new URL(location, url)
            if (next.origin !== url.origin) {
              // Credentials meant for one site never travel to another: once dropped, they stay
              // dropped, also when a later redirect leads back.
              for (const name of credentialHeaders) delete headers[name]
            }
            if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
              method = 'GET'
              body = undefined
              const { 'content-type': _t, 'content-length': _l, ...rest } = headers
              headers = rest
            }
            url = next
            continue
          }
          const responseHeaders = new Headers()
          for (const [name, value] of Object.entries(response.headers)) {
            if (Array.isArray(value)) for (const v of value) responseHeaders.append(name, v)
            else if (value !== undefined) responseHeaders.set(name, value)
          }
          const nullBody = status === 204 || status === 205 || status === 304 || method === 'HEAD'
          const result = new Response(nullBody ? null : responseBody, {
            status,
            statusText: response.statusMessage ?? '',
            headers: responseHeaders,
          })
          Object.defineProperty(result, 'url', { value: url.toString() })
          Object.defineProperty(result, 'redirected', { value: redirects > 0 })
          return result
        } catch (error) {
          if (error instanceof HttpError) throw error
          if (timeout.aborted) {
            throw new HttpError('http.timeout', `No complete answer within ${timeoutMs} ms`, {
              cause: error,
              retryable: true,
              ...text(
                'De andere server antwoordde niet op tijd.',
                'The other server did not answer in time.',
              ),
            })
          }
          if (signal.aborted) {
            throw new HttpError('http.aborted', 'The request was cancelled', {
              cause: error,
              ...text('Het verzoek is afgebroken.', 'The request was cancelled.'),
            })
          }
          throw new HttpError('http.connection_failed', `Could not reach ${url.host}`, {
            cause: error,
            retryable: true,
            ...text(
              `De server ${url.host} is niet bereikbaar.`,
              `The server ${url.host} could not be reached.`,
            ),
          })
        }
      }
    },
  }
}
