import { z } from '@hono/zod-openapi'
import { sql } from 'kysely'
import { ApiError } from '../problems.js'

/**
 * The 200 answer of a list route: `{ items, nextCursor }` with the given item schema.
 *
 * @example
 * responses: { 200: pageResponse(flowSchema, 'The flows') }
 */
export function pageResponse<T extends z.ZodType>(item: T, description: string) {
  return {
    content: {
      'application/json': { schema: z.object({ items: z.array(item), nextCursor: z.string().nullable() }) },
    },
    description,
  }
}

/** `?limit=&cursor=` on every list. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ example: 50 }),
  cursor: z.string().max(300).optional().openapi({ description: 'nextCursor of the previous page' }),
})

/** A decoded cursor: the exact timestamp (as PostgreSQL text) and the id of the last item. */
export interface Cursor {
  at: string
  id: string
}

const invalidCursor = () =>
  new ApiError(
    400,
    'request.invalid_cursor',
    {
      nl: 'De cursor voor de volgende pagina klopt niet. Begin opnieuw bij de eerste pagina.',
      en: 'The page cursor is not valid. Start again from the first page.',
    },
    [
      {
        code: 'request.invalid_cursor',
        path: ['cursor'],
        message: { nl: 'Ongeldige cursor.', en: 'Invalid cursor.' },
      },
    ],
  )

const timestampPattern = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?)([+-]\d{2})(:\d{2})?$/

/** True for PostgreSQL's text form of a valid timestamptz, so the cast in SQL cannot fail. */
function isTimestampText(text: string): boolean {
  const match = timestampPattern.exec(text)
  if (!match) return false
  const [year, month, day] = (match[1] as string).split('-').map(Number) as [number, number, number]
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day || month < 1 || month > 12) return false
  return !Number.isNaN(new Date(`${match[1]}T${match[2]}${match[3]}${match[4] ?? ':00'}`).getTime())
}

/** Reads a `cursor` parameter; 400 when it was not made by {@link nextCursor}. */
export function decodeCursor(cursor: string | undefined): Cursor | undefined {
  if (cursor === undefined) return undefined
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (
      Array.isArray(value) &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      isTimestampText(value[0]) &&
      value[1].length <= 100
    ) {
      return { at: value[0], id: value[1] }
    }
  } catch {
    // falls through to the 400
  }
  throw invalidCursor()
}

/**
 * The SQL for "after this cursor" in newest-first order over `(created_at, id)` of a table with
 * uuid ids (whose text order equals their order). The cursor keeps PostgreSQL's own microsecond
 * timestamp text, so no row is skipped. Order the query by `created_at desc, id desc`.
 */
export function afterCursor(cursor: Cursor, table: string) {
  return sql<boolean>`(${sql.ref(`${table}.created_at`)}, ${sql.ref(`${table}.id`)}::text) < (${cursor.at}::timestamptz, ${cursor.id})`
}

/** The column to select alongside rows so the next cursor can be made: `created_at` as text. */
export function cursorColumn(table: string) {
  return sql<string>`${sql.ref(`${table}.created_at`)}::text`.as('cursor_at')
}

/**
 * Cuts the one extra row fetched and makes the cursor for the next page.
 *
 * @example
 * const { items, nextCursor } = pageOf(rows, limit)
 */
export function pageOf<T extends { cursor_at: string; id: string | number }>(
  rows: T[],
  limit: number,
): { rows: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null }
  const page = rows.slice(0, limit)
  const last = page[page.length - 1] as T
  return {
    rows: page,
    nextCursor: Buffer.from(JSON.stringify([last.cursor_at, String(last.id)])).toString('base64url'),
  }
}
