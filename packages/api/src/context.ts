import type { Context } from 'hono'
import { hasPermission, type Permission } from './auth/roles.js'
import type { Viewer } from './auth/users.js'
import { ApiError, notFound } from './problems.js'

/** The Hono environment of Warmflow's routes: the signed-in viewer, when there is one. */
export interface AppEnv {
  Variables: {
    viewer: Viewer | undefined
    sessionToken: string | undefined
    trustProxy: boolean
  }
}

/** 401: sign in first. */
export const authRequired = () =>
  new ApiError(401, 'auth.required', {
    nl: 'Log eerst in.',
    en: 'Please sign in first.',
  })

/** 403: the viewer's roles do not allow this action. */
export const forbidden = () =>
  new ApiError(403, 'auth.forbidden', {
    nl: 'Je hebt geen rechten voor deze actie.',
    en: 'You are not allowed to do this.',
  })

/**
 * The signed-in viewer; throws 401 when there is none.
 *
 * @example
 * const viewer = requireViewer(c)
 */
export function requireViewer(c: Context): Viewer {
  const viewer = c.get('viewer') as Viewer | undefined
  if (!viewer) throw authRequired()
  return viewer
}

/**
 * The signed-in viewer, who must hold the permission; throws 401 or 403 otherwise.
 *
 * @example
 * const viewer = authorize(c, 'flow:write')
 */
export function authorize(c: Context, permission: Permission): Viewer {
  const viewer = requireViewer(c)
  if (!hasPermission(viewer.roles, permission)) throw forbidden()
  return viewer
}

/** The ids of the viewer's teams. */
export function teamIdsOf(viewer: Viewer): string[] {
  return viewer.teams.map((t) => t.id)
}

/**
 * The teams a list shows: all of the viewer's teams, or only the asked-for one when the viewer
 * belongs to it (none otherwise, so a list never reveals another team's objects).
 *
 * @example
 * const teams = visibleTeams(viewer, query.teamId)
 */
export function visibleTeams(viewer: Viewer, teamId: string | undefined): string[] {
  return teamIdsOf(viewer).filter((id) => teamId === undefined || id === teamId)
}

/** True when the viewer belongs to the team. */
export function inTeam(viewer: Viewer, teamId: string): boolean {
  return viewer.teams.some((t) => t.id === teamId)
}

/**
 * Throws the given 404 unless the object's team is one of the viewer's: another team's
 * objects look exactly like objects that do not exist.
 */
export function ensureTeamAccess(viewer: Viewer, teamId: string, notFoundError: ApiError): void {
  if (!inTeam(viewer, teamId)) throw notFoundError
}

/**
 * Picks the team a new object belongs to: the one asked for (which must be the viewer's), or
 * the viewer's only team.
 */
export function chooseTeam(viewer: Viewer, requested: string | undefined): string {
  if (requested !== undefined) {
    if (!inTeam(viewer, requested)) throw notFound({ nl: 'Dit team', en: 'This team' })
    return requested
  }
  const [only, ...others] = viewer.teams
  if (!only) {
    throw new ApiError(409, 'team.none', {
      nl: 'Je zit nog in geen enkel team. Vraag de beheerder je aan een team toe te voegen.',
      en: 'You are not in any team yet. Ask an administrator to add you to one.',
    })
  }
  if (others.length > 0) {
    throw new ApiError(
      400,
      'team.required',
      {
        nl: 'Je zit in meer dan één team. Kies het team (teamId).',
        en: 'You are in more than one team. Choose the team (teamId).',
      },
      [{ code: 'team.required', path: ['teamId'], message: { nl: 'Kies een team.', en: 'Choose a team.' } }],
    )
  }
  return only.id
}

/**
 * The client's address: the socket's, or with `trustProxy` the first `X-Forwarded-For` hop.
 */
export function clientIp(c: Context): string | null {
  if (c.get('trustProxy')) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim()
    if (forwarded) return forwarded.slice(0, 64)
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined
  return env?.incoming?.socket?.remoteAddress ?? null
}
