import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { OTHER_BENCHMARKS_MARKER } from './report.js';

/** The comments a section of BENCHMARKS.md below {@link OTHER_BENCHMARKS_MARKER} starts and ends with. */
export interface SectionMarkers {
  start: string;
  end: string;
  /** Where a section written for the first time goes: after this (another section's end) if present, else below the marker. */
  after?: string;
}

/**
 * Put a section (its markers included) into BENCHMARKS.md: in place of its previous version, else where `after`
 * says; everything else stays as it is. A file without the marker gets one, as `writeBenchmarksFile` would add it.
 */
export function writeMarkedSection(path: string, markers: SectionMarkers, section: string): void {
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const marker = existing.indexOf(OTHER_BENCHMARKS_MARKER);
  const start = existing.indexOf(markers.start, Math.max(marker, 0));
  const end = start >= 0 ? existing.indexOf(markers.end, start) : -1;
  if (marker >= 0 && start >= 0 && end >= 0) {
    writeFileSync(path, existing.slice(0, start) + section + existing.slice(end + markers.end.length));
    return;
  }
  const after = marker >= 0 && markers.after ? existing.indexOf(markers.after, marker) : -1;
  if (markers.after && after >= 0) {
    const cut = after + markers.after.length;
    writeFileSync(path, `${existing.slice(0, cut)}\n\n${section}${existing.slice(cut)}`);
    return;
  }
  const head = marker >= 0 ? existing.slice(0, marker) : '';
  const rest = (marker >= 0 ? existing.slice(marker + OTHER_BENCHMARKS_MARKER.length) : existing).replace(/^\n+/, '');
  writeFileSync(path, `${head}${OTHER_BENCHMARKS_MARKER}\n\n${section}\n${rest ? `\n${rest}` : ''}`);
}
