import { Route } from '@angular/router';

export const auditRoutes: Route[] = [
  {
    path: '',
    title: 'Audit log',
    loadComponent: () => import('./audit-list.page').then((m) => m.AuditListPage),
  },
];
