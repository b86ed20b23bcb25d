import { useId } from 'react'

type Props = { label: string; value: number; max: number }

/** A labelled progress bar with the count written out beside it. */
export const ProgressBar = ({ label, value, max }: Props) => {
  const id = useId()
  const percent = max > 0 ? Math.round((value / max) * 100) : 0
  return (
    <div className="progress">
      <div className="progress-label">
        <label htmlFor={id}>{label}</label>
        <span>
          {value} of {max} ({percent}%)
        </span>
      </div>
      <progress id={id} value={value} max={Math.max(max, 1)}>
        {percent}%
      </progress>
    </div>
  )
}
