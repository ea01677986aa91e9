import type { FlowCheckProblem, FlowDefinition, FlowProblem } from '@warmflow/engine'
import { validateFlow } from '@warmflow/engine'
import type { AppDeps } from '../deps.js'
import { invalidFlow } from '../problems.js'

function withoutSeverity<T extends { severity: string }>({ severity: _severity, ...problem }: T) {
  return problem
}

/** What the loaded plugins' flow checks (`checks` of each plugin) find in a flow. */
export function pluginCheckProblems(flow: FlowDefinition, registry: AppDeps['registry']): FlowCheckProblem[] {
  return registry.plugins().flatMap((plugin) => (plugin.checks ?? []).flatMap((check) => [...check(flow)]))
}

/** The definition when it is valid (structure, nodes, edges, configs); else 400 with every problem. */
export function validDefinition(definition: unknown, registry: AppDeps['registry']): FlowDefinition {
  const validation = validateFlow(definition, registry)
  if (!validation.ok) throw invalidFlow(validation.problems)
  return validation.flow
}

/**
 * Checks a draft before it is published or test-run: the valid definition, or 400 with every
 * problem (in Dutch and English). A flow a plugin's check refuses (the built-in nodes: one that
 * would certainly send restored personal data to an AI node) is refused too.
 */
export function runnableDraft(draft: unknown, registry: AppDeps['registry']): FlowDefinition {
  const flow = validDefinition(draft, registry)
  const refused = pluginCheckProblems(flow, registry).filter((p) => p.severity === 'error')
  if (refused.length > 0) throw invalidFlow(refused.map(withoutSeverity))
  return flow
}

/**
 * Every problem of a draft: what blocks publishing (`problems`), and the plugins' warnings that
 * allow it (`warnings`; the built-in nodes: privacy findings that depend on where the AI
 * endpoint runs).
 */
export function draftProblems(
  draft: unknown,
  registry: AppDeps['registry'],
): { ok: boolean; problems: FlowProblem[]; warnings: FlowProblem[] } {
  const validation = validateFlow(draft, registry)
  const checked = validation.flow ? pluginCheckProblems(validation.flow, registry) : []
  const problems = [
    ...(validation.ok ? [] : validation.problems),
    ...checked.filter((p) => p.severity === 'error').map(withoutSeverity),
  ]
  const warnings = checked.filter((p) => p.severity === 'warning').map(withoutSeverity)
  return { ok: problems.length === 0, problems, warnings }
}
