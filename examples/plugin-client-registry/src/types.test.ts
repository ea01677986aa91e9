// Type tests: `pnpm typecheck` (tsc) fails if any line marked @ts-expect-error compiles, so a
// wrong config or output type inside `execute` is proven to be a compile error.
import { defineNode } from '@warmflow/engine'
import type { runNode } from '@warmflow/engine/testing'
import { describe, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import type { clientLookup } from './lookup.js'

const input = z.object({ clientNumber: z.string() })
const config = z.object({ baseUrl: z.url(), timeoutSeconds: z.number().default(10) })
const output = z.object({ found: z.boolean() })

describe('node types', () => {
  it('gives execute the parsed config and input types', () => {
    defineNode({
      type: 'types.ok',
      version: 1,
      category: 'data',
      title: { nl: 'Goed', en: 'Fine' },
      input,
      config,
      output,
      execute(ctx) {
        expectTypeOf(ctx.config.timeoutSeconds).toEqualTypeOf<number>()
        expectTypeOf(ctx.config.baseUrl).toEqualTypeOf<string>()
        expectTypeOf(ctx.input.clientNumber).toEqualTypeOf<string>()
        return { found: true }
      },
    })
  })

  it('refuses a config field used with the wrong type', () => {
    defineNode({
      type: 'types.wrong-config',
      version: 1,
      category: 'data',
      title: { nl: 'Fout', en: 'Wrong' },
      input,
      config,
      output,
      execute(ctx) {
        // @ts-expect-error timeoutSeconds is a number, not a string
        const seconds: string = ctx.config.timeoutSeconds
        // @ts-expect-error the config has no field `apiKey`: secrets come from ctx.secrets
        const key: string = ctx.config.apiKey
        return { found: seconds.length > 0 && key.length > 0 }
      },
    })
  })

  it('refuses an output of the wrong type', () => {
    defineNode({
      type: 'types.wrong-output',
      version: 1,
      category: 'data',
      title: { nl: 'Fout', en: 'Wrong' },
      input,
      config,
      output,
      // @ts-expect-error found must be a boolean
      execute: () => ({ found: 'yes' }),
    })
  })

  it('refuses an output that misses a field', () => {
    defineNode({
      type: 'types.missing-output',
      version: 1,
      category: 'data',
      title: { nl: 'Fout', en: 'Wrong' },
      input,
      config,
      output,
      // @ts-expect-error found is required
      execute: async () => ({}),
    })
  })

  it('types the output runNode returns from the node schema', () => {
    type Result = Awaited<ReturnType<typeof runNode<typeof clientLookup>>>
    expectTypeOf<Result['output']>().toEqualTypeOf<{
      found: boolean
      client?:
        | {
            clientNumber: string
            initials: string
            municipality: string
            careLevel: 'light' | 'medium' | 'intensive'
          }
        | undefined
    }>()
  })
})
