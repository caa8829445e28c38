import { impactView, readinessOf, type Impact, type ImpactView, type Readiness } from '../../core/impact';
import type { Recommendation } from '../../core/engine';
import type { Scope } from '../../core/scope';

/** What the board shows of a recommendation's impact (docs/impact-and-enforce.md). */
export interface ImpactOnBoard {
  readonly readiness: Readiness;
  readonly impact: ImpactView;
  readonly wouldDenyFlows: number;
}

export function impactOnBoard(rec: Recommendation, impact: Impact | undefined, scope: Scope, now: number): ImpactOnBoard {
  const view = impactView(rec, impact, scope.intervalSeconds);
  return { readiness: readinessOf(rec, impact, scope.stabilizationSeconds, now), impact: view, wouldDenyFlows: view.wouldDeny.flows };
}
