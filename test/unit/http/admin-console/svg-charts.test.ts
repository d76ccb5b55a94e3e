import { describe, expect, it } from 'vitest';
import { barChart, horizontalBars, stackedColumns } from '../../../../src/http/admin-console/svg-charts.js';

/** The drawing's plot height (HEIGHT 180 − TOP 18 − BOTTOM 24) and its baseline. */
const PLOT_H = 138;
const BASE = 156;

const rects = (svg: string) =>
  [...svg.matchAll(/<rect class="([^"]+)" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/g)].map((m) => ({
    className: m[1],
    y: Number(m[3]),
    height: Number(m[5]),
  }));

describe('SVG charts (server-rendered, no style attribute, numbers in text)', () => {
  it('draws bars scaled to the largest value, each standing on the baseline', () => {
    const svg = barChart({
      id: 'e',
      title: 'Errors',
      summary: '4 errors',
      bars: [
        { label: '409', value: 4 },
        { label: '503', value: 1, className: 's-server' },
      ],
    }).text;
    const [tall, short] = rects(svg);
    expect(tall).toEqual({ className: 'bar', y: BASE - PLOT_H, height: PLOT_H });
    expect(short).toEqual({ className: 's-server', y: BASE - PLOT_H / 4, height: PLOT_H / 4 });
    expect(svg).toContain('<svg class="chart-svg" role="img" viewBox="0 0 600 180" aria-labelledby="e-title" aria-describedby="e-summary">');
    expect(svg).toContain('<title id="e-title">Errors</title>');
    expect(svg).toContain('<h3 class="chart-title">Errors</h3>');
    expect(svg).toContain('<figcaption id="e-summary">4 errors</figcaption>');
    expect(svg).not.toContain('style=');
  });

  it('stacks the series of each minute, the fullest minute reaching the top', () => {
    const svg = stackedColumns({
      id: 'r',
      title: 'Requests',
      summary: 's',
      slots: 3,
      firstLabel: '10:00',
      lastLabel: '10:02 UTC',
      series: [
        { name: '2xx', className: 's-ok', values: [2, 0, 1] },
        { name: '4xx', className: 's-client', values: [2, 0, 0] },
      ],
    }).text;
    expect(rects(svg)).toEqual([
      { className: 's-ok', y: BASE - PLOT_H / 2, height: PLOT_H / 2 },
      { className: 's-client', y: BASE - PLOT_H, height: PLOT_H / 2 },
      { className: 's-ok', y: BASE - PLOT_H / 4, height: PLOT_H / 4 },
    ]);
    expect(svg).toContain('<span class="swatch s-client"></span>4xx</li>');
    expect(svg).toContain('>10:02 UTC</text>');
  });

  it('says there is nothing to show for an empty or all-zero series, and draws no bar', () => {
    for (const svg of [
      barChart({ id: 'e', title: 'Errors', summary: 'No errors.', bars: [] }).text,
      stackedColumns({
        id: 'r',
        title: 'R',
        summary: 's',
        slots: 60,
        firstLabel: '',
        lastLabel: '',
        series: [{ name: '2xx', className: 's-ok', values: [0, 0] }],
      }).text,
    ]) {
      expect(svg).toContain('nothing to show');
      expect(rects(svg)).toEqual([]);
      expect(svg).not.toContain('NaN');
    }
  });

  it('escapes labels, titles and summaries: a label can never become markup', () => {
    const hostile = '<script>alert(1)</script>"';
    const svg = barChart({ id: 'x', title: hostile, summary: hostile, bars: [{ label: hostile, value: 1, className: `"><script>` }] }).text;
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;');
    expect(svg).toContain('class="&quot;&gt;&lt;script&gt;"');
  });

  it('lays long labels out in rows, each bar as long as its share of the largest', () => {
    const svg = horizontalBars({
      id: 'b',
      title: 'Budgets',
      summary: 's',
      bars: [
        { label: 'GET /users', value: 10 },
        { label: 'POST /status/activate', value: 40 },
      ],
    }).text;
    // 350 units of bar space (600 − 200 for labels − 50 for the value).
    expect([...svg.matchAll(/<rect class="bar" x="200" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]))).toEqual([87.5, 350]);
    expect(svg).toContain('viewBox="0 0 600 52"');
    expect(svg).toContain('>POST /status/activate</text>');
    expect(horizontalBars({ id: 'b', title: 'Budgets', summary: 's', bars: [] }).text).toContain('nothing to show');
  });
});
