import type { SubjectHoldings, SubjectRun } from '@warmflow/store'
import type { AppDeps, WiredDeps } from '../deps.js'
import { runDetail, runInputOf } from '../runs/read-back.js'
import { findSubject, type SubjectLookup } from './service.js'

/** One run in the access export: which flow processed the data, when, and what it held. */
export interface ExportedRun {
  id: string
  flow: { id: string; name: string; purpose: string; version: number | null }
  team: string
  startedAt: string
  status: string
  trigger: string
  /** Why the contents are not shown: removed after the retention term, or erased. */
  contents: 'held' | 'removed' | 'erased' | 'unavailable'
  startData?: unknown
  output?: unknown
  nodes?: Record<string, { status: string; output?: unknown; finishedAt?: string }>
  tasks: {
    id: string
    title: { nl: string; en: string }
    status: string
    createdAt: string
    closedAt: string | null
    data: unknown
    outcome: unknown
  }[]
  emails: { recipients: string[]; status: string; sentAt: string | null }[]
}

/** One line of the access log: who viewed or changed the person's data, and when. */
export interface AccessEntry {
  at: string
  action: string
  objectType: string | null
  objectId: string | null
  by: string
}

/** Everything Warmflow holds about one person (AVG art. 15), as JSON. */
export interface SubjectExport {
  generatedAt: string
  /** The organisation's own description of what this document is. */
  about: { nl: string; en: string }
  truncated: boolean
  runs: ExportedRun[]
  records: {
    intakes: Record<string, unknown>[]
    clients: Record<string, unknown>[]
    progressReports: Record<string, unknown>[]
  }
  access: AccessEntry[]
}

/** The most access-log lines one export lists (newest first). */
export const maxAccessEntries = 5000

const iso = (value: Date | string | null | undefined) =>
  value === null || value === undefined ? null : new Date(value).toISOString()

function plainRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(row))
    out[key] = value instanceof Date ? value.toISOString() : value
  return out
}

async function exportRun(deps: WiredDeps, run: SubjectRun): Promise<ExportedRun> {
  const base = {
    id: run.id,
    flow: { id: run.flowId, name: run.flowName, purpose: run.flowPurpose, version: run.flowVersion },
    team: run.teamName,
    startedAt: run.createdAt.toISOString(),
    status: run.status,
    trigger: run.trigger,
  }
  // Through the task store: task data is sealed with the run's key.
  const stored = await deps.stores.taskStore.listTasks({ runId: run.id, limit: 1000 })
  const closed = new Map(
    (
      await deps.db.selectFrom('tasks').select(['id', 'closed_at']).where('run_id', '=', run.id).execute()
    ).map((row) => [row.id, row.closed_at]),
  )
  const tasks = stored.reverse().map((task) => ({
    id: task.id,
    title: task.title,
    status: task.status,
    createdAt: task.createdAt.toISOString(),
    closedAt: iso(closed.get(task.id)),
    data: task.data,
    outcome: task.outcome,
  }))
  const emails = (
    await deps.db
      .selectFrom('email_deliveries')
      .select(['recipients', 'status', 'sent_at'])
      .where('run_id', '=', run.id)
      .execute()
  ).map((mail) => ({ recipients: mail.recipients, status: mail.status, sentAt: iso(mail.sent_at) }))
  if (run.erasedAt || run.removedAt) {
    return { ...base, contents: run.erasedAt ? 'erased' : 'removed', tasks, emails }
  }
  try {
    const row = await deps.db
      .selectFrom('runs')
      .selectAll()
      .where('id', '=', run.id)
      .executeTakeFirstOrThrow()
    const [input, detail] = await Promise.all([runInputOf(deps, run.workflowId), runDetail(deps, row)])
    const nodes: ExportedRun['nodes'] = {}
    for (const [id, state] of Object.entries(detail.nodes ?? {})) {
      nodes[id] = {
        status: state.status,
        ...(state.output === undefined ? {} : { output: state.output }),
        ...(state.finishedAt ? { finishedAt: state.finishedAt } : {}),
      }
    }
    return {
      ...base,
      contents: 'held',
      startData: input?.input,
      ...(detail.output === undefined ? {} : { output: detail.output }),
      nodes,
      tasks,
      emails,
    }
  } catch {
    // Temporal does not know the run (any more) or cannot be asked now: say so, list the rest.
    return { ...base, contents: 'unavailable', tasks, emails }
  }
}

async function accessLog(deps: AppDeps, held: SubjectHoldings, taskIds: string[]): Promise<AccessEntry[]> {
  const objectIds = [
    ...held.runs.map((run) => run.id),
    ...taskIds,
    ...held.intakeIds,
    ...held.clientIds,
    ...held.progressReportIds,
  ]
  if (objectIds.length === 0) return []
  const rows = await deps.db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .select([
      'audit_log.at',
      'audit_log.action',
      'audit_log.object_type',
      'audit_log.object_id',
      'audit_log.actor_email',
      'users.name as actor_name',
    ])
    .where('audit_log.object_id', 'in', objectIds)
    .orderBy('audit_log.at', 'desc')
    .limit(maxAccessEntries)
    .execute()
  return rows.map((row) => ({
    at: row.at.toISOString(),
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    by: row.actor_name ?? row.actor_email ?? 'system',
  }))
}

/** Runs at most this many Temporal read-backs at once. */
const exportConcurrency = 4

/**
 * Builds the access export (AVG art. 15) for one person: each run with the flow that processed
 * the data (its purpose), when, the start data, node outputs and final output while they are
 * kept, the person's tasks and e-mails; the intakes, clients and progress reports; and who
 * viewed or changed any of it, from the audit log.
 *
 * @example
 * const document = await exportSubject(deps, { email: 'jan@example.nl' })
 */
export async function exportSubject(deps: WiredDeps, lookup: SubjectLookup): Promise<SubjectExport> {
  const { held } = await findSubject(deps, lookup)
  const runs: ExportedRun[] = new Array(held.runs.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(exportConcurrency, held.runs.length) }, async () => {
      while (next < held.runs.length) {
        const index = next++
        runs[index] = await exportRun(deps, held.runs[index] as SubjectRun)
      }
    }),
  )
  const rowsOf = async (table: 'intakes' | 'clients' | 'progress_reports', ids: string[]) =>
    ids.length
      ? (await deps.db.selectFrom(table).selectAll().where('id', 'in', ids).execute()).map((row) =>
          plainRow(row as Record<string, unknown>),
        )
      : []
  const [intakes, clients, progressReports] = await Promise.all([
    rowsOf('intakes', held.intakeIds),
    rowsOf('clients', held.clientIds),
    rowsOf('progress_reports', held.progressReportIds),
  ])
  const taskIds = runs.flatMap((run) => run.tasks.map((task) => task.id))
  return {
    generatedAt: new Date().toISOString(),
    about: {
      nl: 'Overzicht van de gegevens die over u zijn vastgelegd (AVG artikel 15): welke processen ze gebruikten, wanneer, wat er is vastgelegd en wie ze heeft ingezien.',
      en: 'Overview of the data held about you (GDPR article 15): which processes used it, when, what was recorded and who viewed it.',
    },
    truncated: held.truncated,
    runs,
    records: { intakes, clients, progressReports },
    access: await accessLog(deps, held, taskIds),
  }
}

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  )

const json = (value: unknown) => `<pre>${escapeHtml(JSON.stringify(value, null, 2) ?? '')}</pre>`

const contentsText: Record<ExportedRun['contents'], string> = {
  held: 'Bewaard / Kept',
  removed: 'Verwijderd na de bewaartermijn / Removed after the retention period',
  erased: 'Gewist op verzoek / Erased on request',
  unavailable: 'Nu niet leesbaar / Cannot be read now',
}

/**
 * The access export as one readable, printable HTML page (Dutch, with English beside it). Every
 * value is escaped; the page loads nothing from elsewhere.
 *
 * @example
 * return c.html(subjectExportHtml(await exportSubject(deps, lookup)))
 */
export function subjectExportHtml(document: SubjectExport): string {
  const runs = document.runs
    .map(
      (run) => `<section class="run">
<h3>${escapeHtml(run.flow.name)} — ${escapeHtml(new Date(run.startedAt).toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam' }))}</h3>
<dl>
<dt>Doel / Purpose</dt><dd>${escapeHtml(run.flow.purpose || '—')}</dd>
<dt>Team</dt><dd>${escapeHtml(run.team)}</dd>
<dt>Status</dt><dd>${escapeHtml(run.status)}</dd>
<dt>Gegevens / Data</dt><dd>${escapeHtml(contentsText[run.contents])}</dd>
</dl>
${run.startData === undefined ? '' : `<h4>Ontvangen gegevens / Data received</h4>${json(run.startData)}`}
${run.nodes && Object.keys(run.nodes).length ? `<h4>Verwerkingsstappen / Processing steps</h4>${json(run.nodes)}` : ''}
${run.output === undefined ? '' : `<h4>Uitkomst / Outcome</h4>${json(run.output)}`}
${run.tasks.length ? `<h4>Taken van medewerkers / Staff tasks</h4>${json(run.tasks)}` : ''}
${run.emails.length ? `<h4>Verstuurde e-mails / E-mails sent</h4>${json(run.emails)}` : ''}
</section>`,
    )
    .join('\n')
  const access = document.access.length
    ? `<table><thead><tr><th>Wanneer / When</th><th>Wie / Who</th><th>Wat / What</th></tr></thead><tbody>${document.access
        .map(
          (entry) =>
            `<tr><td>${escapeHtml(new Date(entry.at).toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam' }))}</td><td>${escapeHtml(entry.by)}</td><td>${escapeHtml(entry.action)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p>Niemand / Nobody</p>'
  const records = document.records
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Inzage in uw gegevens / Access to your data</title>
<style>
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ccc}section.run{border:1px solid #ddd;border-radius:6px;padding:0 1rem;margin:1rem 0}
dl{display:grid;grid-template-columns:12rem 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}
pre{background:#f6f6f6;padding:.5rem;white-space:pre-wrap;word-break:break-word;font-size:.85rem}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left}
@media print{section.run{break-inside:avoid}}
</style>
</head>
<body>
<h1>Inzage in uw gegevens <small>/ Access to your data</small></h1>
<p>${escapeHtml(document.about.nl)}</p>
<p lang="en">${escapeHtml(document.about.en)}</p>
<p>Gemaakt op / Made on: ${escapeHtml(new Date(document.generatedAt).toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam' }))}</p>
${document.truncated ? '<p><strong>Dit overzicht is ingekort / This overview was shortened.</strong></p>' : ''}
<h2>Verwerkingen / Processing (${document.runs.length})</h2>
${runs || '<p>Geen / None</p>'}
<h2>Vastgelegde gegevens / Records</h2>
${records.clients.length ? `<h3>Cliënt / Client</h3>${json(records.clients)}` : ''}
${records.intakes.length ? `<h3>Aanmeldingen / Requests</h3>${json(records.intakes)}` : ''}
${records.progressReports.length ? `<h3>Voortgang / Progress reports</h3>${json(records.progressReports)}` : ''}
${records.clients.length + records.intakes.length + records.progressReports.length === 0 ? '<p>Geen / None</p>' : ''}
<h2>Wie heeft uw gegevens ingezien / Who viewed your data</h2>
${access}
</body>
</html>
`
}
