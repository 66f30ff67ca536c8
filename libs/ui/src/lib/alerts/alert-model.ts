/** Alert value sets and their labels, shared by the console and the portal (types follow the generated client). */
import type { AlertDetailDto } from '@copilot/client';
import type { ChipTone } from '../chip/status-chip.component';

type Alert = AlertDetailDto;

export type AlertStatus = Alert['status'];
export type AlertSeverity = Alert['severity'];
export type Verdict = NonNullable<Alert['verdict']>;
export type VerdictReason = NonNullable<Alert['verdictReason']>;
/** The list filter's verdict values: a verdict, or UNTRIAGED for alerts nobody has judged yet. */
export type VerdictFilter = Verdict | 'UNTRIAGED';

export const ALERT_STATUSES: readonly AlertStatus[] = ['OPEN', 'IN_PROGRESS', 'CLOSED'];
export const ALERT_SEVERITIES: readonly AlertSeverity[] = ['Low', 'Medium', 'High', 'Critical'];
export const VERDICTS: readonly Verdict[] = ['TRUE_POSITIVE', 'FALSE_POSITIVE'];
export const VERDICT_FILTERS: readonly VerdictFilter[] = ['UNTRIAGED', 'TRUE_POSITIVE', 'FALSE_POSITIVE'];
export const VERDICT_REASONS: readonly VerdictReason[] = [
  'EXPECTED_ACTIVITY',
  'KNOWN_APPLICATION',
  'AUTHORIZED_USER',
  'RULE_TOO_SENSITIVE',
  'OTHER',
];
/** Limits of the api (PatchAlertDto): more tags, longer tags or notes answer 400. */
export const ALERT_MAX_TAGS = 50;
export const ALERT_TAG_MAX_LENGTH = 64;
export const VERDICT_NOTE_MAX = 1024;

export const ALERT_STATUS_LABELS: Record<AlertStatus, string> = { OPEN: 'Open', IN_PROGRESS: 'In progress', CLOSED: 'Closed' };
export const ALERT_STATUS_TONES: Record<AlertStatus, ChipTone> = { OPEN: 'info', IN_PROGRESS: 'warning', CLOSED: 'neutral' };
export const VERDICT_LABELS: Record<VerdictFilter, string> = {
  UNTRIAGED: 'Untriaged',
  TRUE_POSITIVE: 'True positive',
  FALSE_POSITIVE: 'False positive',
};
export const VERDICT_TONES: Record<Verdict, ChipTone> = { TRUE_POSITIVE: 'error', FALSE_POSITIVE: 'success' };
export const REASON_LABELS: Record<VerdictReason, string> = {
  EXPECTED_ACTIVITY: 'Expected activity',
  KNOWN_APPLICATION: 'Known application',
  AUTHORIZED_USER: 'Authorized user',
  RULE_TOO_SENSITIVE: 'Rule too sensitive',
  OTHER: 'Other',
};

export function isAlertStatus(value: string): value is AlertStatus {
  return (ALERT_STATUSES as readonly string[]).includes(value);
}

export function isAlertSeverity(value: string): value is AlertSeverity {
  return (ALERT_SEVERITIES as readonly string[]).includes(value);
}

export function isVerdictFilter(value: string): value is VerdictFilter {
  return (VERDICT_FILTERS as readonly string[]).includes(value);
}

export function isReason(value: string): value is VerdictReason {
  return (VERDICT_REASONS as readonly string[]).includes(value);
}

/** "False positive (Known application)", "True positive", or null when no verdict is set. */
export function verdictText(verdict: Verdict | null, reason: VerdictReason | null): string | null {
  if (verdict === null) {
    return null;
  }
  return reason ? `${VERDICT_LABELS[verdict]} (${REASON_LABELS[reason]})` : VERDICT_LABELS[verdict];
}

/** A user's name for display: display name when set, else the username. */
export function personName(user: { displayName: string | null; username: string }): string {
  return user.displayName || user.username;
}
