/**
 * A small registry of Prometheus metrics written in the text exposition format (version
 * 0.0.4): counters, histograms and gauges read when scraped. Label values are escaped; each
 * metric's series are printed in the order they first appeared.
 */
type Labels = Readonly<Record<string, string>>;

const escapeLabel = (v: string) =>
  v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

function labelText(labels: Labels, extra?: [string, string]): string {
  const pairs = Object.entries(labels);
  if (extra) pairs.push(extra);
  return pairs.length === 0
    ? ''
    : `{${pairs.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
}

const seriesKey = (labels: Labels) => JSON.stringify(Object.entries(labels).sort());

/** Prometheus prints +Inf, -Inf and NaN by those names; other numbers as JavaScript does. */
const numberText = (n: number) => (n === Infinity ? '+Inf' : n === -Infinity ? '-Inf' : String(n));

interface Metric {
  render(): string[];
}

export class Counter implements Metric {
  readonly #series = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = seriesKey(labels);
    const s = this.#series.get(key) ?? { labels, value: 0 };
    s.value += by;
    this.#series.set(key, s);
  }

  value(labels: Labels = {}): number {
    return this.#series.get(seriesKey(labels))?.value ?? 0;
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const s of this.#series.values())
      lines.push(`${this.name}${labelText(s.labels)} ${numberText(s.value)}`);
    return lines;
  }
}

export class Histogram implements Metric {
  readonly #series = new Map<
    string,
    { labels: Labels; counts: number[]; sum: number; count: number }
  >();
  constructor(
    readonly name: string,
    readonly help: string,
    /** Upper bounds, ascending; +Inf is added. */
    readonly buckets: readonly number[],
  ) {}

  observe(labels: Labels, value: number): void {
    const key = seriesKey(labels);
    let s = this.#series.get(key);
    if (!s) {
      s = { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.#series.set(key, s);
    }
    const counts = s.counts;
    this.buckets.forEach((le, k) => {
      if (value <= le) counts[k] = (counts[k] ?? 0) + 1;
    });
    s.sum += value;
    s.count += 1;
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const s of this.#series.values()) {
      this.buckets.forEach((le, k) => {
        lines.push(
          `${this.name}_bucket${labelText(s.labels, ['le', numberText(le)])} ${s.counts[k]}`,
        );
      });
      lines.push(`${this.name}_bucket${labelText(s.labels, ['le', '+Inf'])} ${s.count}`);
      lines.push(`${this.name}_sum${labelText(s.labels)} ${numberText(s.sum)}`);
      lines.push(`${this.name}_count${labelText(s.labels)} ${s.count}`);
    }
    return lines;
  }
}

/** A gauge whose series are read at each scrape. */
export class Gauge implements Metric {
  constructor(
    readonly name: string,
    readonly help: string,
    readonly read: () => readonly { labels?: Labels; value: number }[],
  ) {}

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`];
    for (const s of this.read())
      lines.push(`${this.name}${labelText(s.labels ?? {})} ${numberText(s.value)}`);
    return lines;
  }
}

/** The exposition text of metrics, in order, ending with a newline. */
export function renderMetrics(metrics: readonly Metric[]): string {
  return `${metrics.flatMap((m) => m.render()).join('\n')}\n`;
}
