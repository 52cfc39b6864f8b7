// Numbers as surveys and standards mean them.

/** Strip binary floating-point noise (0.35 × 10000 = 3499.9999999999995). */
export function roundNoise(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}
