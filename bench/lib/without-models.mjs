// This package's request path without its models: the pages `fetchAll()` fetches, through the
// same connection (signing, paging, pages in flight, retries, decoding), kept as the plain
// objects the JSON decoding gives. Run beside `ours` and the floor, it splits ours / floor into
// the request path (this / floor) and model building (ours / this): what a miss against the
// floor is made of. Not a way to use the package (it reads internal members of the collection).
const withoutModels = (Collection) =>
  class extends Collection {
    async fetchAll() {
      await this._generation();
      const { method, path, options } = this._requestArgs();
      const parameters = options.query ?? options.body;
      delete parameters.max;
      delete parameters.offset;
      const data = await this.cytomine.requestAllPages(method, path, { ...options, pageSize: this.max, swapPaging: this._pagingSwapped() });
      this.items = data.collection;
      return this;
    }

    [Symbol.iterator]() {
      return this.items[Symbol.iterator]();
    }
  };

/** The `api` a task sees for the `ours-raw` contender, from the package's exports. */
export function packageWithoutModels(api) {
  return { AnnotationCollection: withoutModels(api.AnnotationCollection), TermCollection: withoutModels(api.TermCollection) };
}
