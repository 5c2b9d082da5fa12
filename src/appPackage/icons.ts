import { encodePng, type RgbaImage } from './png.js';

/**
 * The app's icons, drawn by code: a white shield with an exclamation mark, the product's accent
 * colour behind it. Teams wants a colour icon of 192×192 and an outline icon of 32×32 in white on
 * transparent; Outlook's ribbon and add-in list take 16, 32, 64, 80 and 128 pixels. `npm run
 * icons` writes them (appPackage/ and src/outlook/public/); a test checks the committed files
 * still show what this draws.
 */

/** The manifest's accent colour, #1F5F8B. */
export const accentColor: readonly [number, number, number] = [0x1f, 0x5f, 0x8b];
const white: readonly [number, number, number] = [255, 255, 255];

/** Whether a point of the unit square (-1…1 both ways, y downwards) lies in a shape. */
type Shape = (u: number, v: number) => boolean;

/** A shield: a flat top, straight sides, then a rounded point at the bottom; `scale` shrinks it. */
function shield(scale: number): Shape {
  return (u, v) => {
    const x = u / scale;
    const y = v / scale;
    if (y < -0.8 || y > 0.85) return false;
    const halfWidth = y <= 0 ? 0.66 : 0.66 * Math.sqrt(1 - (y / 0.85) ** 2);
    return Math.abs(x) <= halfWidth;
  };
}

/** The exclamation mark inside the shield: a bar and a dot. */
function exclamation(scale: number): Shape {
  return (u, v) => {
    const x = u / scale;
    const y = v / scale;
    const bar = Math.abs(x) <= 0.1 && y >= -0.52 && y <= 0.14;
    const dot = x * x + (y - 0.4) ** 2 <= 0.11 ** 2;
    return bar || dot;
  };
}

/** A rounded square filling the icon, the Outlook icons' background. */
function roundedSquare(radius: number): Shape {
  return (u, v) => {
    const dx = Math.max(Math.abs(u) - (1 - radius), 0);
    const dy = Math.max(Math.abs(v) - (1 - radius), 0);
    return dx * dx + dy * dy <= radius * radius;
  };
}

const everywhere: Shape = () => true;

interface Layer {
  shape: Shape;
  color: readonly [number, number, number];
  /** Cut out of the layers below (transparent), instead of painted. */
  erase?: boolean;
}

/** Samples per pixel edge: 4 × 4 samples give smooth edges at 16 pixels. */
const samples = 4;

/** Paints the layers, bottom first, each edge anti-aliased by its share of covered samples. */
function render(size: number, layers: readonly Layer[]): RgbaImage {
  const data = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      // Premultiplied colour and alpha, composited layer over layer.
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const layer of layers) {
        let covered = 0;
        for (let sy = 0; sy < samples; sy += 1) {
          for (let sx = 0; sx < samples; sx += 1) {
            const u = ((px + (sx + 0.5) / samples) / size) * 2 - 1;
            const v = ((py + (sy + 0.5) / samples) / size) * 2 - 1;
            if (layer.shape(u, v)) covered += 1;
          }
        }
        const coverage = covered / (samples * samples);
        const keep = 1 - coverage;
        if (layer.erase === true) {
          [r, g, b, a] = [r * keep, g * keep, b * keep, a * keep];
        } else {
          const [cr, cg, cb] = layer.color;
          r = cr * coverage + r * keep;
          g = cg * coverage + g * keep;
          b = cb * coverage + b * keep;
          a = coverage + a * keep;
        }
      }
      const at = (py * size + px) * 4;
      if (a > 0) {
        data[at] = Math.round(r / a);
        data[at + 1] = Math.round(g / a);
        data[at + 2] = Math.round(b / a);
        data[at + 3] = Math.round(a * 255);
      }
    }
  }
  return { width: size, height: size, data };
}

/** Teams' colour icon: the white shield on the accent colour, edge to edge. */
export function colorIcon(size = 192): RgbaImage {
  return render(size, [
    { shape: everywhere, color: accentColor },
    { shape: shield(0.72), color: white },
    { shape: exclamation(0.72), color: accentColor },
  ]);
}

/** Teams' outline icon: the shield's edge and the mark in white, the rest transparent. */
export function outlineIcon(size = 32): RgbaImage {
  const inner = shield(0.8);
  const outer = shield(0.95);
  return render(size, [
    { shape: (u, v) => outer(u, v) && !inner(u, v), color: white },
    { shape: exclamation(0.9), color: white },
  ]);
}

/** Outlook's icons: the colour icon on a rounded square, transparent in the corners. */
export function outlookIcon(size: number): RgbaImage {
  return render(size, [
    { shape: roundedSquare(0.3), color: accentColor },
    { shape: shield(0.72), color: white },
    { shape: exclamation(0.72), color: accentColor },
  ]);
}

/** The sizes of the Outlook icons both manifests point at (`/outlook/icon-<size>.png`). */
export const outlookIconSizes = [16, 32, 64, 80, 128] as const;

/** Every icon file, by its path from the repository root, as `npm run icons` writes them. */
export function iconFiles(): Map<string, RgbaImage> {
  const files = new Map<string, RgbaImage>([
    ['appPackage/color.png', colorIcon()],
    ['appPackage/outline.png', outlineIcon()],
  ]);
  for (const size of outlookIconSizes) {
    files.set(`src/outlook/public/icon-${size}.png`, outlookIcon(size));
  }
  return files;
}

/** Encodes every icon file for writing. */
export function encodedIconFiles(): Map<string, Buffer> {
  return new Map([...iconFiles()].map(([file, image]) => [file, encodePng(image)]));
}
