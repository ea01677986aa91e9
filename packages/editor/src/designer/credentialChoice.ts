/**
 * True when a stored credential's name says it is for this secret slot: the slot's own name
 * (which a node uses when the flow maps nothing), or that name followed by `.`, `-` or `_`
 * (`smtp.office`, `ai-mistral`). Credential names are lower case; slots may not be.
 *
 * @example
 * fitsSlot('smtp.office', 'smtp') // true
 */
export function fitsSlot(name: string, slot: string): boolean {
  const base = slot.toLowerCase()
  return name === base || ['.', '-', '_'].some((separator) => name.startsWith(`${base}${separator}`))
}

/** The choices for one secret slot. */
export interface CredentialChoices {
  /** The team's credentials for this slot, by name. */
  fitting: string[]
  /** The team's other credentials, by name. */
  others: string[]
  /** The chosen name when the team has no credential of that name. */
  missing: string | undefined
  /** True when the team has a credential named like the slot, which an empty choice uses. */
  hasDefault: boolean
}

/**
 * Sorts a team's credentials for one slot: those whose name fits the slot first, then the rest,
 * and says whether the chosen name exists.
 *
 * @example
 * credentialChoices('smtp', ['ai', 'smtp'], 'smtp-oud')
 * // { fitting: ['smtp'], others: ['ai'], missing: 'smtp-oud', hasDefault: true }
 */
export function credentialChoices(
  slot: string,
  names: readonly string[],
  chosen: string | undefined,
): CredentialChoices {
  const sorted = [...new Set(names)].sort((a, b) => a.localeCompare(b))
  return {
    fitting: sorted.filter((name) => fitsSlot(name, slot)),
    others: sorted.filter((name) => !fitsSlot(name, slot)),
    missing: chosen && !sorted.includes(chosen) ? chosen : undefined,
    hasDefault: sorted.includes(slot.toLowerCase()),
  }
}
