import type { ReactNode } from 'react'

/**
 * A yes/no field of a form: a checkbox inside its label, followed by what `children` holds (the
 * field's help and problem texts, whose ids `describedBy` names).
 */
export function CheckboxField({
  id,
  label,
  checked,
  describedBy,
  onChange,
  children,
}: {
  id: string
  label: ReactNode
  checked: boolean
  describedBy?: string | undefined
  onChange(checked: boolean): void
  children?: ReactNode
}) {
  return (
    <div className="field">
      <label className="check" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.checked)}
        />
        {label}
      </label>
      {children}
    </div>
  )
}
