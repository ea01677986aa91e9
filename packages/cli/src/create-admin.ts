import { parseArgs } from 'node:util'
import { createUser, generatePassword } from '@warmflow/api'
import { createDb, isUniqueViolation } from '@warmflow/store'
import { migrateAndGrant } from './services/database.js'
import { ensureDatabase } from './services/postgres.js'

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/**
 * `warmflow create-admin --email … [--name …]`: creates an administrator with a generated
 * password and prints the password once. Uses `DATABASE_URL` (or the local cluster) and brings
 * the schema up to date first.
 *
 * @example
 * await createAdmin(['--email', 'beheer@voorbeeld.nl'])
 */
export async function createAdmin(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, name: { type: 'string' } },
    strict: true,
  })
  const email = values.email?.trim() ?? ''
  const name = values.name?.trim().slice(0, 200) || 'Beheerder'
  if (!emailPattern.test(email) || email.length > 320) {
    throw new Error('give a valid e-mail address: --email naam@organisatie.nl / geef een geldig e-mailadres')
  }
  const { ownerUrl, appUrl } = await ensureDatabase(env)
  await migrateAndGrant(ownerUrl, appUrl)
  const db = createDb(appUrl, { max: 2 })
  try {
    const password = generatePassword()
    try {
      await createUser(db, { email, name, password, roles: ['admin'] })
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new Error(`an account with ${email} already exists / dit account bestaat al`)
      }
      throw error
    }
    process.stdout.write(
      `Administrator created / beheerder aangemaakt\n  e-mail:   ${email}\n  password: ${password}\n` +
        'This password is shown only now. / Dit wachtwoord wordt alleen nu getoond.\n',
    )
  } finally {
    await db.destroy()
  }
}
