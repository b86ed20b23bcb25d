import { type KeyboardEvent, type ReactNode, useRef } from 'react'

export type TabItem = { id: string; label: ReactNode }

type Props = {
  label: string
  tabs: TabItem[]
  activeId: string
  onSelect: (id: string) => void
  /** The id of the panel element the tabs control. */
  panelId: string
  idPrefix: string
}

/** A WAI-ARIA tab list: one tab stop, arrow keys / Home / End move between tabs and select them. */
export const TabStrip = ({ label, tabs, activeId, onSelect, panelId, idPrefix }: Props) => {
  const refs = useRef<(HTMLButtonElement | null)[]>([])
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = tabs.findIndex((tab) => tab.id === activeId)
    const last = tabs.length - 1
    const next =
      event.key === 'ArrowRight'
        ? current >= last
          ? 0
          : current + 1
        : event.key === 'ArrowLeft'
          ? current <= 0
            ? last
            : current - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null
    if (next === null) return
    event.preventDefault()
    const tab = tabs[next]
    if (!tab) return
    onSelect(tab.id)
    refs.current[next]?.focus()
  }
  return (
    <div role="tablist" aria-label={label} className="tab-strip" onKeyDown={onKeyDown}>
      {tabs.map((tab, index) => {
        const isActive = tab.id === activeId
        return (
          <button
            key={tab.id}
            ref={(element) => {
              refs.current[index] = element
            }}
            type="button"
            role="tab"
            id={`${idPrefix}-${tab.id}`}
            aria-selected={isActive}
            aria-controls={panelId}
            tabIndex={isActive ? 0 : -1}
            className={`tab${isActive ? ' tab-active' : ''}`}
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
          </button>
        )
      })}
    </div>
  )
}
