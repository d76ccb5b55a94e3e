import { html, type Html } from './html.js';

/**
 * Charts as server-rendered SVG markup: no script, and no inline style (the console's CSP forbids both), so colours
 * come from classes in the stylesheet. Each chart is an image to assistive technology, named by its `<title>` and
 * described by the visible sentence under it, which carries the numbers. The title shows above it too, as a heading.
 */

const WIDTH = 600;
const HEIGHT = 180;
const LEFT = 40;
const TOP = 18;
const BOTTOM = 24;
const PLOT_W = WIDTH - LEFT - 10;
const PLOT_H = HEIGHT - TOP - BOTTOM;

/** One decimal place is all a 600-unit-wide drawing can show. */
const px = (n: number): number => Math.round(n * 10) / 10;

export interface ChartFrame {
  /** Unique on the page: the ids of the title and summary derive from it. */
  id: string;
  title: string;
  /** The numbers in a sentence, shown under the chart and read as its description. */
  summary: string;
}

/** A series of a stacked column chart: one value per slot (minute), drawn in its class's colour. */
export interface StackedSeries {
  name: string;
  className: string;
  values: readonly number[];
}

export interface Bar {
  label: string;
  value: number;
  className?: string;
}

function figure(frame: ChartFrame, max: number, body: Html, below: Html | false): Html {
  const empty = max === 0;
  return html`<figure class="chart">
    <h3 class="chart-title">${frame.title}</h3>
    <svg class="chart-svg" role="img" viewBox="0 0 ${WIDTH} ${HEIGHT}" aria-labelledby="${frame.id}-title" aria-describedby="${frame.id}-summary">
      <title id="${frame.id}-title">${frame.title}</title>
      <line class="axis" x1="${LEFT}" y1="${TOP + PLOT_H}" x2="${LEFT + PLOT_W}" y2="${TOP + PLOT_H}" />
      ${
        empty
          ? html`<text class="tick" x="${LEFT + PLOT_W / 2}" y="${TOP + PLOT_H / 2}" text-anchor="middle">nothing to show</text>`
          : html`<text class="tick" x="${LEFT - 6}" y="${TOP + 4}" text-anchor="end">${max}</text>
              <text class="tick" x="${LEFT - 6}" y="${TOP + PLOT_H}" text-anchor="end">0</text>
              ${body}`
      }
    </svg>
    ${below}
    <figcaption id="${frame.id}-summary">${frame.summary}</figcaption>
  </figure>`;
}

/** Columns per slot (a minute), each stacked from its series in order, scaled to the tallest column. */
export function stackedColumns(frame: ChartFrame & { series: readonly StackedSeries[]; slots: number; firstLabel: string; lastLabel: string }): Html {
  const totals = Array.from({ length: frame.slots }, (_, i) => frame.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const max = Math.max(0, ...totals);
  const slotW = PLOT_W / Math.max(1, frame.slots);
  const rects: Html[] = [];
  for (let i = 0; i < frame.slots; i++) {
    let base = TOP + PLOT_H;
    for (const s of frame.series) {
      const value = s.values[i] ?? 0;
      if (value <= 0) continue;
      const h = (value / max) * PLOT_H;
      base -= h;
      rects.push(
        html`<rect class="${s.className}" x="${px(LEFT + i * slotW + 0.5)}" y="${px(base)}" width="${px(Math.max(1, slotW - 1))}" height="${px(h)}" />`,
      );
    }
  }
  const labels = html`<text class="tick" x="${LEFT}" y="${HEIGHT - 6}">${frame.firstLabel}</text>
    <text class="tick" x="${LEFT + PLOT_W}" y="${HEIGHT - 6}" text-anchor="end">${frame.lastLabel}</text>`;
  const legend = html`<ul class="legend">
    ${frame.series.map((s) => html`<li><span class="swatch ${s.className}"></span>${s.name}</li>`)}
  </ul>`;
  return figure(frame, max, html`${rects}${labels}`, frame.series.length > 0 && legend);
}

/** One bar per label, scaled to the largest, its value above it and its label below. */
export function barChart(frame: ChartFrame & { bars: readonly Bar[] }): Html {
  const max = Math.max(0, ...frame.bars.map((b) => b.value));
  const slotW = PLOT_W / Math.max(1, frame.bars.length);
  const barW = Math.min(60, slotW * 0.7);
  const bars = frame.bars.map((b, i) => {
    const h = max === 0 ? 0 : (Math.max(0, b.value) / max) * PLOT_H;
    const x = LEFT + i * slotW + (slotW - barW) / 2;
    const y = TOP + PLOT_H - h;
    return html`<rect class="${b.className ?? 'bar'}" x="${px(x)}" y="${px(y)}" width="${px(barW)}" height="${px(h)}" />
      <text class="tick" x="${px(x + barW / 2)}" y="${px(y - 4)}" text-anchor="middle">${b.value}</text>
      <text class="tick" x="${px(x + barW / 2)}" y="${HEIGHT - 6}" text-anchor="middle">${b.label}</text>`;
  });
  return figure(frame, max, html`${bars}`, false);
}

const ROW_H = 22;
const LABEL_W = 200;

/** One row per bar, for labels too long to stand under a column (endpoints): label left, bar scaled to the largest. */
export function horizontalBars(frame: ChartFrame & { bars: readonly Bar[] }): Html {
  const max = Math.max(0, ...frame.bars.map((b) => b.value));
  const height = Math.max(1, frame.bars.length) * ROW_H + 8;
  const barSpace = WIDTH - LABEL_W - 50;
  const rows = frame.bars.map((b, i) => {
    const y = 4 + i * ROW_H;
    const w = max === 0 ? 0 : (Math.max(0, b.value) / max) * barSpace;
    return html`<text class="tick" x="${LABEL_W - 6}" y="${y + 14}" text-anchor="end">${b.label}</text>
      <rect class="${b.className ?? 'bar'}" x="${LABEL_W}" y="${y + 2}" width="${px(w)}" height="${ROW_H - 6}" />
      <text class="tick" x="${px(LABEL_W + w + 4)}" y="${y + 14}">${b.value}</text>`;
  });
  return html`<figure class="chart">
    <h3 class="chart-title">${frame.title}</h3>
    <svg class="chart-svg" role="img" viewBox="0 0 ${WIDTH} ${height}" aria-labelledby="${frame.id}-title" aria-describedby="${frame.id}-summary">
      <title id="${frame.id}-title">${frame.title}</title>
      ${max === 0 ? html`<text class="tick" x="${WIDTH / 2}" y="${height / 2 + 4}" text-anchor="middle">nothing to show</text>` : rows}
    </svg>
    <figcaption id="${frame.id}-summary">${frame.summary}</figcaption>
  </figure>`;
}
