import { SMTPServer } from 'smtp-server'

/** A message the test SMTP server accepted. */
export interface ReceivedMail {
  from: string
  to: string[]
  /** The raw message (headers and body) as the client sent it. */
  raw: string
  headers: Record<string, string>
  subject: string
  messageId: string
  /** The body of a single-part message, decoded (quoted-printable or base64); raw for multipart. */
  text: string
}

/** A real SMTP server on 127.0.0.1 for tests, with what it received. */
export interface TestSmtpServer {
  host: string
  port: number
  /** Messages accepted (after the server answered 250), in order. */
  messages: ReceivedMail[]
  /** The credential JSON `email.send` expects for this server. */
  credential(from?: string): string
  /** Messages whose data arrived, including ones whose answer is being held back. */
  arrived: ReceivedMail[]
  /** Waits until `count` messages arrived. */
  waitForArrivals(count: number, timeoutMs?: number): Promise<void>
  stop(): Promise<void>
}

/** Options for {@link startSmtpServer}. */
export interface SmtpServerOptions {
  user?: string
  pass?: string
  /**
   * Called once a message's data arrived and before the server answers. Return a promise to
   * hold the answer (e.g. while a test kills the client). The message counts as delivered once
   * this resolves, as with a real mail server.
   */
  beforeAccept?: (mail: ReceivedMail) => Promise<void> | void
  /** Called when a client logs in, before the server answers; return a promise to hold the login. */
  beforeLogin?: () => Promise<void> | void
  /** Answer with this SMTP error instead of accepting, e.g. `{ code: 451, message: 'try later' }`. */
  reject?: (mail: ReceivedMail) => { code: number; message: string } | undefined
}

function parseHeaders(raw: string): Record<string, string> {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? ''
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ')
  const headers: Record<string, string> = {}
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return headers
}

/** Decodes the body of a single-part message into text. */
function decodeBody(raw: string, headers: Record<string, string>): string {
  const split = raw.search(/\r?\n\r?\n/)
  const body = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '')
  const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase()
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
  if (encoding !== 'quoted-printable') return body
  const joined = body.replace(/=\r?\n/g, '')
  const bytes: number[] = []
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(joined.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(joined.slice(i + 1, i + 3), 16))
      i += 2
    } else {
      bytes.push(...Buffer.from(joined[i]!, 'utf8'))
    }
  }
  return Buffer.from(bytes).toString('utf8').replace(/\r\n/g, '\n')
}

/** Decodes an RFC 2047 encoded-word subject (`=?UTF-8?Q?…?=` or `?B?`). */
function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=\s*/g, (_m, _charset, enc: string, text: string) => {
    if (enc.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8')
    const bytes = text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, hex: string) => `%${hex}`)
    return decodeURIComponent(bytes)
  })
}

/**
 * Starts a real SMTP server (the `smtp-server` package) on 127.0.0.1 with a free port. It asks
 * for a login and records every message.
 *
 * @example
 * const smtp = await startSmtpServer()
 * await runNode(emailSendNode, { secrets: { smtp: smtp.credential() }, … })
 * expect(smtp.messages).toHaveLength(1)
 */
export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<TestSmtpServer> {
  const user = options.user ?? 'warmflow'
  const pass = options.pass ?? 'geheim-test-wachtwoord'
  const messages: ReceivedMail[] = []
  const arrived: ReceivedMail[] = []
  const server = new SMTPServer({
    secure: false,
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      void Promise.resolve(options.beforeLogin?.()).then(() => {
        if (auth.username === user && auth.password === pass) return callback(null, { user })
        return callback(new Error('Invalid username or password'))
      })
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        const headers = parseHeaders(raw)
        const mail: ReceivedMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          headers,
          subject: decodeWords(headers.subject ?? ''),
          messageId: headers['message-id'] ?? '',
          text: decodeBody(raw, headers),
        }
        arrived.push(mail)
        const rejection = options.reject?.(mail)
        if (rejection) {
          const error = new Error(rejection.message) as Error & { responseCode: number }
          error.responseCode = rejection.code
          return callback(error)
        }
        try {
          await options.beforeAccept?.(mail)
        } catch (error) {
          return callback(error as Error)
        }
        messages.push(mail)
        callback()
      })
    },
  })
  server.on('error', () => {
    // A client that disappears mid-message (a killed worker) is expected in tests.
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const address = server.server.address()
  if (!address || typeof address === 'string') throw new Error('SMTP server has no port')
  return {
    host: '127.0.0.1',
    port: address.port,
    messages,
    arrived,
    credential: (from = 'Warmflow <noreply@warmflow.test>') =>
      JSON.stringify({ host: '127.0.0.1', port: address.port, secure: false, user, pass, from }),
    async waitForArrivals(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs
      while (arrived.length < count) {
        if (Date.now() > deadline) throw new Error(`only ${arrived.length} of ${count} messages arrived`)
        await new Promise((r) => setTimeout(r, 50))
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
