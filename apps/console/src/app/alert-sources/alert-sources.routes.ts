import { Route } from '@angular/router';

export const alertSourcesRoutes: Route[] = [
  {
    path: '',
    title: 'Alert sources',
    loadComponent: () => import('./source-list.page').then((m) => m.SourceListPage),
  },
  {
    path: 'new',
    title: 'New alert source',
    loadComponent: () => import('./source-edit.page').then((m) => m.SourceEditPage),
  },
  {
    path: ':id',
    title: 'Alert source',
    loadComponent: () => import('./source-edit.page').then((m) => m.SourceEditPage),
  },
];
