import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../api/client'
import type { TaskView as View } from '../api/types'
import { useApi } from '../api/useApi'
import { formatDateTime, pick } from '../i18n'
import { useAuth } from '../shell/auth'
import { Loading, ProblemMessage } from '../shell/Problem'
import { Link } from '../shell/router'
import { TaskDetail } from './TaskDetail'

/** The inbox lists, in the order they are shown. */
export const views: View[] = ['mine', 'team', 'unassigned', 'due_soon', 'overdue']

type Counts = Partial<Record<View, number>>

/** How a task's deadline stands: overdue, due within a day, or later. */
export function deadlineState(
  dueAt: string | null | undefined,
  now = Date.now(),
): 'overdue' | 'soon' | 'later' | 'none' {
  if (!dueAt) return 'none'
  const due = Date.parse(dueAt)
  if (Number.isNaN(due)) return 'none'
  if (due < now) return 'overdue'
  if (due - now < 24 * 3600_000) return 'soon'
  return 'later'
}

/**
 * New tasks arrive live through server-sent events; this slower refresh also picks up tasks that
 * colleagues claimed or completed, and covers a dropped event stream.
 */
const refreshMs = 60_000

/**
 * The staff inbox: the lists (mine, team, unassigned, due soon, overdue) with counts, and the
 * open task beside them (on a phone: one after the other).
 */
export function Inbox({ taskId }: { taskId: string | undefined }) {
  const { t, i18n } = useTranslation()
  const { user } = useAuth()
  const [view, setView] = useState<View>('mine')
  // Until someone picks a list, an empty "Mijn taken" gives way to the team's tasks.
  const [picked, setPicked] = useState(false)
  const tasks = useApi(async () => (await api.get('/api/v1/tasks', { query: { view } })).items, [view])
  const mineEmpty = !picked && view === 'mine' && tasks.state === 'ready' && tasks.data.length === 0
  const [fellBack, setFellBack] = useState(false)
  useEffect(() => {
    if (!mineEmpty) return
    setFellBack(true)
    setView('team')
  }, [mineEmpty])
  const [counts, setCounts] = useState<Counts>({})

  // The counts beside each list: one small request per list.
  const count = useCallback(() => {
    for (const name of views) {
      api.get('/api/v1/tasks', { query: { view: name, limit: 100 } }).then(
        (page) => setCounts((old) => ({ ...old, [name]: page.items.length })),
        () => undefined,
      )
    }
  }, [])
  // biome-ignore lint/correctness/useExhaustiveDependencies: count again when another list is opened
  useEffect(count, [count, view])
  const { refresh, reload } = tasks
  const update = useCallback(() => {
    refresh()
    count()
  }, [count, refresh])
  const retry = useCallback(() => {
    reload()
    count()
  }, [count, reload])
  useEffect(() => {
    const timer = window.setInterval(update, refreshMs)
    // The browser reconnects an EventSource by itself when the stream ends or drops.
    const events = typeof EventSource === 'undefined' ? undefined : new EventSource('/api/v1/tasks/events')
    events?.addEventListener('task', update)
    return () => {
      window.clearInterval(timer)
      events?.close()
    }
  }, [update])

  return (
    <div className={`inbox${taskId ? ' inbox-has-task' : ''}`}>
      <section className="inbox-lists" aria-labelledby="inbox-heading">
        <h1 id="inbox-heading">{t('inbox.heading')}</h1>
        <nav aria-label={t('inbox.views')}>
          <ul className="view-tabs">
            {views.map((name) => (
              <li key={name}>
                <button
                  type="button"
                  aria-pressed={view === name}
                  onClick={() => {
                    setPicked(true)
                    setFellBack(false)
                    setView(name)
                  }}
                  className={view === name ? 'active' : undefined}
                >
                  {t(`inbox.view.${name}`)}
                  {counts[name] !== undefined && <span className="count"> ({counts[name]})</span>}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        {fellBack && view === 'team' && <p className="muted small-text">{t('inbox.mineEmpty')}</p>}
        {tasks.state === 'loading' && <Loading />}
        {tasks.state === 'error' && <ProblemMessage error={tasks.error} onRetry={retry} />}
        {tasks.state === 'ready' && tasks.data.length === 0 && <p>{t('inbox.empty')}</p>}
        {tasks.state === 'ready' && tasks.data.length > 0 && (
          <ul className="task-list" aria-label={t(`inbox.view.${view}`)}>
            {tasks.data.map((task) => {
              const due = deadlineState(task.deadline)
              return (
                <li key={task.id} className={task.id === taskId ? 'current' : undefined}>
                  <Link
                    href={`/inbox/${task.id}`}
                    aria-current={task.id === taskId ? 'true' : undefined}
                    className="task-link"
                  >
                    <span className="task-title">{pick(task.title, i18n.language)}</span>
                    <span className="task-meta">
                      {task.assignee === null
                        ? t('inbox.unassigned')
                        : task.assignee === user?.id
                          ? t('inbox.assignedToMe')
                          : t('inbox.assignedToOther')}
                      {' · '}
                      {formatDateTime(task.createdAt, i18n.language)}
                    </span>
                    {task.deadline && (
                      <span className={`badge due-${due}`}>
                        {t(`inbox.due.${due}`, { date: formatDateTime(task.deadline, i18n.language) })}
                      </span>
                    )}
                  </Link>
                </li>
              )
            })}
          </ul>
        )}
      </section>
      {taskId ? (
        <TaskDetail key={taskId} taskId={taskId} onChanged={update} />
      ) : (
        <section className="task-placeholder" aria-label={t('inbox.taskArea')}>
          <p className="muted">{t('inbox.pick')}</p>
        </section>
      )}
    </div>
  )
}
