import { Route } from '@angular/router';

export const customersRoutes: Route[] = [
  {
    path: '',
    title: 'Customers',
    loadComponent: () => import('./customer-list.page').then((m) => m.CustomerListPage),
  },
  {
    path: 'new',
    title: 'New customer',
    loadComponent: () => import('./customer-create.page').then((m) => m.CustomerCreatePage),
  },
  {
    path: ':id',
    title: 'Customer',
    loadComponent: () => import('./customer-edit.page').then((m) => m.CustomerEditPage),
  },
];
