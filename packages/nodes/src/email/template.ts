/**
 * A small, safe template language: `{{ field }}` and `{{ a.b.0.c }}` are replaced by values from
 * the data. Nothing else is interpreted (no code, no helpers), so a template can never run
 * anything. Missing values become empty text and are reported.
 */
export interface RenderResult {
  text: string
  /** Paths the template used that had no value. */
  missing: string[]
}

const placeholder = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)\s*\}\}/g

function lookup(data: unknown, path: string): unknown {
  let current: unknown = data
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined
    if (!Object.hasOwn(current, part)) return undefined
    current = (current as Record<string, unknown>)[part]
  }
  return current
}

function show(value: unknown): string {
  if (Array.isArray(value)) return value.map(show).join(', ')
  if (value !== null && typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/**
 * Fills a template with data. With `escapeHtml`, values are escaped for an HTML body.
 *
 * @example
 * renderTemplate('Beste {{ vrijwilliger.naam }},', { vrijwilliger: { naam: 'Els' } }).text // 'Beste Els,'
 */
export function renderTemplate(
  template: string,
  data: unknown,
  options: { escapeHtml?: boolean } = {},
): RenderResult {
  const missing: string[] = []
  const text = template.replace(placeholder, (_match, path: string) => {
    const value = lookup(data, path)
    if (value === undefined || value === null) {
      missing.push(path)
      return ''
    }
    const shown = show(value)
    return options.escapeHtml ? shown.replace(/[&<>"']/g, (c) => htmlEscapes[c] ?? c) : shown
  })
  return { text, missing }
}
