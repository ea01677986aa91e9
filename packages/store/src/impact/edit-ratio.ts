/** Longest stretch (in characters) compared exactly; longer changed stretches count as fully changed. */
export const maxComparedChars = 2000

/**
 * The share of a text that was changed, from 0 (unchanged) to 1 (entirely different): the
 * character-level Levenshtein distance divided by the length of the longer text. Line endings
 * and the whitespace around the texts do not count. The common start and end are skipped first;
 * when the changed middle of either text is longer than {@link maxComparedChars}, the distance
 * is bounded by the longer middle (as if it were all rewritten), so the work stays bounded
 * whatever someone types.
 *
 * @example
 * editRatio('Goed gesprek gehad.', 'Goed gesprek gehad.') // 0
 * editRatio('abcd', 'abxd') // 0.25
 */
export function editRatio(draft: string, approved: string): number {
  const a = normalise(draft)
  const b = normalise(approved)
  const longest = Math.max(a.length, b.length)
  if (longest === 0) return 0
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--
    endB--
  }
  const middleA = a.slice(start, endA)
  const middleB = b.slice(start, endB)
  const distance =
    middleA.length > maxComparedChars || middleB.length > maxComparedChars
      ? Math.max(middleA.length, middleB.length)
      : levenshtein(middleA, middleB)
  return Math.min(1, distance / longest)
}

function normalise(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim()
}

/** Levenshtein distance in O(n·m) time and O(m) memory. */
function levenshtein(a: string, b: string): number {
  if (a.length === 0) return b.length
  if (b.length === 0) return a.length
  let previous = new Uint32Array(b.length + 1)
  let current = new Uint32Array(b.length + 1)
  for (let j = 0; j <= b.length; j++) previous[j] = j
  for (let i = 1; i <= a.length; i++) {
    current[0] = i
    const ca = a.charCodeAt(i - 1)
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
    }
    ;[previous, current] = [current, previous]
  }
  return previous[b.length]!
}
