import type { Duration } from '@temporalio/common'
import type { z } from 'zod'
import type { CredentialKind } from './credentials.js'
import type { NodeHttp } from './http.js'
import type { LocalizedText } from './i18n.js'
import type { InlineOperation } from './inline.js'
import type { FlowDefinition } from './model.js'
import type { RecordStore } from './records.js'
import type { FlowProblem } from './validate.js'

/**
 * What a config field may carry in its zod `.meta()`, beside zod's own `title` and
 * `description`: a label and a help text in Dutch and English. The node catalogue's JSON Schema
 * keeps them as `label` and `help`, and the editor's settings form shows them.
 *
 * @example
 * maxWords: z.number().int().default(120).meta({
 *   label: { nl: 'Hoogstens zoveel woorden', en: 'At most this many words' },
 *   help: { nl: 'Hoe lang de samenvatting mag zijn.', en: 'How long the summary may be.' },
 * })
 */
// A type, not an interface, so a `FieldMeta` value fits zod's `.meta()` (which has an index signature).
export type FieldMeta = {
  /** The field's name in the form, in B1 Dutch and in English. */
  label?: LocalizedText
  /** One or two sentences under the field: what it does, with an example. */
  help?: LocalizedText
}

declare module 'zod' {
  // Declaration merging: makes `.meta({ label, help })` type-checked on every zod schema.
  interface GlobalMeta extends FieldMeta {}
}

/** Where a node sits in the palette. */
export type NodeCategory = 'trigger' | 'ai' | 'privacy' | 'matching' | 'data' | 'notify' | 'control' | 'logic'

/** Retry policy of a node's activity, in Temporal's terms. */
export interface NodeRetryPolicy {
  maximumAttempts?: number
  initialInterval?: Duration
  backoffCoefficient?: number
  maximumInterval?: Duration
}

/** Default timeouts and retries of a node type; a node instance may override them. */
export interface NodeActivityDefaults {
  /** How long one attempt may take. */
  startToCloseTimeout?: Duration
  /** How long the node may go without a heartbeat before the attempt counts as lost. */
  heartbeatTimeout?: Duration
  retry?: NodeRetryPolicy
  /**
   * Run as a Temporal local activity: for pure, fast nodes without side effects (mapping,
   * scoring). Much faster (see `pnpm bench:engine`), but retried inside the workflow task, so
   * an attempt must finish in seconds; heartbeats are ignored.
   */
  local?: boolean
  /**
   * The node's `execute` does exactly this pure operation of the engine (see {@link InlineOperation}),
   * so the interpreter may run it inside the workflow: no activity and no history events of its
   * own, replayed deterministically. A function decides per node from its raw config (e.g. only
   * a trigger without fields to check). Inputs that are not plain objects still go to `execute`.
   */
  inline?: InlineOperation | ((config: Record<string, unknown>) => InlineOperation | undefined)
}

/**
 * The categories of personal data the processing register (AVG art. 30) lists: `free-text` is
 * text a person wrote (a request for help, notes), which may hold special categories such as
 * health; `profile` is availability, languages and skills.
 */
export const personalDataCategories = [
  'name',
  'email',
  'phone',
  'address',
  'birthdate',
  'bsn',
  'bank-account',
  'free-text',
  'profile',
] as const
/** One of {@link personalDataCategories}. */
export type PersonalDataCategory = (typeof personalDataCategories)[number]

/** Whose personal data a node handles: clients (and people asking for help), volunteers, staff. */
export const dataSubjects = ['clients', 'volunteers', 'staff'] as const
/** One of {@link dataSubjects}. */
export type DataSubject = (typeof dataSubjects)[number]

/** Where a node sends data, for the processing register. */
export interface DataRecipient {
  kind: 'ai' | 'email' | 'webhook' | 'http'
  /** The secret slot whose credential says where the data goes (the AI service's location, the mail server). */
  slot?: string
  /** The host the node's config names, e.g. of a webhook URL. */
  host?: string
}

/** What one node instance contributes to the processing register, from its config. */
export interface PersonalDataRegisterEntry {
  categories?: readonly PersonalDataCategory[]
  subjects?: readonly DataSubject[]
  recipients?: readonly DataRecipient[]
  /**
   * `pseudonymise`: the node replaces personal data by placeholders, so nodes after it get none;
   * `restore`: it puts the real data back.
   */
  safeguard?: 'pseudonymise' | 'restore'
}

/** What a node declares about personal data, for the privacy badge and the processing register. */
// biome-ignore lint/suspicious/noExplicitAny: the config type comes from the node's schema
export interface PersonalDataDeclaration<Config = any> {
  /** Input fields that may hold personal data. */
  reads?: readonly string[]
  /** Whether the node sends data outside the organisation. */
  sendsOutside?: 'never' | 'always' | 'when-endpoint-external'
  /**
   * For the processing register: which personal data of whom the node processes and where it
   * sends it, from its parsed config. Pure and bounded by the size of the config.
   *
   * @example
   * register: (config) => ({ categories: ['email'], recipients: [{ kind: 'webhook', host: new URL(config.url).hostname }] })
   */
  register?: (config: Config) => PersonalDataRegisterEntry
}

/**
 * A node instance's {@link PersonalDataRegisterEntry}: its declaration's `register` on the config
 * parsed by the node's schema. Empty when the node declares none or the config does not parse.
 *
 * @example
 * registerEntryOf(registry.get('email.send', 1)!, node.config).recipients // [{ kind: 'email', slot: 'smtp' }]
 */
export function registerEntryOf(definition: AnyNodeDefinition, config: unknown): PersonalDataRegisterEntry {
  const register = definition.personalData?.register
  if (!register) return {}
  const parsed = (definition.config as z.ZodType).safeParse(config ?? {})
  if (!parsed.success) return {}
  return register(parsed.data)
}

/** A log line a node writes; bound to run and node by the engine. Never put personal data in it. */
export interface NodeLogger {
  debug(message: string, fields?: Record<string, unknown>): void
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

/** Where a node runs: which flow, which version, which run, which node. */
export interface NodeRunInfo {
  flowId: string
  flowVersion: number
  runId: string
  nodeId: string
  /** The team the run belongs to, when known: nodes that read team data stay inside it. */
  teamId?: string
}

/**
 * Access to the secrets a node declared, and only those. A declared name is a slot; the flow
 * decides which stored credential fills it (see `FlowNode.credentials`). `Slot` is the union of
 * the declared names, so asking for an undeclared one does not compile; a node without
 * `secrets` gets `never` and cannot ask at all.
 *
 * @example
 * // In a node declaring `secrets: ['apiKey']`:
 * const key = await ctx.secrets.get('apiKey')
 * // ctx.secrets.get('other') is a compile error.
 */
export interface NodeSecrets<Slot extends string = string> {
  /** Returns the secret's value; throws when the node did not declare `name` or it is not set. */
  get(name: Slot): Promise<string>
  /** Like `get`, but undefined when no credential is configured (e.g. to fall back to an offline method). */
  find(name: Slot): Promise<string | undefined>
}

/**
 * Everything a node's `execute` receives. `input` and `config` are already validated against
 * the node's schemas, so their types are exact.
 */
export interface NodeContext<Input, Config, Slot extends string = string> {
  input: Input
  config: Config
  log: NodeLogger
  /** The secrets of the slots the node declared in `secrets`, typed to those names. */
  secrets: NodeSecrets<Slot>
  /** Tells Temporal the node is still alive; call it during long work. */
  heartbeat(details?: unknown): void
  /** Aborted when the run is cancelled or the attempt timed out. */
  signal: AbortSignal
  /** 1 for the first attempt, 2 for the first retry, and so on. */
  attempt: number
  run: NodeRunInfo
  /** Stable across retries of this node in this run: use it to make side effects idempotent. */
  idempotencyKey: string
  /**
   * `fetch` for calling other systems: refuses local, private and cloud-metadata addresses
   * unless configuration allows them, re-checks redirects, and aborts with `signal`.
   */
  http: NodeHttp
  /**
   * Warmflow's own tables (volunteers, clients, intakes, …), when the worker has a database.
   * Undefined otherwise: nodes that need it fail with a clear error.
   */
  records?: RecordStore
}

/** An output port of a node: edges leave a node from one of its ports. */
export interface NodePort {
  /** Stable id used in edges (`sourcePort`), e.g. `out`, `true`, `approved`. */
  id: string
  title: LocalizedText
}

/** An expression inside a node's config, so validation can check it parses and what it references. */
export interface NodeExpression {
  /** Where in the config the expression is, e.g. `['cases', 0, 'when']`. */
  path: (string | number)[]
  source: string
}

/** One field of start data that does not fit a trigger's fields, in Dutch and English. */
export interface StartInputProblem {
  /** The name of the field in the start data. */
  field: string
  message: LocalizedText
}

/**
 * The start data a trigger takes, as its config describes it: a JSON Schema (a public form is
 * rendered from it, with `x-label` and `x-help` in Dutch and English) and a check of data
 * against it.
 */
export interface StartInputSpec {
  /** JSON Schema of the start data. */
  schema: Record<string, unknown>
  /** Every problem of the data; empty when it fits. */
  validate(input: unknown): StartInputProblem[]
}

/**
 * When a scheduled trigger starts its flow: a cron expression or an interval (exactly one), in a
 * time zone, with the data each run starts with. The API keeps a Temporal Schedule to it.
 */
export interface StartSchedule {
  /** Five fields: minute hour day month weekday, e.g. `0 9 * * 1-5`. */
  cron?: string | undefined
  /** Every so many minutes, instead of `cron`. */
  everyMinutes?: number | undefined
  /** An IANA time zone, e.g. `Europe/Amsterdam`. */
  timezone: string
  /** The data each run starts with. */
  input: Record<string, unknown>
  /** True: the schedule is kept but starts nothing. */
  paused: boolean
}

/**
 * A problem a plugin's flow check finds: `error` blocks publishing and test runs, `warning` is
 * shown and allows them.
 */
export interface FlowCheckProblem extends FlowProblem {
  severity: 'error' | 'warning'
}

/**
 * A check over a whole flow that a plugin's nodes need beyond their own config (the built-in
 * nodes check that AI nodes only get pseudonymised text). It must be pure and bounded by the
 * size of the flow.
 */
export type FlowCheck = (flow: FlowDefinition) => readonly FlowCheckProblem[]

/** The shape a node author writes; see {@link defineNode}. */
export interface NodeSpec<
  Input extends z.ZodType,
  Config extends z.ZodType,
  Output extends z.ZodType,
  Slot extends string = string,
> {
  /** Dotted lower-case type, e.g. `ai.summarise`. */
  type: string
  /** Bump when config, input or output change incompatibly; old flows keep the old version. */
  version: number
  title: LocalizedText
  description?: LocalizedText
  category: NodeCategory
  /** An icon name from the editor's icon set. */
  icon?: string
  input: Input
  config: Config
  output: Output
  /** Names of the secrets `ctx.secrets.get` may return; `ctx.secrets` is typed to them. */
  secrets?: readonly Slot[]
  personalData?: PersonalDataDeclaration<z.output<Config>>
  activity?: NodeActivityDefaults
  /**
   * The node's output ports. Defaults to one port, `out`. A function receives the parsed config,
   * for nodes whose ports depend on it (a switch has one port per case). Every node also has the
   * implicit `error` port: connect it to route a failure onward instead of failing the run.
   */
  outputs?: readonly NodePort[] | ((config: z.output<Config>) => readonly NodePort[])
  /** The JSONata expressions in a config, for validation (parse and upstream references). */
  expressions?: (config: z.output<Config>) => readonly NodeExpression[]
  /**
   * Turns the config of an older version of this node type into this version's config, so
   * `upgradeNode` can offer an upgrade that keeps the designer's settings. Without it, settings
   * with the same name are kept and new ones get their defaults.
   *
   * @example
   * upgradeConfig: (old) => ({ endpoint: old.baseUrl, timeoutSeconds: old.timeoutSeconds })
   */
  upgradeConfig?: (config: Record<string, unknown>, fromVersion: number) => z.input<Config>
  /**
   * For a trigger: the start data it takes, from its parsed config, or undefined when it takes
   * any data. The API checks a start against it before the run starts (400 naming each field)
   * and serves a public form's schema from it.
   *
   * @example
   * startInput: (config) => ({ schema: toJsonSchema(config.fields), validate: (data) => check(config.fields, data) })
   */
  startInput?: (config: z.output<Config>) => StartInputSpec | undefined
  /**
   * For a trigger that starts its flow on a schedule: when, from its parsed config. Publishing a
   * flow with such a trigger keeps a Temporal Schedule to it.
   *
   * @example
   * schedule: (config) => ({ cron: config.cron, timezone: 'Europe/Amsterdam', input: {}, paused: false })
   */
  schedule?: (config: z.output<Config>) => StartSchedule
  execute(
    ctx: NodeContext<z.output<Input>, z.output<Config>, Slot>,
  ): Promise<z.input<Output>> | z.input<Output>
}

/** Marks objects made by {@link defineNode}, so a loader can tell them from anything else. */
export const nodeDefinitionBrand: unique symbol = Symbol.for('warmflow.node')

/** A node as the registry holds it: the spec plus its registry key. */
export interface NodeDefinition<
  Input extends z.ZodType = z.ZodType,
  Config extends z.ZodType = z.ZodType,
  Output extends z.ZodType = z.ZodType,
  Slot extends string = string,
> extends NodeSpec<Input, Config, Output, Slot> {
  readonly [nodeDefinitionBrand]: true
  /** `type@version`, the registry key. */
  readonly key: string
}

/** A node definition with its schema types erased, as collections hold them. */
// biome-ignore lint/suspicious/noExplicitAny: erasing the generic is the point of this alias
export type AnyNodeDefinition = NodeDefinition<any, any, any, any>

/**
 * The secret slot names a node definition declared, e.g. `'ai'` for the AI nodes.
 *
 * @example
 * type Slots = SecretSlotsOf<typeof summariseNode> // 'ai'
 */
// biome-ignore lint/suspicious/noExplicitAny: only the slot parameter matters here
export type SecretSlotsOf<Node> = Node extends NodeDefinition<any, any, any, infer Slot> ? Slot : string

/**
 * Defines a node. The types of `ctx.input` and `ctx.config` flow from the zod schemas into
 * `execute` without casts, the return value must match `output`, and `ctx.secrets` accepts
 * only the names listed in `secrets`.
 *
 * @example
 * import { z } from 'zod'
 * export const greet = defineNode({
 *   type: 'example.greet', version: 1, category: 'logic',
 *   title: { nl: 'Begroeten', en: 'Greet' },
 *   input: z.object({ name: z.string() }),
 *   config: z.object({ greeting: z.string().default('Hallo') }),
 *   output: z.object({ message: z.string() }),
 *   execute: ({ input, config }) => ({ message: `${config.greeting} ${input.name}` }),
 * })
 */
export function defineNode<
  Input extends z.ZodType,
  Config extends z.ZodType,
  Output extends z.ZodType,
  const Slot extends string = never,
>(spec: NodeSpec<Input, Config, Output, Slot>): NodeDefinition<Input, Config, Output, Slot> {
  if (!/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/.test(spec.type)) {
    throw new TypeError(`Node type "${spec.type}" must be lower-case words separated by dots`)
  }
  if (!Number.isInteger(spec.version) || spec.version < 1) {
    throw new TypeError(`Node ${spec.type} needs a whole version number of 1 or more`)
  }
  return Object.freeze({ ...spec, [nodeDefinitionBrand]: true as const, key: `${spec.type}@${spec.version}` })
}

/** The port a node uses when it declares none. */
export const defaultOutputPort: NodePort = { id: 'out', title: { nl: 'Verder', en: 'Next' } }

/** The implicit port every node has: a failure (`{ code, message }`) leaves through it when connected. */
export const errorOutputPort: NodePort = { id: 'error', title: { nl: 'Bij een fout', en: 'On error' } }

/**
 * The output ports of a node instance, given its parsed config, including the implicit `error` port.
 *
 * @example
 * outputPortsOf(conditionNode, { expression: 'age > 18' }).map((p) => p.id) // ['true', 'false', 'error']
 */
export function outputPortsOf(definition: AnyNodeDefinition, config: unknown): NodePort[] {
  const declared = definition.outputs
  const ports =
    declared === undefined
      ? [defaultOutputPort]
      : typeof declared === 'function'
        ? [...(declared as (config: unknown) => readonly NodePort[])(config)]
        : [...declared]
  return ports.some((port) => port.id === errorOutputPort.id) ? ports : [...ports, errorOutputPort]
}

/** A set of nodes shipped together, e.g. as an npm package. */
export interface PluginSpec {
  /** The package name, e.g. `@zorg-utrecht/warmflow-client-registry`. */
  name: string
  version: string
  /**
   * The engine versions this plugin works with, as an npm semver range such as `^0.1.0`.
   * Warmflow refuses to load the plugin into an engine outside it (`assertPluginCompatible`).
   */
  engine?: string
  nodes: readonly AnyNodeDefinition[]
  /**
   * Checks over a whole flow, run by the API when a draft is validated, test-run or published.
   * `error` problems refuse publishing and test runs; `warning`s are shown.
   */
  checks?: readonly FlowCheck[]
  /**
   * The forms for this plugin's secret slots. The API offers a form for each slot a loaded node
   * declares; a slot no plugin describes gets one secret value.
   */
  credentials?: readonly CredentialKind[]
}

/** Marks objects made by {@link definePlugin}. */
export const pluginBrand: unique symbol = Symbol.for('warmflow.plugin')

/** A plugin as the registry loads it. */
export interface Plugin extends PluginSpec {
  readonly [pluginBrand]: true
}

/**
 * Bundles nodes into a plugin. A plugin package exports the result as `plugin`.
 *
 * @example
 * export const plugin = definePlugin({ name: 'warmflow-example', version: '1.0.0', engine: '^0.1.0', nodes: [greet] })
 */
export function definePlugin(spec: PluginSpec): Plugin {
  return Object.freeze({ ...spec, [pluginBrand]: true as const })
}

/** True for objects made by {@link definePlugin}. */
export function isPlugin(value: unknown): value is Plugin {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[pluginBrand] === true
  )
}
