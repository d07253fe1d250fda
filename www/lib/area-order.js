// "Largest / smallest area" in one unit. Calibrated images give areas in µm², others in pixels²:
// comparing the raw numbers would put a 100,000 px² shape (6,250 µm² at 0.25 µm/px) above a
// 7,000 µm² one. Pixel areas are converted to µm² with their image's calibration, or with the one
// every calibrated image of the project shares; pixel areas that cannot be converted come after
// the µm² ones, and lines and points (no area) last.

const MICRONS = /^(micron|µm|um)/i;

/**
 * @param {Map<number, {physicalSizeX?: number|null}>} imagesById the project's images
 * @returns {{key: (a) => {group: number, value: number}, compare: (direction: 1|-1) => (a, b) => number}}
 *   `direction` 1 sorts the largest first, -1 the smallest first
 */
export function areaOrder(imagesById) {
  const calibrations = new Set([...imagesById.values()].map((i) => Number(i?.physicalSizeX)).filter((v) => v > 0));
  const shared = calibrations.size === 1 ? [...calibrations][0] : null;
  const key = (a) => {
    const area = Number(a.area);
    if (!(area > 0)) return { group: 2, value: 0 };
    if (MICRONS.test(String(a.areaUnit ?? ''))) return { group: 0, value: area };
    const own = Number(imagesById.get(a.image)?.physicalSizeX);
    const micronsPerPixel = own > 0 ? own : shared;
    return micronsPerPixel ? { group: 0, value: area * micronsPerPixel * micronsPerPixel } : { group: 1, value: area };
  };
  const compare = (direction) => (a, b) => {
    const ka = key(a), kb = key(b);
    return ka.group - kb.group || direction * (kb.value - ka.value) || b.id - a.id;
  };
  return { key, compare };
}
