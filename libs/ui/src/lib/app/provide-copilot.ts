import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { EnvironmentProviders, inject, makeEnvironmentProviders, provideAppInitializer } from '@angular/core';
import { MAT_FORM_FIELD_DEFAULT_OPTIONS, MatFormFieldDefaultOptions } from '@angular/material/form-field';
import { TitleStrategy } from '@angular/router';
import { ApiConfiguration } from '@copilot/client';
import { AuthConfig, provideAuthConfig } from '../auth/auth-config';
import { authInterceptor } from '../auth/auth.interceptor';
import { ThemeService } from '../theme/theme.service';
import { CopilotTitleStrategy } from './title-strategy';

function sameOriginApi(): ApiConfiguration {
  const config = new ApiConfiguration();
  // Generated paths already start with /api; the apps are served by the api itself (or behind one proxy).
  config.rootUrl = '';
  return config;
}

/** What both apps need at the root: the api client on the same origin, the auth interceptor, the theme. */
export function provideCopilot(auth: AuthConfig): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideAuthConfig(auth),
    provideHttpClient(withInterceptors([authInterceptor])),
    { provide: ApiConfiguration, useFactory: sameOriginApi },
    {
      provide: MAT_FORM_FIELD_DEFAULT_OPTIONS,
      useValue: { appearance: 'outline' } satisfies MatFormFieldDefaultOptions,
    },
    { provide: TitleStrategy, useClass: CopilotTitleStrategy },
    provideAppInitializer(() => {
      inject(ThemeService);
    }),
  ]);
}
