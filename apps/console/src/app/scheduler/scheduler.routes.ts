import { Route } from '@angular/router';

export const schedulerRoutes: Route[] = [
  {
    path: '',
    title: 'Scheduler',
    loadComponent: () => import('./job-list.page').then((m) => m.JobListPage),
  },
];
