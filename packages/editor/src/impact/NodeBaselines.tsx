import { useTranslation } from 'react-i18next'
import type { LocalizedText } from '../api/client'
import type { CatalogueNode } from '../api/types'
import type { WarmNode } from '../designer/graph'
import { pick } from '../i18n'
import {
  type FlowBaseline,
  humanTaskType,
  maxBaselineMinutes,
  parseBaselineMinutes,
  withNodeBaseline,
} from './baseline'
import './impact.css'

/** The name a designer knows a human-task node by: its label, its task title, or its id. */
function nodeName(node: WarmNode, catalogue: ReadonlyMap<string, CatalogueNode>, language: string): string {
  if (node.data.label) return node.data.label
  const title = node.data.config.title as LocalizedText | string | undefined
  const fromTitle =
    typeof title === 'string' || (title && typeof title === 'object') ? pick(title, language) : ''
  return (
    fromTitle || pick(catalogue.get(`${node.data.type}@${node.data.version}`)?.title, language) || node.id
  )
}

/**
 * The optional minutes by hand per human-task node, on the flow's settings: one row per human
 * task of the canvas, labelled with the node's name. When any is filled in, minutes saved are
 * the sum over these nodes instead of the flow's minutes by hand per case.
 */
export function NodeBaselines({
  baseline,
  nodes,
  catalogue,
  onChange,
}: {
  baseline: FlowBaseline | undefined
  nodes: readonly WarmNode[]
  catalogue: ReadonlyMap<string, CatalogueNode>
  onChange(baseline: FlowBaseline | undefined): void
}) {
  const { t, i18n } = useTranslation()
  const tasks = nodes.filter((node) => node.data.type === humanTaskType)
  if (tasks.length === 0) return null
  return (
    <fieldset className="field impact-node-baselines" aria-describedby="flow-node-baselines-help">
      <legend>{t('impact.baselinePerNodeLegend')}</legend>
      <p id="flow-node-baselines-help" className="small-text">
        {t('impact.baselinePerNodeHelp')}
      </p>
      {tasks.map((node) => {
        const id = `flow-minutes-by-hand-${node.id}`
        return (
          <div key={node.id} className="impact-node-baseline">
            <label htmlFor={id}>{nodeName(node, catalogue, i18n.language)}</label>
            <input
              id={id}
              type="number"
              min={0}
              max={maxBaselineMinutes}
              step={1}
              inputMode="decimal"
              value={baseline?.minutesByHandPerNode?.[node.id] ?? ''}
              onChange={(event) =>
                onChange(withNodeBaseline(baseline, node.id, parseBaselineMinutes(event.target.value)))
              }
            />
          </div>
        )
      })}
    </fieldset>
  )
}
