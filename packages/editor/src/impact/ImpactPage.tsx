import { useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../api/client'
import type { ApiAnswer } from '../api/types'
import { useApi } from '../api/useApi'
import { Loading, ProblemMessage } from '../shell/Problem'
import { type ChartSeries, ImpactChart } from './ImpactChart'
import './impact.css'
import { downloadCsv, type FigureTable } from './table'

/** The impact report as the API sends it. */
export type ImpactReportJson = ApiAnswer<'/api/v1/impact', 'get'>
/** The figures of one group of cases. */
export type ImpactFiguresJson = ImpactReportJson['totals']

const periods = [4, 12, 26, 52] as const
const day = 86_400_000

/** Fetches the report of the last `weeks` weeks (optionally of one flow). */
export function loadImpact(weeks: number, flowId?: string): Promise<ImpactReportJson> {
  const to = new Date()
  const from = new Date(to.getTime() - weeks * 7 * day)
  return api.get('/api/v1/impact', {
    query: { from: from.toISOString(), to: to.toISOString(), bucket: 'week', ...(flowId ? { flowId } : {}) },
  })
}

/** Numbers in the reader's language. */
export function useNumber() {
  const { i18n } = useTranslation()
  return useMemo(() => {
    const format = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'nl-NL', {
      maximumFractionDigits: 1,
    })
    return (value: number | null | undefined) =>
      value === null || value === undefined ? '' : format.format(value)
  }, [i18n.language])
}

/**
 * The Impact page: per team or per flow, for a chosen period, the cases, minutes saved against
 * the designer's baseline, handling and lead times, and the AI drafts accepted, edited or
 * rejected, with weekly charts whose numbers are also a table and a CSV download.
 */
export function ImpactPage({ flowId: initialFlow }: { flowId?: string }) {
  const { t } = useTranslation()
  const [weeks, setWeeks] = useState<number>(12)
  const [flowId, setFlowId] = useState<string>(initialFlow ?? '')
  const [flowNames, setFlowNames] = useState<{ id: string; name: string }[]>([])
  const report = useApi(() => loadImpact(weeks, flowId || undefined), [weeks, flowId])
  const periodId = useId()
  const flowSelectId = useId()

  // The whole list comes with the team's report; a report of one flow names at least that flow.
  const [namesOf, setNamesOf] = useState<ImpactReportJson>()
  if (report.state === 'ready' && report.data !== namesOf) {
    setNamesOf(report.data)
    const names = report.data.flows.map((flow) => ({ id: flow.flowId, name: flow.name }))
    setFlowNames((known) => (!flowId || known.length === 0 ? names : known))
  }

  return (
    <section className="page impact-page" aria-labelledby="impact-heading">
      <h1 id="impact-heading">{t('impact.heading')}</h1>
      <p>{t('impact.intro')}</p>
      <div className="impact-controls">
        <div className="field">
          <label htmlFor={periodId}>{t('impact.period')}</label>
          <select id={periodId} value={weeks} onChange={(event) => setWeeks(Number(event.target.value))}>
            {periods.map((count) => (
              <option key={count} value={count}>
                {t(`impact.weeks${count}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={flowSelectId}>{t('impact.flow')}</label>
          <select id={flowSelectId} value={flowId} onChange={(event) => setFlowId(event.target.value)}>
            <option value="">{t('impact.allFlows')}</option>
            {flowNames.map((flow) => (
              <option key={flow.id} value={flow.id}>
                {flow.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {report.state === 'loading' && <Loading />}
      {report.state === 'error' && <ProblemMessage error={report.error} onRetry={report.reload} />}
      {report.state === 'ready' && <ImpactReportView report={report.data} flowId={flowId || undefined} />}
    </section>
  )
}

function ImpactReportView({ report, flowId }: { report: ImpactReportJson; flowId?: string }) {
  const { t } = useTranslation()
  const flow = flowId ? report.flows.find((f) => f.flowId === flowId) : undefined
  const totals = flow ? flow.totals : report.totals
  const weeks = flow ? flow.weeks : report.weeks
  const example =
    (totals.exampleCases ?? 0) > 0 ||
    weeks.some((week) => (week.exampleCases ?? 0) > 0) ||
    report.flows.some((f) => (f.totals.exampleCases ?? 0) > 0)
  const anyBaseline = flow
    ? flow.baselineSource !== null
    : report.flows.some((f) => f.baselineSource !== null)
  return (
    <>
      {example && (
        <p className="impact-example" role="note">
          {t('impact.example')}
        </p>
      )}
      <HeadlineCards figures={totals} minCases={report.minCases} minPeople={report.minPeople} />
      {totals.hidden && weeks.length === 0 ? <p>{t('impact.empty')}</p> : null}
      <p className="muted">
        {anyBaseline
          ? flow
            ? flow.baselineSource === 'nodes'
              ? t('impact.savedAssumptionNodes', { baselines: nodeBaselineList(flow) })
              : t('impact.savedAssumption', { baseline: `${flow.minutesByHand} min` })
            : t('impact.savedAssumptionTeam')
          : t('impact.noBaseline')}
      </p>
      <p className="muted">{t('impact.privacy', { cases: report.minCases, people: report.minPeople })}</p>
      {weeks.length > 0 && <WeeklyFigures weeks={weeks} name={flow?.name ?? 'team'} />}
      {flow ? <FlowDetail flow={flow} /> : <FlowTable report={report} />}
    </>
  )
}

/** The per-node baselines of a flow as "Verslag controleren: 25 min; intake: 12 min". */
function nodeBaselineList(flow: ImpactReportJson['flows'][number]): string {
  const labels = new Map(flow.nodes.map((node) => [node.nodeId, node.label]))
  return Object.entries(flow.minutesByHandPerNode)
    .map(([nodeId, minutes]) => `${labels.get(nodeId) ?? nodeId}: ${minutes} min`)
    .join('; ')
}

function HeadlineCards({
  figures,
  minCases,
  minPeople,
}: {
  figures: ImpactFiguresJson
  minCases: number
  minPeople: number
}) {
  const { t } = useTranslation()
  const number = useNumber()
  const hiddenText = t('impact.hidden', { min: minCases })
  const handlingHidden =
    figures.handlingHiddenBecause === 'people' ? t('impact.hiddenPeople', { min: minPeople }) : hiddenText
  return (
    <dl className="impact-cards">
      <div>
        <dt>{t('impact.cases')}</dt>
        <dd>
          {figures.hidden ? (
            <small>{hiddenText}</small>
          ) : (
            <>
              {number(figures.cases)}
              <small>{t('impact.completed', { count: figures.completed ?? 0 })}</small>
            </>
          )}
        </dd>
      </div>
      <div>
        <dt>{t('impact.minutesSaved')}</dt>
        <dd>
          {figures.minutesSaved === null ? (
            <small>{figures.hidden ? hiddenText : t('impact.none')}</small>
          ) : (
            t('impact.minutesSavedValue', {
              minutes: number(figures.minutesSaved),
              hours: number(Math.round(figures.minutesSaved / 6) / 10),
            })
          )}
        </dd>
      </div>
      <div>
        <dt>{t('impact.handling')}</dt>
        <dd>
          {figures.handlingMinutes ? (
            <>
              {t('impact.handlingValue', { median: number(figures.handlingMinutes.median) })}
              <small>
                {t('impact.handlingSpread', {
                  p25: number(figures.handlingMinutes.p25),
                  p75: number(figures.handlingMinutes.p75),
                })}
              </small>
            </>
          ) : (
            <small>{handlingHidden}</small>
          )}
        </dd>
      </div>
      <div>
        <dt>{t('impact.drafts')}</dt>
        <dd>
          {figures.drafts ? (
            <>
              <small>
                {t('impact.draftsValue', {
                  accepted: figures.drafts.accepted,
                  edited: figures.drafts.edited,
                  rejected: figures.drafts.rejected,
                })}
              </small>
              {figures.drafts.medianEditRatio !== null && (
                <small>
                  {t('impact.editRatio', { percent: number(figures.drafts.medianEditRatio * 100) })}
                </small>
              )}
            </>
          ) : (
            <small>{figures.hidden ? hiddenText : t('impact.none')}</small>
          )}
        </dd>
      </div>
      <div>
        <dt>{t('impact.leadTime')}</dt>
        <dd>
          {figures.leadTimeHours ? (
            <>
              {t('impact.leadTimeValue', { median: number(figures.leadTimeHours.median) })}
              <small>{t('impact.leadTimeP90', { p90: number(figures.leadTimeHours.p90) })}</small>
            </>
          ) : (
            <small>{figures.hidden ? hiddenText : t('impact.none')}</small>
          )}
        </dd>
      </div>
      <div>
        <dt>{t('impact.failed')}</dt>
        <dd>{figures.hidden ? <small>{hiddenText}</small> : number(figures.failed)}</dd>
      </div>
    </dl>
  )
}

/** A chart with its numbers as a table under it, and the table as a CSV download. */
function FigureWithTable({
  title,
  table,
  series,
  labels,
  fileName,
}: {
  title: string
  table: FigureTable
  series?: ChartSeries[]
  labels?: string[]
  fileName: string
}) {
  const { t } = useTranslation()
  const number = useNumber()
  const headingId = useId()
  return (
    <figure className="impact-figure" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      {series && labels && <ImpactChart labels={labels} series={series} />}
      <table className="impact-table">
        <caption>{t('impact.tableCaption', { title })}</caption>
        <thead>
          <tr>
            {table.columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={JSON.stringify(row)}>
              {row.map((cell, column) =>
                column === 0 ? (
                  <th key={table.columns[column]} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={table.columns[column]}>
                    {cell === null ? t('impact.hiddenShort') : typeof cell === 'number' ? number(cell) : cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="impact-download" onClick={() => downloadCsv(table, fileName)}>
        {t('impact.download')}
      </button>
    </figure>
  )
}

const colors = {
  cases: '#0b5d8a',
  handling: '#a1421d',
  accepted: '#1d6b35',
  edited: '#8a6d0b',
  rejected: '#b0211b',
}

function WeeklyFigures({ weeks, name }: { weeks: ImpactReportJson['weeks']; name: string }) {
  const { t } = useTranslation()
  const labels = useMemo(() => weeks.map((week) => week.week), [weeks])
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 40) || 'impact'
  const casesSeries = useMemo(
    () => [{ label: t('impact.cases'), values: weeks.map((w) => w.cases), color: colors.cases }],
    [weeks, t],
  )
  const handlingSeries = useMemo(
    () => [
      {
        label: t('impact.handling'),
        values: weeks.map((w) => w.handlingMinutes?.median ?? null),
        color: colors.handling,
      },
    ],
    [weeks, t],
  )
  const draftSeries = useMemo(
    () => [
      {
        label: t('impact.accepted'),
        values: weeks.map((w) => w.drafts?.accepted ?? null),
        color: colors.accepted,
      },
      { label: t('impact.edited'), values: weeks.map((w) => w.drafts?.edited ?? null), color: colors.edited },
      {
        label: t('impact.rejected'),
        values: weeks.map((w) => w.drafts?.rejected ?? null),
        color: colors.rejected,
      },
    ],
    [weeks, t],
  )
  return (
    <section aria-labelledby="impact-trend">
      <h2 id="impact-trend">{t('impact.trendHeading')}</h2>
      <FigureWithTable
        title={t('impact.chartCases')}
        labels={labels}
        series={casesSeries}
        fileName={`impact-${slug}-cases.csv`}
        table={{
          columns: [t('impact.week'), t('impact.cases'), t('impact.failed'), t('impact.minutesSaved')],
          rows: weeks.map((w) => [w.week, w.cases, w.failed, w.minutesSaved]),
        }}
      />
      <FigureWithTable
        title={t('impact.chartHandling')}
        labels={labels}
        series={handlingSeries}
        fileName={`impact-${slug}-handling.csv`}
        table={{
          columns: [t('impact.week'), t('impact.handling'), 'p25', 'p75', t('impact.leadTime')],
          rows: weeks.map((w) => [
            w.week,
            w.handlingMinutes?.median ?? null,
            w.handlingMinutes?.p25 ?? null,
            w.handlingMinutes?.p75 ?? null,
            w.leadTimeHours?.median ?? null,
          ]),
        }}
      />
      <FigureWithTable
        title={t('impact.chartDrafts')}
        labels={labels}
        series={draftSeries}
        fileName={`impact-${slug}-drafts.csv`}
        table={{
          columns: [t('impact.week'), t('impact.accepted'), t('impact.edited'), t('impact.rejected')],
          rows: weeks.map((w) => [
            w.week,
            w.drafts?.accepted ?? null,
            w.drafts?.edited ?? null,
            w.drafts?.rejected ?? null,
          ]),
        }}
      />
    </section>
  )
}

function FlowTable({ report }: { report: ImpactReportJson }) {
  const { t } = useTranslation()
  if (report.flows.length === 0) return null
  return (
    <section aria-labelledby="impact-flows">
      <h2 id="impact-flows">{t('impact.flowsHeading')}</h2>
      <FigureWithTable
        title={t('impact.flowsHeading')}
        fileName="impact-flows.csv"
        table={{
          columns: [
            t('impact.flow'),
            t('impact.cases'),
            t('impact.baseline'),
            t('impact.minutesSaved'),
            t('impact.handling'),
            t('impact.accepted'),
            t('impact.edited'),
            t('impact.rejected'),
            t('impact.leadTime'),
            t('impact.failed'),
          ],
          rows: report.flows.map((flow) => [
            flow.name,
            flow.totals.cases,
            flow.baselineSource === 'nodes' ? t('impact.baselinePerTask') : flow.minutesByHand,
            flow.totals.minutesSaved,
            flow.totals.handlingMinutes?.median ?? null,
            flow.totals.drafts?.accepted ?? null,
            flow.totals.drafts?.edited ?? null,
            flow.totals.drafts?.rejected ?? null,
            flow.totals.leadTimeHours?.median ?? null,
            flow.totals.failed,
          ]),
        }}
      />
    </section>
  )
}

function FlowDetail({ flow }: { flow: ImpactReportJson['flows'][number] }) {
  const { t } = useTranslation()
  return (
    <>
      {flow.nodes.length > 0 && (
        <section aria-labelledby="impact-nodes">
          <h2 id="impact-nodes">{t('impact.nodesHeading')}</h2>
          <FigureWithTable
            title={t('impact.nodesHeading')}
            fileName="impact-tasks.csv"
            table={{
              columns: [
                t('impact.node'),
                t('impact.tasks'),
                t('impact.wait'),
                t('impact.handling'),
                t('impact.decisionLead'),
                t('impact.nodeBaseline'),
                t('impact.nodeSaved'),
              ],
              rows: flow.nodes.map((node) => [
                node.label ?? node.nodeId,
                node.tasks,
                node.waitMinutesMedian,
                node.handlingMinutesMedian,
                node.decisionLeadHoursMedian,
                node.minutesByHand,
                node.minutesSaved,
              ]),
            }}
          />
        </section>
      )}
      {flow.drafts.length > 0 && (
        <section aria-labelledby="impact-drafts">
          <h2 id="impact-drafts">{t('impact.draftsHeading')}</h2>
          <FigureWithTable
            title={t('impact.draftsHeading')}
            fileName="impact-drafts.csv"
            table={{
              columns: [
                t('impact.node'),
                t('impact.field'),
                t('impact.method'),
                t('impact.accepted'),
                t('impact.edited'),
                t('impact.rejected'),
              ],
              rows: flow.drafts.map((draft) => [
                draft.nodeId,
                draft.field,
                draft.model ? `${draft.method} (${draft.model})` : draft.method,
                draft.accepted,
                draft.edited,
                draft.rejected,
              ]),
            }}
          />
        </section>
      )}
    </>
  )
}
