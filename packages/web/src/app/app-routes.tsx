import { Navigate, Route, Routes } from 'react-router'
import { AccountPage, RequireAdmin, RequireSession, SignInPage } from '../features/auth'
import { ImportPage, RecordFormPage, RecordListPage, RecordPage } from '../features/crm'
import { IntegrationsPage, SettingsLayout, UsersPage } from '../features/settings'
import { AppShell } from './app-shell'
import { NotFoundPage } from './not-found-page'

/** Every route of the app, in one place. */
export const AppRoutes = () => (
  <Routes>
    <Route path="/sign-in" element={<SignInPage />} />
    <Route
      element={
        <RequireSession>
          <AppShell />
        </RequireSession>
      }
    >
      <Route index element={<Navigate to="/organizations" replace />} />
      <Route path="account" element={<AccountPage />} />
      <Route path="import" element={<ImportPage />} />
      <Route
        path="settings"
        element={
          <RequireAdmin>
            <SettingsLayout />
          </RequireAdmin>
        }
      >
        <Route index element={<Navigate to="/settings/users" replace />} />
        <Route path="users" element={<UsersPage />} />
        <Route path="integrations" element={<IntegrationsPage />} />
      </Route>
      <Route path=":type" element={<RecordListPage />} />
      <Route path=":type/new" element={<RecordFormPage />} />
      <Route path=":type/:id/edit" element={<RecordFormPage />} />
      <Route path=":type/:id/:tab?" element={<RecordPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Route>
  </Routes>
)
