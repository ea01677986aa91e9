import { memo, useId } from 'react'
import { useTranslation } from 'react-i18next'
import { ProblemsTab } from './ProblemsTab'
import { PublishTab } from './PublishTab'
import type { SidePanelProps, SidePanelTab } from './props'
import { SettingsTab } from './SettingsTab'
import { TestTab } from './TestTab'

export type { SidePanelProps, SidePanelTab } from './props'

/** The panel beside the canvas: settings of the selected node, problems, publishing and test runs. */
export const SidePanel = memo(function SidePanel(props: SidePanelProps) {
  const { t } = useTranslation()
  const tabs: SidePanelTab[] = ['settings', 'problems', 'publish', 'test']
  const baseId = useId()
  const warningCount = props.warnings.length + props.credentialProblems.length
  return (
    <aside className="side-panel" aria-label={t('panel.label')}>
      <div role="tablist" aria-label={t('panel.label')} className="tabs">
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`${baseId}-${name}`}
            aria-selected={props.tab === name}
            aria-controls={`${baseId}-${name}-panel`}
            tabIndex={props.tab === name ? 0 : -1}
            onClick={() => props.onTab(name)}
            onKeyDown={(event) => {
              const at = tabs.indexOf(name)
              const next =
                event.key === 'ArrowRight'
                  ? tabs[(at + 1) % tabs.length]
                  : event.key === 'ArrowLeft'
                    ? tabs[(at + tabs.length - 1) % tabs.length]
                    : undefined
              if (next) {
                props.onTab(next)
                document.getElementById(`${baseId}-${next}`)?.focus()
              }
            }}
          >
            {t(`panel.tab.${name}`)}
            {name === 'problems' && props.problems.length > 0 && (
              <span className="badge badge-problem"> {props.problems.length}</span>
            )}
            {name === 'problems' && warningCount > 0 && (
              <span className="badge badge-warning tab-badge">
                <span aria-hidden="true">{warningCount}</span>
                <span className="visually-hidden">{t('canvas.warningCount', { count: warningCount })}</span>
              </span>
            )}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${baseId}-${props.tab}-panel`}
        aria-labelledby={`${baseId}-${props.tab}`}
        className="tab-panel"
      >
        {props.tab === 'settings' && <SettingsTab {...props} />}
        {props.tab === 'problems' && <ProblemsTab {...props} />}
        {props.tab === 'publish' && <PublishTab {...props} />}
        {props.tab === 'test' && <TestTab {...props} />}
      </div>
    </aside>
  )
})
