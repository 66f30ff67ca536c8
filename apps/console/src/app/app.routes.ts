import { Route } from '@angular/router';
import { LoginPageComponent, guestGuard, scopeGuard } from '@copilot/ui';

export const appRoutes: Route[] = [
  { path: 'login', title: 'Sign in', canActivate: [guestGuard], component: LoginPageComponent },
  {
    path: '',
    canActivate: [scopeGuard(['admin', 'analyst'])],
    loadComponent: () => import('./shell/shell.component').then((m) => m.ShellComponent),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'customers' },
      { path: 'customers', loadChildren: () => import('./customers/customers.routes').then((m) => m.customersRoutes) },
      { path: 'alerts', loadChildren: () => import('./alerts/alerts.routes').then((m) => m.alertsRoutes) },
      { path: 'cases', loadChildren: () => import('./cases/cases.routes').then((m) => m.casesRoutes) },
      {
        path: 'case-templates',
        loadChildren: () => import('./case-templates/case-templates.routes').then((m) => m.caseTemplatesRoutes),
      },
      {
        path: 'alert-sources',
        loadChildren: () => import('./alert-sources/alert-sources.routes').then((m) => m.alertSourcesRoutes),
      },
      {
        path: 'users',
        canActivate: [scopeGuard(['admin'], '/customers')],
        loadChildren: () => import('./users/users.routes').then((m) => m.usersRoutes),
      },
      {
        path: 'connectors',
        loadChildren: () => import('./connectors/connectors.routes').then((m) => m.connectorsRoutes),
      },
      { path: 'scheduler', loadChildren: () => import('./scheduler/scheduler.routes').then((m) => m.schedulerRoutes) },
      {
        path: 'audit',
        canActivate: [scopeGuard(['admin'], '/customers')],
        loadChildren: () => import('./audit/audit.routes').then((m) => m.auditRoutes),
      },
      { path: 'profile', loadChildren: () => import('./profile/profile.routes').then((m) => m.profileRoutes) },
      {
        path: '**',
        title: 'Not found',
        loadComponent: () => import('./not-found/not-found.page').then((m) => m.NotFoundPage),
      },
    ],
  },
];
