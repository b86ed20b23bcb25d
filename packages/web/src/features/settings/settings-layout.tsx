import { NavLink, Outlet } from 'react-router'

/** Settings pages share a side navigation (a row of links on narrow screens). */
export const SettingsLayout = () => (
  <div className="page settings-layout">
    <nav aria-label="Settings" className="settings-nav">
      <h1 className="settings-nav-title">Settings</h1>
      <ul>
        <li>
          <NavLink to="/settings/users">Users</NavLink>
        </li>
        <li>
          <NavLink to="/settings/integrations">Integrations</NavLink>
        </li>
      </ul>
    </nav>
    <div className="settings-content">
      <Outlet />
    </div>
  </div>
)
