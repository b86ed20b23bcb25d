export { IntegrationsPage, SettingsLayout, UsersPage } from './lazy-pages'
