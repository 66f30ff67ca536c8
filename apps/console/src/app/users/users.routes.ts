import { Route } from '@angular/router';

export const usersRoutes: Route[] = [
  { path: '', title: 'Users', loadComponent: () => import('./user-list.page').then((m) => m.UserListPage) },
  { path: 'new', title: 'New user', loadComponent: () => import('./user-create.page').then((m) => m.UserCreatePage) },
  { path: ':id', title: 'User', loadComponent: () => import('./user-edit.page').then((m) => m.UserEditPage) },
];
