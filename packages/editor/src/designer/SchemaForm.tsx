import cronstrue from 'cronstrue'
import 'cronstrue/locales/nl'
import { createContext, useContext, useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { LocalizedText } from '../api/client'
import type { JsonSchema } from '../api/types'
import { currentLang, pick } from '../i18n'
import { TeamOptions } from '../shell/TeamOptions'
import { ExpressionInput, isExpressionSetting } from './expressions'
import { settingLabel } from './settingLabel'

/** The node type whose settings the form shows: some labels depend on it. */
const NodeTypeContext = createContext<string | undefined>(undefined)

/** A team someone can send a task to: the signed-in person's own teams. */
export interface TeamChoice {
  id: string
  name: string
}

const TeamsContext = createContext<readonly TeamChoice[]>([])

/** Warmflow's roles that work the inbox, offered for a task's role (other names stay possible). */
const taskRoles = ['approver', 'admin'] as const

/** Field errors by config path (`a.0.b`), already in the user's language. */
export type FieldErrors = ReadonlyMap<string, string>

type Value = unknown

/** Strips `null` alternatives so `string | null` renders as a string field. */
/**
 * Where the labels of an enum's values are translated. The field types of intake forms and
 * triggers (`text` = short, `textarea` = long) differ from those of human-task forms
 * (`string` = short, `text` = long), so the same value needs its own label there.
 */
function enumVocabulary(values: readonly unknown[]): 'intakeFieldType' | 'schemaValue' {
  return values.includes('textarea') ? 'intakeFieldType' : 'schemaValue'
}

export function resolveSchema(schema: JsonSchema): JsonSchema {
  const options = schema.anyOf ?? schema.oneOf
  if (options) {
    const real = options.filter((option) => option.type !== 'null')
    if (real.length === 1)
      return { ...schema, ...resolveSchema(real[0]!), anyOf: undefined, oneOf: undefined }
    const consts = real.filter((option) => option.const !== undefined)
    if (consts.length === real.length) return { ...schema, type: 'string', enum: consts.map((c) => c.const) }
  }
  if (Array.isArray(schema.type)) {
    const type = schema.type.find((t) => t !== 'null')
    return { ...schema, ...(type ? { type } : {}) }
  }
  return schema
}

/** The kind of input a schema becomes. */
export function widgetFor(name: string, raw: JsonSchema): string {
  const schema = resolveSchema(raw)
  const widget = schema['x-widget']
  if (typeof widget === 'string') return widget
  if (schema.type === 'string' && schema.enum) return 'select'
  if (schema.type === 'string' && (schema.format === 'cron' || /cron|schedule/i.test(name))) return 'cron'
  if (
    schema.type === 'string' &&
    (schema.format === 'textarea' ||
      (schema.maxLength ?? 0) > 200 ||
      /template|prompt|text|body|message|expression|when/i.test(name))
  ) {
    return 'textarea'
  }
  if (schema.type === 'string') return 'text'
  if (schema.type === 'number' || schema.type === 'integer') return 'number'
  if (schema.type === 'boolean') return 'boolean'
  if (schema.type === 'array') {
    const items = resolveSchema(schema.items ?? {})
    if (items.enum) return 'multiselect'
    if (items.type === 'object' && items.properties) return 'objectList'
    if (items.type === 'string' || items.type === 'number' || items.type === 'integer') return 'list'
    return 'json'
  }
  if (schema.type === 'object' && schema.properties && Object.keys(schema.properties).length > 0)
    return 'object'
  if (schema.type === 'object' && typeof schema.additionalProperties === 'object') {
    const values = resolveSchema(schema.additionalProperties)
    if (values.type === 'string' || values.type === 'number') return 'record'
    if (values.type === 'object' && values.properties) return 'objectRecord'
  }
  return 'json'
}

function descriptionOf(schema: JsonSchema, lang: string): string | undefined {
  const text = schema.help ?? (schema['x-description'] as LocalizedText | undefined)
  if (text) return pick(text, lang)
  return schema.description
}

/** A cron expression in plain words, or undefined when it is not a valid expression. */
export function describeCron(expression: string, lang: string): string | undefined {
  if (!expression.trim()) return undefined
  try {
    return cronstrue.toString(expression, {
      locale: currentLang(lang),
      use24HourTimeFormat: true,
      throwExceptionOnParseError: true,
    })
  } catch {
    return undefined
  }
}

interface FieldProps {
  name: string
  /** The setting this one is inside, e.g. `fields` for an entry of a mapping. */
  parent?: string
  schema: JsonSchema
  value: Value
  required: boolean
  path: string
  errors: FieldErrors
  onChange(value: Value): void
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null
  return (
    <p id={id} className="field-error">
      {message}
    </p>
  )
}

function Field({ name, parent, schema: raw, value, required, path, errors, onChange }: FieldProps) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const schema = resolveSchema(raw)
  const widget = widgetFor(name, raw)
  const label = settingLabel(name, schema, i18n.language, t, useContext(NodeTypeContext))
  const help = descriptionOf(schema, i18n.language)
  const error = errors.get(path)
  const describedBy =
    [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
  const labelText = (
    <>
      {label}
      {required && <span className="required"> ({t('form.required')})</span>}
    </>
  )
  const helpText = help ? (
    <p id={`${id}-help`} className="field-help">
      {help}
    </p>
  ) : null
  const common = {
    id,
    'aria-describedby': describedBy,
    'aria-invalid': error ? true : undefined,
  } as const

  const teams = useContext(TeamsContext)
  if (name === 'teamId' && schema.type === 'string' && teams.length > 0) {
    const chosen = typeof value === 'string' ? value : ''
    return (
      <div className="field">
        <label htmlFor={id}>{labelText}</label>
        {helpText}
        <select
          {...common}
          value={chosen}
          onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
        >
          <option value="">{t('form.teamOfRun')}</option>
          {chosen && !teams.some((team) => team.id === chosen) && (
            <option value={chosen}>{t('form.otherTeam')}</option>
          )}
          <TeamOptions teams={teams} />
        </select>
        <FieldError id={`${id}-error`} message={error} />
      </div>
    )
  }

  if (widget === 'object') {
    const group = (value as Record<string, Value> | undefined) ?? {}
    // An optional group that is left empty is not there at all: its fields are only required
    // once one of them is filled in, and emptying them all removes the group again.
    const inUse = required || Object.keys(group).length > 0
    return (
      <fieldset className="field-group">
        <legend>
          {labelText}
          {!required && <span className="required"> ({t('form.optional')})</span>}
        </legend>
        {helpText}
        <ObjectFields
          schema={schema}
          value={group}
          path={path}
          errors={errors}
          markRequired={inUse}
          onChange={(next) => onChange(!required && Object.keys(next).length === 0 ? undefined : next)}
        />
        <FieldError id={`${id}-error`} message={error} />
      </fieldset>
    )
  }
  if (widget === 'objectRecord') {
    // A form builder: named entries, each a group of settings (e.g. the fields of a task form).
    const entries = Object.entries((value as Record<string, Value> | undefined) ?? {})
    const valueSchema = resolveSchema(schema.additionalProperties as JsonSchema)
    const rebuild = (rows: [string, Value][]) => onChange(Object.fromEntries(rows))
    return (
      <fieldset className="field-group" aria-describedby={describedBy}>
        <legend>{labelText}</legend>
        {helpText}
        {entries.length === 0 && <p className="muted">{t('form.emptyList')}</p>}
        {entries.map(([key, item], index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional while a name is typed
          <fieldset className="field-group" key={index}>
            <legend>{key || t('form.item')}</legend>
            <div className="field">
              <label htmlFor={`${id}-k${index}`}>{t('form.key')}</label>
              <input
                id={`${id}-k${index}`}
                value={key}
                onChange={(event) =>
                  rebuild(entries.map((row, i) => (i === index ? [event.target.value, row[1]] : row)))
                }
              />
            </div>
            <ObjectFields
              schema={valueSchema}
              value={(item as Record<string, Value>) ?? {}}
              path={`${path}.${key}`}
              errors={errors}
              onChange={(next) => rebuild(entries.map((row, i) => (i === index ? [row[0], next] : row)))}
            />
            <button
              type="button"
              className="small"
              onClick={() => rebuild(entries.filter((_, i) => i !== index))}
              aria-label={t('form.removeItem', { label, number: index + 1 })}
            >
              {t('form.remove')}
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          className="small"
          onClick={() => {
            const taken = new Set(entries.map(([key]) => key))
            let n = entries.length + 1
            while (taken.has(`veld${n}`)) n++
            rebuild([...entries, [`veld${n}`, {}]])
          }}
        >
          {t('form.addItem', { label })}
        </button>
        <FieldError id={`${id}-error`} message={error} />
      </fieldset>
    )
  }
  if (widget === 'record') {
    const entries = Object.entries((value as Record<string, Value> | undefined) ?? {})
    const valueSchema = resolveSchema(schema.additionalProperties as JsonSchema)
    const rebuild = (rows: [string, Value][]) => onChange(Object.fromEntries(rows))
    return (
      <fieldset className="field-group" aria-describedby={describedBy}>
        <legend>{labelText}</legend>
        {helpText}
        {entries.length === 0 && <p className="muted">{t('form.emptyList')}</p>}
        {entries.map(([key, item], index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional while a name is typed
          <div className="record-row" key={index}>
            <label htmlFor={`${id}-k${index}`}>{t('form.key')}</label>
            <input
              id={`${id}-k${index}`}
              value={key}
              onChange={(event) =>
                rebuild(entries.map((row, i) => (i === index ? [event.target.value, row[1]] : row)))
              }
            />
            <label htmlFor={`${id}-v${index}`}>{t('form.value')}</label>
            {valueSchema.type === 'string' && isExpressionSetting('', name) ? (
              <ExpressionInput
                id={`${id}-v${index}`}
                value={String(item ?? '')}
                invalid={errors.get(`${path}.${key}`) ? true : undefined}
                onChange={(next) => rebuild(entries.map((row, i) => (i === index ? [row[0], next] : row)))}
              />
            ) : (
              <input
                id={`${id}-v${index}`}
                value={String(item ?? '')}
                aria-invalid={errors.get(`${path}.${key}`) ? true : undefined}
                onChange={(event) =>
                  rebuild(
                    entries.map((row, i) =>
                      i === index
                        ? [
                            row[0],
                            valueSchema.type === 'number' ? Number(event.target.value) : event.target.value,
                          ]
                        : row,
                    ),
                  )
                }
              />
            )}
            <FieldError id={`${id}-e${index}`} message={errors.get(`${path}.${key}`)} />
            <button
              type="button"
              className="small"
              onClick={() => rebuild(entries.filter((_, i) => i !== index))}
              aria-label={t('form.removeItem', { label, number: index + 1 })}
            >
              {t('form.remove')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="small"
          onClick={() => {
            const taken = new Set(entries.map(([key]) => key))
            let n = entries.length + 1
            while (taken.has(`veld${n}`)) n++
            rebuild([...entries, [`veld${n}`, '']])
          }}
        >
          {t('form.addItem', { label })}
        </button>
        <FieldError id={`${id}-error`} message={error} />
      </fieldset>
    )
  }
  if (widget === 'multiselect') {
    const items = resolveSchema(schema.items ?? {})
    const chosen = Array.isArray(value) ? value : []
    return (
      <fieldset className="field-group" aria-describedby={describedBy}>
        <legend>{labelText}</legend>
        {helpText}
        {(items.enum ?? []).map((option) => (
          <label key={String(option)} className="check">
            <input
              type="checkbox"
              checked={chosen.includes(option)}
              onChange={(event) =>
                onChange(
                  event.target.checked ? [...chosen, option] : chosen.filter((item) => item !== option),
                )
              }
            />
            {String(option)}
          </label>
        ))}
        <FieldError id={`${id}-error`} message={error} />
      </fieldset>
    )
  }
  if (widget === 'list' || widget === 'objectList') {
    const items = Array.isArray(value) ? value : []
    const itemSchema = resolveSchema(schema.items ?? {})
    const blank = widget === 'objectList' ? {} : itemSchema.type === 'string' ? '' : undefined
    return (
      <fieldset className="field-group" aria-describedby={describedBy}>
        <legend>{labelText}</legend>
        {helpText}
        {items.length === 0 && <p className="muted">{t('form.emptyList')}</p>}
        <ol className="field-list">
          {items.map((item, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: list items are positional
            <li key={index}>
              <Field
                name={`${t('form.item')} ${index + 1}`}
                schema={itemSchema}
                value={item}
                required={false}
                path={`${path}.${index}`}
                errors={errors}
                onChange={(next) => onChange(items.map((old, i) => (i === index ? next : old)))}
              />
              <button
                type="button"
                className="small"
                onClick={() => onChange(items.filter((_, i) => i !== index))}
                aria-label={t('form.removeItem', { label, number: index + 1 })}
              >
                {t('form.remove')}
              </button>
            </li>
          ))}
        </ol>
        <button type="button" className="small" onClick={() => onChange([...items, blank])}>
          {t('form.addItem', { label })}
        </button>
        <FieldError id={`${id}-error`} message={error} />
      </fieldset>
    )
  }
  if (widget === 'boolean') {
    return (
      <div className="field">
        <label className="check" htmlFor={id}>
          <input
            {...common}
            type="checkbox"
            checked={value === true}
            onChange={(event) => onChange(event.target.checked)}
          />
          {labelText}
        </label>
        {helpText}
        <FieldError id={`${id}-error`} message={error} />
      </div>
    )
  }
  let input: React.ReactNode
  if (widget === 'select') {
    input = (
      <select
        {...common}
        value={value === undefined ? '' : String(value)}
        onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
      >
        <option value="">{t('form.choose')}</option>
        {(schema.enum ?? []).map((option) => (
          <option key={String(option)} value={String(option)}>
            {t(`${enumVocabulary(schema.enum ?? [])}.${String(option)}`, { defaultValue: String(option) })}
          </option>
        ))}
      </select>
    )
  } else if (widget === 'number') {
    input = (
      <input
        {...common}
        type="number"
        inputMode="decimal"
        step={schema.type === 'integer' ? 1 : 'any'}
        min={schema.minimum}
        max={schema.maximum}
        value={typeof value === 'number' ? value : ''}
        onChange={(event) => onChange(event.target.value === '' ? undefined : Number(event.target.value))}
      />
    )
  } else if ((widget === 'textarea' || widget === 'text') && isExpressionSetting(name, parent)) {
    input = (
      <ExpressionInput
        id={id}
        value={String(value ?? '')}
        describedBy={describedBy}
        invalid={error ? true : undefined}
        onChange={(next) => onChange(next === '' && !required ? undefined : next)}
      />
    )
  } else if (widget === 'textarea' || widget === 'json') {
    const isJson = widget === 'json'
    input = (
      <textarea
        {...common}
        rows={isJson ? 4 : 3}
        value={isJson ? (value === undefined ? '' : JSON.stringify(value, null, 2)) : String(value ?? '')}
        onChange={(event) => {
          if (!isJson) {
            onChange(event.target.value === '' && !required ? undefined : event.target.value)
            return
          }
          try {
            onChange(event.target.value.trim() === '' ? undefined : JSON.parse(event.target.value))
          } catch {
            // keep typing: the value is applied once it is valid JSON
          }
        }}
      />
    )
  } else {
    // A task's role: Warmflow's inbox roles to choose from, or a name of the team's own.
    const roles = name === 'role'
    input = (
      <>
        <input
          {...common}
          type="text"
          list={roles ? `${id}-roles` : undefined}
          value={String(value ?? '')}
          onChange={(event) =>
            onChange(event.target.value === '' && !required ? undefined : event.target.value)
          }
        />
        {roles && (
          <datalist id={`${id}-roles`}>
            {taskRoles.map((role) => (
              <option key={role} value={role}>
                {t(`form.role.${role}`)}
              </option>
            ))}
          </datalist>
        )}
      </>
    )
  }
  const cron = widget === 'cron' && typeof value === 'string' ? describeCron(value, i18n.language) : undefined
  return (
    <div className="field">
      <label htmlFor={id}>{labelText}</label>
      {helpText}
      {input}
      {widget === 'cron' && typeof value === 'string' && value.trim() !== '' && (
        <p className={cron ? 'field-help' : 'field-error'} aria-live="polite">
          {cron ?? t('form.cronInvalid')}
        </p>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  )
}

function ObjectFields({
  schema,
  value,
  path,
  errors,
  markRequired = true,
  onChange,
}: {
  schema: JsonSchema
  value: Record<string, Value>
  path: string
  errors: FieldErrors
  /** False for the fields of an optional group nobody filled in yet: none of them is required then. */
  markRequired?: boolean
  onChange(value: Record<string, Value>): void
}) {
  const required = new Set(markRequired ? (schema.required ?? []) : [])
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([name, property]) => (
        <Field
          key={name}
          name={name}
          schema={property}
          value={value[name]}
          required={required.has(name) && property.default === undefined}
          path={path ? `${path}.${name}` : name}
          errors={errors}
          onChange={(next) => {
            const copy = { ...value }
            if (next === undefined) delete copy[name]
            else copy[name] = next
            onChange(copy)
          }}
        />
      ))}
    </>
  )
}

const noTeams: readonly TeamChoice[] = []

/**
 * A form generated from a node's JSON Schema: text, numbers, choices, switches, lists, nested
 * groups and cron schedules (described in words), with inline errors per field.
 *
 * @example
 * <SchemaForm schema={node.configSchema} value={config} errors={errors} onChange={setConfig} />
 */
export function SchemaForm({
  schema,
  nodeType,
  teams = noTeams,
  value,
  errors,
  onChange,
}: {
  schema: JsonSchema | undefined
  /** The node type the settings belong to, e.g. `records.update`: labels may depend on it. */
  nodeType?: string
  /** Teams offered where a setting names a team (`teamId`); a plain text box without them. */
  teams?: readonly TeamChoice[]
  value: Record<string, Value>
  errors: FieldErrors
  onChange(value: Record<string, Value>): void
}) {
  const { t } = useTranslation()
  const resolved = schema ? resolveSchema(schema) : undefined
  if (!resolved?.properties || Object.keys(resolved.properties).length === 0) {
    return <p className="muted">{t('form.noSettings')}</p>
  }
  return (
    <NodeTypeContext.Provider value={nodeType}>
      <TeamsContext.Provider value={teams}>
        <ObjectFields schema={resolved} value={value} path="" errors={errors} onChange={onChange} />
      </TeamsContext.Provider>
    </NodeTypeContext.Provider>
  )
}
