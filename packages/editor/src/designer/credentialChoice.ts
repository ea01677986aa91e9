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

/** A node whose secret slot will find no credential when it runs. */
export interface MissingCredential {
  nodeId: string
  slot: string
  /**
   * `missing`: the chosen name does not exist in the team; `choose`: the team has credentials
   * for the slot but none is chosen and none has the slot's own name; `none`: the team has no
   * credential for the slot at all.
   */
  kind: 'missing' | 'choose' | 'none'
  /** The chosen name, for `missing`. */
  name?: string
}

/**
 * The secret slots of a flow's nodes that will find no credential at run time: a chosen name the
 * team lacks, or no choice while the team has no credential named like the slot. Slots whose
 * nodes work without one (`optional`, e.g. AI nodes fall back to an offline method) only count
 * when a name was chosen. Says it in the same terms as the node's credential picker.
 *
 * @example
 * missingCredentials([{ id: 'mail', slots: ['smtp'], chosen: {} }], [], new Set())
 * // [{ nodeId: 'mail', slot: 'smtp', kind: 'none' }]
 */
export function missingCredentials(
  nodes: readonly { id: string; slots: readonly string[]; chosen: Readonly<Record<string, string>> }[],
  names: readonly string[],
  optional: ReadonlySet<string>,
): MissingCredential[] {
  const found: MissingCredential[] = []
  for (const node of nodes) {
    for (const slot of node.slots) {
      const choices = credentialChoices(slot, names, node.chosen[slot])
      if (choices.missing) {
        found.push({ nodeId: node.id, slot, kind: 'missing', name: choices.missing })
      } else if (!node.chosen[slot] && !choices.hasDefault && !optional.has(slot)) {
        found.push({ nodeId: node.id, slot, kind: choices.fitting.length > 0 ? 'choose' : 'none' })
      }
    }
  }
  return found
}
