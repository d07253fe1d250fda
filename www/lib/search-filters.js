// The demo's filters as annotation search parameters, shared by the gallery, its groups and the
// slide viewer so that a filter means the same thing everywhere.
import { dateBounds } from './url-state.js';

/**
 * The search parameters of `filters` ({terms, noTerm, images, users, tags, noTag, notReviewed,
 * reviewed, after, before}): only those that are set. `images` is empty in the viewer (one image).
 */
export function filterOptions(filters) {
  const options = {};
  if (filters.terms?.size) options.terms = [...filters.terms];
  if (filters.noTerm) options.noTerm = true;
  if (filters.images?.size) options.images = [...filters.images];
  if (filters.users?.size) options.users = [...filters.users];
  if (filters.tags?.size) options.tags = [...filters.tags];
  if (filters.noTag) options.noTag = true;
  // core: only the annotations not accepted in review (count_reviewed_annotations = 0)
  if (filters.notReviewed) options.notReviewedOnly = true;
  // core: the ReviewedAnnotation listing (the accepted copies, their own ids)
  if (filters.reviewed) options.reviewed = true;
  return Object.assign(options, dateBounds(filters));
}
