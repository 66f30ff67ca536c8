import { Route } from '@angular/router';

export const caseTemplatesRoutes: Route[] = [
  {
    path: '',
    title: 'Case templates',
    loadComponent: () => import('./case-template-list.page').then((m) => m.CaseTemplateListPage),
  },
  {
    path: 'new',
    title: 'New case template',
    loadComponent: () => import('./case-template-edit.page').then((m) => m.CaseTemplateEditPage),
  },
  {
    path: ':id',
    title: 'Case template',
    loadComponent: () => import('./case-template-edit.page').then((m) => m.CaseTemplateEditPage),
  },
];
