// A gzip bomb for the size-limit tests: a small compressed body that decodes to many MiB.
import { createGzip } from 'node:zlib';

/** gzip (level 9) of `mib` MiB of zeros, built without holding them in memory (~1 kB per MiB). */
export function gzipZeros(mib) {
  return new Promise((resolve, reject) => {
    const gz = createGzip({ level: 9 });
    const out = [];
    gz.on('data', (c) => out.push(c));
    gz.on('end', () => resolve(Buffer.concat(out)));
    gz.on('error', reject);
    const zeros = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < mib; i++) gz.write(zeros);
    gz.end();
  });
}
