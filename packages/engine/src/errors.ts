import type { LocalizedText } from './i18n.js'

/** Options every Warmflow error accepts. */
export interface WarmflowErrorOptions {
  /** Whether trying the same thing again may succeed. */
  retryable?: boolean
  /** The error that led to this one. */
  cause?: unknown
  /** A message for people, in Dutch and English. Defaults to the English message twice. */
  text?: LocalizedText
  /** Extra machine-readable facts (never personal data). */
  details?: Record<string, unknown>
}

/**
 * Base class of every error Warmflow raises on purpose: a stable `code`, a `retryable` flag,
 * a bilingual text and an optional `cause`.
 *
 * @example
 * throw new WarmflowError('flow.not_found', 'Flow not found', {
 *   text: { nl: 'Deze flow bestaat niet.', en: 'This flow does not exist.' },
 * })
 */
export class WarmflowError extends Error {
  readonly code: string
  readonly retryable: boolean
  readonly text: LocalizedText
  readonly details: Record<string, unknown> | undefined

  constructor(code: string, message: string, options: WarmflowErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = code
    this.retryable = options.retryable ?? false
    this.text = options.text ?? { nl: message, en: message }
    this.details = options.details
  }
}

/**
 * The error a node throws to say what went wrong. The engine turns it into a Temporal failure
 * that is retried only when `retryable` is true.
 *
 * @example
 * throw new NodeError('registry.unavailable', 'Client registry did not answer', { retryable: true })
 */
export class NodeError extends WarmflowError {}
