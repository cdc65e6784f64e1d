import { createBrowserRouter, Navigate } from 'react-router';
import { AuditPlaceholderRoute } from '../audit/AuditPlaceholderRoute';
import { NewPolicyRoute } from '../policies/routes/NewPolicyRoute';
import { PoliciesListRoute } from '../policies/routes/PoliciesListRoute';
import { PolicyHistoryRoute } from '../policies/routes/PolicyHistoryRoute';
import { PolicyRoute } from '../policies/routes/PolicyRoute';
import { PolicySetsPlaceholderRoute } from '../policy-sets/PolicySetsPlaceholderRoute';
import { SettingsRoute } from '../settings/routes/SettingsRoute';
import { HomeRoute } from './HomeRoute';
import { NotFoundRoute } from './NotFoundRoute';
import { Shell } from './shell/Shell';
import { SignInRoute } from './signin/SignInRoute';

/**
 * Every screen and object has its own URL under /zones/:zoneId/… so links, reloads and
 * back/forward work. Features meet only here.
 */
export const router = createBrowserRouter([
  { path: '/login', element: <SignInRoute /> },
  { path: '/', element: <HomeRoute /> },
  {
    path: '/zones/:zoneId',
    element: <Shell />,
    children: [
      { index: true, element: <Navigate to="policies" replace /> },
      { path: 'policies', element: <PoliciesListRoute /> },
      { path: 'policies/new', element: <NewPolicyRoute /> },
      { path: 'policies/:policyId', element: <PolicyRoute /> },
      { path: 'policies/:policyId/history', element: <PolicyHistoryRoute /> },
      { path: 'policy-sets/*', element: <PolicySetsPlaceholderRoute /> },
      { path: 'audit/*', element: <AuditPlaceholderRoute /> },
      { path: 'settings', element: <SettingsRoute /> },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
  { path: '*', element: <NotFoundRoute /> },
]);
