// The files `warmflow create-node` writes. Kept as plain functions so the generated project is
// easy to read here and a test can check every file it produces compiles and passes.

/**
 * JSON as Biome formats it: two spaces, a short list of plain values on one line when it fits in
 * 110 characters.
 *
 * @example
 * json({ plugins: ['./plugins/a'] }) // '{\n  "plugins": ["./plugins/a"]\n}\n'
 */
export function json(value: unknown): string {
  const text = JSON.stringify(value, null, 2).replace(
    /^( *)("[^"\n]*": )?\[\n\s+((?:"[^"\n]*"|[\d.]+|true|false)(?:,\n\s+(?:"[^"\n]*"|[\d.]+|true|false))*)\n\s+\](,?)$/gm,
    (whole, indent: string, key: string | undefined, items: string, comma: string) => {
      const line = `${indent}${key ?? ''}[${items.split(/,\n\s+/).join(', ')}]${comma}`
      return line.length <= 110 ? line : whole
    },
  )
  return `${text}\n`
}

/** What the templates need to know about the plugin being created. */
export interface TemplateValues {
  /** npm package name, e.g. `warmflow-plugin-client-lookup` or `@zorg/client-lookup`. */
  packageName: string
  /** Short name without scope, e.g. `client-lookup`. */
  shortName: string
  /** Node type of the example node, e.g. `client-lookup.greet`. */
  nodeType: string
  /** File name (without extension) of the example node, e.g. `welcome`. */
  nodeFile: string
  /** Exported constant name of the example node, e.g. `greetNode`. */
  nodeExport: string
  /** Semver range of the engine, e.g. `^0.1.0`. */
  engineRange: string
  /** How the package depends on the engine while developing: `workspace:*` or `link:../…`. */
  engineDevSpec: string
  versions: { zod: string; typescript: string; vitest: string; typesNode: string }
}

/** The generated package.json. */
export function packageJson(v: TemplateValues): string {
  const pkg = {
    name: v.packageName,
    version: '0.1.0',
    private: true,
    type: 'module',
    description: `Warmflow plugin ${v.shortName}: custom nodes for Warmflow.`,
    exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
    files: ['dist'],
    scripts: {
      build: 'tsc -p tsconfig.build.json',
      typecheck: 'tsc -p tsconfig.json',
      test: 'vitest run',
    },
    peerDependencies: { '@warmflow/engine': v.engineRange, zod: '^4.0.0' },
    devDependencies: {
      '@types/node': v.versions.typesNode,
      '@warmflow/engine': v.engineDevSpec,
      typescript: v.versions.typescript,
      vitest: v.versions.vitest,
      zod: v.versions.zod,
    },
  }
  // Biome keeps package.json lists expanded, as npm writes them.
  return `${JSON.stringify(pkg, null, 2)}\n`
}

/** The generated tsconfig.json: the same strict settings as Warmflow itself. */
export function tsconfig(): string {
  const config = {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2023'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noUncheckedIndexedAccess: true,
      noImplicitOverride: true,
      esModuleInterop: true,
      skipLibCheck: true,
      isolatedModules: true,
      verbatimModuleSyntax: true,
      resolveJsonModule: true,
      forceConsistentCasingInFileNames: true,
      noEmit: true,
      types: ['node'],
    },
    include: ['src'],
  }
  return json(config)
}

/** The generated tsconfig.build.json: compiles `src/` (without tests) to `dist/`. */
export function tsconfigBuild(): string {
  const config = {
    extends: './tsconfig.json',
    compilerOptions: { noEmit: false, declaration: true, outDir: 'dist', rootDir: 'src' },
    exclude: ['src/**/*.test.ts'],
  }
  return json(config)
}

/** The generated vitest.config.ts. */
export function vitestConfig(): string {
  return `import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: { include: ['src/**/*.test.ts'] },
})
`
}

/** The generated .gitignore. */
export function gitignore(): string {
  return 'node_modules/\ndist/\n'
}

/** The generated example node. */
export function nodeSource(v: TemplateValues): string {
  return `import { defineNode, NodeError } from '@warmflow/engine'
import { z } from 'zod'

/**
 * Example node: writes a short welcome message for a new participant. Replace it with your own.
 * The types of \`ctx.input\` and \`ctx.config\` come from the zod schemas below, and what
 * \`execute\` returns must match \`output\`: a mistake there is a compile error.
 */
export const ${v.nodeExport} = defineNode({
  type: '${v.nodeType}',
  version: 1,
  category: 'data',
  icon: 'sparkles',
  title: { nl: 'Welkomstbericht', en: 'Welcome message' },
  description: {
    nl: 'Maakt een kort welkomstbericht met de voornaam.',
    en: 'Writes a short welcome message with the first name.',
  },
  input: z.object({ firstName: z.string().min(1).max(100) }),
  // Each setting's label and help (Dutch and English) go in \`.meta()\`: the editor's form shows them.
  config: z.object({
    greeting: z
      .string()
      .min(1)
      .max(200)
      .meta({
        label: { nl: 'Begroeting', en: 'Greeting' },
        help: { nl: 'Het eerste woord, bijvoorbeeld Hoi.', en: 'The first word, for example Hoi.' },
      })
      .default('Welkom'),
    organisation: z
      .string()
      .min(1)
      .max(200)
      .meta({ label: { nl: 'Naam van de organisatie', en: 'Name of the organisation' } }),
  }),
  output: z.object({ message: z.string() }),
  // The first name is personal data: say so, and say the node keeps it inside the organisation.
  personalData: { reads: ['firstName'], sendsOutside: 'never' },
  activity: { startToCloseTimeout: '10 seconds', retry: { maximumAttempts: 3 } },
  execute(ctx) {
    if (ctx.input.firstName.trim() === '') {
      throw new NodeError('${v.shortName}.empty_name', 'The first name is empty', {
        text: { nl: 'De voornaam is leeg.', en: 'The first name is empty.' },
      })
    }
    ctx.log.info('writing a welcome message') // never log the name itself
    return {
      message: \`\${ctx.config.greeting} \${ctx.input.firstName}, fijn dat je er bent bij \${ctx.config.organisation}!\`,
    }
  },
})
`
}

/** The generated test of the example node. */
export function nodeTest(v: TemplateValues): string {
  return `import { WarmflowError } from '@warmflow/engine'
import { runNode } from '@warmflow/engine/testing'
import { describe, expect, it } from 'vitest'
import { plugin } from './index.js'
import { ${v.nodeExport} } from './${v.nodeFile}.js'

describe('${v.nodeType}', () => {
  it('writes a welcome message with the configured greeting', async () => {
    const { output, logs } = await runNode(${v.nodeExport}, {
      config: { greeting: 'Hoi', organisation: 'Buurtteam Noord' },
      input: { firstName: 'Fatima' },
    })
    expect(output).toEqual({ message: 'Hoi Fatima, fijn dat je er bent bij Buurtteam Noord!' })
    expect(JSON.stringify(logs)).not.toContain('Fatima')
  })

  it('uses the default greeting', async () => {
    const { output } = await runNode(${v.nodeExport}, {
      config: { organisation: 'Buurtteam Noord' },
      input: { firstName: 'Sem' },
    })
    expect(output.message).toMatch(/^Welkom Sem/)
  })

  it('refuses input without a first name, in Dutch and English', async () => {
    const error = await runNode(${v.nodeExport}, {
      config: { organisation: 'Buurtteam Noord' },
      input: {},
    }).catch((reason: unknown) => reason)
    expect(error).toBeInstanceOf(WarmflowError)
    expect((error as WarmflowError).code).toBe('node.invalid_input')
    expect((error as WarmflowError).text.nl).toContain('invoer')
  })

  it('is part of the plugin', () => {
    expect(plugin.nodes.map((node) => node.key)).toEqual(['${v.nodeType}@1'])
  })
})
`
}

/** The generated plugin entry. */
export function indexSource(v: TemplateValues): string {
  return `import { definePlugin } from '@warmflow/engine'
import { ${v.nodeExport} } from './${v.nodeFile}.js'

export { ${v.nodeExport} } from './${v.nodeFile}.js'

/** What Warmflow loads: list this package in WARMFLOW_PLUGINS or warmflow.config.json. */
export const plugin = definePlugin({
  name: '${v.packageName}',
  version: '0.1.0',
  engine: '${v.engineRange}',
  nodes: [${v.nodeExport}],
})
`
}

/** The generated README. */
export function readme(v: TemplateValues, inWorkspace: boolean): string {
  const run = inWorkspace ? `pnpm --filter ${v.packageName}` : 'pnpm'
  return `# ${v.packageName}

A Warmflow plugin with one example node, \`${v.nodeType}\` (\`src/${v.nodeFile}.ts\`).
Made with \`warmflow create-node\`. The tutorial is \`docs/custom-nodes.md\` in the Warmflow repository.

| command | what it does |
|---|---|
| \`pnpm install\` | links \`@warmflow/engine\` (${inWorkspace ? '`workspace:*`' : `\`${v.engineDevSpec}\``}) and installs the tools |
| \`${run} test\` | runs the node tests (\`runNode\` from \`@warmflow/engine/testing\`) |
| \`${run} typecheck\` | type-checks code and tests |
| \`${run} build\` | compiles \`src/\` to \`dist/\`, which Warmflow loads |

Warmflow loads the plugin from \`warmflow.config.json\` (\`{ "plugins": ["${inWorkspace ? `./plugins/${v.shortName}` : '<path to this folder>'}"] }\`)
or from \`WARMFLOW_PLUGINS\`. After \`build\`, restart \`pnpm start\`: the node appears in the
editor's palette under *Gegevens / Data*.

\`@warmflow/engine\` and \`zod\` are peer dependencies: the Warmflow that loads the plugin provides
them, and \`engine: '${v.engineRange}'\` in \`src/index.ts\` says which engine versions it fits. Warmflow
refuses to load the plugin into an engine outside that range and says why.
`
}
