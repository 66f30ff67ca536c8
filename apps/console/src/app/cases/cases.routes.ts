import { Route } from '@angular/router';

export const casesRoutes: Route[] = [
  {
    path: '',
    title: 'Cases',
    loadComponent: () => import('./case-list.page').then((m) => m.CaseListPage),
  },
  {
    path: ':id',
    title: 'Case',
    loadComponent: () => import('./case-detail.page').then((m) => m.CaseDetailPage),
  },
];
