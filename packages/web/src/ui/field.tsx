import { type ReactNode, useId } from 'react'

type FieldFrameProps = {
  label: string
  error?: string | undefined
  hint?: string | undefined
  required?: boolean | undefined
  className?: string | undefined
  children: (ids: { inputId: string; describedBy: string | undefined; invalid: boolean }) => ReactNode
}

/** Label, control, hint and error message, wired together for screen readers. */
export const FieldFrame = ({ label, error, hint, required, className, children }: FieldFrameProps) => {
  const inputId = useId()
  const hintId = `${inputId}-hint`
  const errorId = `${inputId}-error`
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={inputId}>
        {label}
        {required ? (
          <span className="required-mark" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </label>
      {children({ inputId, describedBy, invalid: Boolean(error) })}
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  )
}

type CommonProps = {
  label: string
  value: string
  onChange: (value: string) => void
  error?: string | undefined
  hint?: string | undefined
  required?: boolean | undefined
  name?: string | undefined
  className?: string | undefined
  disabled?: boolean | undefined
}

type TextFieldProps = CommonProps & {
  type?: 'text' | 'email' | 'url' | 'tel' | 'password' | 'date' | 'number' | 'search'
  autoComplete?: string | undefined
  inputMode?: 'text' | 'decimal' | 'numeric' | 'email' | 'tel' | 'url' | undefined
  placeholder?: string | undefined
  autoFocus?: boolean | undefined
  min?: number | undefined
  max?: number | undefined
}

export const TextField = ({ type = 'text', ...props }: TextFieldProps) => (
  <FieldFrame {...props}>
    {({ inputId, describedBy, invalid }) => (
      <input
        id={inputId}
        name={props.name}
        type={type}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        aria-required={props.required || undefined}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        placeholder={props.placeholder}
        // biome-ignore lint/a11y/noAutofocus: only the first field of a page's one form asks for it
        autoFocus={props.autoFocus}
        disabled={props.disabled}
        min={props.min}
        max={props.max}
      />
    )}
  </FieldFrame>
)

export const TextAreaField = (props: CommonProps & { rows?: number }) => (
  <FieldFrame {...props}>
    {({ inputId, describedBy, invalid }) => (
      <textarea
        id={inputId}
        name={props.name}
        value={props.value}
        rows={props.rows ?? 3}
        onChange={(event) => props.onChange(event.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        aria-required={props.required || undefined}
        disabled={props.disabled}
      />
    )}
  </FieldFrame>
)

export type SelectOption = { value: string; label: string }

export const SelectField = (props: CommonProps & { options: SelectOption[] }) => (
  <FieldFrame {...props}>
    {({ inputId, describedBy, invalid }) => (
      <select
        id={inputId}
        name={props.name}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        aria-required={props.required || undefined}
        disabled={props.disabled}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    )}
  </FieldFrame>
)
