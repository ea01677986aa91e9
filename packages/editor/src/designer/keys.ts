const created = new Set<string>()

/** Remembers that the designer on `/flows/new` created this flow, so it is not opened afresh. */
export function rememberCreatedFlow(id: string): void {
  created.add(id)
}

/** The React key of the designer for a flow id: a flow created on this page keeps its designer. */
export function designerKey(id: string): string {
  return created.has(id) ? 'new' : id
}
