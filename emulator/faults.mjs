/**
 * Fault injection on demand: with probability `rate`, a request under /api is answered
 * with a 502, a 503 (`Retry-After: 0`), a reset connection or a truncated body. 502/503/reset
 * happen either before handling (the request is NOT applied) or after (applied, response
 * replaced); truncation is always after. A seeded PRNG makes runs reproducible.
 */
import { createPrng } from './prng.mjs';

export const FAULT_KINDS = ['502', '503', 'reset', 'truncated'];

export class FaultInjector {
  /** @param {{rate?: number, seed?: number}} o */
  constructor({ rate = 0, seed = 1 } = {}) {
    this.rate = Math.max(0, Math.min(1, Number(rate) || 0));
    this.rnd = createPrng(seed >>> 0 || 1);
    /** @type {Array<{method:string, path:string, kind:string, phase:'before'|'after'}>} */
    this.log = [];
  }

  /** Decide the fault of one request, or null. */
  decide(method, path) {
    if (this.rate <= 0) return null;
    if (this.rnd.next() >= this.rate) return null;
    const kind = FAULT_KINDS[Math.floor(this.rnd.next() * FAULT_KINDS.length)];
    const phase = kind === 'truncated' ? 'after' : this.rnd.next() < 0.5 ? 'before' : 'after';
    const f = { method, path, kind, phase };
    this.log.push(f);
    if (this.log.length > 10000) this.log.shift();
    return f;
  }
}

/**
 * Apply a fault to a response. `body` is the Buffer the handler produced (for 'after').
 * @param {import('node:http').ServerResponse} res
 * @param {{kind:string}} fault
 * @param {object} headers headers already decided (CORS...)
 * @param {{status:number, headers:object, body:Buffer}} [real] the real response (truncation)
 * @returns {number} the status logged (0 for a reset)
 */
export function applyFault(res, fault, headers, real) {
  switch (fault.kind) {
    case '502': {
      const body = Buffer.from('<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>\n');
      res.writeHead(502, { ...headers, 'Content-Type': 'text/html', 'Content-Length': body.length });
      res.end(body);
      return 502;
    }
    case '503': {
      const body = Buffer.from('<html><head><title>503 Service Unavailable</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center></body></html>\n');
      res.writeHead(503, { ...headers, 'Content-Type': 'text/html', 'Retry-After': '0', 'Content-Length': body.length });
      res.end(body);
      return 503;
    }
    case 'reset':
      res.socket?.destroy();
      return 0;
    case 'truncated': {
      const body = real?.body ?? Buffer.from('{}');
      res.writeHead(real?.status ?? 200, { ...headers, ...(real?.headers ?? {}), 'Content-Length': body.length });
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
      return real?.status ?? 200;
    }
    default:
      return 0;
  }
}
