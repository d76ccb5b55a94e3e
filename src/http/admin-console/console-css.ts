/**
 * The console's one stylesheet, served as a file (`/admin/console/console.css`): the Content-Security-Policy allows
 * no inline style. Kept in a module rather than a .css file so `npm run build` carries it into dist/ unchanged.
 * Colours keep a contrast of at least 4.5:1 against their background (WCAG AA).
 */
export const CONSOLE_CSS = `
:root { color-scheme: light; --fg: #1b1f24; --muted: #4a5361; --line: #c9ced6; --accent: #0b4fb3; --bad: #9b1c1c; --bg-soft: #f3f5f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: #fff; }
a { color: var(--accent); }
a:focus, button:focus, input:focus, textarea:focus { outline: 3px solid #f0a500; outline-offset: 2px; }
.skip { position: absolute; left: -10000px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; justify-content: space-between; padding: .75rem 1.5rem; border-bottom: 1px solid var(--line); background: var(--bg-soft); }
.brand { margin: 0; font-weight: 700; }
header nav a { margin-right: 1rem; }
.sign-out { display: flex; gap: .75rem; align-items: center; margin: 0; }
main { padding: 1rem 1.5rem 3rem; max-width: 72rem; }
h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 0 0 .5rem; }
h4 { font-size: .95rem; margin: .75rem 0 .25rem; }
table { border-collapse: collapse; margin: .5rem 0; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .6rem; text-align: left; vertical-align: top; }
thead th { background: var(--bg-soft); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .9em; overflow-wrap: anywhere; }
label { display: block; font-weight: 600; }
label.inline { display: inline; margin-left: .35rem; }
input, textarea { font: inherit; padding: .35rem .5rem; border: 1px solid #6b7380; border-radius: 4px; }
button { font: inherit; padding: .35rem .9rem; border: 1px solid var(--accent); border-radius: 4px; background: var(--accent); color: #fff; cursor: pointer; }
.stack { display: grid; gap: .5rem; max-width: 24rem; }
.search { display: flex; flex-wrap: wrap; gap: 1rem; align-items: end; margin: 1rem 0; }
.error { color: var(--bad); border: 1px solid var(--bad); padding: .5rem .75rem; border-radius: 4px; }
.muted, .hint { color: var(--muted); }
.health, .facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
.health dt, .facts dt { font-weight: 600; }
.health dd, .facts dd { margin: 0; }
.entry { border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; margin: 1rem 0; }
.calls { margin: 0; padding-left: 1.25rem; }
.ids { font-weight: 400; color: var(--muted); }
.charts { display: grid; gap: 1.5rem; }
.chart { margin: 0; max-width: 40rem; }
.chart-svg { display: block; width: 100%; height: auto; }
.chart .axis { stroke: #6b7380; stroke-width: 1; }
.chart .tick { fill: var(--muted); font-size: 11px; }
.legend { display: flex; flex-wrap: wrap; gap: 1rem; list-style: none; margin: .25rem 0; padding: 0; }
.swatch { display: inline-block; width: .8rem; height: .8rem; margin-right: .35rem; vertical-align: middle; }
.bar { fill: var(--accent); background: var(--accent); }
.s-ok { fill: #1a7f37; background: #1a7f37; }
.s-redirect { fill: #6b7380; background: #6b7380; }
.s-client { fill: #b35900; background: #b35900; }
.s-server { fill: var(--bad); background: var(--bad); }
.s-none { fill: #6f42c1; background: #6f42c1; }
`;
