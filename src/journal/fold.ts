/**
 * The journal's fold, as the pipeline and the server import it. The model itself lives in `src/shared` so the
 * web app folds exactly the same way (issue 13: one decision model).
 */
export {
  type DecisionAuthor,
  type DecisionEventLike,
  effectiveEvents,
  type FoldedCanonicalName,
  type FoldedDecisions,
  type FoldedLink,
  type FoldedOverride,
  type FoldedReviewed,
  foldDecisions,
  previousValue,
} from '../shared/decision-fold.js';
export {
  decisionIdKey,
  groupKeyOf,
  linkPairs,
  memberFingerprint,
  targetsOf,
  termKey,
} from '../shared/decision-keys.js';
