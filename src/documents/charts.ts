import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
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

/** A horizontal bar per municipality: its score in a rating, best at the top. */
export function scoreChart(
  rows: { name: string; score: number | null }[],
  title: string,
  decimals: number,
): ChartImage {
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

/** Plan execution by municipality: the year-end forecast in per cent of the year's plan, with the 80 % and 100 % lines. */
export function forecastChart(rows: { name: string; percent: number | null }[]): ChartImage {
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
                color:
                  r.percent === null
                    ? '#999999'
                    : r.percent >= 100
                      ? '#2e7d32'
                      : r.percent >= 80
                        ? '#f9a825'
                        : '#c62828',
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
