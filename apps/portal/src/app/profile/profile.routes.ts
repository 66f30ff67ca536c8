import { Route } from '@angular/router';

export const profileRoutes: Route[] = [
  { path: '', title: 'Profile', loadComponent: () => import('./profile.page').then((m) => m.ProfilePage) },
];
