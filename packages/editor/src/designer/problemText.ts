import type { TFunction } from 'i18next'
import { pick } from '../i18n'
import type { FlowProblem } from './catalogue'

/** Kinds of config problems the editor says in its own plain words. */
type Issue =
  | 'missing'
  | 'tooShort'
  | 'tooLong'
  | 'tooFew'
  | 'tooMany'
  | 'numberTooSmall'
  | 'numberTooBig'
  | 'tooSmall'
  | 'tooBig'
  | 'option'
  | 'type'
  | 'unknownKey'
  | 'format'
  | 'email'
  | 'url'

/** A problem in words: the text key and the numbers it names. */
interface IssueText {
  issue: Issue
  values?: { min?: number; max?: number }
}

/**
 * What is wrong, read from the engine's (zod's) English message: an empty required text or list
 * is "fill in a value", a short text names how many characters it needs, a number its bounds.
 */
function issueOf(problem: FlowProblem): IssueText | undefined {
  if (problem.code !== 'node.invalid_config' || !problem.path?.length) return undefined
  const text = problem.message.en
  if (/received undefined|Required/i.test(text)) return { issue: 'missing' }
  if (/Unrecognized key/i.test(text)) return { issue: 'unknownKey' }
  if (/Invalid option|expected one of/i.test(text)) return { issue: 'option' }
  const small = /Too small: expected (string|array|number|[a-z]+) (?:to have|to be) >=?(\d+)/i.exec(text)
  if (small) {
    const [, kind, bound] = small
    const min = Number(bound)
    if ((kind === 'string' || kind === 'array') && min <= 1) return { issue: 'missing' }
    if (kind === 'string') return { issue: 'tooShort', values: { min } }
    if (kind === 'array') return { issue: 'tooFew', values: { min } }
    if (kind === 'number') return { issue: 'numberTooSmall', values: { min } }
  }
  if (/Too small/i.test(text)) return { issue: 'tooSmall' }
  const big = /Too big: expected (string|array|number|[a-z]+) (?:to have|to be) <=?(\d+)/i.exec(text)
  if (big) {
    const [, kind, bound] = big
    const max = Number(bound)
    if (kind === 'string') return { issue: 'tooLong', values: { max } }
    if (kind === 'array') return { issue: 'tooMany', values: { max } }
    if (kind === 'number') return { issue: 'numberTooBig', values: { max } }
  }
  if (/Too big/i.test(text)) return { issue: 'tooBig' }
  if (/Invalid input: expected/i.test(text)) return { issue: 'type' }
  if (/Invalid email/i.test(text)) return { issue: 'email' }
  if (/Invalid url/i.test(text)) return { issue: 'url' }
  if (/Invalid string|must match|pattern|Invalid (uuid)/i.test(text)) return { issue: 'format' }
  return undefined
}

const issueWords = (found: IssueText, t: TFunction) => t(`problemText.${found.issue}`, found.values ?? {})

/**
 * The short text under a form field for a config problem, in plain words ("Vul dit veld in."),
 * or the engine's own message when the editor has no better words.
 */
export function fieldProblemText(problem: FlowProblem, t: TFunction, lang: string): string {
  const found = issueOf(problem)
  return found ? issueWords(found, t) : pick(problem.message, lang)
}

/** A problem for the problems list: which node, which setting, what to do. */
export function problemText(
  problem: FlowProblem,
  t: TFunction,
  lang: string,
  nodeName: (id: string) => string,
): string {
  const found = issueOf(problem)
  if (!found || !problem.nodeId) return pick(problem.message, lang)
  const last =
    [...(problem.path ?? [])].reverse().find((part): part is string => typeof part === 'string') ?? ''
  const field = t(`schemaField.${last}`, { defaultValue: last })
  return t('problemText.inNode', { node: nodeName(problem.nodeId), field, issue: issueWords(found, t) })
}

/** Privacy warnings (API codes `privacy.<name>`) the editor says in its own plain words. */
const warningKeys: Record<string, string> = {
  ai_without_pseudonymise: 'warningText.aiWithoutPseudonymise',
}

/** A privacy warning for the problems list: which node and what to do, in plain words. */
export function warningText(
  warning: FlowProblem,
  t: TFunction,
  lang: string,
  nodeName: (id: string) => string,
): string {
  const [scope, name] = warning.code.split('.', 2)
  const key = scope === 'privacy' && name ? warningKeys[name] : undefined
  if (!key || !warning.nodeId) return pick(warning.message, lang)
  return t(key, { node: nodeName(warning.nodeId) })
}
