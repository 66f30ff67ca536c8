import { Route } from '@angular/router';

export const overviewRoutes: Route[] = [
  { path: '', title: 'Overview', loadComponent: () => import('./overview.page').then((m) => m.OverviewPage) },
];
