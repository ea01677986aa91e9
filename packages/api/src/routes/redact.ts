import type { FlowDefinition, NodeRegistry, RunProgress } from '@warmflow/engine'

/** What replaces a hidden value. */
export const redactedValue = '[redacted]'

function redactAll(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactAll)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactAll(v)]))
  }
  return value === null || value === undefined ? value : redactedValue
}

function redactKeys(value: unknown, keys: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => redactKeys(v, keys))
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, keys.has(k) ? redactAll(v) : redactKeys(v, keys)]),
    )
  }
  return value
}

function collectStrings(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) for (const v of value) collectStrings(v, into)
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collectStrings(v, into)
  else if (typeof value === 'string' || typeof value === 'number') {
    const text = String(value).trim().toLowerCase()
    if (text.length >= 3) into.add(text)
  }
}

function personalValuesUnder(value: unknown, keys: ReadonlySet<string>, into: Set<string>): void {
  if (Array.isArray(value)) for (const v of value) personalValuesUnder(v, keys, into)
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (keys.has(k)) collectStrings(v, into)
      else personalValuesUnder(v, keys, into)
    }
  }
}

/** Hides every string that contains one of the personal values (e.g. a greeting with a name in it). */
function scrubValues(value: unknown, personal: readonly string[]): unknown {
  if (personal.length === 0) return value
  if (Array.isArray(value)) return value.map((v) => scrubValues(v, personal))
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValues(v, personal)]))
  }
  if (typeof value === 'string' || typeof value === 'number') {
    const text = String(value).toLowerCase()
    return personal.some((p) => text.includes(p)) ? redactedValue : value
  }
  return value
}

/** A run's or a node's error as the API shows it. */
export interface RunError {
  code?: string
  message: string
}

/**
 * What a viewer without `run:personal-data` sees of an error: its code and its kind. The kind
 * is the message up to the first colon or quote, where a message puts the value it is about
 * (`Unable to cast value to a number: "…"` → `Unable to cast value to a number`); a kind that
 * still holds one of the run's personal values is hidden whole.
 *
 * @example
 * redactRunError({ code: 'node.failed', message: 'Not a number: "Jan"' }) // { code, message: 'Not a number' }
 */
export function redactRunError<E extends RunError>(error: E, personal: readonly string[] = []): E {
  const kind = error.message.split(/[:"“”«»']/)[0]!.trim()
  const lower = kind.toLowerCase()
  const hidden = kind === '' || personal.some((p) => lower.includes(p))
  return { ...error, message: hidden ? redactedValue : kind }
}

/**
 * Hides personal data in a run's detail for viewers who may not see it, using the nodes'
 * `personalData` declarations: every field a node of the flow declares it reads is hidden
 * wherever it appears; the outputs of trigger nodes (what came in from outside) and of nodes
 * that read everything (`'*'`, such as pseudonymise and restore) are hidden whole; and any other
 * text that contains one of those values (a greeting with the name in it, the name in capitals)
 * is hidden too. A value transformed beyond recognition (initials, say) cannot be recognised;
 * seeing run details unredacted needs the `run:personal-data` permission. Errors, of the run and
 * of each node, keep their code and their kind only ({@link redactRunError}).
 *
 * @example
 * const shown = redactRunDetail(definition, registry, { output, nodes })
 */
export function redactRunDetail(
  definition: FlowDefinition | undefined,
  registry: NodeRegistry,
  detail: { output?: unknown; nodes?: RunProgress['nodes'] | undefined; error?: RunError | undefined },
): {
  output: unknown
  nodes: RunProgress['nodes'] | undefined
  error?: RunError
  redacted: true
} {
  const keys = new Set<string>()
  const whole = new Set<string>()
  for (const node of definition?.nodes ?? []) {
    const type = registry.get(node.type, node.version)
    // Unknown types are treated as reading everything.
    const reads = type ? (type.personalData?.reads ?? []) : ['*']
    if (!type || type.category === 'trigger' || reads.includes('*')) whole.add(node.id)
    for (const field of reads) if (field !== '*') keys.add(field)
  }
  const personalSet = new Set<string>()
  for (const [id, state] of Object.entries(detail.nodes ?? {})) {
    if (whole.has(id)) collectStrings(state.output, personalSet)
    else personalValuesUnder(state.output, keys, personalSet)
  }
  personalValuesUnder(detail.output, keys, personalSet)
  const personal = [...personalSet]
  let nodes: RunProgress['nodes'] | undefined
  if (detail.nodes) {
    nodes = {}
    for (const [id, state] of Object.entries(detail.nodes)) {
      const hidden = definition === undefined || whole.has(id)
      let shown = state.error ? { ...state, error: redactRunError(state.error, personal) } : state
      if (state.output !== undefined) {
        shown = {
          ...shown,
          output: hidden ? redactAll(state.output) : scrubValues(redactKeys(state.output, keys), personal),
        }
      }
      nodes[id] = shown
    }
  }
  return {
    output:
      definition === undefined
        ? redactAll(detail.output)
        : scrubValues(redactKeys(detail.output, keys), personal),
    nodes,
    ...(detail.error ? { error: redactRunError(detail.error, personal) } : {}),
    redacted: true,
  }
}
