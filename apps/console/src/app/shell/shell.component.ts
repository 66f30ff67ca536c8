import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatIconButton } from '@angular/material/button';
import { MatDivider } from '@angular/material/divider';
import { MatIcon } from '@angular/material/icon';
import { MatListItem, MatListItemIcon, MatListItemTitle, MatNavList } from '@angular/material/list';
import { MatMenu, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { MatSidenav, MatSidenavContainer, MatSidenavContent } from '@angular/material/sidenav';
import { MatToolbar } from '@angular/material/toolbar';
import { MatTooltip } from '@angular/material/tooltip';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { SessionService, ThemeToggleComponent } from '@copilot/ui';
import { map } from 'rxjs';
import { roleLabel } from '../users/roles';

interface NavItem {
  path: string;
  label: string;
  icon: string;
  scopes: readonly string[];
}

const NAV: readonly NavItem[] = [
  { path: '/alerts', label: 'Alerts', icon: 'notifications_active', scopes: ['admin', 'analyst'] },
  { path: '/cases', label: 'Cases', icon: 'work', scopes: ['admin', 'analyst'] },
  { path: '/case-templates', label: 'Case templates', icon: 'content_paste', scopes: ['admin', 'analyst'] },
  { path: '/alert-sources', label: 'Alert sources', icon: 'input', scopes: ['admin', 'analyst'] },
  { path: '/customers', label: 'Customers', icon: 'business', scopes: ['admin', 'analyst'] },
  { path: '/users', label: 'Users', icon: 'group', scopes: ['admin'] },
  { path: '/connectors', label: 'Connectors', icon: 'hub', scopes: ['admin', 'analyst'] },
  { path: '/scheduler', label: 'Scheduler', icon: 'schedule', scopes: ['admin', 'analyst'] },
  { path: '/audit', label: 'Audit log', icon: 'receipt_long', scopes: ['admin'] },
];

/** Console frame: toolbar (name, theme, account menu) and the side navigation, filtered by the user's scopes. */
@Component({
  selector: 'cp-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbar,
    MatIconButton,
    MatIcon,
    MatTooltip,
    MatMenu,
    MatMenuItem,
    MatMenuTrigger,
    MatDivider,
    MatSidenav,
    MatSidenavContainer,
    MatSidenavContent,
    MatNavList,
    MatListItem,
    MatListItemIcon,
    MatListItemTitle,
    ThemeToggleComponent,
  ],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
})
export class ShellComponent {
  protected readonly session = inject(SessionService);
  private readonly router = inject(Router);
  protected readonly handset = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 840px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly nav = computed(() => {
    const scopes = this.session.scopes();
    return NAV.filter((item) => item.scopes.some((scope) => scopes.includes(scope)));
  });
  protected readonly roleLabel = computed(() => {
    const role = this.session.user()?.role;
    return role ? roleLabel(role) : '';
  });

  protected signOut(): void {
    this.session.signOut();
    void this.router.navigate(['/login']);
  }
}
