// Type tests, checked by `tsc` (`pnpm typecheck`): the types of `ctx` flow from a node's zod
// schemas into `execute` without casts, and mistakes are compile errors.
import { expectTypeOf } from 'vitest'
import { z } from 'zod'
import type { NodeHttp } from './http.js'
import { defineNode, type NodeContext } from './node.js'
import { createTestContext, runNode } from './testing.js'

const input = z.object({ name: z.string(), age: z.number().optional() })
const config = z.object({ greeting: z.string().default('Hallo'), loud: z.boolean() })
const output = z.object({ message: z.string(), length: z.number().default(0) })

export const greet = defineNode({
  type: 'types.greet',
  version: 1,
  category: 'logic',
  title: { nl: 'Begroeten', en: 'Greet' },
  input,
  config,
  output,
  execute(ctx) {
    expectTypeOf(ctx).toEqualTypeOf<
      NodeContext<{ name: string; age?: number | undefined }, { greeting: string; loud: boolean }, never>
    >()
    expectTypeOf(ctx.input.name).toEqualTypeOf<string>()
    expectTypeOf(ctx.input.age).toEqualTypeOf<number | undefined>()
    // Defaults are applied before execute runs, so the config field is not optional.
    expectTypeOf(ctx.config.greeting).toEqualTypeOf<string>()
    expectTypeOf(ctx.http).toEqualTypeOf<NodeHttp>()
    expectTypeOf(ctx.http.fetch).returns.resolves.toEqualTypeOf<Response>()
    expectTypeOf(ctx.signal).toEqualTypeOf<AbortSignal>()
    // @ts-expect-error: the config has no field `shout`
    void ctx.config.shout
    // @ts-expect-error: the input has no field `email`
    void ctx.input.email
    // Output defaults may be left out (the output schema fills them in).
    return { message: `${ctx.config.greeting} ${ctx.input.name}` }
  },
})

defineNode({
  type: 'types.wrong-output',
  version: 1,
  category: 'logic',
  title: { nl: 'Fout', en: 'Wrong' },
  input,
  config,
  output,
  // @ts-expect-error: `message` must be a string, not a number
  execute: () => ({ message: 42 }),
})

defineNode({
  type: 'types.missing-output',
  version: 1,
  category: 'logic',
  title: { nl: 'Fout', en: 'Wrong' },
  input,
  config,
  output,
  // @ts-expect-error: `message` is required in the output
  execute: async () => ({ length: 3 }),
})

defineNode({
  type: 'types.async',
  version: 1,
  category: 'logic',
  title: { nl: 'Async', en: 'Async' },
  input,
  config,
  output,
  async execute({ input: { name }, config: { loud } }) {
    expectTypeOf(name).toEqualTypeOf<string>()
    expectTypeOf(loud).toEqualTypeOf<boolean>()
    return { message: loud ? name.toUpperCase() : name, length: name.length }
  },
})

// `ctx.secrets` takes only the slot names the node declared.
export const withSecrets = defineNode({
  type: 'types.secrets',
  version: 1,
  category: 'logic',
  title: { nl: 'Geheimen', en: 'Secrets' },
  input,
  config,
  output,
  secrets: ['apiKey', 'webhookToken'],
  async execute({ secrets }) {
    expectTypeOf(secrets.get).parameter(0).toEqualTypeOf<'apiKey' | 'webhookToken'>()
    const key = await secrets.get('apiKey')
    const token = await secrets.find('webhookToken')
    // @ts-expect-error: `other` is not a declared secret slot
    await secrets.get('other')
    // @ts-expect-error: `find` is limited to the declared slots too
    await secrets.find('apiKeys')
    return { message: `${key.length}${token ?? ''}` }
  },
})

defineNode({
  type: 'types.no-secrets',
  version: 1,
  category: 'logic',
  title: { nl: 'Geen geheimen', en: 'No secrets' },
  input,
  config,
  output,
  async execute({ secrets }) {
    // @ts-expect-error: a node that declares no secrets cannot ask for one
    await secrets.get('apiKey')
    return { message: 'x' }
  },
})

// The test harness returns the node's parsed output type.
export async function harness() {
  const result = await runNode(greet, { config: { loud: false }, input: { name: 'Fatima' } })
  expectTypeOf(result.output).toEqualTypeOf<{ message: string; length: number }>()
  expectTypeOf(result.requests[0]!.method).toEqualTypeOf<string>()
  const test = createTestContext(greet, { config: { loud: true }, input: { name: 'Jan' } })
  expectTypeOf(test.ctx.config.greeting).toEqualTypeOf<string>()
  expectTypeOf(test.ctx.input.age).toEqualTypeOf<number | undefined>()
  // @ts-expect-error: the config has no field `shout`
  void test.ctx.config.shout
  const secretTest = createTestContext(withSecrets, { config: { loud: true }, input: { name: 'Jan' } })
  expectTypeOf(secretTest.ctx.secrets.get).parameter(0).toEqualTypeOf<'apiKey' | 'webhookToken'>()
}
