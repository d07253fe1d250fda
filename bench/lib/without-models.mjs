// This package's request path without its models: `fetchAll()` itself (signing, paging, pages in
// flight, retries, decoding), with each page's items kept as the plain objects the JSON decoding
// gives instead of being made models. Run beside `ours` and the floor, it splits ours / floor
// into the request path (this / floor) and model building (ours / this): what a miss against the
// floor is made of. Not a way to use the package (it replaces an internal member).
const withoutModels = (Collection) =>
  class extends Collection {
    _models(items) {
      return items;
    }
  };

/** The `api` a task sees for the `ours-raw` contender, from the package's exports. */
export function packageWithoutModels(api) {
  return { AnnotationCollection: withoutModels(api.AnnotationCollection), TermCollection: withoutModels(api.TermCollection) };
}
