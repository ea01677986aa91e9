import { z } from 'zod'

/** The roles a user can have. Roles are global; teams limit which objects they apply to. */
// `privacy`: the privacy officer (FG), who reads the processing register of every team.
export const roleSchema = z.enum(['admin', 'designer', 'approver', 'developer', 'privacy'])
/** One of {@link roleSchema}'s values. */
export type Role = z.infer<typeof roleSchema>

/** What a route may ask of the viewer. Each permission lists the roles that have it. */
export const permissions = {
  /** Manage users, teams and memberships; read the audit log. */
  'admin:manage': ['admin'],
  'flow:read': ['admin', 'designer', 'developer'],
  'flow:write': ['admin', 'designer'],
  'run:start': ['admin', 'designer'],
  'run:read': ['admin', 'designer', 'developer'],
  'run:control': ['admin', 'designer'],
  /** See personal-data fields in run details unredacted. */
  'run:personal-data': ['admin', 'designer'],
  'credential:read': ['admin', 'designer', 'developer'],
  // The person who sets up a team's flows also enters its SMTP and AI credentials (values are
  // never shown again; every change is in the audit log).
  'credential:write': ['admin', 'designer', 'developer'],
  'task:work': ['admin', 'approver'],
  'audit:read': ['admin'],
  /** The processing register (AVG art. 30): admin and privacy officer see every team's flows. */
  'register:read': ['admin', 'privacy', 'designer', 'developer'],
  /** Find, export (AVG art. 15) and erase (art. 17) one person's data in every team. */
  'subject:manage': ['admin', 'privacy'],
} as const satisfies Record<string, readonly Role[]>

/** A permission name, e.g. `flow:write`. */
export type Permission = keyof typeof permissions

/**
 * True when one of the roles grants the permission.
 *
 * @example
 * hasPermission(['designer'], 'flow:write') // true
 */
export function hasPermission(roles: readonly string[], permission: Permission): boolean {
  const allowed: readonly string[] = permissions[permission]
  return roles.some((role) => allowed.includes(role))
}
