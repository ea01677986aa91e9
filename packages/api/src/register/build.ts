import {
  type DataRecipient,
  type DataSubject,
  dataSubjects,
  expressionNodeReferences,
  type FlowDefinition,
  type LocalizedText,
  type NodeRegistry,
  type PersonalDataCategory,
  type PersonalDataRegisterEntry,
  personalDataCategories,
  registerEntryOf,
} from '@warmflow/engine'
import {
  categoryLabels,
  locationLabels,
  type MarkCode,
  markLabels,
  type RecipientLocation,
  recipientKindLabels,
  type SafeguardCode,
  safeguardText,
  subjectLabels,
} from './labels.js'

/** Where a credential says its data goes; undefined fields are not known. */
export interface CredentialTarget {
  host?: string
  location: RecipientLocation
}

/**
 * Looks up the credential that fills a slot, by name, in the flow's team: undefined when the team
 * has no credential of that name.
 */
export type CredentialLookup = (teamId: string, name: string, slot: string) => CredentialTarget | undefined

/** A published flow version, as the register reads it. */
export interface RegisterSource {
  flowId: string
  name: string
  teamId: string
  teamName: string
  version: number
  publishedAt: Date
  definition: FlowDefinition
}

/** One recipient of a flow's data, with the nodes that send there. */
export interface RegisterRecipient {
  kind: DataRecipient['kind']
  label: LocalizedText
  /** The credential that says where the data goes, for AI and e-mail. */
  credential: string | null
  host: string | null
  location: RecipientLocation
  locationLabel: LocalizedText
  nodeIds: string[]
}

/** One flow in the processing register (AVG art. 30). */
export interface RegisterFlow {
  flowId: string
  name: string
  teamId: string
  teamName: string
  version: number
  publishedAt: string
  /** The flow's description; null when it is missing (see the `purpose-missing` mark). */
  purpose: string | null
  categories: { code: PersonalDataCategory; label: LocalizedText }[]
  subjects: { code: DataSubject; label: LocalizedText }[]
  recipients: RegisterRecipient[]
  retentionDays: number
  safeguards: { code: SafeguardCode; text: LocalizedText }[]
  marks: { code: MarkCode; text: LocalizedText }[]
}

const inOrder = <T extends string>(all: readonly T[], found: ReadonlySet<T>): T[] =>
  all.filter((item) => found.has(item))

/**
 * The nodes that may receive personal data that was not pseudonymised: a node gets pseudonymised
 * data only when everything flowing in (edges and `$nodes.<id>` references in its input mapping)
 * comes from a node after a pseudonymise step and no restore step. A node without anything
 * flowing in (a trigger) gets the data as it arrives. A greatest fixed point, so loops settle;
 * bounded by nodes × (edges + references).
 */
function unprotectedNodes(
  definition: FlowDefinition,
  entries: ReadonlyMap<string, PersonalDataRegisterEntry>,
): Set<string> {
  const sources = new Map<string, Set<string>>(definition.nodes.map((node) => [node.id, new Set<string>()]))
  for (const edge of definition.edges) sources.get(edge.target)?.add(edge.source)
  for (const node of definition.nodes) {
    for (const expression of Object.values(node.input ?? {})) {
      for (const id of expressionNodeReferences(expression))
        if (sources.has(id)) sources.get(node.id)?.add(id)
    }
  }
  const protectedOut = new Map(definition.nodes.map((node) => [node.id, true]))
  const protectedIn = (id: string) => {
    const from = sources.get(id)
    return !!from && from.size > 0 && [...from].every((source) => protectedOut.get(source))
  }
  let changed = true
  for (let round = 0; changed && round <= definition.nodes.length; round++) {
    changed = false
    for (const node of definition.nodes) {
      const safeguard = entries.get(node.id)?.safeguard
      const next =
        safeguard === 'pseudonymise' ? true : safeguard === 'restore' ? false : protectedIn(node.id)
      if (next !== protectedOut.get(node.id)) {
        protectedOut.set(node.id, next)
        changed = true
      }
    }
  }
  return new Set(definition.nodes.filter((node) => !protectedIn(node.id)).map((node) => node.id))
}

/**
 * The register entry of one published flow version: from each node's `personalData.register`
 * declaration and the credentials its recipients use. Pure apart from `lookup`.
 *
 * @example
 * const flow = buildRegisterFlow(source, registry, (teamId, name) => credentials.get(`${teamId}/${name}`))
 * flow.marks.map((m) => m.code) // e.g. ['outside-eu']
 */
export function buildRegisterFlow(
  source: RegisterSource,
  registry: NodeRegistry,
  lookup: CredentialLookup,
): RegisterFlow {
  const { definition } = source
  const entries = new Map<string, PersonalDataRegisterEntry>()
  const categories = new Set<PersonalDataCategory>()
  const subjects = new Set<DataSubject>()
  const marks = new Set<MarkCode>()
  const recipients = new Map<string, RegisterRecipient>()
  const aiNodes: string[] = []
  const incoming = new Set(definition.edges.map((edge) => edge.target))

  for (const node of definition.nodes) {
    const type = registry.get(node.type, node.version)
    if (!type) {
      marks.add('unknown-node-types')
      continue
    }
    const entry = registerEntryOf(type, node.config)
    entries.set(node.id, entry)
    for (const category of entry.categories ?? []) categories.add(category)
    for (const subject of entry.subjects ?? []) subjects.add(subject)
    if (
      type.category === 'trigger' &&
      !incoming.has(node.id) &&
      !type.schedule &&
      (entry.categories ?? []).length === 0
    ) {
      marks.add('start-data-undescribed')
    }
    for (const recipient of entry.recipients ?? []) {
      if (recipient.kind === 'ai') aiNodes.push(node.id)
      const resolved = resolveRecipient(source.teamId, node.credentials, recipient, lookup)
      const key = `${recipient.kind}|${resolved.credential ?? ''}|${resolved.host ?? ''}`
      const known = recipients.get(key)
      if (known) known.nodeIds.push(node.id)
      else recipients.set(key, { ...resolved, nodeIds: [node.id] })
    }
  }

  const unprotected = unprotectedNodes(definition, entries)
  const aiUnprotected = aiNodes.some((id) => unprotected.has(id))
  if (aiUnprotected) marks.add('ai-without-pseudonymisation')
  if ([...recipients.values()].some((r) => r.location === 'outside-eu')) marks.add('outside-eu')
  const purpose = definition.description.trim()
  if (purpose === '') marks.add('purpose-missing')

  const safeguards: SafeguardCode[] = [
    ...(aiNodes.length > 0 && !aiUnprotected ? ['pseudonymisation-before-ai' as const] : []),
    'payload-encryption',
    'access-control',
  ]
  const markOrder: MarkCode[] = [
    'outside-eu',
    'ai-without-pseudonymisation',
    'purpose-missing',
    'start-data-undescribed',
    'unknown-node-types',
  ]
  return {
    flowId: source.flowId,
    name: source.name,
    teamId: source.teamId,
    teamName: source.teamName,
    version: source.version,
    publishedAt: source.publishedAt.toISOString(),
    purpose: purpose === '' ? null : purpose,
    categories: inOrder(personalDataCategories, categories).map((code) => ({
      code,
      label: categoryLabels[code],
    })),
    subjects: inOrder(dataSubjects, subjects).map((code) => ({ code, label: subjectLabels[code] })),
    recipients: [...recipients.values()],
    retentionDays: definition.retentionDays,
    safeguards: safeguards.map((code) => ({ code, text: safeguardText(code, source.teamName) })),
    marks: inOrder(markOrder, marks).map((code) => ({ code, text: markLabels[code] })),
  }
}

function resolveRecipient(
  teamId: string,
  credentials: Record<string, string> | undefined,
  recipient: DataRecipient,
  lookup: CredentialLookup,
): Omit<RegisterRecipient, 'nodeIds'> {
  const base = { kind: recipient.kind, label: recipientKindLabels[recipient.kind] }
  if (recipient.slot === undefined) {
    const location: RecipientLocation = 'unknown'
    return {
      ...base,
      credential: null,
      host: recipient.host ?? null,
      location,
      locationLabel: locationLabelOf(location),
    }
  }
  // A slot without an entry in the node's credentials uses the credential of the same name.
  const name = credentials?.[recipient.slot] ?? recipient.slot
  const target = lookup(teamId, name, recipient.slot)
  const location = target?.location ?? 'not-configured'
  return {
    ...base,
    credential: name,
    host: target?.host ?? recipient.host ?? null,
    location,
    locationLabel: locationLabelOf(location),
  }
}

const locationLabelOf = (location: RecipientLocation) => locationLabels[location]
