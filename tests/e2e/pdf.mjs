// Reading the PDFs the briefing prints to, with Debian's poppler-utils (pdfinfo,
// pdftotext, pdftoppm; installed by scripts/setup.sh): its page count and size, its
// text, and a page drawn as an image to look at and to measure.

import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** `{ pages, width, height }` of a PDF file, sizes in points (1/72 inch). */
export async function pdfInfo(path) {
  const { stdout } = await run('pdfinfo', [path]);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(stdout);
  return { pages, width: Number(size?.[1]), height: Number(size?.[2]) };
}

/** The text of a PDF, one string per page (pdftotext separates pages by form feeds). */
export async function pdfPageTexts(path) {
  const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout.split('\f').filter((page, i, all) => i < all.length - 1 || page.trim() !== '');
}

/**
 * Draws page `page` (1-based) of a PDF as a PNG at `dpi` into `pngStem + '.png'`, and
 * measures it in grey: the share of pixels that are ink (darker than mid-grey), so a
 * blank or washed-out page shows.
 */
export async function renderPdfPage(path, page, pngStem, dpi = 60) {
  const pages = ['-f', String(page), '-l', String(page), '-singlefile'];
  await run('pdftoppm', [...pages, '-r', String(dpi), '-png', path, pngStem]);
  await run('pdftoppm', [...pages, '-r', String(dpi), '-gray', path, pngStem]);
  const grey = await readFile(`${pngStem}.pgm`);
  await rm(`${pngStem}.pgm`);
  return { png: `${pngStem}.png`, ...inkShare(grey) };
}

/** Width, height and the share of dark pixels of a binary greymap (P5, 8-bit). */
function inkShare(pgm) {
  // Header: "P5" whitespace width whitespace height whitespace maxval, one whitespace.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not write a P5 greymap');
  const [width, height, maxval] = header.slice(1).map(Number);
  const start = header[0].length;
  const pixels = pgm.subarray(start, start + width * height);
  let dark = 0;
  for (const value of pixels) if (value < maxval / 2) dark += 1;
  return { width, height, ink: dark / pixels.length };
}
