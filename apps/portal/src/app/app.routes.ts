import { Route } from '@angular/router';
import { LoginPageComponent, guestGuard, scopeGuard } from '@copilot/ui';

export const appRoutes: Route[] = [
  { path: 'login', title: 'Sign in', canActivate: [guestGuard], component: LoginPageComponent },
  {
    path: '',
    canActivate: [scopeGuard(['customer_user'])],
    loadComponent: () => import('./shell/shell.component').then((m) => m.ShellComponent),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'overview' },
      { path: 'overview', loadChildren: () => import('./overview/overview.routes').then((m) => m.overviewRoutes) },
      { path: 'alerts', loadChildren: () => import('./alerts/alerts.routes').then((m) => m.alertsRoutes) },
      { path: 'cases', loadChildren: () => import('./cases/cases.routes').then((m) => m.casesRoutes) },
      { path: 'profile', loadChildren: () => import('./profile/profile.routes').then((m) => m.profileRoutes) },
      {
        path: '**',
        title: 'Not found',
        loadComponent: () => import('./not-found/not-found.page').then((m) => m.NotFoundPage),
      },
    ],
  },
];
