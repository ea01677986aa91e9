import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { pick } from '../../i18n'
import { parseBaselineMinutes, withFlowBaseline } from '../../impact/baseline'
import { ImpactStrip } from '../../impact/ImpactStrip'
import { NodeBaselines } from '../../impact/NodeBaselines'
import { CheckboxField } from '../../shell/CheckboxField'
import { NodeSettings } from './NodeSettings'
import type { SidePanelProps } from './props'

/** The settings tab: the selected node's settings, or the flow's own when no node is selected. */
export function SettingsTab(props: SidePanelProps) {
  const { t } = useTranslation()
  if (props.selected.length > 1) {
    return (
      <div>
        <h2>{t('panel.multiSelected', { count: props.selected.length })}</h2>
        <p>{t('panel.multiHint')}</p>
      </div>
    )
  }
  const node = props.selected[0]
  if (!node) return <FlowSettings {...props} />
  return <NodeSettings key={node.id} node={node} {...props} />
}

function FlowSettings({ meta, onMeta, graph, catalogue, flowId }: SidePanelProps) {
  const { t, i18n } = useTranslation()
  const privacy = useMemo(() => {
    const reads: string[] = []
    const outside: string[] = []
    for (const node of graph.nodes) {
      const type = catalogue.get(`${node.data.type}@${node.data.version}`)
      const name = node.data.label || pick(type?.title, i18n.language) || node.id
      if (type?.personalData?.reads?.length) reads.push(name)
      if (type?.personalData?.sendsOutside && type.personalData.sendsOutside !== 'never') outside.push(name)
    }
    return { reads, outside }
  }, [graph.nodes, catalogue, i18n.language])
  return (
    <div>
      <h2>{t('panel.flowSettings')}</h2>
      <div className="field">
        <label htmlFor="flow-description">{t('panel.description')}</label>
        <textarea
          id="flow-description"
          rows={3}
          value={meta.description ?? ''}
          onChange={(event) => onMeta({ ...meta, description: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="flow-retention">{t('panel.retention')}</label>
        <input
          id="flow-retention"
          type="number"
          min={1}
          max={3650}
          value={meta.retentionDays ?? 90}
          onChange={(event) => onMeta({ ...meta, retentionDays: Number(event.target.value) || 90 })}
        />
      </div>
      <CheckboxField
        id="flow-retention-records"
        label={t('panel.retentionRecords')}
        checked={meta.retentionRecords === 'remove'}
        describedBy="flow-retention-records-help"
        onChange={(checked) => {
          const { retentionRecords: _previous, ...rest } = meta
          onMeta(checked ? { ...rest, retentionRecords: 'remove' } : rest)
        }}
      >
        <p className="field-help" id="flow-retention-records-help">
          {t('panel.retentionRecordsHelp')}
        </p>
      </CheckboxField>
      <div className="field">
        <label htmlFor="flow-minutes-by-hand">{t('impact.baselineLabel')}</label>
        <input
          id="flow-minutes-by-hand"
          type="number"
          min={0}
          max={100000}
          step={1}
          aria-describedby="flow-minutes-by-hand-help"
          value={meta.impact?.minutesByHand ?? ''}
          onChange={(event) => {
            const { impact: previous, ...rest } = meta
            const impact = withFlowBaseline(previous, parseBaselineMinutes(event.target.value))
            onMeta(impact ? { ...rest, impact } : rest)
          }}
        />
        <p id="flow-minutes-by-hand-help" className="small-text">
          {t('impact.baselineHelp')}
        </p>
      </div>
      <NodeBaselines
        baseline={meta.impact}
        nodes={graph.nodes}
        catalogue={catalogue}
        onChange={(impact) => {
          const { impact: _previous, ...rest } = meta
          onMeta(impact ? { ...rest, impact } : rest)
        }}
      />
      <ImpactStrip flowId={flowId} />
      <section className="privacy" aria-labelledby="privacy-heading">
        <h3 id="privacy-heading">{t('privacy.heading')}</h3>
        <p>
          {privacy.reads.length
            ? t('privacy.reads', { nodes: privacy.reads.join(', ') })
            : t('privacy.readsNone')}
        </p>
        <p>
          {privacy.outside.length
            ? t('privacy.outside', { nodes: privacy.outside.join(', ') })
            : t('privacy.outsideNone')}
        </p>
      </section>
      <p className="muted">{t('panel.selectHint')}</p>
    </div>
  )
}
