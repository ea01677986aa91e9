import jsonata from 'jsonata'
import type { z } from 'zod'
import { ExpressionError, parseExpression } from './expressions.js'
import type { LocalizedText } from './i18n.js'
import { type FlowDefinition, flowDefinitionSchema } from './model.js'
import { type NodeExpression, type NodePort, outputPortsOf } from './node.js'
import type { NodeRegistry } from './registry.js'

/** One thing wrong with a flow, said so that a designer understands it. */
export interface FlowProblem {
  /** Stable machine-readable code, e.g. `node.unknown_type`. */
  code: string
  /** The node the problem is about, if any. */
  nodeId?: string
  /** The edge the problem is about, if any. */
  edgeId?: string
  /** Where in the flow JSON (or the node's config) the problem is. */
  path?: (string | number)[]
  message: LocalizedText
}

/** The outcome of {@link validateFlow}. */
export type FlowValidation =
  | { ok: true; flow: FlowDefinition; problems: [] }
  | { ok: false; flow: FlowDefinition | undefined; problems: FlowProblem[] }

function zodProblems(error: z.ZodError, code: string, extra: Partial<FlowProblem>, prefix: LocalizedText) {
  return error.issues.map(
    (issue): FlowProblem => ({
      code,
      ...extra,
      path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
      message: {
        nl: `${prefix.nl}${issue.path.length ? ` (${issue.path.join('.')})` : ''}: ${issue.message}`,
        en: `${prefix.en}${issue.path.length ? ` (${issue.path.join('.')})` : ''}: ${issue.message}`,
      },
    }),
  )
}

/**
 * The node ids an expression reads through `$nodes.<id>`. A bare `$nodes` (e.g. `$lookup($nodes, x)`)
 * cannot be checked and is not reported.
 *
 * @example
 * expressionNodeReferences('$nodes.intake.name & $nodes.match.volunteer') // ['intake', 'match']
 */
export function expressionNodeReferences(source: string): string[] {
  const found = new Set<string>()
  const visit = (value: unknown) => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item)
      return
    }
    if (value === null || typeof value !== 'object') return
    const node = value as { type?: unknown; steps?: unknown }
    if (node.type === 'path' && Array.isArray(node.steps)) {
      const steps = node.steps as { type?: unknown; value?: unknown }[]
      steps.forEach((step, index) => {
        const next = steps[index + 1]
        if (step.type === 'variable' && step.value === 'nodes' && next?.type === 'name') {
          found.add(String(next.value))
        }
      })
    }
    for (const child of Object.values(value)) visit(child)
  }
  visit(jsonata(source).ast())
  return [...found]
}

/** History events a run may write before Temporal starts warning (it refuses at 51,200). */
export const maxHistoryEvents = 10_000

const historyEventsPerNode: Record<string, number> = {
  condition: 0,
  switch: 0,
  merge: 0,
  respond: 0,
  // a timer (2) and the workflow task that wakes up (3)
  wait: 5,
  // create (3), two reminders and an escalation (3 × 5), expiry (3), an accepted update with its
  // store write (2 + 3), and the workflow tasks in between (5 × 3)
  'human.task': 41,
}

/**
 * The most history events a run of this flow can write: every node is a bounded number of events
 * (an activity with its workflow task 6, a human task at most 41), and flows have no loops, so a
 * run's history is bounded by its graph. {@link validateFlow} refuses flows above
 * {@link maxHistoryEvents}, so no run needs continue-as-new.
 *
 * @example
 * estimateHistoryEvents(flow) // 6 × plugin nodes + 41 × human tasks + … + 10
 */
export function estimateHistoryEvents(flow: Pick<FlowDefinition, 'nodes'>): number {
  return flow.nodes.reduce((sum, node) => sum + (historyEventsPerNode[node.type] ?? 6), 10)
}

/**
 * Finds ordinary nodes (not `merge`) fed by branches that exclude each other — e.g. both ports of
 * one condition. Such a node waits for all its inputs, so it would always be skipped.
 */
function exclusiveJoins(
  flow: FlowDefinition,
  nodesById: Map<string, FlowDefinition['nodes'][number]>,
  ports: Map<string, NodePort[]>,
): FlowProblem[] {
  // For every edge: the (node, port) choices that every path to it passes through.
  const incoming = new Map<string, FlowDefinition['edges']>()
  for (const edge of flow.edges) incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), edge])
  const mustNode = new Map<string, Map<string, string>>()
  const mustEdge = (edge: FlowDefinition['edges'][number]): Map<string, string> => {
    const through = new Map(visit(edge.source))
    through.set(edge.source, edge.sourcePort)
    return through
  }
  const visit = (nodeId: string): Map<string, string> => {
    const known = mustNode.get(nodeId)
    if (known) return known
    mustNode.set(nodeId, new Map())
    const edges = (incoming.get(nodeId) ?? []).filter((e) => nodesById.has(e.source))
    let common: Map<string, string> | undefined
    for (const edge of edges) {
      const through = mustEdge(edge)
      common = common ? new Map([...common].filter(([id, port]) => through.get(id) === port)) : through
    }
    mustNode.set(nodeId, common ?? new Map())
    return mustNode.get(nodeId)!
  }
  const problems: FlowProblem[] = []
  for (const node of flow.nodes) {
    if (node.type === 'merge') continue
    const edges = (incoming.get(node.id) ?? []).filter((e) => nodesById.has(e.source))
    const seen = new Map<string, string>()
    let clash: { at: string; ports: [string, string] } | undefined
    for (const edge of edges) {
      for (const [at, port] of mustEdge(edge)) {
        const other = seen.get(at)
        if (other !== undefined && other !== port) clash ??= { at, ports: [other, port] }
        seen.set(at, port)
      }
    }
    if (!clash) continue
    const { at } = clash
    const title = (id: string, language: 'nl' | 'en') =>
      ports.get(at)?.find((p) => p.id === id)?.title[language] ?? id
    problems.push({
      code: 'node.exclusive_inputs',
      nodeId: node.id,
      message: {
        nl: `Blok "${node.id}" krijgt invoer van paden die elkaar uitsluiten (na "${at}": "${title(clash.ports[0], 'nl')}" en "${title(clash.ports[1], 'nl')}"). Het wacht op alle paden en wordt dus altijd overgeslagen. Zet er een blok "Samenvoegen" voor.`,
        en: `Node "${node.id}" gets input from paths that exclude each other (after "${at}": "${clash.ports[0]}" and "${clash.ports[1]}"). It waits for all of them, so it is always skipped. Put a "Merge" node in front of it.`,
      },
    })
  }
  return problems
}

function findCycle(nodeIds: string[], next: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>()
  const stack: string[] = []
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined
    if (state.get(id) === 'visiting') return stack.slice(stack.indexOf(id))
    state.set(id, 'visiting')
    stack.push(id)
    for (const target of next.get(id) ?? []) {
      const cycle = visit(target)
      if (cycle) return cycle
    }
    stack.pop()
    state.set(id, 'done')
    return undefined
  }
  for (const id of nodeIds) {
    const cycle = visit(id)
    if (cycle) return cycle
  }
  return undefined
}

/**
 * Checks a flow and returns every problem at once, each with a code and a plain Dutch and
 * English message. The editor and the API use this same function, so they always agree.
 *
 * @example
 * const result = validateFlow(json, registry)
 * if (!result.ok) for (const p of result.problems) console.log(p.message.nl)
 */
export function validateFlow(input: unknown, registry: NodeRegistry): FlowValidation {
  const parsed = flowDefinitionSchema.safeParse(input)
  if (!parsed.success) {
    return {
      ok: false,
      flow: undefined,
      problems: zodProblems(
        parsed.error,
        'flow.schema',
        {},
        { nl: 'De flow is niet compleet', en: 'The flow is incomplete' },
      ),
    }
  }
  const flow = parsed.data
  const problems: FlowProblem[] = []
  const nodesById = new Map<string, FlowDefinition['nodes'][number]>()
  for (const node of flow.nodes) {
    if (nodesById.has(node.id)) {
      problems.push({
        code: 'node.duplicate_id',
        nodeId: node.id,
        message: {
          nl: `Er zijn twee blokken met de naam "${node.id}". Geef elk blok een eigen naam.`,
          en: `Two nodes are called "${node.id}". Give each node its own id.`,
        },
      })
    }
    nodesById.set(node.id, node)
  }

  const triggers: string[] = []
  const ports = new Map<string, NodePort[]>()
  const expressions: { nodeId: string; expression: NodeExpression }[] = []
  for (const node of flow.nodes) {
    for (const [field, source] of Object.entries(node.input ?? {})) {
      expressions.push({ nodeId: node.id, expression: { path: ['input', field], source } })
    }
  }
  for (const node of flow.nodes) {
    const definition = registry.get(node.type, node.version)
    if (!definition) {
      problems.push({
        code: 'node.unknown_type',
        nodeId: node.id,
        message: {
          nl: `Blok "${node.label ?? node.id}" gebruikt het type ${node.type} versie ${node.version}. Dat type kent Warmflow niet. Is een plugin niet geladen?`,
          en: `Node "${node.label ?? node.id}" uses type ${node.type} version ${node.version}, which Warmflow does not know. Is a plugin missing?`,
        },
      })
      continue
    }
    if (definition.category === 'trigger') triggers.push(node.id)
    const config = definition.config.safeParse(node.config)
    if (!config.success) {
      problems.push(
        ...zodProblems(
          config.error,
          'node.invalid_config',
          { nodeId: node.id },
          {
            nl: `De instellingen van blok "${node.label ?? node.id}" kloppen niet`,
            en: `The settings of node "${node.label ?? node.id}" are not valid`,
          },
        ),
      )
    } else {
      ports.set(node.id, outputPortsOf(definition, config.data))
      for (const expression of definition.expressions?.(config.data) ?? []) {
        expressions.push({
          nodeId: node.id,
          expression: { ...expression, path: ['config', ...expression.path] },
        })
      }
    }
  }

  for (const nodeId of Object.keys(flow.impact?.minutesByHandPerNode ?? {})) {
    if (nodesById.get(nodeId)?.type === 'human.task') continue
    problems.push({
      code: 'impact.not_a_human_task',
      nodeId,
      path: ['impact', 'minutesByHandPerNode', nodeId],
      message: {
        nl: `Bij "minuten met de hand" staat blok "${nodeId}", maar dat is geen taak voor een mens in deze flow. Haal die regel weg in de instellingen van de flow.`,
        en: `"Minutes by hand" names node "${nodeId}", which is not a human task in this flow. Remove that line in the flow's settings.`,
      },
    })
  }

  const edgeIds = new Set<string>()
  const next = new Map<string, string[]>()
  const incoming = new Map<string, number>()
  for (const edge of flow.edges) {
    if (edgeIds.has(edge.id)) {
      problems.push({
        code: 'edge.duplicate_id',
        edgeId: edge.id,
        message: {
          nl: `Twee verbindingen hebben de naam "${edge.id}".`,
          en: `Two edges are called "${edge.id}".`,
        },
      })
    }
    edgeIds.add(edge.id)
    const missing = [edge.source, edge.target].filter((id) => !nodesById.has(id))
    if (missing.length > 0) {
      problems.push({
        code: 'edge.dangling',
        edgeId: edge.id,
        message: {
          nl: `Een verbinding wijst naar een blok dat niet bestaat: ${missing.join(', ')}.`,
          en: `An edge points to a node that does not exist: ${missing.join(', ')}.`,
        },
      })
      continue
    }
    if (edge.source === edge.target) {
      problems.push({
        code: 'edge.self_loop',
        edgeId: edge.id,
        nodeId: edge.source,
        message: {
          nl: `Blok "${edge.source}" is met zichzelf verbonden. Dat kan niet.`,
          en: `Node "${edge.source}" is connected to itself.`,
        },
      })
      continue
    }
    const sourcePorts = ports.get(edge.source)
    if (sourcePorts && !sourcePorts.some((port) => port.id === edge.sourcePort)) {
      problems.push({
        code: 'edge.unknown_port',
        edgeId: edge.id,
        nodeId: edge.source,
        message: {
          nl: `Blok "${edge.source}" heeft geen uitgang "${edge.sourcePort}". Kies uit: ${sourcePorts.map((p) => p.title.nl).join(', ')}.`,
          en: `Node "${edge.source}" has no output "${edge.sourcePort}". Choose from: ${sourcePorts.map((p) => p.id).join(', ')}.`,
        },
      })
    }
    next.set(edge.source, [...(next.get(edge.source) ?? []), edge.target])
    incoming.set(edge.target, (incoming.get(edge.target) ?? 0) + 1)
  }

  if (triggers.length === 0 && !problems.some((p) => p.code === 'node.unknown_type')) {
    problems.push({
      code: 'flow.no_trigger',
      message: {
        nl: 'De flow heeft geen startblok. Voeg een trigger toe, zoals een formulier of "handmatig starten".',
        en: 'The flow has no trigger. Add one, such as a form or "manual start".',
      },
    })
  }
  if (triggers.length > 1) {
    problems.push({
      code: 'flow.multiple_triggers',
      message: {
        nl: `De flow heeft ${triggers.length} startblokken (${triggers.join(', ')}). Gebruik er één.`,
        en: `The flow has ${triggers.length} triggers (${triggers.join(', ')}). Use one.`,
      },
    })
  }
  for (const id of triggers) {
    if ((incoming.get(id) ?? 0) > 0) {
      problems.push({
        code: 'trigger.has_input',
        nodeId: id,
        message: {
          nl: `Startblok "${id}" heeft een inkomende verbinding. Een startblok begint de flow; er kan niets naartoe lopen.`,
          en: `Trigger "${id}" has an incoming edge. A trigger starts the flow; nothing can lead into it.`,
        },
      })
    }
  }

  const cycle = findCycle([...nodesById.keys()], next)
  if (cycle) {
    problems.push({
      code: 'flow.cycle',
      nodeId: cycle[0],
      message: {
        nl: `De blokken ${cycle.join(' → ')} vormen een rondje. Een flow moet steeds verder lopen.`,
        en: `The nodes ${cycle.join(' → ')} form a loop. A flow must always move forward.`,
      },
    })
  }

  if (triggers.length === 1) {
    const reached = new Set<string>()
    const queue = [...triggers]
    while (queue.length > 0) {
      const id = queue.shift()!
      if (reached.has(id)) continue
      reached.add(id)
      queue.push(...(next.get(id) ?? []))
    }
    for (const id of nodesById.keys()) {
      if (!reached.has(id)) {
        problems.push({
          code: 'node.unreachable',
          nodeId: id,
          message: {
            nl: `Blok "${id}" is niet verbonden met het startblok en wordt dus nooit uitgevoerd.`,
            en: `Node "${id}" is not connected to the trigger, so it never runs.`,
          },
        })
      }
    }
  }

  if (!cycle) problems.push(...exclusiveJoins(flow, nodesById, ports))

  const events = estimateHistoryEvents(flow)
  if (events > maxHistoryEvents) {
    problems.push({
      code: 'flow.too_large',
      message: {
        nl: `Deze flow is te groot: een run zou tot ${events} stappen in zijn geschiedenis schrijven (de grens is ${maxHistoryEvents}). Splits de flow in kleinere flows.`,
        en: `This flow is too large: a run could write up to ${events} history events (the limit is ${maxHistoryEvents}). Split it into smaller flows.`,
      },
    })
  }

  const upstream = (nodeId: string): Set<string> => {
    const seen = new Set<string>()
    const previous = new Map<string, string[]>()
    for (const edge of flow.edges)
      previous.set(edge.target, [...(previous.get(edge.target) ?? []), edge.source])
    const queue = [...(previous.get(nodeId) ?? [])]
    while (queue.length > 0) {
      const id = queue.shift()!
      if (seen.has(id)) continue
      seen.add(id)
      queue.push(...(previous.get(id) ?? []))
    }
    return seen
  }
  for (const { nodeId, expression } of expressions) {
    const where = expression.path.join('.')
    try {
      parseExpression(expression.source)
    } catch (error) {
      const text = error instanceof ExpressionError ? error.text : { nl: String(error), en: String(error) }
      problems.push({
        code: 'expression.syntax',
        nodeId,
        path: expression.path,
        message: {
          nl: `Blok "${nodeId}", formule ${where}: ${text.nl}`,
          en: `Node "${nodeId}", expression ${where}: ${text.en}`,
        },
      })
      continue
    }
    const before = upstream(nodeId)
    for (const reference of expressionNodeReferences(expression.source)) {
      if (before.has(reference)) continue
      problems.push({
        code: 'expression.not_upstream',
        nodeId,
        path: expression.path,
        message: nodesById.has(reference)
          ? {
              nl: `Blok "${nodeId}", formule ${where}: gebruikt $nodes.${reference}, maar blok "${reference}" komt niet vóór dit blok. Je kunt alleen gegevens gebruiken van blokken die eerder in de flow staan.`,
              en: `Node "${nodeId}", expression ${where}: uses $nodes.${reference}, but node "${reference}" does not come before this node. Only earlier nodes can be used.`,
            }
          : {
              nl: `Blok "${nodeId}", formule ${where}: gebruikt $nodes.${reference}, maar er is geen blok "${reference}".`,
              en: `Node "${nodeId}", expression ${where}: uses $nodes.${reference}, but there is no node "${reference}".`,
            },
      })
    }
  }

  return problems.length === 0 ? { ok: true, flow, problems: [] } : { ok: false, flow, problems }
}
