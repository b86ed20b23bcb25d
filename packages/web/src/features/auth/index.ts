export { AccountPage } from './account-page'
export { RequireAdmin, RequireSession } from './require-session'
export { SessionProvider, useSession, useSessionContext } from './session-context'
export { SignInPage } from './sign-in-page'
