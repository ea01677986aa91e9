import type { TFunction } from 'i18next'
import { pick } from '../i18n'
import type { FlowProblem } from './catalogue'

/** Kinds of config problems the editor says in its own plain words. */
type Issue = 'missing' | 'tooSmall' | 'tooBig' | 'option' | 'type' | 'unknownKey' | 'format'

function issueOf(problem: FlowProblem): Issue | undefined {
  if (problem.code !== 'node.invalid_config' || !problem.path?.length) return undefined
  const text = problem.message.en
  if (/received undefined|Required/i.test(text)) return 'missing'
  if (/Unrecognized key/i.test(text)) return 'unknownKey'
  if (/Invalid option|expected one of/i.test(text)) return 'option'
  if (/Too small/i.test(text)) return 'tooSmall'
  if (/Too big/i.test(text)) return 'tooBig'
  if (/Invalid input: expected/i.test(text)) return 'type'
  if (/Invalid string|must match|pattern|Invalid (email|url|uuid)/i.test(text)) return 'format'
  return undefined
}

/**
 * The short text under a form field for a config problem, in plain words ("Vul dit veld in."),
 * or the engine's own message when the editor has no better words.
 */
export function fieldProblemText(problem: FlowProblem, t: TFunction, lang: string): string {
  const issue = issueOf(problem)
  return issue ? t(`problemText.${issue}`) : pick(problem.message, lang)
}

/** A problem for the problems list: which node, which setting, what to do. */
export function problemText(
  problem: FlowProblem,
  t: TFunction,
  lang: string,
  nodeName: (id: string) => string,
): string {
  const issue = issueOf(problem)
  if (!issue || !problem.nodeId) return pick(problem.message, lang)
  const last =
    [...(problem.path ?? [])].reverse().find((part): part is string => typeof part === 'string') ?? ''
  const field = t(`schemaField.${last}`, { defaultValue: last })
  return t('problemText.inNode', { node: nodeName(problem.nodeId), field, issue: t(`problemText.${issue}`) })
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
