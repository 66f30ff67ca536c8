import { Route } from '@angular/router';

export const connectorsRoutes: Route[] = [
  {
    path: '',
    title: 'Connectors',
    loadComponent: () => import('./connector-list.page').then((m) => m.ConnectorListPage),
  },
];
