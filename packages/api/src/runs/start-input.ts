import type { FlowDefinition, StartInputSpec } from '@warmflow/engine'
import type { AppDeps } from '../deps.js'
import { ApiError } from '../problems.js'

type FlowNode = FlowDefinition['nodes'][number]

/**
 * The trigger node a start of this kind enters through: the node of that type, else the first
 * trigger node of the flow.
 */
export function entryTrigger(definition: FlowDefinition, registry: AppDeps['registry'], kind: string) {
  const triggers = definition.nodes.filter((n) => registry.get(n.type, n.version)?.category === 'trigger')
  return triggers.find((n) => n.type === kind) ?? triggers[0]
}

/**
 * The start data a trigger node takes, from its node definition's `startInput` hook and its
 * config; undefined when the node takes any data (or its config does not parse).
 */
export function startInputOf(node: FlowNode, registry: AppDeps['registry']): StartInputSpec | undefined {
  const definition = registry.get(node.type, node.version)
  if (!definition?.startInput) return undefined
  const config = definition.config.safeParse(node.config ?? {})
  return config.success ? definition.startInput(config.data) : undefined
}

/**
 * Checks start data against the trigger the start enters through; 400 naming every field that
 * does not fit (in Dutch and English).
 */
export function checkStartInput(
  definition: FlowDefinition,
  registry: AppDeps['registry'],
  kind: string,
  input: Record<string, unknown>,
): void {
  const trigger = entryTrigger(definition, registry, kind)
  const problems = trigger ? (startInputOf(trigger, registry)?.validate(input) ?? []) : []
  if (problems.length === 0) return
  throw new ApiError(
    400,
    'run.invalid_input',
    {
      nl: 'De startgegevens passen niet bij de velden van de flow.',
      en: 'The start data does not fit the fields of the flow.',
    },
    problems.map((p) => ({ code: 'run.invalid_field', path: ['input', p.field], message: p.message })),
  )
}
