// Lazy, credentialed image loading: an <img src> cannot sign requests, so crops and thumbnails
// are fetched as Blobs through the package and shown through object URLs. Images are loaded
// when they come near the viewport, with a bounded number of requests in flight, and every
// object URL is revoked when the loader is disposed (view change, new filter).

export class LazyImages {
  /**
   * @param {{concurrency?: number, rootMargin?: string, root?: Element|null}} [options]
   */
  constructor({ concurrency = 6, rootMargin = '300px', root = null } = {}) {
    this.concurrency = concurrency;
    this.entries = new Map(); // img → { load, state, controller, url }
    this.queue = [];
    this.inFlight = 0;
    this.disposed = false;
    this.observer = new IntersectionObserver((records) => this.onIntersect(records), { root, rootMargin });
  }

  /**
   * Loads `img` when visible. `load(signal)` resolves to a Blob (e.g. `annotation.fetchCrop`).
   */
  observe(img, load) {
    if (this.disposed) return;
    this.entries.set(img, { load, state: 'idle', controller: null, url: null });
    img.dataset.state = 'idle';
    this.observer.observe(img);
  }

  onIntersect(records) {
    for (const record of records) {
      const entry = this.entries.get(record.target);
      if (!entry) continue;
      if (record.isIntersecting && entry.state === 'idle') {
        entry.state = 'queued';
        this.queue.push(record.target);
      } else if (!record.isIntersecting && entry.state === 'queued') {
        // Scrolled away before its turn: leave the queue, come back when visible again.
        entry.state = 'idle';
        this.queue = this.queue.filter((el) => el !== record.target);
      }
    }
    this.pump();
  }

  pump() {
    while (!this.disposed && this.inFlight < this.concurrency && this.queue.length) {
      const img = this.queue.shift();
      const entry = this.entries.get(img);
      if (!entry || entry.state !== 'queued') continue;
      this.start(img, entry);
    }
  }

  async start(img, entry) {
    entry.state = 'loading';
    img.dataset.state = 'loading';
    entry.controller = new AbortController();
    this.inFlight++;
    try {
      const blob = await entry.load(entry.controller.signal);
      if (this.disposed || !this.entries.has(img)) return;
      entry.url = URL.createObjectURL(blob);
      await new Promise((resolve) => {
        img.onload = resolve;
        img.onerror = resolve;
        img.src = entry.url;
      });
      entry.state = img.naturalWidth > 0 ? 'done' : 'error';
      img.dataset.state = entry.state;
      this.observer.unobserve(img);
    } catch (error) {
      if (this.disposed || error?.kind === 'aborted') return;
      entry.state = 'error';
      img.dataset.state = 'error';
      img.alt = `${img.alt} (not available: ${error?.message ?? error})`;
      img.title = error?.message ?? String(error);
      this.observer.unobserve(img);
    } finally {
      this.inFlight--;
      this.pump();
    }
  }

  /** Stops observing, aborts the requests in flight and revokes every object URL. */
  dispose() {
    this.disposed = true;
    this.observer.disconnect();
    this.queue = [];
    for (const entry of this.entries.values()) {
      entry.controller?.abort();
      if (entry.url) URL.revokeObjectURL(entry.url);
    }
    this.entries.clear();
  }
}

/**
 * Loads one image now (detail view) into `img`; resolves when decoded. Returns a function that
 * revokes the object URL.
 */
export async function loadInto(img, load, signal) {
  const blob = await load(signal);
  const url = URL.createObjectURL(blob);
  img.src = url;
  try {
    await img.decode();
  } catch {
    /* decode() rejects for broken images; naturalWidth tells */
  }
  img.dataset.state = img.naturalWidth > 0 ? 'done' : 'error';
  return () => URL.revokeObjectURL(url);
}
