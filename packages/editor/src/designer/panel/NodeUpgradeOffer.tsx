import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import type { CatalogueNode, NodeUpgradeJson } from '../../api/types'
import { pick } from '../../i18n'
import { ProblemMessage } from '../../shell/Problem'
import type { WarmNode } from '../graph'

/** The newest version of a node type in the catalogue. */
function newestVersion(catalogue: ReadonlyMap<string, CatalogueNode>, type: string): number {
  let newest = 0
  for (const entry of catalogue.values())
    if (entry.type === type && entry.version > newest) newest = entry.version
  return newest
}

function shown(value: unknown, empty: string): string {
  if (value === undefined || value === null || value === '') return empty
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/**
 * Offers to upgrade a node to the newest version of its type: first shows what the upgrade
 * changes in its settings (asked from the API, which runs the node type's own upgrade), then
 * applies it as one undoable step.
 */
export function NodeUpgradeOffer({
  node,
  catalogue,
  onApply,
}: {
  node: WarmNode
  catalogue: ReadonlyMap<string, CatalogueNode>
  onApply(version: number, config: Record<string, unknown>): void
}) {
  const { t, i18n } = useTranslation()
  const [preview, setPreview] = useState<NodeUpgradeJson | undefined>()
  const [problem, setProblem] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<number | undefined>()
  const to = newestVersion(catalogue, node.data.type)
  if (done !== undefined && node.data.version === done) {
    return (
      <p role="status" className="small-text">
        {t('upgrade.done', { to: done })}
      </p>
    )
  }
  if (to <= node.data.version) return null
  const load = async () => {
    setBusy(true)
    setProblem(undefined)
    try {
      setPreview(
        await api.post('/api/v1/node-upgrades', {
          body: { type: node.data.type, version: node.data.version, config: node.data.config, toVersion: to },
        }),
      )
    } catch (error) {
      setProblem(error)
    } finally {
      setBusy(false)
    }
  }
  return (
    <section className="node-upgrade" aria-labelledby="node-upgrade-heading">
      <h3 id="node-upgrade-heading">{t('upgrade.heading')}</h3>
      <p>{t('upgrade.available', { from: node.data.version, to })}</p>
      {problem !== undefined && <ProblemMessage error={problem} onRetry={load} />}
      {!preview && (
        <button type="button" onClick={load} disabled={busy}>
          {t('upgrade.preview')}
        </button>
      )}
      {preview && (
        <>
          {preview.changes.length === 0 ? (
            <p>{t('upgrade.noChanges')}</p>
          ) : (
            <ul aria-label={t('upgrade.preview')}>
              {preview.changes.map((change) => (
                <li key={change.path}>
                  <code>{change.path}</code> ({t(`upgrade.${change.kind}`)}):{' '}
                  {change.kind !== 'added' && <span>{shown(change.before, t('upgrade.empty'))}</span>}
                  {change.kind === 'changed' && ' → '}
                  {change.kind !== 'removed' && <span>{shown(change.after, t('upgrade.empty'))}</span>}
                </li>
              ))}
            </ul>
          )}
          {preview.problems.length > 0 && (
            <>
              <p>{t('upgrade.problems')}</p>
              <ul>
                {preview.problems.map((text, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id
                  <li key={index}>{pick(text, i18n.language)}</li>
                ))}
              </ul>
            </>
          )}
          <button
            type="button"
            onClick={() => {
              setDone(preview.to)
              onApply(preview.to, preview.config)
            }}
          >
            {t('upgrade.apply', { to: preview.to })}
          </button>
        </>
      )}
    </section>
  )
}
