import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { COMMENT_MAX, CommentView, CommentsComponent } from '../comments/comments.component';

/** The api's limit (CreateAlertCommentDto). */
export const ALERT_COMMENT_MAX = COMMENT_MAX;

/**
 * Comments on an alert: the shared comment list and box (`ui-comments`), under the name the alert screens
 * already use. New code uses `ui-comments` directly; this stays until the alert screens have switched.
 */
@Component({
  selector: 'ui-alert-comments',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CommentsComponent],
  template: `<ui-comments [comments]="comments()" [send]="send()" [disabled]="disabled()" />`,
})
export class AlertCommentsComponent {
  readonly comments = input.required<readonly CommentView[]>();
  readonly send = input.required<(body: string) => Promise<unknown>>();
  readonly disabled = input(false);
}
