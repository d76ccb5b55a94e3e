/** One sample of a Prometheus text exposition. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Reads the Prometheus text format strictly: anything but HELP, TYPE and well-formed samples fails the test. */
export function parseExposition(text: string): { types: Map<string, string>; samples: Sample[] } {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n').filter((l) => l !== '')) {
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type?.[1] && type[2]) types.set(type[1], type[2]);
    if (type || /^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* /.test(line)) continue;
    const s = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!s?.[1] || !s[3]) throw new Error(`not an exposition line: ${line}`);
    const labels = Object.fromEntries([...(s[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    samples.push({ name: s[1], labels, value: Number(s[3]) });
  }
  return { types, samples };
}

const sorted = (labels: Record<string, string>) => JSON.stringify(Object.entries(labels).sort());

/** The sample of `name` with exactly these labels, in any order. */
export const valueOf = (samples: Sample[], name: string, labels: Record<string, string>): number | undefined =>
  samples.find((s) => s.name === name && sorted(s.labels) === sorted(labels))?.value;
