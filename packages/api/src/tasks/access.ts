import type { StoredTask } from '@warmflow/engine'
import { roleSchema } from '../auth/roles.js'
import type { Viewer } from '../auth/users.js'
import { inTeam } from '../context.js'

/** A task's role limits who may act when it names one of Warmflow's roles; admins always may. */
export function mayWork(viewer: Viewer, task: StoredTask): boolean {
  if (viewer.roles.includes('admin')) return true
  return (
    !roleSchema.safeParse(task.role).success || viewer.roles.includes(task.role as Viewer['roles'][number])
  )
}

/**
 * True when a colleague with these roles may take the task over: someone who works the inbox
 * (admin or approver) and may do this task (see {@link mayWork}).
 */
export function mayTakeOver(roles: readonly string[], task: StoredTask): boolean {
  return (roles.includes('admin') || roles.includes('approver')) && mayWork({ roles } as Viewer, task)
}

/** True when the viewer could see the task in the inbox (team and role). */
export function canSeeTask(viewer: Viewer, task: StoredTask): boolean {
  return task.teamId !== null && inTeam(viewer, task.teamId) && mayWork(viewer, task)
}
