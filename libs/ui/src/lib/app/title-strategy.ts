import { Injectable, inject } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { AUTH_CONFIG } from '../auth/auth-config';

/** Browser tab title: "<route title> · <app name>". */
@Injectable()
export class CopilotTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly appName = inject(AUTH_CONFIG).appName;

  override updateTitle(snapshot: RouterStateSnapshot): void {
    const pageTitle = this.buildTitle(snapshot);
    this.title.setTitle(pageTitle ? `${pageTitle} · ${this.appName}` : this.appName);
  }
}
