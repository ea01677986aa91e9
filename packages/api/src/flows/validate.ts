import { type FlowDefinition, type FlowProblem, validateFlow } from '@warmflow/engine'
import { privacyProblems } from '@warmflow/nodes'
import type { AppDeps } from '../deps.js'
import { invalidFlow } from '../problems.js'

function withoutSeverity<T extends { severity: string }>({ severity: _severity, ...problem }: T) {
  return problem
}

/** The definition when it is valid (structure, nodes, edges, configs); else 400 with every problem. */
export function validDefinition(definition: unknown, registry: AppDeps['registry']): FlowDefinition {
  const validation = validateFlow(definition, registry)
  if (!validation.ok) throw invalidFlow(validation.problems)
  return validation.flow
}

/**
 * Checks a draft before it is published or test-run: the valid definition, or 400 with every
 * problem (in Dutch and English). A flow that would certainly send restored personal data to an
 * AI node is refused too.
 */
export function runnableDraft(draft: unknown, registry: AppDeps['registry']): FlowDefinition {
  const flow = validDefinition(draft, registry)
  const leaks = privacyProblems(flow).filter((p) => p.severity === 'error')
  if (leaks.length > 0) throw invalidFlow(leaks.map(withoutSeverity))
  return flow
}

/**
 * Every problem of a draft: what blocks publishing (`problems`), and privacy findings that
 * depend on where the AI endpoint runs (`warnings`, publishing allowed).
 */
export function draftProblems(
  draft: unknown,
  registry: AppDeps['registry'],
): { ok: boolean; problems: FlowProblem[]; warnings: FlowProblem[] } {
  const validation = validateFlow(draft, registry)
  const privacy = validation.flow ? privacyProblems(validation.flow) : []
  const problems = [
    ...(validation.ok ? [] : validation.problems),
    ...privacy.filter((p) => p.severity === 'error').map(withoutSeverity),
  ]
  const warnings = privacy.filter((p) => p.severity === 'warning').map(withoutSeverity)
  return { ok: problems.length === 0, problems, warnings }
}
