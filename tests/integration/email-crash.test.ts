// Kills the worker with SIGKILL while `email.send` is in the middle of the SMTP conversation
// (the server has the message and holds its answer), then lets a new worker retry the node.
// The retry must not send the e-mail a second time.
import type { ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { Client, Connection, WorkflowFailedError } from '@temporalio/client'
import {
  buildRunInput,
  controlPlugin,
  createRegistry,
  interpreterWorkflowType,
  progressQueryName,
  type RunProgress,
  snapshotFlow,
  validateFlow,
} from '@warmflow/engine'
import { builtinPlugin } from '@warmflow/nodes'
import { createDb, createPostgresRecordStore } from '@warmflow/store'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js'
import { killWorkerProcesses, startWorkerProcess } from '../support/worker-process.js'

const entry = fileURLToPath(new URL('./email-crash-worker.ts', import.meta.url))
const registry = createRegistry([controlPlugin, builtinPlugin])
const taskQueue = `email-crash-${randomUUID()}`
const db = createDb(inject('databaseUrl'), { max: 4 })
const records = createPostgresRecordStore(db)
let smtp: TestSmtpServer
let connection: Connection
let client: Client
let release: () => void = () => {}
let holding = false
// Holds logins while set, and says when one is being held.
let holdLogin = false
let releaseLogin: () => void = () => {}
let loginHeld: () => void = () => {}

function startWorker(): Promise<ChildProcess> {
  return startWorkerProcess({ taskQueue, entry, env: { TEST_SMTP_CREDENTIAL: smtp.credential() } })
}

beforeAll(async () => {
  // The server takes the message, then holds its answer while the test kills the sender.
  smtp = await startSmtpServer({
    beforeAccept: () =>
      holding
        ? new Promise<void>((resolve) => {
            release = resolve
          })
        : undefined,
    beforeLogin: () =>
      holdLogin
        ? new Promise<void>((resolve) => {
            releaseLogin = resolve
            loginHeld()
          })
        : undefined,
  })
  connection = await Connection.connect({ address: inject('temporalAddress') })
  client = new Client({ connection })
})

afterAll(async () => {
  release()
  releaseLogin()
  killWorkerProcesses()
  await connection?.close()
  await smtp?.stop()
  await db.destroy()
})

function mailFlow() {
  const flow = validateFlow(
    {
      name: 'Mail met crash',
      nodes: [
        { id: 'start', type: 'manual', version: 1 },
        {
          id: 'mail',
          type: 'email.send',
          version: 1,
          // A short attempt timeout so the lost attempt is retried within seconds.
          options: { timeoutSeconds: 4, retry: { initialIntervalSeconds: 1 } },
          config: {
            to: 'email',
            subject: { nl: 'Welkom {{ naam }}', en: 'Welcome {{ naam }}' },
            body: { nl: 'Fijn dat je er bent.', en: 'Good to have you.' },
          },
        },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'mail' }],
    },
    registry,
  )
  if (!flow.ok) throw new Error(JSON.stringify(flow.problems))
  return flow.flow
}

function startMailRun(email: string) {
  const runId = randomUUID()
  const workflowId = `run-${runId}`
  const handle = client.workflow.start(interpreterWorkflowType, {
    taskQueue,
    workflowId,
    args: [
      buildRunInput({
        runId,
        snapshot: snapshotFlow(randomUUID(), 1, mailFlow()),
        input: { naam: 'Els', email },
        registry,
      }),
    ],
  })
  return { workflowId, handle }
}

it('never sends twice when the worker is killed in the middle of sending', async () => {
  holding = true
  const first = await startWorker()
  const started = startMailRun('els.crash@example.nl')
  const { workflowId } = started
  const handle = await started.handle

  await smtp.waitForArrivals(1)
  first.kill('SIGKILL')
  await new Promise((resolve) => first.once('exit', resolve))
  // The server had the whole message: like a real mail server it delivers it.
  holding = false
  release()
  await startWorker()

  const error = await handle.result().catch((e) => e)
  expect(error).toBeInstanceOf(WorkflowFailedError)
  const progress = await handle.query<RunProgress>(progressQueryName)
  expect(progress.nodes.mail?.error?.code).toBe('email.delivery_unknown')
  expect(progress.nodes.mail?.error?.message).toContain('unknown whether the e-mail arrived')
  // Only a second attempt (on the new worker) can see the unfinished delivery and say so.
  // Exactly one e-mail reached the server, and the delivery log still says it was in flight.
  expect(smtp.arrived.filter((m) => m.to.includes('els.crash@example.nl'))).toHaveLength(1)
  const log = await records.get('email_deliveries', `${workflowId}/mail`)
  expect(log).toMatchObject({ status: 'sending', recipients: ['els.crash@example.nl'] })
}, 90_000)

it('sends once when the worker is killed while it is still signing in to the mail server', async () => {
  const held = new Promise<void>((resolve) => {
    loginHeld = resolve
  })
  holdLogin = true
  const first = await startWorker()
  const started = startMailRun('els.login@example.nl')
  const handle = await started.handle
  await held
  // Nothing was claimed yet: the message has not left the worker.
  expect(await records.get('email_deliveries', `${started.workflowId}/mail`)).toBeUndefined()
  first.kill('SIGKILL')
  await new Promise((resolve) => first.once('exit', resolve))
  holdLogin = false
  releaseLogin()
  await startWorker()

  await handle.result()
  expect(smtp.messages.filter((m) => m.to.includes('els.login@example.nl'))).toHaveLength(1)
  const log = await records.get('email_deliveries', `${started.workflowId}/mail`)
  expect(log).toMatchObject({ status: 'sent', recipients: ['els.login@example.nl'] })
}, 90_000)
