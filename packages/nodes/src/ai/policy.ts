import type { FlowDefinitionInput, FlowProblem } from '@warmflow/engine'

/** A privacy finding about a flow, for the editor and the publish check. */
export interface PrivacyProblem extends FlowProblem {
  /** `error`: the flow will certainly fail or leak; `warning`: it may, depending on the AI credential. */
  severity: 'error' | 'warning'
}

const pseudonymiseType = 'privacy.pseudonymise'
const restoreType = 'privacy.restore'
const defaultOutputFields: Record<string, string> = {
  'ai.summarise': 'samenvatting',
  'ai.extract': 'gegevens',
  'ai.classify': 'categorie',
  'ai.draft': 'concept',
}

function configList(config: unknown, key: string): string[] {
  const value = (config as Record<string, unknown> | undefined)?.[key]
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

function configKeys(config: unknown, key: string): string[] {
  const value = (config as Record<string, unknown> | undefined)?.[key]
  return value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : []
}

/**
 * Checks a flow against the privacy policy before it is published: every AI node should come
 * after `privacy.pseudonymise`, the text fields it sends should be among the pseudonymised ones,
 * and no AI node may come after `privacy.restore`. At run time the AI nodes enforce the same
 * rule for external endpoints (and always refuse a BSN); this tells the designer beforehand.
 *
 * @example
 * for (const problem of privacyProblems(flow)) console.log(problem.severity, problem.message.nl)
 */
export function privacyProblems(flow: Pick<FlowDefinitionInput, 'nodes' | 'edges'>): PrivacyProblem[] {
  const problems: PrivacyProblem[] = []
  const nodes = new Map(flow.nodes.map((node) => [node.id, node]))
  const incoming = new Map<string, string[]>()
  for (const edge of flow.edges ?? [])
    incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), edge.source])
  const ancestorsOf = (id: string): Set<string> => {
    const seen = new Set<string>()
    const queue = [...(incoming.get(id) ?? [])]
    while (queue.length > 0) {
      const next = queue.pop()!
      if (seen.has(next)) continue
      seen.add(next)
      queue.push(...(incoming.get(next) ?? []))
    }
    return seen
  }
  for (const node of flow.nodes) {
    if (!node.type.startsWith('ai.')) continue
    const name = node.label ?? node.id
    const ancestors = [...ancestorsOf(node.id)].map((id) => nodes.get(id)).filter((n) => n !== undefined)
    const pseudonymisers = ancestors.filter((n) => n.type === pseudonymiseType)
    if (ancestors.some((n) => n.type === restoreType)) {
      problems.push({
        code: 'privacy.ai_after_restore',
        nodeId: node.id,
        severity: 'error',
        message: {
          nl: `Blok "${name}" komt na "Persoonsgegevens terugzetten". Dan gaan echte namen en gegevens naar de AI-dienst. Zet het terugzetten pas na de AI-stappen.`,
          en: `Node "${name}" comes after "Restore personal data", so real names and data would go to the AI service. Restore only after the AI steps.`,
        },
      })
    }
    if (pseudonymisers.length === 0) {
      problems.push({
        code: 'privacy.ai_without_pseudonymise',
        nodeId: node.id,
        severity: 'warning',
        message: {
          nl: `Blok "${name}" stuurt tekst naar een AI-dienst, maar er staat geen "Persoonsgegevens vervangen" voor. Bij een AI-dienst buiten de organisatie weigert Warmflow dan te versturen.`,
          en: `Node "${name}" sends text to an AI service, but no "Pseudonymise" node comes before it. With an AI service outside the organisation Warmflow will refuse to send.`,
        },
      })
      continue
    }
    const covered = new Set(
      pseudonymisers.flatMap((p) => [
        ...configList(p.config, 'textFields'),
        ...configKeys(p.config, 'fields'),
      ]),
    )
    for (const ai of ancestors.filter((n) => n.type.startsWith('ai.'))) {
      const output =
        (ai.config as Record<string, unknown> | undefined)?.outputField ?? defaultOutputFields[ai.type]
      if (typeof output === 'string') covered.add(output)
    }
    const used = configList(node.config, 'fields')
    const uncovered = (used.length > 0 ? used : ['omschrijving']).filter((field) => !covered.has(field))
    if (uncovered.length > 0) {
      problems.push({
        code: 'privacy.field_not_pseudonymised',
        nodeId: node.id,
        path: ['config', 'fields'],
        severity: 'warning',
        message: {
          nl: `Blok "${name}" gebruikt ${uncovered.join(', ')}, maar "Persoonsgegevens vervangen" doet die velden niet. Voeg ze daar toe.`,
          en: `Node "${name}" uses ${uncovered.join(', ')}, but "Pseudonymise" does not cover those fields. Add them there.`,
        },
      })
    }
  }
  return problems
}
