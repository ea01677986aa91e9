// A worker process for the e-mail crash test: the built-in nodes with Warmflow's records store
// and the SMTP credential from the environment. The test kills it with SIGKILL mid-send.
import { readFile } from 'node:fs/promises'
import { NativeConnection, Worker } from '@temporalio/worker'
import { controlPlugin, createActivities, createRegistry } from '@warmflow/engine'
import { builtinPlugin } from '@warmflow/nodes'
import { createDb, createPostgresRecordStore } from '@warmflow/store'

const env = process.env as Record<string, string>
const registry = createRegistry([controlPlugin, builtinPlugin])
const records = createPostgresRecordStore(createDb(env.DATABASE_URL!, { max: 4 }))
const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS! })
const worker = await Worker.create({
  connection,
  taskQueue: env.WARMFLOW_TASK_QUEUE!,
  workflowBundle: { code: await readFile(env.WARMFLOW_WORKFLOW_BUNDLE!, 'utf8') },
  activities: createActivities({
    registry,
    records,
    log: () => {},
    secrets: async (name) => (name === 'smtp' ? env.TEST_SMTP_CREDENTIAL : undefined),
  }),
})
process.stdout.write(`worker ready ${process.pid}\n`)
await worker.run()
