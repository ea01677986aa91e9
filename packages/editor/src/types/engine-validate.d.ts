// Types of the engine's `validate.ts`, which Vite bundles into the designer through the
// `@warmflow/engine/validate` alias (see vite.config.ts). The editor's type check does not
// follow that file into the engine, whose Node-only modules do not compile against the DOM
// library; the engine's own tests check the implementation.
declare module '@warmflow/engine/validate' {
  /** One thing wrong with a flow, as the engine reports it. */
  export interface FlowProblem {
    code: string
    nodeId?: string
    edgeId?: string
    path?: (string | number)[]
    message: { nl: string; en: string }
  }
  /** The outcome of {@link validateFlow}. */
  export type FlowValidation =
    | { ok: true; flow: unknown; problems: [] }
    | { ok: false; flow: unknown; problems: FlowProblem[] }
  /** The registry lookups validation needs. */
  export interface ValidationRegistry {
    get(type: string, version: number): unknown
    list(): unknown[]
    plugins(): readonly unknown[]
  }
  /** The engine's flow validation: the same function the API runs. */
  export function validateFlow(input: unknown, registry: ValidationRegistry): FlowValidation
}

declare module '@warmflow/engine/expressions' {
  /** Evaluates a JSONata expression with the engine's time, depth and size limits. */
  export function evaluateExpression(
    source: string,
    data: unknown,
    bindings?: Record<string, unknown>,
  ): Promise<unknown>
}
