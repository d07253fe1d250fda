// The bare baseline, shared by Node and the page: HMAC-SHA1 signing, `fetch`, `JSON.parse`, plain
// objects, nothing else (no retries, no timeouts, no error decoding, no models). `sign(message)`
// returns the base64 signature; `dateHeaders(date)` the date header(s) the runtime may send.
//   - `Project.fetch(id)`: one GET.
//   - `AnnotationCollection#fetchAll()`: POST annotation/search.json pages, the first one alone
//     (for the total), then the rest with `concurrency` pages in flight: the floor of what any
//     client can do against this server.
//   - `TermCollection#fetchAll()` (today's core, `core: '2026'`: its signature form without the
//     path, Spring `page`/`size` paging): the first page alone, then the rest as above.

/** Runs `fetchPage(i)` for i in 1..count-1, `concurrency` at a time; resolves to the results in order. */
async function restOfPages(count, concurrency, fetchPage) {
  const pages = new Array(Math.max(count - 1, 0));
  let next = 0;
  const worker = async () => {
    while (next < pages.length) {
      const i = next++;
      pages[i] = await fetchPage(i + 1);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, pages.length) }, worker));
  return pages;
}

export function createBaseline({ host, publicKey, sign, dateHeaders, concurrency = 6, core = '5.2' }) {
  const request = async (method, path, body) => {
    const date = new Date().toUTCString();
    const contentType = body === undefined ? '' : 'application/json';
    const signed = core === '2026' ? `${method}\n\n${contentType}\n${date}` : `${method}\n\n${contentType}\n${date}\n${path}`;
    const headers = { ...dateHeaders(date), authorization: `CYTOMINE ${publicKey}:${sign(signed)}` };
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
      const pages = await restOfPages(Math.ceil(first.size / this.max), concurrency, async (i) => (await page(i * this.max)).collection);
      this.items = first.collection.concat(...pages);
      return this;
    }

    [Symbol.iterator]() {
      return this.items[Symbol.iterator]();
    }
  }

  class TermCollection {
    constructor({ filterValue, nbPerPage }) {
      this.ontology = filterValue;
      this.size = nbPerPage;
      this.items = [];
    }

    async fetchAll() {
      const page = (n) => request('GET', `/api/ontology/${this.ontology}/term.json?page=${n}&size=${this.size}`);
      const first = await page(0);
      const pages = await restOfPages(first.totalPages, concurrency, async (n) => (await page(n)).collection);
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
    TermCollection,
  };
}
