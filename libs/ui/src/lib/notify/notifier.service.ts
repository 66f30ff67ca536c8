import { Injectable, inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { problemMessage } from '../api/problem';

/** Short messages at the bottom of the screen; failures show the api's problem detail. */
@Injectable({ providedIn: 'root' })
export class Notifier {
  private readonly snackBar = inject(MatSnackBar);

  success(message: string): void {
    this.snackBar.open(message, 'Dismiss', { duration: 4000, panelClass: 'ui-snack-success' });
  }

  warn(message: string): void {
    this.snackBar.open(message, 'Dismiss', { duration: 8000 });
  }

  error(error: unknown): void {
    this.snackBar.open(problemMessage(error), 'Dismiss', { duration: 8000, panelClass: 'ui-snack-error' });
  }
}
