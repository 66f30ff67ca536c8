import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { ActivatedRoute, Router } from '@angular/router';
import { ChangePasswordFormComponent, PageHeaderComponent, SessionService } from '@copilot/ui';
import { map } from 'rxjs';

/** The customer user's account details and password change. */
@Component({
  selector: 'pt-profile',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatCard, MatCardContent, MatCardHeader, MatCardTitle, PageHeaderComponent, ChangePasswordFormComponent],
  templateUrl: './profile.page.html',
  styleUrl: './profile.page.scss',
})
export class ProfilePage {
  protected readonly session = inject(SessionService);
  private readonly router = inject(Router);
  private readonly mustChangeParam = toSignal(
    inject(ActivatedRoute).queryParamMap.pipe(map((params) => params.has('mustChange'))),
    { initialValue: false },
  );
  protected readonly mustChange = computed(
    () => this.session.user()?.mustChangePassword === true || this.mustChangeParam(),
  );

  protected passwordChanged(): void {
    if (this.mustChangeParam()) {
      void this.router.navigate(['/overview']);
    }
  }
}
