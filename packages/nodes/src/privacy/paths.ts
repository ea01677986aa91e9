/** Reads a dotted path (`client.name`) from plain data. */
export function getPath(data: unknown, path: string): unknown {
  let current: unknown = data
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string, unknown>)[part]
  }
  return current
}

const forbidden = new Set(['__proto__', 'constructor', 'prototype'])

/** Writes a dotted path in plain data that already has the parent objects; returns false otherwise. */
export function setPath(data: Record<string, unknown>, path: string, value: unknown): boolean {
  const parts = path.split('.')
  if (parts.some((part) => forbidden.has(part))) return false
  let current: Record<string, unknown> = data
  for (const part of parts.slice(0, -1)) {
    const next = current[part]
    if (next === null || typeof next !== 'object') return false
    current = next as Record<string, unknown>
  }
  current[parts.at(-1)!] = value
  return true
}

/** A dotted field path as designers write it in a config form. */
export const fieldPathPattern = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/
