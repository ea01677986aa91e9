import i18next from 'i18next'
import { useEffect, useMemo } from 'react'
import type { CatalogueNode } from '../../api/types'
import { useApi } from '../../api/useApi'
import type { FlowProblem } from '../catalogue'
import { nodeDisplayName } from '../catalogue'
import { type MissingCredential, missingCredentials } from '../credentialChoice'
import type { Graph } from '../graph'
import { forgetTeamCredentialNames, optionalCredentialSlots, teamCredentialNames } from '../teamCredentials'

/** The picker's own words for a slot without a credential, in one language. */
export function missingCredentialText(found: MissingCredential, lang: 'nl' | 'en'): string {
  const t = i18next.getFixedT(lang)
  if (found.kind === 'missing') return t('credentials.missing', { name: found.name })
  if (found.kind === 'choose') return t('credentials.choose', { slot: found.slot })
  return t('credentials.noneYet', { slot: found.slot })
}

/**
 * The nodes of the flow whose credentials will not be found when it runs, as findings for the
 * problems list (code `credential.missing`), in the same words as the node's credential picker.
 * They warn and never block publishing: without SMTP, for instance, a local start sends e-mail to
 * its test mailbox. Asked again when the page comes back into view.
 */
export function useCredentialProblems(
  graph: Graph,
  catalogue: ReadonlyMap<string, CatalogueNode>,
  teamId: string | undefined,
): FlowProblem[] {
  const known = useApi(async () => {
    const [names, optional] = await Promise.all([teamCredentialNames(teamId), optionalCredentialSlots()])
    return { names, optional }
  }, [teamId])
  const { refresh } = known
  useEffect(() => {
    const again = () => {
      if (document.visibilityState !== 'visible') return
      forgetTeamCredentialNames()
      refresh()
    }
    document.addEventListener('visibilitychange', again)
    window.addEventListener('focus', again)
    return () => {
      document.removeEventListener('visibilitychange', again)
      window.removeEventListener('focus', again)
    }
  }, [refresh])

  const nodes = graph.nodes
  const data = known.state === 'ready' ? known.data : undefined
  return useMemo(() => {
    if (!data) return []
    const withSlots = nodes.flatMap((node) => {
      const slots = catalogue.get(`${node.data.type}@${node.data.version}`)?.secrets ?? []
      return slots.length ? [{ id: node.id, slots, chosen: node.data.credentials ?? {} }] : []
    })
    return missingCredentials(withSlots, data.names, data.optional).map((found) => {
      const node = nodes.find((candidate) => candidate.id === found.nodeId)!
      const text = (lang: 'nl' | 'en') =>
        i18next.getFixedT(lang)('credentials.inNode', {
          node: nodeDisplayName(node, catalogue, lang),
          text: missingCredentialText(found, lang),
        })
      return {
        code: 'credential.missing',
        nodeId: found.nodeId,
        path: ['credentials', found.slot],
        message: { nl: text('nl'), en: text('en') },
      }
    })
  }, [nodes, catalogue, data])
}
