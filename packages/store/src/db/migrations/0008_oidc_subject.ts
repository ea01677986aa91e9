import { type Kysely, type Migration, sql } from 'kysely'

/**
 * Single sign-on: the identity provider's issuer and subject (`sub`) an account is linked to.
 * An account is linked on its first sign-in through OpenID Connect; afterwards it is found by
 * this pair alone, so a changed e-mail address at the provider does not matter. One subject
 * belongs to at most one account.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('users')
      .addColumn('oidc_issuer', 'text')
      .addColumn('oidc_subject', 'text')
      .execute()
    await db.schema
      .alterTable('users')
      .addCheckConstraint('users_oidc_pair', sql`(oidc_issuer is null) = (oidc_subject is null)`)
      .execute()
    await db.schema
      .createIndex('users_oidc_subject_idx')
      .on('users')
      .columns(['oidc_issuer', 'oidc_subject'])
      .unique()
      .where(sql.ref('oidc_subject'), 'is not', null)
      .execute()
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('users_oidc_subject_idx').execute()
    await db.schema.alterTable('users').dropConstraint('users_oidc_pair').execute()
    await db.schema.alterTable('users').dropColumn('oidc_subject').dropColumn('oidc_issuer').execute()
  },
}
