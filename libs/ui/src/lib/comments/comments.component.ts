import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import { CdkTextareaAutosize } from '@angular/cdk/text-field';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { problemMessage } from '../api/problem';
import { TimeComponent } from '../time/time.component';

/** The api's limit on a comment body (alerts and cases alike). */
export const COMMENT_MAX = 10000;

/** What the list shows of a comment: alert and case comments both have these fields. */
export interface CommentView {
  id: number;
  authorUsername: string;
  body: string;
  createdAt: string;
}

/**
 * Comments oldest first, and a box to add one (author and time come from the server). The feature passes
 * `send`, its call to the api; the box empties when it succeeds and shows the problem when it fails.
 */
@Component({
  selector: 'ui-comments',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, CdkTextareaAutosize, MatButton, MatError, MatFormField, MatLabel, MatInput, TimeComponent],
  template: `
    @for (comment of comments(); track comment.id) {
      <article class="comment" [attr.data-testid]="'comment-' + comment.id">
        <header>
          <strong>{{ comment.authorUsername }}</strong>
          <ui-time [at]="comment.createdAt" />
        </header>
        <p>{{ comment.body }}</p>
      </article>
    } @empty {
      <p class="ui-muted">No comments yet.</p>
    }
    <form [formGroup]="form" (ngSubmit)="post()">
      <mat-form-field class="field">
        <mat-label>Add a comment</mat-label>
        <textarea
          matInput
          cdkTextareaAutosize
          cdkAutosizeMinRows="3"
          formControlName="body"
          data-testid="comment-body"
        ></textarea>
        @if (body.hasError('maxlength')) {
          <mat-error>At most {{ max }} characters.</mat-error>
        }
      </mat-form-field>
      @if (error(); as message) {
        <p class="ui-error-text" role="alert">{{ message }}</p>
      }
      <div class="ui-form-actions">
        <button mat-flat-button type="submit" [disabled]="posting() || disabled() || body.value.trim() === ''">
          Add comment
        </button>
      </div>
    </form>
  `,
  styles: `
    .comment {
      padding: 8px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    header {
      display: flex;
      gap: 8px;
      align-items: baseline;
    }
    ui-time {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .comment p {
      margin: 4px 0 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    form {
      margin-top: 12px;
    }
    .field {
      width: 100%;
    }
  `,
})
export class CommentsComponent {
  readonly comments = input.required<readonly CommentView[]>();
  readonly send = input.required<(body: string) => Promise<unknown>>();
  readonly disabled = input(false);
  protected readonly max = COMMENT_MAX;
  protected readonly body = new FormControl('', { nonNullable: true, validators: [Validators.maxLength(COMMENT_MAX)] });
  protected readonly form = new FormGroup({ body: this.body });
  protected readonly posting = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async post(): Promise<void> {
    const text = this.body.value.trim();
    if (text === '' || this.body.invalid || this.posting()) {
      return;
    }
    this.posting.set(true);
    this.error.set(null);
    try {
      await this.send()(text);
      this.body.reset('');
    } catch (error) {
      this.error.set(problemMessage(error));
    } finally {
      this.posting.set(false);
    }
  }
}
