import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from '../shell/router'
import { type ImpactFiguresJson, loadImpact, useNumber } from './ImpactPage'
import './impact.css'

/**
 * The three headline numbers of one flow over the last 12 weeks (cases, minutes saved, median
 * handling time), with a link to the Impact page. Hidden figures say so; nothing shows until
 * the report arrives, and a failed load shows nothing (the flow's page works without it).
 */
export function ImpactStrip({ flowId }: { flowId: string | undefined }) {
  const { t } = useTranslation()
  const number = useNumber()
  const [figures, setFigures] = useState<{ totals: ImpactFiguresJson; minCases: number } | undefined>()
  useEffect(() => {
    if (!flowId) return
    let alive = true
    loadImpact(12, flowId).then(
      (report) => {
        const flow = report.flows.find((f) => f.flowId === flowId)
        if (alive && flow) setFigures({ totals: flow.totals, minCases: report.minCases })
      },
      () => undefined,
    )
    return () => {
      alive = false
    }
  }, [flowId])
  if (!flowId || !figures) return null
  const { totals } = figures
  const hidden = t('impact.hiddenShort')
  return (
    <section className="impact-strip" aria-labelledby="impact-strip-heading">
      <h3 id="impact-strip-heading">{t('impact.stripHeading')}</h3>
      <dl>
        <div>
          <dt>{t('impact.cases')}</dt>
          <dd>{totals.hidden ? hidden : number(totals.cases)}</dd>
        </div>
        <div>
          <dt>{t('impact.minutesSaved')}</dt>
          <dd>
            {totals.minutesSaved === null
              ? totals.hidden
                ? hidden
                : t('impact.none')
              : number(totals.minutesSaved)}
          </dd>
        </div>
        <div>
          <dt>{t('impact.handling')}</dt>
          <dd>
            {totals.handlingMinutes
              ? t('impact.handlingValue', { median: number(totals.handlingMinutes.median) })
              : hidden}
          </dd>
        </div>
      </dl>
      {totals.hidden && <p className="small-text">{t('impact.hidden', { min: figures.minCases })}</p>}
      <Link href={`/impact?flowId=${encodeURIComponent(flowId)}`}>{t('impact.stripLink')}</Link>
    </section>
  )
}
