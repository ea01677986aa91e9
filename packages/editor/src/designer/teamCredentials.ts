import { api } from '../api/client'
import type { ApiAnswer } from '../api/types'

/** How long a loaded list of a team's credential names is used again, in ms. */
const namesMaxAgeMs = 5_000

const namesCache = new Map<string, { at: number; names: Promise<string[]> }>()
let optionalSlots: Promise<ReadonlySet<string>> | undefined

async function loadNames(teamId: string | undefined): Promise<string[]> {
  const names: string[] = []
  let cursor: string | null = null
  do {
    const page: ApiAnswer<'/api/v1/credentials', 'get'> = await api.get('/api/v1/credentials', {
      query: { limit: 200, ...(teamId ? { teamId } : {}), ...(cursor ? { cursor } : {}) },
    })
    names.push(...page.items.map((item) => item.name))
    cursor = page.nextCursor
  } while (cursor && names.length < 5000)
  return names
}

/**
 * Every credential of the team, by name (the API never sends a secret's value). The node panel's
 * picker and the problems list ask at nearly the same moment; they share one request, and a list
 * older than a few seconds is asked again (someone may just have added one).
 */
export function teamCredentialNames(teamId: string | undefined): Promise<string[]> {
  const key = teamId ?? ''
  const cached = namesCache.get(key)
  if (cached && Date.now() - cached.at < namesMaxAgeMs) return cached.names
  const names = loadNames(teamId)
  namesCache.set(key, { at: Date.now(), names })
  names.catch(() => namesCache.delete(key))
  return names
}

/** Forgets the loaded names, e.g. when the page is shown again after a visit to the credentials page. */
export function forgetTeamCredentialNames(): void {
  namesCache.clear()
}

/** The secret slots whose nodes still work without a credential (`required: false`), asked once. */
export function optionalCredentialSlots(): Promise<ReadonlySet<string>> {
  optionalSlots ??= api.get('/api/v1/credentials/types').then(
    (answer) => new Set(answer.items.filter((type) => !type.required).map((type) => type.slot)),
    (error: unknown) => {
      optionalSlots = undefined
      throw error
    },
  )
  return optionalSlots
}
