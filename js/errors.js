/**
 * The one error class of the package. Every failure (bad argument, network, timeout, abort,
 * HTTP error, malformed response) rejects with a `CytomineError`; it never carries a private key,
 * a token or a signature.
 */
export class CytomineError extends Error {
  /**
   * @param {string} message
   * @param {object} [details] kind, status, method, url, serverMessage, mayHaveReachedServer
   */
  constructor(message, details = {}) {
    super(message);
    this.name = 'CytomineError';
    /**
     * `invalid-argument`, `network`, `timeout`, `aborted`, `http`, `decode`, `auth`, `too-large`
     * or `unsupported` (the server's generation has no such route).
     */
    this.kind = details.kind ?? 'invalid-argument';
    /** HTTP status when the server answered, else null. */
    this.status = details.status ?? null;
    /** HTTP method of the failed request, else null. */
    this.method = details.method ?? null;
    /** URL of the failed request (never with credentials), else null. */
    this.url = details.url ?? null;
    /** The server's own error message, whichever error shape it came in. */
    this.serverMessage = details.serverMessage ?? null;
    /** False only when the request certainly did not reach the server. */
    this.mayHaveReachedServer = details.mayHaveReachedServer ?? false;
  }

  /** Plain JSON for logs. */
  toJSON() {
    const { name, message, kind, status, method, url, serverMessage, mayHaveReachedServer } = this;
    return { name, message, kind, status, method, url, serverMessage, mayHaveReachedServer };
  }
}

/** An invalid-argument error, thrown before any request. */
export function invalidArgument(message) {
  return new CytomineError(message, { kind: 'invalid-argument' });
}

/**
 * An `unsupported` error: `what` does not exist on the server generation `core` (`'5.2'` or
 * `'2026'`), with an optional `reason`; thrown before any request.
 */
export function unsupported(what, core, reason = '') {
  const name = core === '2026' ? "today's Cytomine core (2026)" : `Cytomine core ${core}`;
  return new CytomineError(`${what} is not available on ${name}${reason ? `: ${reason}` : ''}`, { kind: 'unsupported' });
}

/**
 * Gives an error raised inside the WebAssembly request path the stack of the JS code awaiting it
 * (V8's async stack traces: the package method and the user's calling function) instead of the
 * wasm-bindgen glue and `wasm-function[N]` frames it was built in. Call it in the `catch` of the
 * async function that awaited the wasm's promise; engines without `Error.captureStackTrace` keep
 * the original stack.
 */
export function withAwaitingFrames(error) {
  if (error instanceof CytomineError && typeof Error.captureStackTrace === 'function') {
    Error.captureStackTrace(error, withAwaitingFrames);
  }
  return error;
}
