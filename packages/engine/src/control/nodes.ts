import { z } from 'zod'
import { NodeError } from '../errors.js'
import { defineNode, definePlugin, type NodePort } from '../node.js'
import { controlNodeTypes } from './runtime.js'
import {
  conditionConfigSchema,
  humanTaskConfigSchema,
  mergeConfigSchema,
  switchConfigSchema,
  waitConfigSchema,
} from './schemas.js'

const data = z.record(z.string(), z.unknown())

function runsInWorkflow(type: string): never {
  throw new NodeError(
    'control.not_an_activity',
    `${type} runs inside the interpreter workflow, not as an activity`,
  )
}

/** Routes by a JSONata expression: port `true` or `false`. The input passes through unchanged. */
export const conditionNode = defineNode({
  type: controlNodeTypes.condition,
  version: 1,
  category: 'control',
  icon: 'split',
  title: { nl: 'Als … dan', en: 'Condition' },
  description: {
    nl: 'Kiest een pad met een formule, bijvoorbeeld leeftijd >= 18. Klopt de formule, dan gaat de flow verder via "ja", anders via "nee".',
    en: 'Picks a path with a formula, for example age >= 18: "true" when it holds, otherwise "false".',
  },
  input: data,
  config: conditionConfigSchema,
  output: data,
  outputs: [
    { id: 'true', title: { nl: 'Ja', en: 'True' } },
    { id: 'false', title: { nl: 'Nee', en: 'False' } },
  ],
  expressions: (config) => [{ path: ['expression'], source: config.expression }],
  execute: () => runsInWorkflow(controlNodeTypes.condition),
})

/** Routes to the first case whose expression holds, else to `default`. */
export const switchNode = defineNode({
  type: controlNodeTypes.switch,
  version: 1,
  category: 'control',
  icon: 'signpost',
  title: { nl: 'Kiezen uit paden', en: 'Switch' },
  description: {
    nl: 'Kiest het eerste pad waarvan de formule klopt. Klopt er geen, dan gaat de flow via "anders".',
    en: 'Picks the first path whose formula holds; if none does, the flow goes on via "default".',
  },
  input: data,
  config: switchConfigSchema,
  output: data,
  outputs: (config) => [
    ...config.cases.map((c): NodePort => ({ id: c.id, title: c.label ?? { nl: c.id, en: c.id } })),
    { id: 'default', title: { nl: 'Anders', en: 'Default' } },
  ],
  expressions: (config) =>
    config.cases.map((c, index) => ({ path: ['cases', index, 'when'], source: c.when })),
  execute: () => runsInWorkflow(controlNodeTypes.switch),
})

/** Joins branches: waits for all (or the first) of its inputs. */
export const mergeNode = defineNode({
  type: controlNodeTypes.merge,
  version: 1,
  category: 'control',
  icon: 'merge',
  title: { nl: 'Samenvoegen', en: 'Merge' },
  description: {
    nl: 'Brengt paden weer samen. "Alle": wacht tot elk pad klaar of overgeslagen is. "Eerste": gaat door zodra één pad aankomt.',
    en: 'Joins paths. "All": waits until every path finished or was skipped. "First": goes on as soon as one path arrives.',
  },
  input: data,
  config: mergeConfigSchema,
  output: data,
  execute: () => runsInWorkflow(controlNodeTypes.merge),
})

/** Waits for a duration, or until a moment computed from the data. */
export const waitNode = defineNode({
  type: controlNodeTypes.wait,
  version: 1,
  category: 'control',
  icon: 'hourglass',
  title: { nl: 'Wachten', en: 'Wait' },
  description: {
    nl: 'Wacht een tijd, of tot een datum en tijd uit de gegevens. Ook als de server tussendoor herstart.',
    en: 'Waits for a while, or until a date and time from the data, even across restarts.',
  },
  input: data,
  config: waitConfigSchema,
  output: data,
  expressions: (config) => (config.until ? [{ path: ['until'], source: config.until }] : []),
  execute: () => runsInWorkflow(controlNodeTypes.wait),
})

/**
 * Answers the caller that started the run (a webhook or form in respond mode) with this node's
 * input, at once; the run goes on with the nodes after it. Without one, the caller gets the
 * run's output when it ends. Only the first `respond` a run reaches answers.
 */
export const respondNode = defineNode({
  type: controlNodeTypes.respond,
  version: 1,
  category: 'control',
  icon: 'send',
  title: { nl: 'Antwoord geven', en: 'Respond' },
  description: {
    nl: 'Geeft de aanvrager (webhook of formulier) nu al antwoord met deze gegevens. De flow gaat daarna gewoon verder.',
    en: 'Answers the caller (webhook or form) right away with this data. The flow then carries on.',
  },
  input: data,
  config: z.strictObject({}).default({}),
  output: data,
  execute: () => runsInWorkflow(controlNodeTypes.respond),
})

/** Output of a human task: the decision and what the approver filled in. */
export const taskOutcomeSchema = z.object({
  taskId: z.string(),
  decision: z.enum(['approved', 'rejected', 'expired']),
  fields: data,
  reason: z.string().optional(),
  userId: z.string().optional(),
  decidedAt: z.string(),
})

/** Asks a person to approve or reject, with a deadline, reminder and escalation. */
export const humanTaskNode = defineNode({
  type: controlNodeTypes.humanTask,
  version: 1,
  category: 'control',
  icon: 'user-check',
  title: { nl: 'Taak voor een medewerker', en: 'Human task' },
  description: {
    nl: 'Zet een taak in het postvak van een team. Een medewerker keurt goed of af en kan velden aanpassen. Met een termijn, herinnering en doorzetten naar een ander team.',
    en: 'Puts a task in a team inbox. A person approves or rejects and may edit fields. With a deadline, reminder and escalation to another team.',
  },
  input: data,
  config: humanTaskConfigSchema,
  output: taskOutcomeSchema,
  outputs: [
    { id: 'approved', title: { nl: 'Goedgekeurd', en: 'Approved' } },
    { id: 'rejected', title: { nl: 'Afgekeurd', en: 'Rejected' } },
    { id: 'expired', title: { nl: 'Verlopen', en: 'Expired' } },
  ],
  // The task records which member of staff decided.
  personalData: { reads: ['*'], sendsOutside: 'never', register: () => ({ subjects: ['staff'] }) },
  expressions: (config) =>
    Object.entries(config.data).map(([name, source]) => ({ path: ['data', name], source })),
  execute: () => runsInWorkflow(controlNodeTypes.humanTask),
})

/**
 * The engine's own nodes (condition, switch, merge, wait, human task, respond). They run inside the
 * interpreter workflow; load this plugin next to the built-ins so flows can use them.
 *
 * @example
 * const registry = createRegistry([controlPlugin, builtinPlugin])
 */
export const controlPlugin = definePlugin({
  name: '@warmflow/engine/control',
  version: '0.1.0',
  nodes: [conditionNode, switchNode, mergeNode, waitNode, humanTaskNode, respondNode],
})
