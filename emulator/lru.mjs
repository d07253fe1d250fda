/** A bounded LRU cache (by entry count and total byte size) for rendered images. */
export class LruCache {
  /** @param {{maxEntries?: number, maxBytes?: number}} [o] */
  constructor({ maxEntries = 500, maxBytes = 64 * 1024 * 1024 } = {}) {
    this.map = new Map();
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
    this.bytes = 0;
  }

  get(key) {
    const v = this.map.get(key);
    if (v === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, v);
    return v;
  }

  /** @param {string} key @param {{buffer: Buffer}} value */
  set(key, value) {
    if (this.map.has(key)) this.delete(key);
    this.map.set(key, value);
    this.bytes += value.buffer?.length ?? 0;
    while (this.map.size > this.maxEntries || this.bytes > this.maxBytes) {
      const oldest = this.map.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
  }

  delete(key) {
    const v = this.map.get(key);
    if (v) {
      this.bytes -= v.buffer?.length ?? 0;
      this.map.delete(key);
    }
  }
}
