/**
 * The built-in offline method, used when no AI endpoint is configured: simple, explainable
 * text techniques (sentence scoring, patterns, keywords). Results are labelled as such.
 */

const stopwords = new Set(
  (
    'de het een en van in op te dat die is zijn was wordt worden met voor aan er niet ook als bij om maar dan ze zij hij ik je we wij hun haar zijn hem mijn me of tot uit door over naar nog wel geen al kan kunnen moet moeten heeft hebben had is ben bent deze dit daar hier wat wie waar hoe zo zeer veel meer erg graag iets iemand nu toen omdat want dus wil zou zouden mag ' +
    'the a an and of in on to that this is are was were be been with for at by from or not no as it its he she they we you i his her their our my me them us but so if then than too very can could should would will shall do does did has have had about into over after before'
  ).split(' '),
)

const requestWords =
  /\b(hulp|vraag|hulpvraag|zoekt|zoek|wil|wens|nodig|graag|ondersteuning|eenzaam|maatje|help|need|needs|wants|looking|support|request)\b/i

/** Splits a text into sentences (Dutch and English punctuation; placeholders stay whole). */
export function splitSentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+(?=[\p{Lu}[(\d"'])|\n+/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
}

function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length > 2 && !stopwords.has(w))
}

/**
 * Extractive summary: scores each sentence by how often its content words occur in the whole
 * text (normalised by length), gives a bonus to the opening sentence and to sentences about the
 * request for help, and keeps the best ones in their original order.
 *
 * @example
 * summariseOffline('Mevrouw belt. Ze zoekt hulp bij boodschappen. Het regent.', { maxSentences: 1 })
 */
export function summariseOffline(text: string, options: { maxSentences: number; maxWords: number }): string {
  const sentences = splitSentences(text)
  if (sentences.length <= options.maxSentences) return sentences.join(' ')
  const frequency = new Map<string, number>()
  for (const word of words(text)) frequency.set(word, (frequency.get(word) ?? 0) + 1)
  const scored = sentences.map((sentence, index) => {
    const own = words(sentence)
    const weight =
      own.reduce((sum, w) => sum + (frequency.get(w) ?? 0), 0) / Math.sqrt(Math.max(own.length, 1))
    const bonus = (index === 0 ? 1.5 : 0) + (requestWords.test(sentence) ? 2 : 0)
    return { sentence, index, score: weight + bonus }
  })
  const chosen = [...scored]
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, options.maxSentences)
    .sort((a, b) => a.index - b.index)
  const result: string[] = []
  let count = 0
  for (const { sentence } of chosen) {
    const length = sentence.split(/\s+/).length
    if (count > 0 && count + length > options.maxWords) break
    result.push(sentence)
    count += length
  }
  return result.join(' ')
}

/** A field the designer wants extracted. */
export interface ExtractField {
  name: string
  type: 'string' | 'number' | 'boolean' | 'date' | 'enum' | 'list'
  description?: string | undefined
  options?: string[] | undefined
  required?: boolean | undefined
}

function keywordsOf(field: ExtractField): string[] {
  const fromName = field.name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_.]/g, ' ')
    .toLowerCase()
    .split(/\s+/)
  return [...new Set([...fromName, ...words(field.description ?? '')])].filter((w) => w.length > 2)
}

function escapeRegExp(value: string) {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function containsWord(text: string, word: string): boolean {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(word)}(?![\\p{L}\\p{N}])`, 'iu').test(text)
}

const monthNumbers: Record<string, number> = {
  januari: 1,
  februari: 2,
  maart: 3,
  april: 4,
  mei: 5,
  juni: 6,
  juli: 7,
  augustus: 8,
  september: 9,
  oktober: 10,
  november: 11,
  december: 12,
  january: 1,
  february: 2,
  march: 3,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  october: 10,
}

function findDate(text: string): string | null {
  const numeric = /(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)/.exec(text)
  if (numeric) return `${numeric[3]}-${numeric[2]!.padStart(2, '0')}-${numeric[1]!.padStart(2, '0')}`
  const iso = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(text)
  if (iso) return iso[0]
  const written = new RegExp(
    `(?<!\\d)(\\d{1,2})\\s+(${Object.keys(monthNumbers).join('|')})\\s+(\\d{4})`,
    'i',
  ).exec(text)
  if (written) {
    const month = monthNumbers[written[2]!.toLowerCase()]!
    return `${written[3]}-${String(month).padStart(2, '0')}-${written[1]!.padStart(2, '0')}`
  }
  return null
}

/**
 * Rule-based extraction: options named in the text for enum and list fields, "Label: value" lines
 * and the best-matching sentence for text fields, numbers near the field's words, the first date,
 * and yes/no by whether the field's words occur (and are not negated).
 */
export function extractOffline(text: string, fields: readonly ExtractField[]): Record<string, unknown> {
  const result: Record<string, unknown> = {}
  const sentences = splitSentences(text)
  for (const field of fields) {
    const keywords = keywordsOf(field)
    const labelled = new RegExp(
      `(?:^|[\\n.;])\\s*(?:${[field.name, ...keywords].map(escapeRegExp).join('|')})\\s*:\\s*([^\\n;]+?)(?=\\.\\s|\\n|;|$)`,
      'iu',
    ).exec(text)
    switch (field.type) {
      case 'enum':
        result[field.name] = field.options?.find((option) => containsWord(text, option)) ?? null
        break
      case 'list': {
        const found = (field.options ?? []).filter((option) => containsWord(text, option))
        result[field.name] =
          found.length > 0 ? found : labelled ? labelled[1]!.split(/\s*(?:,|\ben\b|\band\b)\s*/) : []
        break
      }
      case 'date':
        result[field.name] = findDate(labelled?.[1] ?? text)
        break
      case 'number': {
        const near = sentences.find((s) => keywords.some((k) => containsWord(s, k)))
        const number = /-?\d+(?:[.,]\d+)?/.exec(labelled?.[1] ?? near ?? '')
        result[field.name] = number ? Number(number[0].replace(',', '.')) : null
        break
      }
      case 'boolean': {
        const hit = sentences.find((s) => keywords.some((k) => containsWord(s, k)))
        result[field.name] = hit ? !/\b(geen|niet|nooit|no|not|never)\b/i.test(hit) : null
        break
      }
      default: {
        if (labelled) {
          result[field.name] = labelled[1]!.trim()
          break
        }
        let best: { sentence: string; score: number } | undefined
        for (const sentence of sentences) {
          const score = keywords.filter((k) => sentence.toLowerCase().includes(k)).length
          if (score > 0 && (!best || score > best.score)) best = { sentence, score }
        }
        result[field.name] = best?.sentence ?? null
      }
    }
  }
  return result
}

/** A label to classify into. */
export interface ClassifyLabel {
  id: string
  title?: string | undefined
  description?: string | undefined
  keywords?: string[] | undefined
}

/**
 * Keyword classification: counts how often each label's keywords (and the words of its id and
 * title) occur. Confidence is the winner's share of all hits, damped when there are few hits.
 */
export function classifyOffline(
  text: string,
  labels: readonly ClassifyLabel[],
): { label: string | null; confidence: number; scores: Record<string, number> } {
  const scores: Record<string, number> = {}
  const lower = text.toLowerCase()
  for (const label of labels) {
    const terms = new Set(
      [...(label.keywords ?? []), ...words(label.id.replace(/[_-]/g, ' ')), ...words(label.title ?? '')].map(
        (t) => t.toLowerCase(),
      ),
    )
    let score = 0
    for (const term of terms) {
      const matches = lower.match(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(term)}`, 'giu'))
      score += matches?.length ?? 0
    }
    scores[label.id] = score
  }
  const total = Object.values(scores).reduce((a, b) => a + b, 0)
  const best = labels.map((l) => l.id).sort((a, b) => scores[b]! - scores[a]!)[0]
  if (!best || total === 0) return { label: null, confidence: 0, scores }
  const share = scores[best]! / total
  const confidence = Math.round(share * Math.min(1, scores[best]! / 3) * 100) / 100
  return { label: best, confidence, scores }
}

/** Fills `{{ field.path }}` in a template from data; unknown fields become an empty string. */
export function fillTemplate(template: string, data: Record<string, unknown>): string {
  return template.replace(
    /\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*\}\}/g,
    (_, path: string) => {
      let current: unknown = data
      for (const part of path.split('.')) {
        current =
          current !== null && typeof current === 'object'
            ? (current as Record<string, unknown>)[part]
            : undefined
      }
      if (current === undefined || current === null) return ''
      return typeof current === 'string'
        ? current
        : Array.isArray(current)
          ? current.join(', ')
          : JSON.stringify(current)
    },
  )
}
