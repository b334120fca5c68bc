import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import { planStatus } from '../engine/plan-forecast.js';
import { pdfFonts } from './pdf-fonts.js';

export interface ChartImage {
  /** The chart as SVG, as ECharts draws it on the server. */
  svg: string;
  /** The same chart as PNG at twice its size (Word and PDF documents embed PNG). */
  png: Buffer;
  width: number;
  height: number;
}

const FONT = 'DejaVu Sans';

/** Draws an ECharts option on the server (no browser) to SVG, then rasterises it with DejaVu Sans. */
export function renderChart(
  option: echarts.EChartsOption,
  width: number,
  height: number,
): ChartImage {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  const fonts = pdfFonts();
  const png = new Resvg(svg, {
    fitTo: { mode: 'width', value: width * 2 },
    background: 'white',
    font: {
      fontFiles: [fonts.regular, fonts.bold],
      loadSystemFonts: false,
      defaultFontFamily: FONT,
      sansSerifFamily: FONT,
    },
  })
    .render()
    .asPng();
  return { svg, png: Buffer.from(png), width, height };
}

/** Above this many municipalities a chart shows how they are spread, not one bar each. */
export const MOST_BARS = 60;

/** Counts of values in `bins` equal bands from the lowest to the highest value. */
function histogram(values: number[], bins: number) {
  const low = Math.min(...values);
  const high = Math.max(...values);
  const step = high > low ? (high - low) / bins : 1;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    const k = Math.min(bins - 1, Math.floor((v - low) / step));
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts.map((count, i) => ({ from: low + i * step, to: low + (i + 1) * step, count }));
}

/** How many municipalities fall in each band of values: the chart for a large region. */
function distributionChart(
  values: number[],
  title: string,
  decimals: number,
  colourOf: (from: number) => string = () => '#2f6fad',
): ChartImage {
  const bands = histogram(values, 20);
  const label = (x: number) => x.toFixed(decimals).replace('.', ',');
  return renderChart(
    {
      title: { text: title, left: 'center', textStyle: { fontSize: 13, fontFamily: FONT } },
      grid: { left: 60, right: 20, top: 40, bottom: 70 },
      xAxis: {
        type: 'category',
        data: bands.map((b) => `${label(b.from)}–${label(b.to)}`),
        axisLabel: { fontSize: 9, rotate: 45, interval: 0 },
        name: 'значение',
        nameLocation: 'middle',
        nameGap: 56,
      },
      yAxis: { type: 'value', name: 'число ОМСУ', axisLabel: { fontSize: 10 } },
      series: [
        {
          type: 'bar',
          data: bands.map((b) => ({ value: b.count, itemStyle: { color: colourOf(b.from) } })),
          label: { show: true, position: 'top', fontSize: 9 },
        },
      ],
    },
    640,
    360,
  );
}

/** A horizontal bar per municipality: its score in a rating, best at the top. */
export function scoreChart(
  rows: { name: string; score: number | null }[],
  title: string,
  decimals: number,
): ChartImage {
  if (rows.length > MOST_BARS)
    return distributionChart(
      rows.flatMap((r) => (r.score === null ? [] : [r.score])),
      `${title}: распределение ОМСУ`,
      decimals,
    );
  const ordered = [...rows].reverse();
  const height = Math.max(240, 40 + ordered.length * 16);
  return renderChart(
    {
      title: { text: title, left: 'center', textStyle: { fontSize: 13, fontFamily: FONT } },
      grid: { left: 190, right: 50, top: 36, bottom: 24 },
      xAxis: { type: 'value', axisLabel: { fontSize: 10 } },
      yAxis: {
        type: 'category',
        data: ordered.map((r) => r.name),
        axisLabel: { fontSize: 10, interval: 0 },
      },
      series: [
        {
          type: 'bar',
          data: ordered.map((r) => r.score),
          itemStyle: { color: '#2f6fad' },
          label: {
            show: true,
            position: 'right',
            fontSize: 9,
            formatter: (p) =>
              typeof p.value === 'number' ? p.value.toFixed(decimals).replace('.', ',') : '',
          },
        },
      ],
    },
    640,
    height,
  );
}

const STATUS_COLOURS = { 'on-track': '#2e7d32', 'at-risk': '#f9a825', 'off-track': '#c62828' };

/** A forecast's colour by the plan status it earns (grey without a forecast). */
const statusColour = (percent: number | null): string => {
  const status = planStatus(percent);
  return status === null ? '#999999' : STATUS_COLOURS[status];
};

/** Plan execution by municipality: the year-end forecast in per cent of the year's plan, with the 80 % and 100 % lines. */
export function forecastChart(rows: { name: string; percent: number | null }[]): ChartImage {
  if (rows.length > MOST_BARS)
    return distributionChart(
      rows.flatMap((r) => (r.percent === null ? [] : [Math.min(r.percent, 300)])),
      'Прогноз выполнения плана на конец года, % от плана: распределение ОМСУ',
      0,
      statusColour,
    );
  const height = Math.max(200, 60 + rows.length * 22);
  return renderChart(
    {
      title: {
        text: 'Прогноз выполнения плана на конец года, % от плана',
        left: 'center',
        textStyle: { fontSize: 13, fontFamily: FONT },
      },
      grid: { left: 190, right: 60, top: 56, bottom: 24 },
      xAxis: { type: 'value', axisLabel: { fontSize: 10, formatter: '{value} %' } },
      yAxis: {
        type: 'category',
        data: rows.map((r) => r.name).reverse(),
        axisLabel: { fontSize: 10, interval: 0 },
      },
      series: [
        {
          type: 'bar',
          data: rows
            .map((r) => ({
              value: r.percent,
              itemStyle: {
                color: statusColour(r.percent),
              },
            }))
            .reverse(),
          label: {
            show: true,
            position: 'right',
            fontSize: 9,
            formatter: (p) => (typeof p.value === 'number' ? `${Math.round(p.value)} %` : ''),
          },
          markLine: {
            symbol: 'none',
            label: { formatter: '{c} %', fontSize: 9 },
            lineStyle: { color: '#555555', type: 'dashed' },
            data: [{ xAxis: 80 }, { xAxis: 100 }],
          },
        },
      ],
    },
    640,
    height,
  );
}
