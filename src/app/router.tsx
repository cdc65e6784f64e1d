import { createBrowserRouter, Navigate } from 'react-router';
import { Loading } from '../components/Loading';

/**
 * Every screen and object has its own URL under /zones/:zoneId/… so links, reloads and
 * back/forward work. Features meet only here. Route modules load lazily, so the entry chunk holds
 * React, the router and Query only; the API contract (zod) and screens come with the first route.
 */
export const router = createBrowserRouter([
  {
    hydrateFallbackElement: <Loading label="Loading the console…" />,
    children: [
      { path: '/login', lazy: () => import('./signin/SignInRoute').then((m) => ({ Component: m.SignInRoute })) },
      { path: '/', lazy: () => import('./HomeRoute').then((m) => ({ Component: m.HomeRoute })) },
      {
        path: '/zones/:zoneId',
        lazy: () => import('./shell/Shell').then((m) => ({ Component: m.Shell })),
        children: [
          { index: true, element: <Navigate to="policies" replace /> },
          {
            path: 'policies',
            lazy: () => import('../policies/routes/PoliciesListRoute').then((m) => ({ Component: m.PoliciesListRoute })),
          },
          {
            path: 'policies/new',
            lazy: () => import('../policies/routes/NewPolicyRoute').then((m) => ({ Component: m.NewPolicyRoute })),
          },
          {
            path: 'policies/:policyId',
            lazy: () => import('../policies/routes/PolicyRoute').then((m) => ({ Component: m.PolicyRoute })),
          },
          {
            path: 'policies/:policyId/history',
            lazy: () => import('../policies/routes/PolicyHistoryRoute').then((m) => ({ Component: m.PolicyHistoryRoute })),
          },
          {
            path: 'policy-sets',
            lazy: () => import('../policy-sets/routes/PolicySetsListRoute').then((m) => ({ Component: m.PolicySetsListRoute })),
          },
          {
            path: 'policy-sets/:setId',
            lazy: () => import('../policy-sets/routes/PolicySetRoute').then((m) => ({ Component: m.PolicySetRoute })),
          },
          {
            path: 'policy-sets/:setId/compose',
            lazy: () => import('../policy-sets/routes/ComposeRoute').then((m) => ({ Component: m.ComposeRoute })),
          },
          {
            path: 'policy-sets/:setId/versions/:versionId',
            lazy: () => import('../policy-sets/routes/PolicySetVersionRoute').then((m) => ({ Component: m.PolicySetVersionRoute })),
          },
          {
            path: 'audit',
            lazy: () => import('../audit/routes/DecisionsRoute').then((m) => ({ Component: m.DecisionsRoute })),
          },
          {
            path: 'audit/activity',
            lazy: () => import('../audit/routes/ActivityRoute').then((m) => ({ Component: m.ActivityRoute })),
          },
          {
            path: 'audit/decisions/:requestId',
            lazy: () => import('../audit/routes/DecisionRoute').then((m) => ({ Component: m.DecisionRoute })),
          },
          {
            path: 'audit/decisions/:requestId/fix',
            lazy: () => import('../audit/routes/StageFixRoute').then((m) => ({ Component: m.StageFixRoute })),
          },
          {
            path: 'settings',
            lazy: () => import('../settings/routes/SettingsRoute').then((m) => ({ Component: m.SettingsRoute })),
          },
          { path: '*', lazy: () => import('./NotFoundRoute').then((m) => ({ Component: m.NotFoundRoute })) },
        ],
      },
      { path: '*', lazy: () => import('./NotFoundRoute').then((m) => ({ Component: m.NotFoundRoute })) },
    ],
  },
]);
