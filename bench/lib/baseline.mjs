// The bare baseline, shared by Node and the page: HMAC-SHA1 signing, `fetch`, `JSON.parse`, plain
// objects, nothing else (no retries, no timeouts, no error decoding, no models). `sign(message)`
// returns the base64 signature; `dateHeaders(date)` the date header(s) the runtime may send.
//   - `Project.fetch(id)`: one GET.
//   - `AnnotationCollection#fetchAll()`: POST annotation/search.json pages, the first one alone
//     (for the total), then the rest with `concurrency` pages in flight: the floor of what any
//     client can do against this server.

export function createBaseline({ host, publicKey, sign, dateHeaders, concurrency = 6 }) {
  const request = async (method, path, body) => {
    const date = new Date().toUTCString();
    const contentType = body === undefined ? '' : 'application/json';
    const headers = { ...dateHeaders(date), authorization: `CYTOMINE ${publicKey}:${sign(`${method}\n\n${contentType}\n${date}\n${path}`)}` };
    if (contentType) headers['content-type'] = contentType;
    const response = await fetch(host + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    if (!response.ok) throw new Error(`baseline: HTTP ${response.status} for ${method} ${path}`);
    return JSON.parse(text);
  };

  class AnnotationCollection {
    constructor({ nbPerPage, ...props }) {
      this.max = nbPerPage;
      this.props = { showDefault: true, ...props }; // what both clients send by default
      this.items = [];
    }

    async fetchAll() {
      const page = (offset) => request('POST', '/api/annotation/search.json', { ...this.props, max: this.max, offset });
      const first = await page(0);
      const offsets = [];
      for (let o = this.max; o < first.size; o += this.max) offsets.push(o);
      const pages = new Array(offsets.length);
      let next = 0;
      const worker = async () => {
        while (next < offsets.length) {
          const i = next++;
          pages[i] = (await page(offsets[i])).collection;
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, offsets.length) }, worker));
      this.items = first.collection.concat(...pages);
      return this;
    }

    [Symbol.iterator]() {
      return this.items[Symbol.iterator]();
    }
  }

  return {
    Project: { fetch: (id) => request('GET', `/api/project/${id}.json`) },
    AnnotationCollection,
  };
}
