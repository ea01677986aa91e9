import { WorkflowNotFoundError } from '@temporalio/client'
import {
  countSubjectHoldings,
  destroyRunKeys,
  type ErasedCounts,
  eraseSubjectHoldings,
  findSubjectHoldings,
  normaliseIdentifier,
  type SubjectCounts,
  type SubjectHoldings,
  type SubjectIdentifier,
} from '@warmflow/store'
import type { AppDeps, WiredDeps } from '../deps.js'
import { ApiError } from '../problems.js'
import { subjectHasherOf } from './hasher.js'

/** What a privacy officer types to find a person: an e-mail address, a phone number, or both. */
export interface SubjectLookup {
  email?: string | undefined
  phone?: string | undefined
}

/** The grounds for erasure of AVG art. 17(1), and `other`. */
export const erasureReasons = [
  'consent_withdrawn',
  'no_longer_needed',
  'objection',
  'unlawful',
  'legal_obligation',
  'other',
] as const
/** One of {@link erasureReasons}. */
export type ErasureReason = (typeof erasureReasons)[number]

/** How long erasure waits for a cancelled run to stop before Temporal's deletion ends it. */
const cancelWaitMs = 10_000
const grpcNotFound = 5

/**
 * The identifiers of a lookup, checked: 400 when neither is given or neither is usable. The
 * problem text never repeats what was typed.
 */
export function identifiersOf(lookup: SubjectLookup): SubjectIdentifier[] {
  const given: SubjectIdentifier[] = []
  if (lookup.email?.trim()) given.push({ kind: 'email', value: lookup.email })
  if (lookup.phone?.trim()) given.push({ kind: 'phone', value: lookup.phone })
  if (given.length === 0) {
    throw new ApiError(400, 'subject.identifier_required', {
      nl: 'Vul een e-mailadres of telefoonnummer in om iemand te zoeken.',
      en: 'Enter an e-mail address or phone number to find someone.',
    })
  }
  for (const identifier of given) {
    if (normaliseIdentifier(identifier) === undefined) {
      throw new ApiError(400, `subject.invalid_${identifier.kind}`, {
        nl:
          identifier.kind === 'email'
            ? 'Dit is geen geldig e-mailadres.'
            : 'Dit is geen geldig telefoonnummer (8 tot 15 cijfers).',
        en:
          identifier.kind === 'email'
            ? 'This is not a valid e-mail address.'
            : 'This is not a valid phone number (8 to 15 digits).',
      })
    }
  }
  return given
}

function hasherOrFail(deps: AppDeps) {
  const hasher = subjectHasherOf(deps)
  if (!hasher) {
    throw new ApiError(503, 'subject.unavailable', {
      nl: 'Zoeken op persoon werkt niet zonder sleutel (WARMFLOW_CREDENTIAL_KEY).',
      en: 'Finding a person needs the key (WARMFLOW_CREDENTIAL_KEY).',
    })
  }
  return hasher
}

/**
 * Everything held about one person, in the whole organisation, with counts for a preview.
 *
 * @example
 * const { held, counts } = await findSubject(deps, { email: 'jan@example.nl' })
 */
export async function findSubject(
  deps: AppDeps,
  lookup: SubjectLookup,
): Promise<{ held: SubjectHoldings; counts: SubjectCounts }> {
  const identifiers = identifiersOf(lookup)
  const held = await findSubjectHoldings(deps.db, hasherOrFail(deps), identifiers, 'all')
  return { held, counts: await countSubjectHoldings(deps.db, held) }
}

/** Waits until Temporal reports the workflow closed (or gone); false when it did not in time. */
async function waitClosed(deps: AppDeps, workflowId: string, until: number): Promise<boolean> {
  const handle = deps.temporal.client.workflow.getHandle(workflowId)
  while (Date.now() < until) {
    const open = await handle.describe().then(
      (d) => d.status.name === 'RUNNING',
      (error: unknown) => {
        if (error instanceof WorkflowNotFoundError) return false
        throw error
      },
    )
    if (!open) return true
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return false
}

/** What {@link eraseSubject} did. */
export type ErasureResult = ErasedCounts & { cancelled: number; runKeys: number }

/**
 * Erases one person (AVG art. 17): runs still going are cancelled first (a run that does not
 * stop within 10 s is ended by the deletion); then each run's data key is destroyed, so every
 * copy of its Temporal payloads is unreadable; its Temporal execution is deleted; and its
 * contents, links, intakes, clients and progress reports are erased from PostgreSQL. Safe to
 * repeat: an erasure that died halfway finds the same runs and finishes.
 *
 * @example
 * const result = await eraseSubject(deps, { email: 'jan@example.nl' })
 */
export async function eraseSubject(deps: WiredDeps, lookup: SubjectLookup): Promise<ErasureResult> {
  const { held } = await findSubject(deps, lookup)
  const { client } = deps.temporal
  const open = held.runs.filter((run) => !run.removedAt && ['starting', 'running'].includes(run.status))
  let cancelled = 0
  for (const run of open) {
    try {
      await client.workflow.getHandle(run.workflowId).cancel()
      cancelled += 1
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error
    }
  }
  const until = Date.now() + cancelWaitMs
  for (const run of open) await waitClosed(deps, run.workflowId, until)

  const workflowIds = held.runs.map((run) => run.workflowId)
  // This process forgets the keys at once; other processes within their cache time (30 s).
  const runKeys = deps.stores.runKeys
    ? await deps.stores.runKeys.destroy(workflowIds)
    : await destroyRunKeys(deps.db, workflowIds)
  for (const run of held.runs) {
    try {
      await client.workflowService.deleteWorkflowExecution({
        namespace: client.options.namespace,
        workflowExecution: { workflowId: run.workflowId },
      })
    } catch (error) {
      if ((error as { code?: unknown }).code !== grpcNotFound) throw error
    }
  }
  const erased = await eraseSubjectHoldings(deps.db, held)
  return { ...erased, cancelled, runKeys }
}
