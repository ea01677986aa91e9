import { z } from '@hono/zod-openapi'

export const problemSchema = z
  .object({
    type: z.string(),
    status: z.number().int(),
    code: z.string(),
    title: z.string(),
    detail: z.string(),
    message: z.object({ nl: z.string(), en: z.string() }),
    errors: z
      .array(
        z.object({
          code: z.string(),
          path: z.array(z.union([z.string(), z.number()])).optional(),
          nodeId: z.string().optional(),
          edgeId: z.string().optional(),
          message: z.object({ nl: z.string(), en: z.string() }),
        }),
      )
      .optional(),
  })
  .openapi('Problem')

export const problemResponse = (description: string) => ({
  content: { 'application/problem+json': { schema: problemSchema } },
  description,
})

export const uuidParam = z.object({
  id: z
    .string()
    .openapi({ param: { name: 'id', in: 'path' }, example: '0b7c6c9e-3c55-4d7e-a0a4-6f0e1e7f2b51' }),
})

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** True when the text is a UUID; unknown ids that are not UUIDs answer 404, like unknown UUIDs. */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value)
}
