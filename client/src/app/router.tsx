import { canManageInvitations, canSeeSuggestions, type WorkspaceDto } from '@coalesce/shared';
import type { QueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Navigate, useLocation, useRoutes, type RouteObject } from 'react-router';
import { AppLayout } from '../components/layout/AppLayout';
import { RequireAuth } from '../features/auth/components/RequireAuth';
import { NotFoundPage } from '../features/system/routes/NotFoundPage';
import { activityQuery } from '../features/activity/api';
import { documentQuery, versionsQuery } from '../features/documents/api';
import { experimentsQuery } from '../features/experiments/api';
import { invitationsQuery } from '../features/invitations/api';
import { membersQuery } from '../features/members/api';
import { networkQuery, suggestionsQuery } from '../features/network/api';
import { partnersQuery } from '../features/partners/api';
import { proposalQuery, proposalsQuery } from '../features/proposals/api';
import { workspaceQuery, workspacesQuery } from '../features/workspaces/api';
import { capacityOf } from '../features/workspaces/capacity';
import { lazyPage, setWarmRoutes, warmPath } from './lazyPage';

/*
 * Only the frame (AppLayout, RequireAuth) is in the first chunk; every page, the landing page
 * too, is its own chunk, started together with its words and its data by `lazyPage` (see
 * there), so a page loads none of the others' code. `wid` is always present under `w/:wid`.
 */

/** The workspace (cached or fetched), then what needs its role or its vision document. */
function withWorkspace(qc: QueryClient, wid: string, then: (ws: WorkspaceDto) => void) {
  qc.ensureQueryData(workspaceQuery(wid)).then(then, () => {
    // The layout shows the error when it asks for the workspace itself.
  });
}

/**
 * The document's data, its versions and its live sync (token, socket, first sync) start here,
 * while the editor's code is still on its way.
 */
function warmDocument(qc: QueryClient, wid: string, did: string) {
  void qc.prefetchQuery(documentQuery(wid, did));
  void qc.prefetchQuery(versionsQuery(wid, did));
  void import('../features/documents/collab').then(
    (m) => m.warmCollabSession(did, wid),
    () => undefined,
  );
}

/** Pages that show only the core messages (see `lazyPage`): the first pages of most visits. */
const CORE = { messages: 'core' } as const;

const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      {
        index: true,
        ...lazyPage(
          () => import('../features/home/routes/HomePage'),
          (m) => m.HomePage,
          undefined,
          { messages: 'landing' },
        ),
      },
      {
        path: 'login',
        ...lazyPage(
          () => import('../features/auth/routes/LoginPage'),
          (m) => m.LoginPage,
          undefined,
          CORE,
        ),
      },
      {
        path: 'register',
        ...lazyPage(
          () => import('../features/auth/routes/RegisterPage'),
          (m) => m.RegisterPage,
          undefined,
          CORE,
        ),
      },
      {
        path: 'invite/:token',
        ...lazyPage(
          () => import('../features/invitations/routes/AcceptInvitationPage'),
          (m) => m.AcceptInvitationPage,
          undefined,
          CORE,
        ),
      },
      {
        element: <RequireAuth />,
        children: [
          {
            path: 'w',
            ...lazyPage(
              () => import('../features/workspaces/routes/WorkspacesPage'),
              (m) => m.WorkspacesPage,
              (qc) => void qc.prefetchQuery(workspacesQuery()),
              CORE,
            ),
          },
          {
            path: 'settings/notifications',
            ...lazyPage(
              () => import('../features/notifications/routes/NotificationSettingsPage'),
              (m) => m.NotificationSettingsPage,
            ),
          },
          {
            path: 'w/:wid',
            ...lazyPage(
              () => import('../features/workspaces/components/WorkspaceLayout'),
              (m) => m.WorkspaceLayout,
              (qc, { wid = '' }) => void qc.prefetchQuery(workspaceQuery(wid)),
              CORE,
            ),
            children: [
              {
                index: true,
                ...lazyPage(
                  () => import('../features/workspaces/routes/WorkspaceHomePage'),
                  (m) => m.WorkspaceHomePage,
                  (qc, { wid = '' }) => {
                    void qc.prefetchQuery(membersQuery(wid));
                    void qc.prefetchInfiniteQuery(activityQuery(wid));
                    withWorkspace(qc, wid, (ws) => {
                      if (canManageInvitations(capacityOf(ws)))
                        void qc.prefetchQuery(invitationsQuery(wid));
                    });
                  },
                  CORE,
                ),
              },
              {
                path: 'research',
                ...lazyPage(
                  () => import('../features/research/routes/ResearchPage'),
                  (m) => m.ResearchPage,
                ),
              },
              {
                path: 'activity',
                ...lazyPage(
                  () => import('../features/activity/routes/ActivityPage'),
                  (m) => m.ActivityPage,
                  (qc, { wid = '' }) => void qc.prefetchQuery(membersQuery(wid)),
                ),
              },
              {
                path: 'vision',
                ...lazyPage(
                  () => import('../features/documents/routes/DocumentPage'),
                  (m) => m.VisionPage,
                  (qc, { wid = '' }) =>
                    withWorkspace(qc, wid, (ws) => {
                      if (ws.visionDocumentId) warmDocument(qc, wid, ws.visionDocumentId);
                    }),
                ),
              },
              {
                path: 'documents/:did',
                ...lazyPage(
                  () => import('../features/documents/routes/DocumentPage'),
                  (m) => m.DocumentPage,
                  (qc, { wid = '', did = '' }) => warmDocument(qc, wid, did),
                ),
              },
              {
                path: 'partners',
                ...lazyPage(
                  () => import('../features/partners/routes/PartnersPage'),
                  (m) => m.PartnersPage,
                  (qc, { wid = '' }) => void qc.prefetchQuery(partnersQuery(wid)),
                ),
              },
              {
                path: 'partners/:pid',
                ...lazyPage(
                  () => import('../features/partners/routes/PartnerPage'),
                  (m) => m.PartnerPage,
                ),
              },
              {
                path: 'principles',
                ...lazyPage(
                  () => import('../features/principles/routes/PrinciplesPage'),
                  (m) => m.PrinciplesPage,
                ),
              },
              {
                path: 'policies',
                ...lazyPage(
                  () => import('../features/policies/routes/PoliciesPage'),
                  (m) => m.PoliciesPage,
                ),
              },
              {
                path: 'proposals',
                ...lazyPage(
                  () => import('../features/proposals/routes/ProposalsPage'),
                  (m) => m.ProposalsPage,
                  (qc, { wid = '' }) => void qc.prefetchQuery(proposalsQuery(wid)),
                ),
              },
              {
                path: 'proposals/new',
                ...lazyPage(
                  () => import('../features/proposals/routes/NewProposalPage'),
                  (m) => m.NewProposalPage,
                ),
              },
              {
                path: 'proposals/:id',
                ...lazyPage(
                  () => import('../features/proposals/routes/ProposalPage'),
                  (m) => m.ProposalPage,
                  (qc, { wid = '', id = '' }) => {
                    void qc.prefetchQuery(proposalQuery(wid, id));
                    void qc.prefetchQuery(partnersQuery(wid));
                    void qc.prefetchQuery(membersQuery(wid));
                  },
                ),
              },
              {
                path: 'experiments',
                ...lazyPage(
                  () => import('../features/experiments/routes/ExperimentsBoardPage'),
                  (m) => m.ExperimentsBoardPage,
                  (qc, { wid = '' }) => {
                    void qc.prefetchQuery(experimentsQuery(wid));
                    void qc.prefetchQuery(partnersQuery(wid));
                  },
                ),
              },
              {
                path: 'experiments/new',
                ...lazyPage(
                  () => import('../features/experiments/routes/NewExperimentPage'),
                  (m) => m.NewExperimentPage,
                ),
              },
              {
                path: 'experiments/:eid',
                ...lazyPage(
                  () => import('../features/experiments/routes/ExperimentPage'),
                  (m) => m.ExperimentPage,
                ),
              },
              {
                path: 'connections',
                ...lazyPage(
                  () => import('../features/connections/routes/ConnectionsPage'),
                  (m) => m.ConnectionsPage,
                ),
              },
              {
                path: 'surveys',
                ...lazyPage(
                  () => import('../features/surveys/routes/SurveysPage'),
                  (m) => m.SurveysPage,
                ),
              },
              {
                path: 'participation',
                ...lazyPage(
                  () => import('../features/participation/routes/ParticipationPage'),
                  (m) => m.ParticipationPage,
                ),
              },
              {
                path: 'surveys/:sid',
                ...lazyPage(
                  () => import('../features/surveys/routes/SurveyWavePage'),
                  (m) => m.SurveyWavePage,
                ),
              },
              {
                path: 'network',
                ...lazyPage(
                  () => import('../features/network/routes/NetworkPage'),
                  (m) => m.NetworkPage,
                  (qc, { wid = '' }) => {
                    // The graph's code (cytoscape) is its own chunk: fetch it with the page's.
                    import('../features/network/components/NetworkGraph').catch(() => undefined);
                    void qc.prefetchQuery(partnersQuery(wid));
                    void qc.prefetchQuery(networkQuery(wid));
                    withWorkspace(qc, wid, (ws) => {
                      if (canSeeSuggestions(capacityOf(ws)))
                        void qc.prefetchQuery(suggestionsQuery(wid));
                    });
                  },
                ),
              },
              { path: '*', element: <Navigate to="." replace /> },
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

setWarmRoutes(routes);

/**
 * The app's routes. A declarative router, not a data router: we need no loaders or actions,
 * and it is half the code (~16 KB gzip less in the first chunk). Each navigation warms the new
 * location's pages while it renders, so code and data start together.
 */
export function AppRoutes() {
  const { pathname } = useLocation();
  useMemo(() => warmPath(pathname), [pathname]);
  return useRoutes(routes);
}
