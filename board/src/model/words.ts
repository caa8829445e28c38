import type { Action, Readiness, RuleKind, Tab } from '../api/types';

/** The words on the page. Users know them from Calico's board; tests find elements by them. */

export const TABS: readonly { id: Tab; label: string }[] = [
  { id: 'recommendations', label: 'Recommendations' },
  { id: 'active', label: 'Active' },
  { id: 'dismissed', label: 'Dismissed' },
  { id: 'enforced', label: 'Enforced' },
];

export const ACTION_LABELS: Record<Action, string> = {
  activate: 'Add to policy board',
  dismiss: 'Dismiss policy',
  reactivate: 'Reactivate',
  enforce: 'Enforce',
};

export const RULE_KIND_LABELS: Record<RuleKind, string> = {
  Domains: 'Domains',
  Service: 'Service',
  Namespace: 'Namespace',
  NetworkSet: 'Network set',
  Private: 'Private',
  Public: 'Public',
};

const WARNINGS: Record<string, string> = {
  MaxRulesExceeded:
    'More distinct rules were learned than the scope allows (Max rules): learning stopped for this namespace. Reactivate it after raising the limit, or review the traffic.',
  RuleLimitReached: 'A storage limit was reached, so some traffic is not in these rules: review before enforcing.',
  NonServicePortsAndProtocol: 'Traffic went to ports or protocols that no Kubernetes service declares.',
};

export function warningText(code: string): string {
  return WARNINGS[code] ?? `Warning: ${code}`;
}

const READINESS: Record<Readiness, string> = {
  NotObserved: 'Not observed yet',
  Observing: 'Observing',
  WouldDeny: 'Would deny traffic',
  ReadyToEnforce: 'Ready to enforce',
};

export function readinessText(r: Readiness | undefined): string {
  return r ? (READINESS[r] ?? r) : '—';
}

const BULK_STATUS: Record<string, string> = {
  changed: 'done',
  unchanged: 'already so, nothing changed',
  conflict: 'changed by someone else at the same time; refreshed, try again',
  notFound: 'no longer exists',
  invalidTransition: 'not possible from its current tab',
  error: 'failed; try again',
};

export function bulkStatusText(status: string, tab?: string): string {
  const text = BULK_STATUS[status] ?? status;
  return status === 'invalidTransition' && tab ? `${text} (${tab})` : text;
}

export const VIEWER_REASON = 'Read-only: your role is viewer. Actions need the policy-recommender-admin role.';
