import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import {
  getSession,
  isApiError,
  type Session,
  setUnauthenticatedHandler,
  signIn as signInCall,
  signOut as signOutCall,
} from '../../api'

type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; reason: 'none' | 'expired' | 'signed-out' }
  | { status: 'signed-in'; session: Session }
  | { status: 'error'; message: string }

type SessionContextValue = {
  state: SessionState
  signIn: (email: string, password: string) => Promise<Session>
  signOut: () => Promise<void>
  reload: () => void
}

const SessionContext = createContext<SessionContextValue | null>(null)

/** Loads the session once, and returns the app to sign-in whenever any API call says the session ended. */
export const SessionProvider = ({ children }: { children: ReactNode }) => {
  const [state, setState] = useState<SessionState>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the reload trigger
  useEffect(() => {
    let isCurrent = true
    getSession().then(
      (session) => isCurrent && setState({ status: 'signed-in', session }),
      (error: unknown) => {
        if (!isCurrent) return
        if (isApiError(error) && error.status === 401) setState({ status: 'signed-out', reason: 'none' })
        else
          setState({
            status: 'error',
            message: isApiError(error) ? error.message : 'Could not load your session.',
          })
      },
    )
    return () => {
      isCurrent = false
    }
  }, [attempt])

  useEffect(() => {
    setUnauthenticatedHandler(() =>
      setState((current) =>
        current.status === 'signed-in' ? { status: 'signed-out', reason: 'expired' } : current,
      ),
    )
    return () => setUnauthenticatedHandler(null)
  }, [])

  const signIn = useCallback(async (email: string, password: string) => {
    const session = await signInCall(email, password)
    setState({ status: 'signed-in', session })
    return session
  }, [])

  const signOut = useCallback(async () => {
    try {
      await signOutCall()
    } finally {
      setState({ status: 'signed-out', reason: 'signed-out' })
    }
  }, [])

  const reload = useCallback(() => {
    setState({ status: 'loading' })
    setAttempt((n) => n + 1)
  }, [])

  const value = useMemo(() => ({ state, signIn, signOut, reload }), [state, signIn, signOut, reload])
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

export const useSessionContext = (): SessionContextValue => {
  const context = useContext(SessionContext)
  if (!context) throw new Error('useSessionContext must be used inside <SessionProvider>')
  return context
}

/** The signed-in session; only for components rendered behind <RequireSession>. */
export const useSession = (): Session => {
  const { state } = useSessionContext()
  if (state.status !== 'signed-in') throw new Error('useSession needs a signed-in session')
  return state.session
}
