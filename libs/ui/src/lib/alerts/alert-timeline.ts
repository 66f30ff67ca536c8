import type { AlertCommentDto, AlertEventDto } from '@copilot/client';
import { ALERT_STATUS_LABELS, REASON_LABELS, VERDICT_LABELS, isAlertStatus, isReason, isVerdictFilter } from './alert-model';

type AlertComment = AlertCommentDto;
type AlertEvent = AlertEventDto;

export const ALERT_EVENT_ICONS: Record<AlertEvent['kind'], string> = {
  CREATED: 'add_alert',
  STATUS: 'flag',
  ASSIGNEE: 'person',
  SEVERITY: 'signal_cellular_alt',
  VERDICT: 'gavel',
  TAGS: 'sell',
  ESCALATED: 'priority_high',
  COMMENT: 'chat_bubble_outline',
  LINKED: 'link',
  UNLINKED: 'link_off',
  MERGED: 'merge',
};

export interface AlertTimelineContext {
  /** Name of a user id, for assignee changes (stored as ids). */
  userName(id: number): string;
  comments: readonly AlertComment[];
}

function statusText(value: string | null): string {
  return value && isAlertStatus(value) ? ALERT_STATUS_LABELS[value] : (value ?? 'none');
}

/** `FALSE_POSITIVE/KNOWN_APPLICATION` → "False positive (Known application)". */
function verdictValue(value: string): string {
  const [verdict, reason] = value.split('/');
  const label = isVerdictFilter(verdict) ? VERDICT_LABELS[verdict] : verdict;
  return reason ? `${label} (${isReason(reason) ? REASON_LABELS[reason] : reason})` : label;
}

function tagList(value: string | null): string[] {
  try {
    const parsed: unknown = JSON.parse(value ?? '[]');
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

function quoted(values: string[]): string {
  return values.map((v) => `“${v}”`).join(', ');
}

function tagsText(fromValue: string | null, toValue: string | null): string {
  const before = tagList(fromValue);
  const after = tagList(toValue);
  const added = after.filter((t) => !before.includes(t));
  const removed = before.filter((t) => !after.includes(t));
  const parts = [
    added.length > 0 ? `added ${added.length === 1 ? 'tag' : 'tags'} ${quoted(added)}` : '',
    removed.length > 0 ? `removed ${removed.length === 1 ? 'tag' : 'tags'} ${quoted(removed)}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' and ') : 'changed the tags';
}

function assigneeText(fromValue: string | null, toValue: string | null, ctx: AlertTimelineContext): string {
  const name = (value: string) => ctx.userName(Number(value));
  if (toValue === null) {
    return fromValue === null ? 'unassigned the alert' : `unassigned ${name(fromValue)}`;
  }
  return fromValue === null ? `assigned ${name(toValue)}` : `reassigned from ${name(fromValue)} to ${name(toValue)}`;
}

function commentText(toValue: string | null, ctx: AlertTimelineContext): string {
  const comment = ctx.comments.find((c) => String(c.id) === toValue);
  if (!comment) {
    return 'commented';
  }
  const body = comment.body.replace(/\s+/g, ' ').trim();
  return `commented: “${body.length > 120 ? `${body.slice(0, 119)}…` : body}”`;
}

/** One timeline line after the actor's name, e.g. "changed status from Open to In progress". */
export function describeAlertEvent(event: AlertEvent, ctx: AlertTimelineContext): string {
  const { fromValue, toValue } = event;
  switch (event.kind) {
    case 'CREATED':
      return 'created the alert';
    case 'STATUS':
      return `changed status from ${statusText(fromValue)} to ${statusText(toValue)}`;
    case 'SEVERITY':
      return `changed severity from ${fromValue ?? 'none'} to ${toValue ?? 'none'}`;
    case 'ASSIGNEE':
      return assigneeText(fromValue, toValue, ctx);
    case 'VERDICT':
      return toValue === null ? 'cleared the verdict' : `set the verdict to ${verdictValue(toValue)}`;
    case 'TAGS':
      return tagsText(fromValue, toValue);
    case 'ESCALATED':
      return toValue === 'true' ? 'escalated the alert' : 'withdrew the escalation';
    case 'COMMENT':
      return commentText(toValue, ctx);
    case 'LINKED':
      return `linked the alert to case #${toValue ?? '?'}`;
    case 'UNLINKED':
      return `unlinked the alert from case #${fromValue ?? '?'}`;
    case 'MERGED':
      return `merged the alert into case #${toValue ?? '?'}`;
    default:
      // A kind newer than this build of the app: still show that something happened.
      return `changed the alert (${String(event.kind).toLowerCase()})`;
  }
}
