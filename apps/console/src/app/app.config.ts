import { ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { provideCopilot } from '@copilot/ui';
import { appRoutes } from './app.routes';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(appRoutes, withComponentInputBinding()),
    provideCopilot({
      clientId: 'console',
      appName: 'CoPilot Console',
      loginPath: '/login',
      homePath: '/customers',
      profilePath: '/profile',
    }),
  ],
};
