import { Route } from '@angular/router';

export const alertsRoutes: Route[] = [
  {
    path: '',
    title: 'Alerts',
    loadComponent: () => import('./alert-list.page').then((m) => m.AlertListPage),
  },
  {
    path: ':id',
    title: 'Alert',
    loadComponent: () => import('./alert-detail.page').then((m) => m.AlertDetailPage),
  },
];
