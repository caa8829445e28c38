import type { Impact as ImpactShape } from '../api/types';

/** What the staged policy would have done to live traffic: flows it would deny, with examples. */
export function Impact({ impact }: { impact: ImpactShape }) {
  const deny = impact.wouldDeny;
  return (
    <div class="impact">
      <h3>Impact</h3>
      <p>
        {impact.flowsObserved ?? 0} flows observed{impact.since ? ` since ${impact.since}` : ''};{' '}
        {deny && deny.flows > 0 ? <strong class="bad">{deny.flows} would be denied</strong> : <span class="ok">none would be denied</span>}
        {deny?.lastSeen ? ` (last ${deny.lastSeen})` : ''}.
      </p>
      {deny?.examples && deny.examples.length > 0 && (
        <ul>
          {deny.examples.map((e, i) => (
            <li key={i}>
              {e.direction} {e.peer} {e.protocol}
              {e.port !== undefined ? `/${e.port}` : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
