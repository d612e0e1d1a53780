/** Where to look again for a person the detector missed on the whole frame (pure). */
export interface Crop {
  x: number;
  y: number;
  size: number;
}

/**
 * Overlapping square crops along the long side of a frame (none for a near-square frame), ordered by distance from
 * `centre` (fraction of the long side where the person was last seen), start edge first when unknown.
 */
export function squareCrops(width: number, height: number, centre: number | null): Crop[] {
  const long = Math.max(width, height);
  const size = Math.min(width, height);
  if (long < size * 1.2) return [];
  const count = Math.ceil(long / size) + 1;
  const crops: Crop[] = [];
  for (let i = 0; i < count; i++) {
    const start = Math.round(((long - size) * i) / (count - 1));
    crops.push(width >= height ? { x: start, y: 0, size } : { x: 0, y: start, size });
  }
  const mid = (c: Crop) => ((width >= height ? c.x : c.y) + size / 2) / long;
  return centre === null ? crops : crops.sort((a, b) => Math.abs(mid(a) - centre) - Math.abs(mid(b) - centre));
}

