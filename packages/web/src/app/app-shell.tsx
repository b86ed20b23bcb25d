import { Suspense, useEffect, useRef, useState } from 'react'
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router'
import { useSession, useSessionContext } from '../features/auth'
import { RECORD_TYPE_ORDER, RECORD_TYPES } from '../features/crm'
import { LoadingState, MenuButton } from '../ui'

/** Header with the main navigation and the user menu; the page below. */
export const AppShell = () => {
  const session = useSession()
  const { signOut } = useSessionContext()
  const navigate = useNavigate()
  const location = useLocation()
  const [isNavOpen, setIsNavOpen] = useState(false)
  const mainRef = useRef<HTMLElement>(null)
  const isFirstRender = useRef(true)

  // After a navigation, close the narrow-screen menu and move focus to the new page's heading (or main).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every path change
  useEffect(() => {
    setIsNavOpen(false)
    if (isFirstRender.current) {
      isFirstRender.current = false
      return
    }
    if ((location.state as { keepFocus?: boolean } | null)?.keepFocus) return
    // Pages load lazily and then fetch: wait briefly for the new page's h1, else settle on <main>.
    let attempts = 0
    const timer = setInterval(() => {
      const heading = mainRef.current?.querySelector<HTMLElement>('h1')
      attempts += 1
      if (heading || attempts >= 30) {
        clearInterval(timer)
        ;(heading ?? mainRef.current)?.focus()
      }
    }, 50)
    return () => clearInterval(timer)
  }, [location.pathname])

  const isAdmin = session.user.role === 'admin'
  const initials = session.user.name
    .split(/\s+/)
    .map((part) => part[0])
    .join('')
    .slice(0, 2)
    .toUpperCase()

  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/organizations" className="brand" aria-label="Ledgerlink home">
          <span className="brand-mark" aria-hidden="true">
            L
          </span>
          <span className="brand-name">Ledgerlink</span>
        </Link>
        <button
          type="button"
          className="nav-toggle"
          aria-expanded={isNavOpen}
          aria-controls="main-nav"
          onClick={() => setIsNavOpen((open) => !open)}
        >
          <span className="nav-toggle-icon" aria-hidden="true" />
          Menu
        </button>
        <nav id="main-nav" aria-label="Main" className={`main-nav${isNavOpen ? ' is-open' : ''}`}>
          <ul>
            {RECORD_TYPE_ORDER.map((type) => (
              <li key={type}>
                <NavLink to={`/${type}`}>{RECORD_TYPES[type].plural}</NavLink>
              </li>
            ))}
            <li>
              <NavLink to="/import">Import</NavLink>
            </li>
            {isAdmin ? (
              <li>
                <NavLink to="/settings">Settings</NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
        <div className="user-menu">
          <MenuButton
            ariaLabel={`Account menu for ${session.user.name}`}
            header={
              <>
                <strong>{session.user.name}</strong>
                <span className="muted small">{session.user.email}</span>
                <span className="muted small">
                  {session.workspace.name} · {session.user.role === 'admin' ? 'Administrator' : 'Member'}
                </span>
              </>
            }
            items={[
              { id: 'account', label: 'Your account', onSelect: () => navigate('/account') },
              { id: 'sign-out', label: 'Sign out', onSelect: () => void signOut() },
            ]}
          >
            <span className="avatar" aria-hidden="true">
              {initials}
            </span>
            <span className="user-name">{session.user.name}</span>
          </MenuButton>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="main">
        <Suspense fallback={<LoadingState />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  )
}
