import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatAnchor } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { EmptyStateComponent } from '@copilot/ui';

@Component({
  selector: 'pt-not-found',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [EmptyStateComponent, MatAnchor, RouterLink],
  template: `
    <section class="ui-page">
      <ui-empty-state icon="explore_off" title="Page not found" message="The address does not match any page of the portal.">
        <a mat-stroked-button routerLink="/overview">Go to the overview</a>
      </ui-empty-state>
    </section>
  `,
})
export class NotFoundPage {}
