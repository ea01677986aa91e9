/**
 * The p-th percentile (nearest rank) of a list of numbers; NaN for an empty list.
 *
 * @example
 * percentile([12, 3, 7], 50) // 7
 */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index] ?? Number.NaN
}
