import { createBrowserRouter, Navigate } from 'react-router';
import { AppLayout } from '../components/layout/AppLayout';
import { RequireAuth } from '../features/auth/components/RequireAuth';
import { LoginPage } from '../features/auth/routes/LoginPage';
import { RegisterPage } from '../features/auth/routes/RegisterPage';
import { PartnerPage } from '../features/partners/routes/PartnerPage';
import { PartnersPage } from '../features/partners/routes/PartnersPage';
import { PoliciesPage } from '../features/policies/routes/PoliciesPage';
import { PrinciplesPage } from '../features/principles/routes/PrinciplesPage';
import { NewProposalPage } from '../features/proposals/routes/NewProposalPage';
import { ProposalPage } from '../features/proposals/routes/ProposalPage';
import { ProposalsPage } from '../features/proposals/routes/ProposalsPage';
import { ConnectionsPage } from '../features/connections/routes/ConnectionsPage';
import { ExperimentPage } from '../features/experiments/routes/ExperimentPage';
import { ExperimentsBoardPage } from '../features/experiments/routes/ExperimentsBoardPage';
import { NewExperimentPage } from '../features/experiments/routes/NewExperimentPage';
import { NetworkPage } from '../features/network/routes/NetworkPage';
import { NotificationSettingsPage } from '../features/notifications/routes/NotificationSettingsPage';
import { ActivityPage } from '../features/activity/routes/ActivityPage';
import { HomePage } from '../features/home/routes/HomePage';
import { AcceptInvitationPage } from '../features/invitations/routes/AcceptInvitationPage';
import { NotFoundPage } from '../features/system/routes/NotFoundPage';
import { WorkspaceLayout } from '../features/workspaces/components/WorkspaceLayout';
import { WorkspaceHomePage } from '../features/workspaces/routes/WorkspaceHomePage';
import { WorkspacesPage } from '../features/workspaces/routes/WorkspacesPage';

export const router = createBrowserRouter([
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'login', element: <LoginPage /> },
      { path: 'register', element: <RegisterPage /> },
      { path: 'invite/:token', element: <AcceptInvitationPage /> },
      {
        element: <RequireAuth />,
        children: [
          { path: 'w', element: <WorkspacesPage /> },
          { path: 'settings/notifications', element: <NotificationSettingsPage /> },
          {
            path: 'w/:wid',
            element: <WorkspaceLayout />,
            children: [
              { index: true, element: <WorkspaceHomePage /> },
              { path: 'activity', element: <ActivityPage /> },
              // The editor (Tiptap, Yjs) loads only when a document is opened.
              {
                path: 'vision',
                lazy: () =>
                  import('../features/documents/routes/DocumentPage').then((m) => ({
                    Component: m.VisionPage,
                  })),
              },
              {
                path: 'documents/:did',
                lazy: () =>
                  import('../features/documents/routes/DocumentPage').then((m) => ({
                    Component: m.DocumentPage,
                  })),
              },
              { path: 'partners', element: <PartnersPage /> },
              { path: 'partners/:pid', element: <PartnerPage /> },
              { path: 'principles', element: <PrinciplesPage /> },
              { path: 'policies', element: <PoliciesPage /> },
              { path: 'proposals', element: <ProposalsPage /> },
              { path: 'proposals/new', element: <NewProposalPage /> },
              { path: 'proposals/:id', element: <ProposalPage /> },
              { path: 'experiments', element: <ExperimentsBoardPage /> },
              { path: 'experiments/new', element: <NewExperimentPage /> },
              { path: 'experiments/:eid', element: <ExperimentPage /> },
              { path: 'connections', element: <ConnectionsPage /> },
              { path: 'network', element: <NetworkPage /> },
              { path: '*', element: <Navigate to="." replace /> },
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
