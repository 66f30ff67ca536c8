import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDivider } from '@angular/material/divider';
import { MatIcon } from '@angular/material/icon';
import { MatMenu, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { MatTabLink, MatTabNav, MatTabNavPanel } from '@angular/material/tabs';
import { MatToolbar } from '@angular/material/toolbar';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { SessionService, ThemeToggleComponent } from '@copilot/ui';

/** Portal frame: the customer's name, top navigation, theme and sign-out. */
@Component({
  selector: 'pt-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbar,
    MatButton,
    MatIconButton,
    MatIcon,
    MatMenu,
    MatMenuItem,
    MatMenuTrigger,
    MatDivider,
    MatTabNav,
    MatTabLink,
    MatTabNavPanel,
    ThemeToggleComponent,
  ],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
})
export class ShellComponent {
  protected readonly session = inject(SessionService);
  private readonly router = inject(Router);
  protected readonly links = [
    { path: '/overview', label: 'Overview' },
    { path: '/alerts', label: 'Alerts' },
    { path: '/cases', label: 'Cases' },
    { path: '/profile', label: 'Profile' },
  ];
  protected readonly customers = computed(() => this.session.user()?.customers ?? []);

  protected signOut(): void {
    this.session.signOut();
    void this.router.navigate(['/login']);
  }
}
